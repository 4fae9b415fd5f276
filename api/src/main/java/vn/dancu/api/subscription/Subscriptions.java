package vn.dancu.api.subscription;

import vn.dancu.api.access.Caller;
import vn.dancu.api.access.Role;
import vn.dancu.api.error.ApiException;
import vn.dancu.api.export.ExportFormat;
import vn.dancu.api.saved.SavedTables;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * What a signed-in user may do with subscriptions and deliveries: subscribe to a saved table of their own or to a
 * report (planners and above), list and delete their own, list and download their deliveries. An admin lists every
 * subscription and delivery and deletes any subscription. Another user's subscription or delivery answers 404.
 */
public final class Subscriptions
{
    /** The formats a delivered file may have: the export formats of a table, and those of a report. */
    public static final List<String> FILE_FORMATS = java.util.stream.Stream.concat(ExportFormat.codes().stream(), ReportSubscription.FORMATS.stream())
            .distinct().toList();

    private final SubscriptionStore store;
    private final SavedTables tables;
    private final DeliveryFiles files;
    private final Supplier<String> version;
    private final Clock clock;

    public Subscriptions(SubscriptionStore store, SavedTables tables, DeliveryFiles files, Supplier<String> version, Clock clock)
    {
        this.store = requireNonNull(store, "store is null");
        this.tables = requireNonNull(tables, "tables is null");
        this.files = requireNonNull(files, "files is null");
        this.version = requireNonNull(version, "version is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** A subscription to a saved table of the caller's, in export formats. */
    public Subscription subscribeToTable(Caller caller, long savedTableId, List<String> formats, Optional<String> email)
    {
        String owner = signedIn(caller);
        List<String> checked = formats(formats, ExportFormat.codes());
        Optional<String> address = email(email);
        tables.own(caller, savedTableId);
        return store.create(owner, Optional.of(savedTableId), Optional.empty(), checked, address, version.get(), clock.instant());
    }

    /** A subscription to a report, in report formats; for planners, leaders, statisticians and admins. */
    public Subscription subscribeToReport(Caller caller, ReportSubscription report, List<String> formats, Optional<String> email)
    {
        String owner = signedIn(caller);
        if (caller.role() == Role.VIEWER) {
            throw ApiException.forbidden("reports are for planners, leaders and statisticians; the role of " + caller.name() + " is viewer");
        }
        List<String> checked = formats(formats, ReportSubscription.FORMATS);
        Optional<String> address = email(email);
        return store.create(owner, Optional.empty(), Optional.of(report), checked, address, version.get(), clock.instant());
    }

    public List<Subscription> list(Caller caller)
    {
        return store.list(Optional.of(signedIn(caller)));
    }

    /** Every subscription, for an admin. */
    public List<Subscription> all(Caller caller)
    {
        signedIn(caller);
        if (!caller.role().administers()) {
            throw ApiException.forbidden("the list of every subscription is for admins");
        }
        return store.list(Optional.empty());
    }

    /** Deletes the caller's subscription (an admin: anyone's); its deliveries stay listed. */
    public void delete(Caller caller, long id)
    {
        signedIn(caller);
        Subscription subscription = store.find(id)
                .filter(found -> found.owner().equals(caller.username()) || caller.role().administers())
                .orElseThrow(() -> ApiException.notFound("subscription " + id, List.of()));
        store.delete(subscription.id());
    }

    /** The caller's deliveries, newest first; an admin's list holds everyone's. */
    public List<Delivery> deliveries(Caller caller)
    {
        signedIn(caller);
        return store.deliveries(caller.role().administers() ? Optional.empty() : Optional.of(caller.username()));
    }

    /** A delivered file of the caller's (an admin: anyone's), in {@code format} or the delivery's first. */
    public DeliveredPath file(Caller caller, long id, Optional<String> format)
    {
        if (format.isPresent() && !FILE_FORMATS.contains(format.get())) {
            throw ApiException.badParameter("format", "'" + format.get() + "' is not allowed", FILE_FORMATS);
        }
        signedIn(caller);
        Delivery delivery = store.delivery(id)
                .filter(found -> found.owner().equals(caller.username()) || caller.role().administers())
                .orElseThrow(() -> ApiException.notFound("delivery " + id, List.of()));
        if (delivery.files().isEmpty()) {
            throw ApiException.notFound("a file of delivery " + id + " (it failed: " + delivery.reason().orElse("no files") + ")", List.of());
        }
        List<String> formats = delivery.files().stream().map(Delivery.DeliveredFile::format).toList();
        Delivery.DeliveredFile file = format.map(code -> delivery.files().stream().filter(f -> f.format().equals(code)).findFirst()
                        .orElseThrow(() -> ApiException.badParameter("format", "'" + code + "' is not a format of delivery " + id, formats)))
                .orElse(delivery.files().get(0));
        Path path = files.file(delivery.owner(), delivery.id(), file.name())
                .orElseThrow(() -> ApiException.notFound("the file " + file.name() + " of delivery " + id + " (it was removed from the server)", List.of()));
        return new DeliveredPath(delivery, file, path);
    }

    /** A delivered file on disk. */
    public record DeliveredPath(Delivery delivery, Delivery.DeliveredFile file, Path path) {}

    private static String signedIn(Caller caller)
    {
        if (caller.anonymousVisitor()) {
            throw ApiException.unauthorized("subscriptions belong to an account: log in (POST /api/v1/auth/login) or send an API token");
        }
        return caller.username();
    }

    private static List<String> formats(List<String> formats, List<String> allowed)
    {
        if (formats == null || formats.isEmpty()) {
            throw ApiException.badParameter("formats", "missing; give at least one format", allowed);
        }
        for (String format : formats) {
            if (!allowed.contains(format)) {
                throw ApiException.badParameter("formats", "'" + format + "' is not allowed", allowed);
            }
        }
        if (new HashSet<>(formats).size() != formats.size()) {
            throw ApiException.badParameter("formats", "a format is given twice", allowed);
        }
        return List.copyOf(formats);
    }

    private static Optional<String> email(Optional<String> email)
    {
        if (email.isEmpty() || email.get().isBlank()) {
            return Optional.empty();
        }
        String address = email.get().strip();
        if (!SmtpMailer.validAddress(address)) {
            throw ApiException.badParameter("email", "'" + address + "' is not an e-mail address (name@example.vn)", List.of());
        }
        return Optional.of(address);
    }
}
