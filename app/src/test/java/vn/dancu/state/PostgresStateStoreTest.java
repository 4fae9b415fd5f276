package vn.dancu.state;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dancu.api.access.Account;
import vn.dancu.api.access.AccountStore;
import vn.dancu.api.access.ApiTokens;
import vn.dancu.api.access.PasswordHasher;
import vn.dancu.api.access.Role;
import vn.dancu.api.access.Sessions;
import vn.dancu.api.settings.ServerSettings;
import vn.dancu.api.settings.SettingsStore;
import vn.dancu.api.state.StateDatabase;
import vn.dancu.api.state.StateStoreContract;
import vn.dancu.api.state.StateSnapshot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The state stores' contract (accounts, tokens, settings, transactions) on a real PostgreSQL started by the test from
 * Debian's package, with the same migrations; and what several servers sharing it rely on. Fails (never skips) when
 * PostgreSQL cannot be started.
 */
class PostgresStateStoreTest
        extends StateStoreContract
{
    private LocalPostgres postgres;

    @TempDir
    static Path serverFolder;

    @Override
    protected StateDatabase openDatabase() throws Exception
    {
        postgres = LocalPostgres.start(7615, 7619);
        System.out.println("PostgreSQL for the state tests: " + postgres.version() + " on port " + postgres.port());
        return StateDatabase.open(postgres.url(), LocalPostgres.USER, LocalPostgres.PASSWORD);
    }

    @AfterAll
    void stopPostgres() throws Exception
    {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theDatabaseIsPostgresAndTheMigrationsWereAppliedByFlyway() throws Exception
    {
        assertFalse(database().embedded());
        assertEquals("PostgreSQL", database().withHandle(handle -> handle.getConnection().getMetaData().getDatabaseProductName()));
        assertEquals(List.of("1 state info", "2 accounts tokens settings"), database().withHandle(handle -> handle.createQuery(
                "SELECT version || ' ' || description FROM flyway_schema_history WHERE version IN ('1', '2') AND success ORDER BY installed_rank")
                .mapTo(String.class).list()));
    }

    @Test
    void twoServersOnOnePostgresShareAccountsTokensSessionsAndSettings() throws Exception
    {
        try (StateDatabase second = StateDatabase.open(postgres.url(), LocalPostgres.USER, LocalPostgres.PASSWORD)) {
            AccountStore firstAccounts = new AccountStore(database(), new PasswordHasher(1024, 1), Clock.systemUTC());
            AccountStore secondAccounts = new AccountStore(second, new PasswordHasher(1024, 1), Clock.systemUTC());
            firstAccounts.create("lan", "Lan", Role.LEADER, Set.of("23485"), "mat-khau-cua-lan");
            assertTrue(secondAccounts.authenticate("lan", "mat-khau-cua-lan").isPresent());
            String token = new ApiTokens(database(), Clock.systemUTC()).issue("lan", "script", Duration.ofDays(1)).text();
            assertEquals("lan", new ApiTokens(second, Clock.systemUTC()).verify(token).orElseThrow().username());
            // A login on one server counts on the other.
            String session = new Sessions(database(), Clock.systemUTC()).open("lan").id();
            assertEquals("lan", new Sessions(second, Clock.systemUTC()).find(session).orElseThrow().username());
            // A password changed on one server ends the token and the session on the other.
            secondAccounts.setPassword("lan", "mat-khau-moi-cua-lan");
            assertTrue(new ApiTokens(database(), Clock.systemUTC()).verify(token).isEmpty());
            assertTrue(new Sessions(database(), Clock.systemUTC()).find(session).isEmpty());
            SettingsStore firstSettings = new SettingsStore(database());
            SettingsStore secondSettings = new SettingsStore(second);
            secondSettings.replace(new ServerSettings(9, 97.0, null, List.of(), Instant.parse("2026-12-05T00:00:00Z"), "admin"));
            Thread.sleep(1_100);
            assertEquals(9, firstSettings.current().suppressionThreshold());
        }
    }

    @Test
    void theOldJsonFilesOfAServerFolderAreImportedIntoPostgresOnce() throws Exception
    {
        StateSnapshot.empty(database());
        Files.writeString(serverFolder.resolve("settings.json"), "{\n  \"suppressionThreshold\" : 6,\n  \"chipCardTarget\" : 99.0,\n  \"vneidLevel2Target\" : null,\n"
                + "  \"targets\" : [ ],\n  \"updatedAt\" : \"2026-11-20T02:00:00Z\",\n  \"updatedBy\" : \"admin\"\n}");
        Account old = new Account("hoa", "Hoa", Role.PLANNER, Set.of(), new PasswordHasher(1024, 1).hash("mat-khau-cua-hoa"), Instant.parse("2026-01-01T00:00:00Z"), false);
        vn.dancu.model.cube.CubeCatalog.json().disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .writeValue(serverFolder.resolve("accounts.json").toFile(), Map.of("accounts", List.of(old)));
        try (StateDatabase shared = vn.dancu.api.state.files.ServerState.shared(postgres.url(), LocalPostgres.USER, LocalPostgres.PASSWORD, serverFolder)) {
            assertTrue(new AccountStore(shared, new PasswordHasher(1024, 1), Clock.systemUTC()).authenticate("hoa", "mat-khau-cua-hoa").isPresent());
            assertEquals(6, new SettingsStore(shared).current().suppressionThreshold());
        }
        assertTrue(Files.exists(serverFolder.resolve("accounts.json.migrated")));
        assertTrue(Files.exists(serverFolder.resolve("settings.json.migrated")));
        assertFalse(Files.exists(serverFolder.resolve("accounts.json")));
    }
}
