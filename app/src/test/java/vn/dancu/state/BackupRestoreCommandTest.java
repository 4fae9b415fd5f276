package vn.dancu.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vn.dancu.api.access.Account;
import vn.dancu.api.access.AccountStore;
import vn.dancu.api.access.ApiTokens;
import vn.dancu.api.access.PasswordHasher;
import vn.dancu.api.access.Role;
import vn.dancu.api.settings.ServerSettings;
import vn.dancu.api.settings.SettingsStore;
import vn.dancu.api.settings.Target;
import vn.dancu.api.state.StateDatabase;
import vn.dancu.api.state.StateSnapshot;
import vn.dancu.cli.Dancu;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ./dancu backup and ./dancu restore on a server folder: the whole state comes back, and a bad file or a running server is refused. */
class BackupRestoreCommandTest
{
    private static final PasswordHasher HASHER = new PasswordHasher(1024, 1);
    private static final String AUDIT_LINE = "{\"seq\":1,\"kind\":\"request\"}\n";

    @TempDir
    Path data;

    private record Outcome(int status, String out, String err) {}

    private Outcome dancu(String... args)
    {
        StringWriter err = new StringWriter();
        CommandLine line = Dancu.commandLine();
        line.setErr(new PrintWriter(err, true));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream previous = System.out;
        int status;
        try {
            System.setOut(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
            status = line.execute(args);
        }
        finally {
            System.setOut(previous);
        }
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString());
    }

    private Path server()
    {
        return data.resolve("server");
    }

    /** A server folder with an account, a token, settings with a target, an audit segment (its last line unfinished) and a pattern cache. */
    private String tokenText;

    private void writeState() throws Exception
    {
        try (StateDatabase database = StateDatabase.embedded(server())) {
            new AccountStore(database, HASHER, Clock.systemUTC()).create("lan", "Nguyễn Thị Lan", Role.LEADER, Set.of("23485"), "mat-khau-cua-lan");
            tokenText = new ApiTokens(database, Clock.systemUTC()).issue("lan", "script", Duration.ofDays(30)).text();
            new SettingsStore(database).replace(new ServerSettings(7, 95.0, null,
                    List.of(new Target("chipCardShareEligible", Target.AREA, 98, LocalDate.of(2027, 12, 31), false)), Instant.parse("2026-12-01T00:00:00Z"), "admin"));
        }
        Files.createDirectories(server().resolve("audit"));
        Files.writeString(server().resolve("audit/audit-log-000000000001.jsonl"), AUDIT_LINE + "{\"seq\":2,\"kind\":\"req");
        Files.writeString(server().resolve("audit/audit-checkpoints.jsonl"), "{\"seq\":1}\n");
        Files.writeString(server().resolve("audit/audit.lock"), "");
        Files.createDirectories(server().resolve("disclosure-patterns/v1"));
        Files.writeString(server().resolve("disclosure-patterns/v1/population_stock.bin"), "derived");
    }

    private List<String> snapshot()
    {
        try (StateDatabase database = StateDatabase.embedded(server())) {
            return StateSnapshot.of(database);
        }
    }

    @Test
    void aRestoreBringsBackTheStateOfTheBackupAndKeepsTheStateItReplaced() throws Exception
    {
        writeState();
        List<String> backedUp = snapshot();
        Path backup = data.resolve("backups/dancu-state.zip");
        Outcome made = dancu("backup", "--data", data.toString(), "--to", backup.toString());
        assertEquals(0, made.status(), made.err());
        assertTrue(made.out().startsWith("backup of " + server() + " → " + backup + ": the state database (schema version "), made.out());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)));
        try (ZipFile zip = new ZipFile(backup.toFile())) {
            List<String> entries = zip.stream().map(ZipEntry::getName).toList();
            assertEquals(List.of("dancu-backup.json", "state/dancu.mv.db", "server/audit/audit-checkpoints.jsonl", "server/audit/audit-log-000000000001.jsonl"),
                    entries);
            // The unfinished last line of the log is left out; the cache and the lock are not state.
            assertEquals(AUDIT_LINE, new String(zip.getInputStream(zip.getEntry("server/audit/audit-log-000000000001.jsonl")).readAllBytes(), StandardCharsets.UTF_8));
        }

        // Changes after the backup: a new account, a new setting, more audit.
        try (StateDatabase database = StateDatabase.embedded(server())) {
            new AccountStore(database, HASHER, Clock.systemUTC()).create("minh", null, Role.VIEWER, Set.of(), "mat-khau-cua-minh");
            SettingsStore settings = new SettingsStore(database);
            settings.replace(new ServerSettings(12, null, null, List.of(), Instant.parse("2026-12-05T00:00:00Z"), "admin"));
        }
        Files.writeString(server().resolve("audit/audit-log-000000000002.jsonl"), "{\"seq\":3}\n");
        assertFalse(backedUp.equals(snapshot()));

        Outcome restored = dancu("restore", "--data", data.toString(), "--from", backup.toString());
        assertEquals(0, restored.status(), restored.err());
        assertEquals(backedUp, snapshot());
        try (StateDatabase database = StateDatabase.embedded(server())) {
            AccountStore accounts = new AccountStore(database, HASHER, Clock.systemUTC());
            assertEquals(List.of("lan"), accounts.all().stream().map(Account::username).toList());
            assertTrue(accounts.authenticate("lan", "mat-khau-cua-lan").isPresent());
            assertEquals("lan", new ApiTokens(database, Clock.systemUTC()).verify(tokenText).orElseThrow().username());
            ServerSettings settings = new SettingsStore(database).current();
            assertEquals(7, settings.suppressionThreshold());
            assertEquals(98.0, settings.areaTarget("chipCardShareEligible"));
        }
        try (Stream<Path> audit = Files.list(server().resolve("audit"))) {
            assertEquals(List.of("audit-checkpoints.jsonl", "audit-log-000000000001.jsonl"), audit.map(path -> path.getFileName().toString()).sorted().toList());
        }
        assertEquals(AUDIT_LINE, Files.readString(server().resolve("audit/audit-log-000000000001.jsonl")));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(server())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(server().resolve("state/dancu.mv.db"))));
        // The state it replaced is kept beside it, named in the output.
        List<Path> previous;
        try (Stream<Path> folders = Files.list(data)) {
            previous = folders.filter(path -> path.getFileName().toString().startsWith("server.before-restore-")).toList();
        }
        assertEquals(1, previous.size());
        assertTrue(restored.out().contains("; the state it replaced is kept in " + previous.get(0)), restored.out());
        assertTrue(Files.exists(previous.get(0).resolve("audit/audit-log-000000000002.jsonl")));
    }

    @Test
    void aFileThatIsNotABackupIsRefusedWithItsNameAndTheStateIsUntouched() throws Exception
    {
        writeState();
        List<String> before = snapshot();
        Path garbage = data.resolve("garbage.zip");
        Files.writeString(garbage, "this is not a backup at all");
        Path otherZip = data.resolve("photos.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(otherZip))) {
            zip.putNextEntry(new ZipEntry("photo.jpg"));
            zip.write(new byte[] {1, 2, 3});
            zip.closeEntry();
        }
        Path escaping = data.resolve("escaping.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(escaping))) {
            zip.putNextEntry(new ZipEntry("dancu-backup.json"));
            zip.write("{\"format\":\"dancu-server-state\",\"formatVersion\":1,\"createdAt\":\"2026-12-01T00:00:00Z\"}".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("state/dancu.mv.db"));
            zip.write(new byte[] {0});
            zip.putNextEntry(new ZipEntry("server/../../outside.txt"));
            zip.write(new byte[] {0});
            zip.closeEntry();
        }
        Path brokenDatabase = data.resolve("broken-database.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(brokenDatabase))) {
            zip.putNextEntry(new ZipEntry("dancu-backup.json"));
            zip.write("{\"format\":\"dancu-server-state\",\"formatVersion\":1,\"createdAt\":\"2026-12-01T00:00:00Z\"}".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("state/dancu.mv.db"));
            zip.write("not an H2 database".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        List<String> expected = List.of(
                "dancu restore: " + garbage + " is not a dancu backup: it is not a ZIP file",
                "dancu restore: " + otherZip + " is not a dancu backup: it has no dancu-backup.json",
                "dancu restore: " + escaping + " is not a dancu backup: it holds an unexpected entry 'server/../../outside.txt'",
                "dancu restore: " + brokenDatabase + " is not a usable dancu backup: its database cannot be opened (",
                "dancu restore: " + data.resolve("missing.zip") + " is not a dancu backup: there is no such file");
        List<Path> files = List.of(garbage, otherZip, escaping, brokenDatabase, data.resolve("missing.zip"));
        for (int i = 0; i < files.size(); i++) {
            Outcome refused = dancu("restore", "--data", data.toString(), "--from", files.get(i).toString());
            assertEquals(2, refused.status(), refused.err());
            assertTrue(refused.err().startsWith(expected.get(i)), refused.err());
            assertEquals(before, snapshot(), files.get(i).toString());
        }
        assertFalse(Files.exists(data.resolve("outside.txt")));
        try (Stream<Path> folders = Files.list(data)) {
            assertEquals(List.of(), folders.map(path -> path.getFileName().toString()).filter(name -> name.startsWith("server.")).toList(),
                    "no restore folder and no replaced state are left behind");
        }
        assertEquals(AUDIT_LINE + "{\"seq\":2,\"kind\":\"req", Files.readString(server().resolve("audit/audit-log-000000000001.jsonl")));
    }

    @Test
    void aBackupWorksWhileAServerHoldsTheDatabaseAndARestoreIsRefused() throws Exception
    {
        writeState();
        List<String> before = snapshot();
        Process holder = HoldStateDatabase.start(server());
        try {
            Path backup = data.resolve("while-running.zip");
            Outcome made = dancu("backup", "--data", data.toString(), "--to", backup.toString());
            assertEquals(0, made.status(), made.err());
            Outcome refused = dancu("restore", "--data", data.toString(), "--from", backup.toString());
            assertEquals(1, refused.status(), refused.err());
            assertEquals("dancu restore: the state database in " + server().resolve("state") + " is in use by a running server or another dancu command:"
                    + " stop it first (systemctl stop dancu), then restore\n", refused.err());
        }
        finally {
            holder.getOutputStream().close();
            holder.waitFor();
        }
        assertEquals(before, snapshot());
        Outcome restored = dancu("restore", "--data", data.toString(), "--from", data.resolve("while-running.zip").toString());
        assertEquals(0, restored.status(), restored.err());
        assertEquals(before, snapshot());
    }

    @Test
    void aFolderWithoutStateHasNothingToBackUp()
    {
        Outcome refused = dancu("backup", "--data", data.toString(), "--to", data.resolve("x.zip").toString());
        assertEquals(2, refused.status());
        assertTrue(refused.err().startsWith("dancu backup: no server state in " + server()), refused.err());
        assertFalse(Files.exists(data.resolve("x.zip")));
    }
}
