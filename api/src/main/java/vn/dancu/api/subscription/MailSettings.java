package vn.dancu.api.subscription;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The SMTP server deliveries are e-mailed through ({@code ./dancu serve --smtp-host --smtp-port --smtp-from}; the
 * user and password come from the environment, {@code DANCU_SMTP_USER} and {@code DANCU_SMTP_PASSWORD}, never from
 * the command line). STARTTLS is used when the server offers it.
 */
public record MailSettings(String host, int port, String from, Optional<String> user, Optional<String> password)
{
    public MailSettings
    {
        requireNonNull(host, "host is null");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the SMTP port must be between 1 and 65535, was " + port);
        }
        requireNonNull(from, "from is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
    }
}
