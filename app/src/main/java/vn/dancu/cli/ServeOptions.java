package vn.dancu.cli;

import picocli.CommandLine.Option;
import vn.dancu.api.access.RateLimits;
import vn.dancu.api.access.TrustedProxies;
import vn.dancu.api.audit.AuditLog;

import java.util.ArrayList;
import java.util.List;

/** The network, rate-limit and audit options {@code serve} and {@code demo} share. */
public final class ServeOptions
{
    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = {"Address to listen on. Default: ${DEFAULT-VALUE} (this machine only: put a TLS reverse proxy in front, see docs/deployment.md).",
                    "0.0.0.0 or :: listen on every interface (plain HTTP)"})
    String bind;

    @Option(names = "--trusted-proxy", paramLabel = "ADDRESS", split = ",",
            description = {"A reverse proxy (IP address or network, e.g. 127.0.0.1 or 10.0.0.0/8; repeatable) whose X-Forwarded-For and",
                    "X-Forwarded-Proto headers are believed: the client address for rate limits and the audit, HTTPS for Secure cookies and HSTS.",
                    "Default: none (the headers are ignored)"})
    List<String> trustedProxies = new ArrayList<>();

    @Option(names = "--rate-limit", paramLabel = "PER_SECOND", defaultValue = "50",
            description = "API requests per second of an anonymous client address (0: no limit). Default: ${DEFAULT-VALUE}")
    double rateLimit;

    @Option(names = "--rate-burst", paramLabel = "N", defaultValue = "500",
            description = "Requests an anonymous client address may make at once before --rate-limit applies. Default: ${DEFAULT-VALUE}")
    int rateBurst;

    @Option(names = "--account-rate-limit", paramLabel = "PER_SECOND", defaultValue = "20",
            description = "API requests per second of one account, session or token (0: no limit). Default: ${DEFAULT-VALUE}")
    double accountRateLimit;

    @Option(names = "--account-rate-burst", paramLabel = "N", defaultValue = "400",
            description = "Requests an account may make at once before --account-rate-limit applies. Default: ${DEFAULT-VALUE}")
    int accountRateBurst;

    @Option(names = "--login-rate-limit", paramLabel = "PER_MINUTE", defaultValue = "10",
            description = "Login attempts per minute of one client address, whatever the account (0: no limit). Default: ${DEFAULT-VALUE}")
    int loginRateLimit;

    @Option(names = "--audit-segment-mb", paramLabel = "MB", defaultValue = "64",
            description = "The audit log starts a new file each day and when the current one reaches this size. Default: ${DEFAULT-VALUE}")
    long auditSegmentMegabytes;

    @Option(names = "--audit-zone", paramLabel = "ZONE", defaultValue = "Asia/Ho_Chi_Minh",
            description = "The time zone whose midnight starts a new audit log file. Default: ${DEFAULT-VALUE}")
    String auditZone;

    @picocli.CommandLine.Mixin
    DeliveryOptions deliveries = new DeliveryOptions();

    /** Where the server's state lives (--state-db, --state-db-user). */
    @picocli.CommandLine.Mixin
    StateOptions state = new StateOptions();

    RateLimits rateLimits()
    {
        try {
            return new RateLimits(new RateLimits.Limit(rateLimit, rateBurst), new RateLimits.Limit(accountRateLimit, accountRateBurst),
                    new RateLimits.Limit(loginRateLimit / 60.0, loginRateLimit));
        }
        catch (IllegalArgumentException e) {
            throw new Dancu.CommandFailure("invalid rate limit: " + e.getMessage(), 2);
        }
    }

    TrustedProxies proxies()
    {
        try {
            return TrustedProxies.parse(trustedProxies);
        }
        catch (IllegalArgumentException e) {
            throw new Dancu.CommandFailure("invalid value for option '--trusted-proxy': " + e.getMessage(), 2);
        }
    }

    AuditLog.Options audit()
    {
        if (auditSegmentMegabytes < 1 || auditSegmentMegabytes > 1 << 20) {
            throw new Dancu.CommandFailure("invalid value for option '--audit-segment-mb': must be from 1 to 1048576, was " + auditSegmentMegabytes, 2);
        }
        java.time.ZoneId zone;
        try {
            zone = java.time.ZoneId.of(auditZone);
        }
        catch (java.time.DateTimeException e) {
            throw new Dancu.CommandFailure("invalid value for option '--audit-zone': '" + auditZone + "' is not a time zone (e.g. Asia/Ho_Chi_Minh, UTC)", 2);
        }
        AuditLog.Options server = AuditLog.Options.server();
        return new AuditLog.Options(auditSegmentMegabytes << 20, zone, server.background(), server.verifyEvery());
    }

    /** The defaults, for callers that start a server without a command line. */
    static ServeOptions defaults()
    {
        ServeOptions options = new ServeOptions();
        options.bind = "127.0.0.1";
        options.rateLimit = 50;
        options.rateBurst = 500;
        options.accountRateLimit = 20;
        options.accountRateBurst = 400;
        options.loginRateLimit = 10;
        options.auditSegmentMegabytes = 64;
        options.auditZone = "Asia/Ho_Chi_Minh";
        return options;
    }
}
