package vn.dancu.api.state.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dancu.api.CubeFixture;
import vn.dancu.api.TestServer;
import vn.dancu.api.access.Account;
import vn.dancu.api.access.AccountStore;
import vn.dancu.api.access.ApiTokens;
import vn.dancu.api.access.PasswordHasher;
import vn.dancu.api.access.Role;
import vn.dancu.api.settings.ServerSettings;
import vn.dancu.api.settings.SettingsStore;
import vn.dancu.api.settings.Target;
import vn.dancu.api.state.StateDatabase;
import vn.dancu.datasets.geo.Area;
import vn.dancu.model.cube.CubeCatalog;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.dancu.api.TestServer.json;

/** A server folder of an older version (accounts.json, tokens.json, settings.json) opened on the state database. */
class JsonStateImportTest
{
    private static final PasswordHasher HASHER = new PasswordHasher(1024, 1);
    private static final Instant CREATED = Instant.parse("2026-03-01T08:15:30.123456789Z");
    private static final String TOKEN_SECRET = "c2VjcmV0LW9mLXRoZS1vbGQtdG9rZW4tMzItYnl0ZXM";
    private static final ServerSettings SETTINGS = new ServerSettings(8, 96.0, null, List.of(
            new Target("vneidLevel2ShareEligible", "23485", 80, LocalDate.of(2027, 6, 30), false),
            new Target("chipCardShareEligible", Target.AREA, 98.5, LocalDate.of(2027, 12, 31), true)),
            Instant.parse("2026-11-20T02:00:00.5Z"), "admin");

    @TempDir
    Path data;

    /** The mapper and the file shapes the stores of the JSON version wrote with ({"accounts": [...]}, {"tokens": [...]}, the settings record). */
    private static final ObjectMapper OLD_WRITER = CubeCatalog.json().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final List<Account> ACCOUNTS = List.of(
            new Account("admin", "Quản trị", Role.ADMIN, Set.of(), HASHER.hash("mat-khau-quan-tri"), CREATED, false),
            new Account("lan", "Nguyễn Thị Lan", Role.LEADER, Set.of("23485", "23479"), HASHER.hash("mat-khau-cua-lan"), CREATED, false,
                    CREATED.plusSeconds(3600)),
            new Account("cu.old", "Tài khoản cũ", Role.VIEWER, Set.of(), HASHER.hash("mat-khau-tai-khoan-cu"), CREATED, true));
    private static final ApiTokens.Token TOKEN = new ApiTokens.Token("a1b2c3d4e5f6", "lan", "nightly export", sha256(TOKEN_SECRET),
            Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2099-01-30T00:00:00Z"));

    private Path writeOldFiles() throws Exception
    {
        Path server = Files.createDirectories(data.resolve("server"));
        OLD_WRITER.writeValue(server.resolve("accounts.json").toFile(), Map.of("accounts", ACCOUNTS));
        OLD_WRITER.writeValue(server.resolve("tokens.json").toFile(), Map.of("tokens", List.of(TOKEN)));
        OLD_WRITER.writeValue(server.resolve("settings.json").toFile(), SETTINGS);
        return server;
    }

    @Test
    void theOldFilesAreImportedOnceAndRenamedAndEveryAccountLogsInWithItsOldPassword() throws Exception
    {
        Path server = writeOldFiles();
        assertTrue(Files.readString(server.resolve("accounts.json")).contains("\"passwordHash\" : \"$argon2id$"), "the old file holds hashes");
        try (StateDatabase database = ServerState.embedded(server)) {
            AccountStore accounts = new AccountStore(database, HASHER, Clock.systemUTC());
            assertEquals(ACCOUNTS.stream().sorted(java.util.Comparator.comparing(Account::username)).toList(), accounts.all());
            assertTrue(accounts.authenticate("admin", "mat-khau-quan-tri").isPresent());
            assertTrue(accounts.authenticate("lan", "mat-khau-cua-lan").isPresent());
            assertTrue(accounts.authenticate("cu.old", "mat-khau-tai-khoan-cu").isEmpty(), "a disabled account stays disabled");
            assertTrue(HASHER.matches("mat-khau-tai-khoan-cu", accounts.find("cu.old").orElseThrow().passwordHash()));
            ApiTokens tokens = new ApiTokens(database, Clock.systemUTC());
            assertEquals(List.of(TOKEN), tokens.all());
            assertEquals(TOKEN, tokens.verify("dct_a1b2c3d4e5f6_" + TOKEN_SECRET).orElseThrow());
            assertEquals(SETTINGS, new SettingsStore(database).current());
        }
        for (String name : List.of("accounts.json", "tokens.json", "settings.json")) {
            assertFalse(Files.exists(server.resolve(name)), name);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(server.resolve(name + ".migrated"))), name);
        }
        // A second start imports nothing again, even when an old file comes back.
        Files.copy(server.resolve("accounts.json.migrated"), server.resolve("accounts.json"));
        try (StateDatabase database = ServerState.embedded(server)) {
            AccountStore accounts = new AccountStore(database, HASHER, Clock.systemUTC());
            accounts.delete("cu.old");
        }
        try (StateDatabase database = ServerState.embedded(server)) {
            assertEquals(List.of("admin", "lan"), new AccountStore(database, HASHER, Clock.systemUTC()).all().stream().map(Account::username).toList());
        }
        assertTrue(Files.exists(server.resolve("accounts.json")), "a file not imported is left as it is");
    }

    @Test
    void afterTheImportTheServerLogsInTheOldAccountsAndTakesTheOldTokenAndSettings() throws Exception
    {
        new CubeFixture("population_stock")
                .row("2026-10-31", "23485", "M", 31, "14", "PERMANENT", 12)
                .publish(data, "v1", "konray");
        writeOldFiles();
        try (TestServer server = TestServer.start(data, Area.konray(), "population_stock")) {
            for (Map.Entry<String, String> login : Map.of("admin", "mat-khau-quan-tri", "lan", "mat-khau-cua-lan").entrySet()) {
                HttpResponse<String> answer = server.send("POST", "/api/v1/auth/login",
                        "{\"username\":\"" + login.getKey() + "\",\"password\":\"" + login.getValue() + "\"}");
                assertEquals(200, answer.statusCode(), login.getKey() + ": " + answer.body());
            }
            assertEquals(401, server.send("POST", "/api/v1/auth/login", "{\"username\":\"cu.old\",\"password\":\"mat-khau-tai-khoan-cu\"}").statusCode());
            assertEquals("lan token", json(server.get("/api/v1/auth/me", "Authorization", "Bearer dct_a1b2c3d4e5f6_" + TOKEN_SECRET)).get("username").asText()
                    + " " + json(server.get("/api/v1/auth/me", "Authorization", "Bearer dct_a1b2c3d4e5f6_" + TOKEN_SECRET)).get("via").asText());
            String admin = "Bearer " + server.token(Role.ADMIN);
            assertEquals(OLD_WRITER.readTree(OLD_WRITER.writeValueAsString(SETTINGS)), json(server.get("/api/v1/admin/settings", "Authorization", admin)));
        }
    }

    @Test
    void aCorruptFileStopsTheStartWithItsNameAndNothingIsImported() throws Exception
    {
        Path server = writeOldFiles();
        Files.writeString(server.resolve("tokens.json"), "{\"tokens\": [{\"id\": \"a1b2\", ");
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> ServerState.embedded(server));
        assertTrue(refused.getMessage().startsWith("cannot read the old tokens file " + server.resolve("tokens.json") + " ("), refused.getMessage());
        assertTrue(refused.getMessage().endsWith("): nothing was imported into the state database; repair or remove the file and start again"),
                refused.getMessage());
        for (String name : List.of("accounts.json", "tokens.json", "settings.json")) {
            assertTrue(Files.exists(server.resolve(name)), name);
        }
        // Once repaired, the next start imports all three.
        Files.delete(server.resolve("tokens.json"));
        try (StateDatabase database = ServerState.embedded(server)) {
            assertEquals(3, new AccountStore(database, HASHER, Clock.systemUTC()).all().size());
            assertEquals(SETTINGS, new SettingsStore(database).current());
        }
    }

    @Test
    void aFileOfTheWrongShapeIsRefusedLikeACorruptOne() throws Exception
    {
        Path server = writeOldFiles();
        Files.writeString(server.resolve("settings.json"), "{\"suppressionThreshold\": 1}");
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> ServerState.embedded(server));
        assertTrue(refused.getMessage().startsWith("cannot read the old settings file " + server.resolve("settings.json")), refused.getMessage());
        try (StateDatabase database = StateDatabase.embedded(data.resolve("elsewhere"))) {
            assertTrue(new AccountStore(database, HASHER, Clock.systemUTC()).isEmpty());
        }
        assertTrue(Files.exists(server.resolve("accounts.json")));
    }

    private static String sha256(String text)
    {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
