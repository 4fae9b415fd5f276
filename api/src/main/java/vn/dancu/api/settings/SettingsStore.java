package vn.dancu.api.settings;

import org.jdbi.v3.core.Handle;
import vn.dancu.api.state.StateDatabase;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The server settings and Decision 06 targets, in the state database (tables {@code server_settings} and
 * {@code decision06_target}). Each change is one transaction that bumps the settings' revision, which response
 * caches key on. The settings are read on every answer, so they are held in memory and re-read when the revision in
 * the database moves (checked at most once a second: a change made by {@code ./dancu} or by another server sharing
 * the database counts within a second).
 */
public final class SettingsStore
{
    /** The file that held the settings before the state database (imported once, then renamed {@code .migrated}). */
    public static final String FILE_NAME = "settings.json";
    private static final long RECHECK_NANOS = 1_000_000_000L;

    private final StateDatabase database;
    private volatile Snapshot snapshot;
    private volatile long checkedAt;

    private record Snapshot(long revision, ServerSettings settings) {}

    public SettingsStore(StateDatabase database)
    {
        this.database = requireNonNull(database, "database is null");
        this.snapshot = database.withHandle(SettingsStore::read);
        this.checkedAt = System.nanoTime();
    }

    public ServerSettings current()
    {
        return fresh().settings();
    }

    public long revision()
    {
        return fresh().revision();
    }

    /** Replaces the settings and the targets in one transaction; the new settings once written. */
    public ServerSettings replace(ServerSettings settings)
    {
        requireNonNull(settings, "settings is null");
        Snapshot written = database.inTransaction(handle -> {
            long revision = handle.createQuery("SELECT revision FROM server_settings WHERE settings_id = 1 FOR UPDATE").mapTo(Long.class).one() + 1;
            write(handle, settings, revision);
            return new Snapshot(revision, settings);
        });
        synchronized (this) {
            if (written.revision() > snapshot.revision()) {
                snapshot = written;
            }
        }
        return settings;
    }

    /** True when the settings were never changed (the defaults of the migration): the import of an old settings file may fill them. */
    public static boolean neverChanged(Handle handle)
    {
        return handle.createQuery("SELECT revision FROM server_settings WHERE settings_id = 1").mapTo(Long.class).one() == 0;
    }

    /** Writes settings and targets with this revision, on a handle in a transaction: a change and the import of an old file. */
    public static void write(Handle handle, ServerSettings settings, long revision)
    {
        handle.createUpdate("UPDATE server_settings SET revision = :revision, suppression_threshold = :threshold, chip_card_target = :chip,"
                        + " vneid_level2_target = :vneid, updated_at = :updatedAt, updated_by = :updatedBy WHERE settings_id = 1")
                .bind("revision", revision)
                .bind("threshold", settings.suppressionThreshold())
                .bind("chip", settings.chipCardTarget())
                .bind("vneid", settings.vneidLevel2Target())
                .bind("updatedAt", settings.updatedAt() == null ? null : StateDatabase.text(settings.updatedAt()))
                .bind("updatedBy", settings.updatedBy())
                .execute();
        handle.execute("DELETE FROM decision06_target");
        int index = 0;
        for (Target target : settings.targets()) {
            handle.createUpdate("INSERT INTO decision06_target (indicator, unit_code, target_percent, deadline, example, sort_index)"
                            + " VALUES (:indicator, :unit, :percent, :deadline, :example, :index)")
                    .bind("indicator", target.indicator())
                    .bind("unit", target.unit())
                    .bind("percent", target.value())
                    .bind("deadline", target.deadline())
                    .bind("example", target.example())
                    .bind("index", index++)
                    .execute();
        }
    }

    private Snapshot fresh()
    {
        long now = System.nanoTime();
        if (now - checkedAt < RECHECK_NANOS) {
            return snapshot;
        }
        synchronized (this) {
            if (now - checkedAt >= RECHECK_NANOS) {
                long revision = database.withHandle(handle -> handle.createQuery("SELECT revision FROM server_settings WHERE settings_id = 1").mapTo(Long.class).one());
                if (revision != snapshot.revision()) {
                    snapshot = database.withHandle(SettingsStore::read);
                }
                checkedAt = System.nanoTime();
            }
            return snapshot;
        }
    }

    private static Snapshot read(Handle handle)
    {
        List<Target> targets = handle.createQuery("SELECT indicator, unit_code, target_percent, deadline, example FROM decision06_target ORDER BY sort_index")
                .map((result, context) -> new Target(result.getString("indicator"), result.getString("unit_code"), result.getDouble("target_percent"),
                        result.getObject("deadline", LocalDate.class), result.getBoolean("example")))
                .list();
        return handle.createQuery("SELECT revision, suppression_threshold, chip_card_target, vneid_level2_target, updated_at, updated_by"
                        + " FROM server_settings WHERE settings_id = 1")
                .map((result, context) -> new Snapshot(result.getLong("revision"), new ServerSettings(result.getInt("suppression_threshold"),
                        (Double) result.getObject("chip_card_target", Double.class), (Double) result.getObject("vneid_level2_target", Double.class), targets,
                        Optional.ofNullable(result.getString("updated_at")).map(StateDatabase::instant).orElse(null), result.getString("updated_by"))))
                .one();
    }
}
