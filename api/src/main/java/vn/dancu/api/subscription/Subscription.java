package vn.dancu.api.subscription;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A standing order of a user: at each new cube version, the saved table {@code savedTableId} (in the export formats
 * {@code formats}) or the report {@code report} (in the report formats), generated as the user and listed in their
 * deliveries; also e-mailed to {@code email} when the server has an SMTP server.
 *
 * @param createdVersion the cube version current when the subscription was made: the first delivery is at the next one
 */
public record Subscription(long id, String owner, Optional<Long> savedTableId, Optional<ReportSubscription> report, List<String> formats,
        Optional<String> email, String createdVersion, Instant createdAt)
{
    public Subscription
    {
        requireNonNull(owner, "owner is null");
        requireNonNull(savedTableId, "savedTableId is null");
        requireNonNull(report, "report is null");
        if (savedTableId.isPresent() == report.isPresent()) {
            throw new IllegalArgumentException("a subscription is of a saved table or of a report");
        }
        formats = List.copyOf(formats);
        requireNonNull(email, "email is null");
        requireNonNull(createdVersion, "createdVersion is null");
        requireNonNull(createdAt, "createdAt is null");
    }

    public String kind()
    {
        return savedTableId.isPresent() ? "table" : "report";
    }
}
