package vn.dancu.api.subscription;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What one subscription gave at one cube version: its files, or why there are none.
 *
 * @param outcome    {@code delivered} or {@code failed}
 * @param reason     why it failed (the API's error title, e.g. a report period the version lacks)
 * @param mailStatus {@code sent}, {@code failed} (see {@code mailError}; the files are still listed), {@code sending}
 *                   (for the moment it takes) or {@code none} (no address, no SMTP server, or nothing to send)
 */
public record Delivery(long id, long subscriptionId, String owner, String title, String version, String outcome, Optional<String> reason,
        List<DeliveredFile> files, String mailStatus, Optional<String> mailError, Instant deliveredAt)
{
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";
    public static final String MAIL_SENT = "sent";
    public static final String MAIL_FAILED = "failed";
    public static final String MAIL_NONE = "none";
    public static final String MAIL_SENDING = "sending";

    public Delivery
    {
        requireNonNull(owner, "owner is null");
        requireNonNull(title, "title is null");
        requireNonNull(version, "version is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(reason, "reason is null");
        files = List.copyOf(files);
        requireNonNull(mailStatus, "mailStatus is null");
        requireNonNull(mailError, "mailError is null");
        requireNonNull(deliveredAt, "deliveredAt is null");
    }

    /** One file of a delivery: its format code and its file name. */
    public record DeliveredFile(String format, String name, String contentType)
    {
        public DeliveredFile
        {
            requireNonNull(format, "format is null");
            requireNonNull(name, "name is null");
            requireNonNull(contentType, "contentType is null");
        }

        String stored()
        {
            return format + "\t" + name + "\t" + contentType;
        }

        static List<DeliveredFile> parse(String stored)
        {
            return stored.isEmpty() ? List.of() : stored.lines().map(line -> line.split("\t", 3))
                    .map(parts -> new DeliveredFile(parts[0], parts[1], parts[2])).toList();
        }
    }
}
