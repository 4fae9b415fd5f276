package vn.dancu.cli;

import picocli.CommandLine.Option;
import vn.dancu.api.subscription.MailSettings;
import vn.dancu.api.subscription.SmtpMailer;

import java.time.Duration;
import java.util.Optional;

/**
 * How subscriptions are delivered ({@code serve} and {@code demo}): how often the published version is checked, and
 * the SMTP server deliveries are e-mailed through. The SMTP user and password come from the environment
 * ({@code DANCU_SMTP_USER}, {@code DANCU_SMTP_PASSWORD}), never from the command line (other users see it in ps).
 */
public final class DeliveryOptions
{
    @Option(names = "--delivery-check", paramLabel = "SECONDS", defaultValue = "60",
            description = "How often the server checks for a new cube version to deliver subscriptions at. Default: ${DEFAULT-VALUE}")
    long checkSeconds = 60;

    @Option(names = "--smtp-host", paramLabel = "HOST",
            description = {"SMTP server that e-mails deliveries to the addresses of subscriptions. Default: none (deliveries are only listed).",
                    "User and password, if the server needs them: environment variables DANCU_SMTP_USER and DANCU_SMTP_PASSWORD"})
    String smtpHost;

    @Option(names = "--smtp-port", paramLabel = "PORT", defaultValue = "25", description = "Port of the SMTP server (STARTTLS when it offers it). Default: ${DEFAULT-VALUE}")
    int smtpPort = 25;

    @Option(names = "--smtp-from", paramLabel = "ADDRESS", description = "Sender address of the e-mails (required with --smtp-host)")
    String smtpFrom;

    Duration check()
    {
        if (checkSeconds < 1 || checkSeconds > 86_400) {
            throw new Dancu.CommandFailure("invalid value for option '--delivery-check': must be from 1 to 86400 seconds, was " + checkSeconds, 2);
        }
        return Duration.ofSeconds(checkSeconds);
    }

    Optional<MailSettings> mail()
    {
        if (smtpHost == null || smtpHost.isBlank()) {
            if (smtpFrom != null) {
                throw new Dancu.CommandFailure("--smtp-from needs --smtp-host", 2);
            }
            return Optional.empty();
        }
        if (smtpFrom == null || !SmtpMailer.validAddress(smtpFrom)) {
            throw new Dancu.CommandFailure("invalid value for option '--smtp-from': " + (smtpFrom == null ? "missing; --smtp-host needs a sender address"
                    : "'" + smtpFrom + "' is not an e-mail address"), 2);
        }
        if (smtpPort < 1 || smtpPort > 65535) {
            throw new Dancu.CommandFailure("invalid value for option '--smtp-port': must be from 1 to 65535, was " + smtpPort, 2);
        }
        return Optional.of(new MailSettings(smtpHost.strip(), smtpPort, smtpFrom, Optional.ofNullable(System.getenv("DANCU_SMTP_USER")),
                Optional.ofNullable(System.getenv("DANCU_SMTP_PASSWORD"))));
    }
}
