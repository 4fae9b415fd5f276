package vn.dancu.api.subscription;

import vn.dancu.api.audit.AuditLog;
import vn.dancu.api.query.QueryService;
import vn.dancu.api.report.ReportService;
import vn.dancu.api.saved.SavedTableRenderer;
import vn.dancu.api.saved.SavedTableStore;
import vn.dancu.api.saved.SavedTables;
import vn.dancu.api.state.StateDatabase;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * "Báo cáo của tôi" (My reports): saved tables, subscriptions, their deliveries and the watcher that delivers them at
 * each new cube version. The server starts the watcher when it listens and stops it with itself.
 */
public record MyReports(SavedTables savedTables, Subscriptions subscriptions, Deliveries deliveries, CubeVersionWatcher watcher,
        AutoCloseable closedWhenStopped)
        implements AutoCloseable
{
    public MyReports
    {
        requireNonNull(savedTables, "savedTables is null");
        requireNonNull(subscriptions, "subscriptions is null");
        requireNonNull(deliveries, "deliveries is null");
        requireNonNull(watcher, "watcher is null");
        requireNonNull(closedWhenStopped, "closedWhenStopped is null");
    }

    /** The same, closing {@code resource} (e.g. the state database the caller opened for it) after the watcher when the server stops. */
    public MyReports closing(AutoCloseable resource)
    {
        return new MyReports(savedTables, subscriptions, deliveries, watcher, resource);
    }

    /** Stops the deliveries (waiting for a running one), then closes what {@link #closing} was given. */
    @Override
    public void close()
    {
        watcher.close();
        try {
            closedWhenStopped.close();
        }
        catch (Exception e) {
            throw new IllegalStateException("cannot close " + closedWhenStopped, e);
        }
    }

    /**
     * @param renderer   renders saved tables (the table builder; {@link vn.dancu.api.saved.CubeExportRenderer} for queries of the cube export)
     * @param mail       the SMTP server deliveries are e-mailed through, if any
     * @param checkEvery how often the published version pointer is checked for a new version
     */
    public static MyReports create(StateDatabase database, QueryService queries, SavedTableRenderer renderer, Optional<ReportService> reports,
            AuditLog audit, AccountDirectory accounts, Path serverFolder, Optional<MailSettings> mail, Duration checkEvery, Clock clock)
    {
        SavedTables tables = new SavedTables(new SavedTableStore(database), renderer, clock);
        SubscriptionStore store = new SubscriptionStore(database);
        DeliveryFiles files = new DeliveryFiles(serverFolder);
        Deliveries deliveries = new Deliveries(store, tables, reports, queries, files, mail.map(settings -> (Mailer) new SmtpMailer(settings, clock)),
                audit, accounts, clock);
        Subscriptions subscriptions = new Subscriptions(store, tables, files, () -> queries.cubes().manifest().versionId(), clock);
        CubeVersionWatcher watcher = new CubeVersionWatcher(() -> queries.cubes().manifest().versionId(),
                version -> deliveries.deliver(version).errors() == 0, checkEvery);
        return new MyReports(tables, subscriptions, deliveries, watcher, () -> { });
    }
}
