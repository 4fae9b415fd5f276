package vn.dancu.api.state;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static java.util.Objects.requireNonNull;

/**
 * The server's own state (accounts, tokens, sessions, settings, targets, saved tables, subscriptions) in a SQL
 * database with versioned migrations ({@code db/state/V*.sql}, applied by Flyway when the database is opened). One
 * server keeps it in an embedded H2 file under {@code DATA/server/state/}; several servers of a province share one
 * PostgreSQL (docs/deployment.md). Every change goes through {@link #inTransaction}: a request that fails changes
 * nothing.
 */
public final class StateDatabase
        implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(StateDatabase.class);
    /** The folder under {@code DATA/server/} that holds the embedded database. */
    public static final String FOLDER = "state";
    public static final String MIGRATIONS = "classpath:db/state";
    /** The embedded database's name: its file is {@code DATA/server/state/dancu.mv.db}. */
    public static final String DATABASE_NAME = "dancu";
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    /** Owner-only files and folders, as access.ServerFiles makes them (not used here: the packages that use this one must not be used by it). */
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_FOLDER = PosixFilePermissions.fromString("rwx------");
    /** The address H2's AUTO_SERVER listens on for the other processes that open the embedded database. */
    public static final String LOOPBACK = "127.0.0.1";

    static {
        // H2's AUTO_SERVER would listen on the machine's network address, open to other machines; the processes that join
        // a server's database (./dancu accounts, backup) run on the same machine. Read by H2 once, before its first server.
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", LOOPBACK);
        }
    }

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final String url;

    private StateDatabase(HikariDataSource dataSource, String url)
    {
        this.dataSource = dataSource;
        this.url = url;
        this.jdbi = Jdbi.create(dataSource);
    }

    /**
     * The embedded database of the server folder {@code DATA/server}, created (owner-only) and migrated if needed.
     * {@code AUTO_SERVER} lets a command ({@code ./dancu accounts …}) open it while a server runs.
     */
    public static StateDatabase embedded(Path serverFolder)
    {
        Path folder;
        try {
            ownerOnlyFolder(serverFolder);
            folder = ownerOnlyFolder(serverFolder.resolve(FOLDER));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot create the state folder under " + serverFolder, e);
        }
        StateDatabase database = open(embeddedUrl(folder, true), "", "");
        try {
            ownerOnlyFiles(folder);
        }
        catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    private static Path ownerOnlyFolder(Path folder) throws IOException
    {
        if (!Files.isDirectory(folder)) {
            Path parent = folder.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            try {
                // owner-only from its creation where the file system has POSIX permissions
                if (posix(parent)) {
                    Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_FOLDER));
                }
                else {
                    Files.createDirectory(folder);
                }
            }
            catch (java.nio.file.FileAlreadyExistsException e) {
                // made meanwhile by another process
            }
        }
        if (posix(folder) && !Files.getPosixFilePermissions(folder).equals(OWNER_FOLDER)) {
            Files.setPosixFilePermissions(folder, OWNER_FOLDER);
        }
        return folder;
    }

    private static boolean posix(Path path) throws IOException
    {
        return Files.getFileStore(path).supportsFileAttributeView("posix");
    }

    /** The database's files are its owner's alone (0600), as the folder is (0700). */
    private static void ownerOnlyFiles(Path folder)
    {
        try (java.util.stream.Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                try {
                    if (posix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_FILE)) {
                        Files.setPosixFilePermissions(file, OWNER_FILE);
                    }
                }
                catch (java.nio.file.NoSuchFileException e) {
                    // a lock or temporary file of H2, gone meanwhile
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot restrict the state database's files in " + folder + " to their owner", e);
        }
    }

    /**
     * The JDBC URL of the embedded database in {@code stateFolder}. With {@code shared} ({@code AUTO_SERVER}), the first
     * process serves it to the others; without, opening fails while another process has it open (backup and restore
     * use that to find a running server).
     */
    public static String embeddedUrl(Path stateFolder, boolean shared)
    {
        return "jdbc:h2:file:" + stateFolder.toAbsolutePath().resolve(DATABASE_NAME) + (shared ? ";AUTO_SERVER=TRUE" : "");
    }

    /** An instant as the state tables keep it: ISO-8601 UTC with nine fraction digits (exact, and text order is time order). */
    public static String text(Instant instant)
    {
        return INSTANT.format(instant);
    }

    public static Instant instant(String text)
    {
        return Instant.parse(text);
    }

    /** True when a statement failed on a constraint (a duplicate key): SQLSTATE class 23 on H2 and on PostgreSQL. */
    public static boolean isConstraintViolation(RuntimeException error)
    {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    /** A database at a JDBC URL (e.g. {@code jdbc:postgresql://host/dancu}), migrated to the current version. */
    public static StateDatabase open(String jdbcUrl, String user, String password)
    {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(1);
        config.setPoolName("dancu-state");
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            MigrateResult result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations(MIGRATIONS)
                    .load()
                    .migrate();
            if (result.migrationsExecuted > 0) {
                LOG.info("server state database {}: {} migration(s) applied, now at version {}", redacted(jdbcUrl), result.migrationsExecuted, result.targetSchemaVersion);
            }
        }
        catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new StateDatabase(dataSource, jdbcUrl);
    }

    /** Runs the work in one transaction: committed when it returns, rolled back when it throws. */
    public <R, X extends Exception> R inTransaction(HandleCallback<R, X> work)
            throws X
    {
        return jdbi.inTransaction(work);
    }

    /** Runs a read (or a single statement) on a handle of its own. */
    public <R, X extends Exception> R withHandle(HandleCallback<R, X> work)
            throws X
    {
        return jdbi.withHandle(work);
    }

    public Jdbi jdbi()
    {
        return jdbi;
    }

    public javax.sql.DataSource dataSource()
    {
        return dataSource;
    }

    /** The JDBC URL without credentials, for logs and the admin page. */
    public String description()
    {
        return redacted(url);
    }

    public boolean embedded()
    {
        return url.startsWith("jdbc:h2:");
    }

    private static String redacted(String jdbcUrl)
    {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    @Override
    public void close()
    {
        dataSource.close();
    }

    /** Shorthand for callers that only need a handle type in a lambda. */
    public interface Work<R>
            extends HandleCallback<R, RuntimeException>
    {
        @Override
        R withHandle(Handle handle);
    }
}
