package vn.dancu.api.state;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.dancu.api.access.Account;
import vn.dancu.api.access.AccountStore;
import vn.dancu.api.access.ApiTokens;
import vn.dancu.api.access.PasswordHasher;
import vn.dancu.api.access.Role;
import vn.dancu.api.access.Sessions;
import vn.dancu.api.settings.ServerSettings;
import vn.dancu.api.settings.SettingsStore;
import vn.dancu.api.settings.Target;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the stores of the server's state (accounts, API tokens, settings and targets) promise, whatever database holds
 * them: the embedded H2 ({@link EmbeddedStateStoreTest}) and a real PostgreSQL (app's {@code PostgresStateStoreTest}).
 * A subclass opens one migrated database for the class; every test starts from empty tables.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StateStoreContract
{
    /** 2026-12-05T07:00:00.123456789Z: nanoseconds, which a timestamp column of PostgreSQL would lose. */
    protected static final Instant START = Instant.parse("2026-12-05T07:00:00.123456789Z");

    private StateDatabase database;
    private MutableClock clock;
    private AccountStore accounts;
    private ApiTokens tokens;
    private Sessions sessions;

    /** A migrated state database, empty or not (the tests empty its tables). */
    protected abstract StateDatabase openDatabase() throws Exception;

    @BeforeAll
    void open() throws Exception
    {
        database = openDatabase();
    }

    @AfterAll
    void closeDatabase()
    {
        if (database != null) {
            database.close();
        }
    }

    @BeforeEach
    void emptyTables()
    {
        StateSnapshot.empty(database);
        clock = new MutableClock(START);
        accounts = new AccountStore(database, new PasswordHasher(1024, 1), clock);
        tokens = new ApiTokens(database, clock);
        sessions = new Sessions(database, clock);
    }

    protected StateDatabase database()
    {
        return database;
    }

    @Test
    void migrationsUpToTheAccountsTokensAndSettingsAreApplied()
    {
        List<String> versions = database.withHandle(handle -> handle.createQuery(
                "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" = TRUE AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"").mapTo(String.class).list());
        assertEquals(List.of("1", "2"), versions.stream().filter(version -> version.equals("1") || version.equals("2")).toList());
    }

    @Test
    void aCreatedAccountIsReadBackExactlyAndLogsInWithItsPassword()
    {
        Account created = accounts.create("hoa.nguyen", "Nguyễn Thị Hoa", Role.LEADER, Set.of("23485", "23479"), "mat-khau-cua-hoa");
        assertEquals(Optional.of(created), accounts.find("hoa.nguyen"));
        assertEquals(START, accounts.find("hoa.nguyen").orElseThrow().createdAt());
        assertEquals(Set.of("23479", "23485"), accounts.find("hoa.nguyen").orElseThrow().scope());
        assertEquals("Nguyễn Thị Hoa", accounts.authenticate("hoa.nguyen", "mat-khau-cua-hoa").orElseThrow().displayName());
        assertEquals(Optional.empty(), accounts.authenticate("hoa.nguyen", "not-hoas-password"));
        assertEquals(Optional.empty(), accounts.authenticate("nobody", "mat-khau-cua-hoa"));
        assertFalse(accounts.isEmpty());
    }

    @Test
    void accountsAreListedByName()
    {
        for (String name : List.of("zeta", "alpha", "minh")) {
            accounts.create(name, null, Role.VIEWER, Set.of(), "password-of-" + name);
        }
        assertEquals(List.of("alpha", "minh", "zeta"), accounts.all().stream().map(Account::username).toList());
    }

    @Test
    void creatingAnAccountWhoseNameExistsIsRefusedAndChangesNothing()
    {
        accounts.create("lan", "Lan", Role.LEADER, Set.of("23485"), "mat-khau-cua-lan");
        List<String> before = StateSnapshot.of(database);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> accounts.create("lan", "Someone else", Role.ADMIN, Set.of(), "another-password"));
        assertEquals("account 'lan' exists already", refused.getMessage());
        assertEquals(before, StateSnapshot.of(database));
        assertTrue(accounts.authenticate("lan", "mat-khau-cua-lan").isPresent());
    }

    @Test
    void eightProcessesCreatingTheSameAccountAtOnceMakeOneAccount() throws Exception
    {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> attempts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String password = "password-number-" + i;
                Callable<String> create = () -> {
                    try {
                        accounts.create("same-name", null, Role.VIEWER, Set.of(), password);
                        return "created";
                    }
                    catch (IllegalArgumentException e) {
                        return e.getMessage();
                    }
                };
                attempts.add(pool.submit(create));
            }
            List<String> outcomes = new ArrayList<>();
            for (Future<String> attempt : attempts) {
                outcomes.add(attempt.get());
            }
            assertEquals(1, outcomes.stream().filter("created"::equals).count(), outcomes.toString());
            assertEquals(7, outcomes.stream().filter("account 'same-name' exists already"::equals).count(), outcomes.toString());
            assertEquals(List.of("same-name"), accounts.all().stream().map(Account::username).toList());
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fourChangesOfOneAccountAtOnceAreAllKept() throws Exception
    {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 10; round++) {
                String name = "round-" + round;
                accounts.create(name, "Before", Role.VIEWER, Set.of(), "password-of-" + name);
                java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(4);
                List<AccountStore.Change> changes = List.of(
                        new AccountStore.Change(Optional.of("After"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                        new AccountStore.Change(Optional.empty(), Optional.of(Role.PLANNER), Optional.empty(), Optional.empty(), Optional.empty()),
                        new AccountStore.Change(Optional.empty(), Optional.empty(), Optional.of(Set.of("23485")), Optional.empty(), Optional.empty()),
                        new AccountStore.Change(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(true), Optional.empty()));
                List<Future<Account>> done = new ArrayList<>();
                for (AccountStore.Change change : changes) {
                    done.add(pool.submit(() -> {
                        start.await();
                        return accounts.change(name, change);
                    }));
                }
                for (Future<Account> future : done) {
                    future.get();
                }
                Account after = accounts.find(name).orElseThrow();
                assertEquals("After PLANNER [23485] true", after.displayName() + " " + after.role() + " " + after.scope().stream().sorted().toList() + " "
                        + after.disabled(), "round " + round);
            }
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRefusedPasswordInAChangeLeavesTheRoleAsItWas()
    {
        accounts.create("lan", "Lan", Role.LEADER, Set.of(), "mat-khau-cua-lan");
        List<String> before = StateSnapshot.of(database);
        assertThrows(IllegalArgumentException.class, () -> accounts.change("lan", new AccountStore.Change(Optional.empty(), Optional.of(Role.PLANNER),
                Optional.empty(), Optional.empty(), Optional.of("short"))));
        assertEquals(before, StateSnapshot.of(database));
    }

    @Test
    void aChangeThatFailsInTheDatabaseHalfwayChangesNothing()
    {
        accounts.create("lan", "Lan", Role.LEADER, Set.of("23485"), "mat-khau-cua-lan");
        tokens.issue("lan", "script", Duration.ofDays(30));
        List<String> before = StateSnapshot.of(database);
        clock.advance(Duration.ofMinutes(1));
        // The account's row is updated and its tokens deleted before the scope's insert fails (a code longer than its column).
        String tooLong = "x".repeat(40);
        assertThrows(RuntimeException.class, () -> accounts.change("lan", new AccountStore.Change(Optional.of("Lan 2"), Optional.of(Role.ADMIN),
                Optional.of(Set.of("23479", tooLong)), Optional.empty(), Optional.empty())));
        assertEquals(before, StateSnapshot.of(database));
    }

    @Test
    void aNewRoleMovesTheCredentialsAndDeletesTheAccountsTokensInTheSameChange()
    {
        accounts.create("lan", "Lan", Role.LEADER, Set.of(), "mat-khau-cua-lan");
        accounts.create("minh", "Minh", Role.LEADER, Set.of(), "mat-khau-cua-minh");
        String lansToken = tokens.issue("lan", "script", Duration.ofDays(30)).text();
        String minhsToken = tokens.issue("minh", "script", Duration.ofDays(30)).text();
        clock.advance(Duration.ofMinutes(5));
        Account changed = accounts.change("lan", new AccountStore.Change(Optional.empty(), Optional.of(Role.PLANNER), Optional.empty(), Optional.empty(),
                Optional.empty()));
        assertEquals(START.plus(Duration.ofMinutes(5)), changed.credentialsChangedAt());
        assertEquals(Optional.of(changed), accounts.find("lan"));
        assertEquals(Optional.empty(), tokens.verify(lansToken));
        assertEquals("minh", tokens.verify(minhsToken).orElseThrow().username());
        // A change of the display name alone keeps both.
        String again = tokens.issue("lan", "script", Duration.ofDays(30)).text();
        accounts.change("lan", new AccountStore.Change(Optional.of("Chị Lan"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        assertEquals("lan", tokens.verify(again).orElseThrow().username());
        assertEquals(START.plus(Duration.ofMinutes(5)), accounts.find("lan").orElseThrow().credentialsChangedAt());
    }

    @Test
    void aNewPasswordReplacesTheOldOne()
    {
        accounts.create("lan", "Lan", Role.LEADER, Set.of(), "mat-khau-cua-lan");
        accounts.setPassword("lan", "mat-khau-moi-cua-lan");
        assertEquals(Optional.empty(), accounts.authenticate("lan", "mat-khau-cua-lan"));
        assertTrue(accounts.authenticate("lan", "mat-khau-moi-cua-lan").isPresent());
    }

    @Test
    void aDisabledAccountDoesNotLogIn()
    {
        accounts.create("lan", "Lan", Role.LEADER, Set.of(), "mat-khau-cua-lan");
        accounts.update("lan", null, null, null, true);
        assertTrue(accounts.find("lan").orElseThrow().disabled());
        assertEquals(Optional.empty(), accounts.authenticate("lan", "mat-khau-cua-lan"));
    }

    @Test
    void deletingAnAccountDeletesItsScopeAndTokens()
    {
        accounts.create("lan", "Lan", Role.LEADER, Set.of("23485"), "mat-khau-cua-lan");
        String token = tokens.issue("lan", "script", Duration.ofDays(30)).text();
        assertTrue(accounts.delete("lan"));
        assertFalse(accounts.delete("lan"));
        assertEquals(Optional.empty(), accounts.find("lan"));
        assertEquals(Optional.empty(), tokens.verify(token));
        assertEquals(List.of(), tokens.all());
        assertTrue(accounts.isEmpty());
        long scopes = database.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM account_scope").mapTo(Long.class).one());
        assertEquals(0, scopes);
    }

    @Test
    void aTokenVerifiesWithItsSecretOnlyAndUntilItExpires()
    {
        ApiTokens.Issued issued = tokens.issue("lan", "  nightly export ", Duration.ofDays(30));
        assertEquals("nightly export", issued.token().name());
        assertEquals(Optional.of(issued.token()), tokens.verify(issued.text()));
        String text = issued.text();
        String wrongSecret = text.substring(0, text.length() - 1) + (text.endsWith("A") ? "B" : "A");
        for (String forged : List.of(wrongSecret, "dct_" + issued.token().id(), "dct_" + issued.token().id() + "_", "dct__x", "xyz", "",
                "dct_000000000000_" + text.substring(text.lastIndexOf('_') + 1), text + "x", "dct_" + "a".repeat(100) + "_b")) {
            assertEquals(Optional.empty(), tokens.verify(forged), forged);
        }
        clock.advance(Duration.ofDays(30));
        assertTrue(tokens.verify(text).isPresent());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), tokens.verify(text));
    }

    @Test
    void tokensAreListedPerAccountAndRevokedOneByOneOrAll()
    {
        ApiTokens.Issued first = tokens.issue("lan", "first", Duration.ofDays(30));
        clock.advance(Duration.ofSeconds(1));
        ApiTokens.Issued second = tokens.issue("lan", "second", Duration.ofDays(30));
        clock.advance(Duration.ofSeconds(1));
        ApiTokens.Issued minhs = tokens.issue("minh", "minh's", Duration.ofDays(30));
        assertEquals(List.of(first.token(), second.token()), tokens.of("lan"));
        assertEquals(List.of(first.token(), second.token(), minhs.token()), tokens.all());
        assertTrue(tokens.revoke(first.token().id()));
        assertFalse(tokens.revoke(first.token().id()));
        assertEquals(List.of(second.token()), tokens.of("lan"));
        tokens.revokeAll("lan");
        assertEquals(List.of(minhs.token()), tokens.all());
    }

    @Test
    void aTokenCannotOutliveTheTokenThatMakesItNorLiveOverAYear()
    {
        List<String> before = StateSnapshot.of(database);
        assertEquals("a token lives from 1 day to 366 days",
                assertThrows(IllegalArgumentException.class, () -> tokens.issue("lan", "x", Duration.ofDays(367))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> tokens.issue("lan", "x", Duration.ofDays(30), START.plus(Duration.ofDays(29))));
        assertEquals(before, StateSnapshot.of(database));
    }

    @Test
    void settingsAreTheDefaultsUntilChangedThenReadBackExactly()
    {
        SettingsStore settings = new SettingsStore(database);
        assertEquals(ServerSettings.defaults(), settings.current());
        ServerSettings changed = new ServerSettings(11, 97.5, null, List.of(
                new Target("vneidLevel2ShareEligible", "23485", 80, LocalDate.of(2027, 6, 30), true),
                new Target("chipCardShareEligible", Target.AREA, 98, LocalDate.of(2027, 12, 31), false)), START, "admin");
        long revision = settings.revision();
        assertEquals(changed, settings.replace(changed));
        assertEquals(changed, settings.current());
        assertEquals(revision + 1, settings.revision());
        // Another store (another process) reads the same, targets in the admin's order, to the nanosecond.
        assertEquals(changed, new SettingsStore(database).current());
    }

    @Test
    void aSettingsChangeThatFailsHalfwayChangesNothing()
    {
        SettingsStore settings = new SettingsStore(database);
        settings.replace(new ServerSettings(7, 90.0, 80.0, List.of(new Target("chipCardShareEligible", Target.AREA, 95, LocalDate.of(2027, 12, 31), false)),
                START, "admin"));
        List<String> before = StateSnapshot.of(database);
        // The settings row and the targets are written, then the transaction fails: the database keeps the old ones.
        assertThrows(IllegalStateException.class, () -> database.inTransaction(handle -> {
            SettingsStore.write(handle, new ServerSettings(20, null, null, List.of(), START, "other"), 99);
            throw new IllegalStateException("refused after writing");
        }));
        assertEquals(before, StateSnapshot.of(database));
        assertEquals(7, new SettingsStore(database).current().suppressionThreshold());
    }

    @Test
    void aServerSeesTheSettingsAnotherServerChangedWithinASecond() throws Exception
    {
        SettingsStore first = new SettingsStore(database);
        SettingsStore second = new SettingsStore(database);
        long revision = second.revision();
        first.replace(new ServerSettings(12, null, null, List.of(), START, "admin"));
        Thread.sleep(1_100);
        assertEquals(12, second.current().suppressionThreshold());
        assertNotEquals(revision, second.revision());
    }

    @Test
    void aSessionLastsUntilThirtyMinutesWithoutARequestAndIsKeptAsAHashOnly()
    {
        Sessions.Session opened = sessions.open("lan");
        assertEquals(opened, sessions.find(opened.id()).orElseThrow());
        List<String> stored = StateSnapshot.of(database);
        assertFalse(stored.toString().contains(opened.id()), "the cookie's id is not in the database");
        // Requests every 29 minutes keep it alive (another store, as another server sharing the database, sees it too).
        Sessions otherServer = new Sessions(database, clock);
        for (int i = 1; i <= 3; i++) {
            clock.advance(Duration.ofMinutes(29));
            assertEquals("lan", (i % 2 == 0 ? sessions : otherServer).find(opened.id()).orElseThrow().username(), "after " + 29 * i + " minutes");
        }
        clock.advance(Duration.ofMinutes(30).plusSeconds(1));
        assertEquals(Optional.empty(), sessions.find(opened.id()));
        assertEquals(Optional.empty(), otherServer.find(opened.id()));
        for (String unknown : java.util.Arrays.asList(null, "", "x", opened.id() + "x", "a".repeat(500))) {
            assertEquals(Optional.empty(), sessions.find(unknown), String.valueOf(unknown));
        }
    }

    @Test
    void aSessionEndsTwelveHoursAfterLoginHoweverBusy()
    {
        Sessions.Session opened = sessions.open("lan");
        for (int i = 0; i < 24; i++) {
            clock.advance(Duration.ofMinutes(29));
            sessions.find(opened.id());
        }
        assertTrue(sessions.find(opened.id()).isPresent(), "11 h 36 min after login");
        clock.advance(Duration.ofMinutes(25));
        assertEquals(Optional.empty(), sessions.find(opened.id()));
    }

    @Test
    void logoutEndsOneSessionAndACredentialsChangeEndsAllOfTheAccountsInTheSameTransaction()
    {
        accounts.create("lan", "Lan", Role.LEADER, Set.of(), "mat-khau-cua-lan");
        Sessions.Session first = sessions.open("lan");
        Sessions.Session second = sessions.open("lan");
        Sessions.Session minhs = sessions.open("minh");
        sessions.close(first.id());
        assertEquals(Optional.empty(), sessions.find(first.id()));
        assertTrue(sessions.find(second.id()).isPresent());
        clock.advance(Duration.ofMinutes(1));
        accounts.setPassword("lan", "mat-khau-moi-cua-lan");
        assertEquals(Optional.empty(), sessions.find(second.id()));
        assertTrue(sessions.find(minhs.id()).isPresent());
        sessions.closeAll("minh");
        assertEquals(Optional.empty(), sessions.find(minhs.id()));
    }

    @Test
    void endedSessionsAreDeletedAtTheNextLogin()
    {
        sessions.open("lan");
        sessions.open("minh");
        clock.advance(Duration.ofMinutes(31));
        sessions.open("hoa");
        List<String> rows = StateSnapshot.of(database).stream().filter(line -> line.startsWith("browser_session |")).toList();
        assertEquals(1, rows.size(), rows.toString());
        assertTrue(rows.get(0).contains("hoa"), rows.toString());
    }

    /** A clock the test moves. */
    static final class MutableClock
            extends Clock
    {
        private volatile Instant now;

        MutableClock(Instant now)
        {
            this.now = now;
        }

        void advance(Duration duration)
        {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone()
        {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone)
        {
            return this;
        }

        @Override
        public Instant instant()
        {
            return now;
        }
    }
}
