package vn.dancu.api.state.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import vn.dancu.api.access.ServerFiles;
import vn.dancu.api.state.StateDatabase;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static java.util.Objects.requireNonNull;

/**
 * A backup of a server's whole state in one ZIP file, and its restore.
 * <p>
 * A backup holds {@code dancu-backup.json} (what it is: format, when, the schema version), {@code state/dancu.mv.db}
 * (a transactionally consistent copy of the embedded database made by H2's {@code BACKUP TO}, which works while a
 * server runs), and under {@code server/} every other file of {@code DATA/server/} that is state: the audit log and
 * its checkpoints, the SQL audit, the {@code .migrated} JSON files and whatever else the server keeps there. Left out
 * are what is derived or transient: the disclosure-pattern cache ({@code disclosure-patterns/}, rebuilt from the
 * cubes), the SQL engine's process log, lock, trace and temporary files. Append-only logs ({@code *.jsonl}) are
 * copied up to their last complete line.
 * <p>
 * A restore checks the file, refuses while a process has the database open, unpacks into a new folder beside
 * {@code DATA/server}, opens (and migrates) the restored database there, then swaps the folders: the state before the
 * restore is kept as {@code DATA/server.before-restore-<time>}.
 */
public final class StateBackup
{
    public static final String MANIFEST = "dancu-backup.json";
    public static final String FORMAT = "dancu-server-state";
    public static final int FORMAT_VERSION = 1;
    public static final String DATABASE_ENTRY = "state/" + StateDatabase.DATABASE_NAME + ".mv.db";
    static final String FILES_PREFIX = "server/";
    /** Folders of DATA/server that are not state: derived caches. */
    public static final List<String> LEFT_OUT_FOLDERS = List.of(StateDatabase.FOLDER, "disclosure-patterns");
    /** Files of DATA/server that are not state: the SQL engine's process log. */
    public static final List<String> LEFT_OUT_FILES = List.of("sql-engine.log");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private StateBackup() {}

    /** Why a backup or a restore did not happen. */
    public enum Problem
    {
        /** The file to restore is not a dancu backup, or not a readable one. */
        NOT_A_BACKUP,
        /** A server (or another command) has the state database open. */
        IN_USE,
        /** There is no state to back up. */
        NO_STATE,
        /** Reading or writing failed. */
        FAILED
    }

    public static final class BackupException
            extends RuntimeException
    {
        private final Problem problem;

        BackupException(Problem problem, String message, Throwable cause)
        {
            super(message, cause);
            this.problem = problem;
        }

        public Problem problem()
        {
            return problem;
        }
    }

    /** What a backup holds. */
    public record Summary(Path file, Instant createdAt, String schemaVersion, int files, long bytes, Optional<Path> previousState)
    {
        public Summary
        {
            requireNonNull(file, "file is null");
            requireNonNull(previousState, "previousState is null");
        }
    }

    /** Writes the whole state of {@code serverFolder} to {@code target} (replaced atomically when it exists; owner-only). */
    public static Summary backup(Path serverFolder, Path target, Clock clock)
    {
        Path stateFolder = serverFolder.resolve(StateDatabase.FOLDER);
        if (!Files.exists(stateFolder.resolve(StateDatabase.DATABASE_NAME + ".mv.db"))) {
            throw new BackupException(Problem.NO_STATE, "no server state in " + serverFolder + " (no database " + stateFolder.resolve(StateDatabase.DATABASE_NAME + ".mv.db")
                    + "): nothing to back up (a server started with --state-db keeps its state in that database: back it up with pg_dump)", null);
        }
        Path directory = target.toAbsolutePath().getParent();
        Path partial = null;
        Path databaseCopy = null;
        try {
            Files.createDirectories(directory);
            partial = Files.createTempFile(directory, target.getFileName() + ".", ".part", ServerFiles.ownerOnlyAttribute());
            databaseCopy = Files.createTempFile(directory, "dancu-state-", ".zip", ServerFiles.ownerOnlyAttribute());
            Files.delete(databaseCopy);
            String schemaVersion = copyDatabase(stateFolder, databaseCopy);
            Instant createdAt = clock.instant();
            List<Path> files = stateFiles(serverFolder);
            long bytes = 0;
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(partial))) {
                Map<String, Object> manifest = new LinkedHashMap<>();
                manifest.put("format", FORMAT);
                manifest.put("formatVersion", FORMAT_VERSION);
                manifest.put("createdAt", createdAt.toString());
                manifest.put("schemaVersion", schemaVersion);
                manifest.put("serverFolder", serverFolder.toAbsolutePath().toString());
                manifest.put("files", files.stream().map(file -> FILES_PREFIX + relative(serverFolder, file)).toList());
                zip.putNextEntry(new ZipEntry(MANIFEST));
                zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
                zip.closeEntry();
                try (ZipInputStream h2 = new ZipInputStream(Files.newInputStream(databaseCopy))) {
                    ZipEntry entry;
                    boolean found = false;
                    while ((entry = h2.getNextEntry()) != null) {
                        if (entry.getName().endsWith(".mv.db")) {
                            zip.putNextEntry(new ZipEntry(DATABASE_ENTRY));
                            bytes += h2.transferTo(zip);
                            zip.closeEntry();
                            found = true;
                        }
                    }
                    if (!found) {
                        throw new IOException("H2's backup of " + stateFolder + " holds no database file");
                    }
                }
                for (Path file : files) {
                    zip.putNextEntry(new ZipEntry(FILES_PREFIX + relative(serverFolder, file)));
                    bytes += copyFile(file, zip);
                    zip.closeEntry();
                }
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            ServerFiles.ownerOnly(target);
            return new Summary(target, createdAt, schemaVersion, files.size() + 1, bytes, Optional.empty());
        }
        catch (IOException e) {
            throw new BackupException(Problem.FAILED, "cannot write the backup " + target + ": " + e.getMessage(), e);
        }
        finally {
            deleteQuietly(partial);
            deleteQuietly(databaseCopy);
        }
    }

    /**
     * Replaces the state of {@code serverFolder} with the backup {@code file}; the state before it is kept beside it
     * ({@link Summary#previousState()}).
     */
    public static Summary restore(Path serverFolder, Path file, Clock clock)
    {
        Path source = file.toAbsolutePath();
        try (ZipFile zip = openBackup(source)) {
            JsonNode manifest = manifest(zip, source);
            checkEntries(zip, source);
            Path parent = serverFolder.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Instant now = clock.instant();
            // Held until the swap: no server can open the database meanwhile.
            try (Connection exclusive = exclusive(serverFolder.resolve(StateDatabase.FOLDER))) {
                Path staging = Files.createTempDirectory(parent, serverFolder.getFileName() + ".restoring-");
                try {
                    int files = unpack(zip, staging);
                    try (StateDatabase restored = StateDatabase.open(StateDatabase.embeddedUrl(staging.resolve(StateDatabase.FOLDER), false), "", "")) {
                        restored.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM account").mapTo(Long.class).one());
                    }
                    catch (RuntimeException e) {
                        throw new BackupException(Problem.NOT_A_BACKUP, source + " is not a usable dancu backup: its database cannot be opened ("
                                + firstLine(e) + ")", e);
                    }
                    ownerOnlyTree(staging);
                    if (exclusive != null) {
                        exclusive.close();
                    }
                    Optional<Path> previous = swap(serverFolder.toAbsolutePath(), staging, STAMP.format(now));
                    return new Summary(source, Instant.parse(manifest.get("createdAt").asText()), manifest.path("schemaVersion").asText(), files,
                            Files.size(source), previous);
                }
                finally {
                    deleteTree(staging);
                }
            }
        }
        catch (SQLException | IOException e) {
            throw new BackupException(Problem.FAILED, "cannot restore " + source + " into " + serverFolder + ": " + e.getMessage(), e);
        }
    }

    /** The files of DATA/server that are state, in a stable order. */
    static List<Path> stateFiles(Path serverFolder) throws IOException
    {
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(serverFolder, new SimpleFileVisitor<>()
        {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes)
            {
                return directory.getParent() != null && directory.getParent().equals(serverFolder)
                        && LEFT_OUT_FOLDERS.contains(directory.getFileName().toString()) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
            {
                String name = file.getFileName().toString();
                boolean transientFile = name.endsWith(".lock") || name.endsWith(".lock.db") || name.endsWith(".trace.db") || name.endsWith(".tmp")
                        || name.endsWith(".part") || (file.getParent().equals(serverFolder) && LEFT_OUT_FILES.contains(name));
                if (attributes.isRegularFile() && !transientFile) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException error) throws IOException
            {
                if (error instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw error;
            }
        });
        files.sort(Comparator.comparing(file -> relative(serverFolder, file)));
        return files;
    }

    private static String copyDatabase(Path stateFolder, Path copy) throws IOException
    {
        // AUTO_SERVER: a running server serves its database to this connection; IFEXISTS: never create an empty one.
        try (Connection connection = DriverManager.getConnection(StateDatabase.embeddedUrl(stateFolder, true) + ";IFEXISTS=TRUE", "", "");
             Statement statement = connection.createStatement()) {
            String version;
            try (ResultSet result = statement.executeQuery("SELECT MAX(CAST(\"version\" AS INTEGER)) FROM \"flyway_schema_history\" WHERE \"success\" = TRUE"
                    + " AND \"version\" IS NOT NULL")) {
                result.next();
                version = String.valueOf(result.getInt(1));
            }
            statement.execute("BACKUP TO '" + copy.toAbsolutePath().toString().replace("'", "''") + "'");
            return version;
        }
        catch (SQLException e) {
            throw new IOException("cannot copy the state database in " + stateFolder + ": " + firstLine(e), e);
        }
    }

    /** A log that is only appended to is copied up to its last complete line; any other file whole. */
    private static long copyFile(Path file, OutputStream out) throws IOException
    {
        if (!file.getFileName().toString().endsWith(".jsonl")) {
            try (InputStream in = Files.newInputStream(file)) {
                return in.transferTo(out);
            }
        }
        byte[] content = Files.readAllBytes(file);
        int end = content.length;
        while (end > 0 && content[end - 1] != '\n') {
            end--;
        }
        out.write(content, 0, end);
        return end;
    }

    private static ZipFile openBackup(Path file)
    {
        if (!Files.isRegularFile(file)) {
            throw new BackupException(Problem.NOT_A_BACKUP, file + " is not a dancu backup: there is no such file", null);
        }
        try {
            return new ZipFile(file.toFile());
        }
        catch (ZipException e) {
            throw new BackupException(Problem.NOT_A_BACKUP, file + " is not a dancu backup: it is not a ZIP file", e);
        }
        catch (IOException e) {
            throw new BackupException(Problem.NOT_A_BACKUP, file + " is not a dancu backup: it cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static JsonNode manifest(ZipFile zip, Path file) throws IOException
    {
        ZipEntry entry = zip.getEntry(MANIFEST);
        if (entry == null) {
            throw new BackupException(Problem.NOT_A_BACKUP, file + " is not a dancu backup: it has no " + MANIFEST, null);
        }
        JsonNode manifest;
        try (InputStream in = zip.getInputStream(entry)) {
            manifest = JSON.readTree(in);
        }
        catch (IOException e) {
            throw new BackupException(Problem.NOT_A_BACKUP, file + " is not a dancu backup: its " + MANIFEST + " is not JSON", e);
        }
        if (manifest == null || !FORMAT.equals(manifest.path("format").asText()) || manifest.path("formatVersion").asInt(-1) != FORMAT_VERSION
                || !manifest.path("createdAt").isTextual()) {
            throw new BackupException(Problem.NOT_A_BACKUP, file + " is not a dancu backup: its " + MANIFEST + " does not say format "
                    + FORMAT + " version " + FORMAT_VERSION, null);
        }
        if (zip.getEntry(DATABASE_ENTRY) == null) {
            throw new BackupException(Problem.NOT_A_BACKUP, file + " is not a dancu backup: it holds no " + DATABASE_ENTRY, null);
        }
        return manifest;
    }

    /** Only the manifest, the database and files under server/ with plain relative names (no "..", no absolute path). */
    private static void checkEntries(ZipFile zip, Path file)
    {
        for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
            String name = entries.nextElement().getName();
            boolean plain = name.startsWith(FILES_PREFIX) && name.length() > FILES_PREFIX.length() && !name.contains("\\")
                    && Stream.of(name.split("/")).noneMatch(part -> part.isEmpty() || part.equals("..") || part.equals("."));
            if (!name.equals(MANIFEST) && !name.equals(DATABASE_ENTRY) && !plain) {
                throw new BackupException(Problem.NOT_A_BACKUP, file + " is not a dancu backup: it holds an unexpected entry '" + name + "'", null);
            }
        }
    }

    /** An exclusive connection to the database in {@code stateFolder} (null when there is none): fails while another process has it open. */
    private static Connection exclusive(Path stateFolder) throws SQLException
    {
        if (!Files.exists(stateFolder.resolve(StateDatabase.DATABASE_NAME + ".mv.db"))) {
            return null;
        }
        try {
            return DriverManager.getConnection(StateDatabase.embeddedUrl(stateFolder, false) + ";IFEXISTS=TRUE", "", "");
        }
        catch (SQLException e) {
            if (e.getErrorCode() == org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1) {
                throw new BackupException(Problem.IN_USE, "the state database in " + stateFolder + " is in use by a running server or another dancu"
                        + " command: stop it first (systemctl stop dancu), then restore", e);
            }
            throw e;
        }
    }

    private static int unpack(ZipFile zip, Path staging) throws IOException
    {
        int files = 0;
        for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
            ZipEntry entry = entries.nextElement();
            if (entry.getName().equals(MANIFEST) || entry.isDirectory()) {
                continue;
            }
            String relative = entry.getName().equals(DATABASE_ENTRY) ? DATABASE_ENTRY : entry.getName().substring(FILES_PREFIX.length());
            Path target = staging.resolve(relative).normalize();
            if (!target.startsWith(staging)) {
                throw new IOException("entry '" + entry.getName() + "' points outside the restore folder");
            }
            ServerFiles.ownerOnlyFolder(target.getParent());
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, target);
            }
            files++;
        }
        return files;
    }

    private static Optional<Path> swap(Path serverFolder, Path staging, String stamp) throws IOException
    {
        if (!Files.exists(serverFolder)) {
            Files.move(staging, serverFolder, StandardCopyOption.ATOMIC_MOVE);
            return Optional.empty();
        }
        Path previous = serverFolder.resolveSibling(serverFolder.getFileName() + ".before-restore-" + stamp);
        Files.move(serverFolder, previous, StandardCopyOption.ATOMIC_MOVE);
        try {
            Files.move(staging, serverFolder, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (IOException e) {
            Files.move(previous, serverFolder, StandardCopyOption.ATOMIC_MOVE);
            throw e;
        }
        return Optional.of(previous);
    }

    private static void ownerOnlyTree(Path folder) throws IOException
    {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.toList()) {
                if (Files.isDirectory(path)) {
                    ServerFiles.ownerOnlyFolder(path);
                }
                else {
                    ServerFiles.ownerOnly(path);
                }
            }
        }
    }

    private static String relative(Path serverFolder, Path file)
    {
        return serverFolder.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }

    private static String firstLine(Exception e)
    {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    private static void deleteQuietly(Path file)
    {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            }
            catch (IOException e) {
                // a leftover temporary file, harmless
            }
        }
    }

    private static void deleteTree(Path folder)
    {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
        catch (IOException e) {
            // a leftover restore folder, harmless
        }
    }
}
