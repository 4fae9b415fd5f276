package vn.dancu.api.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StateDatabaseTest
{
    @TempDir
    Path server;

    @Test
    void anEmbeddedDatabaseIsCreatedAndMigratedInTheServerFolder()
    {
        try (StateDatabase database = StateDatabase.embedded(server)) {
            String createdBy = database.withHandle(handle -> handle.createQuery("SELECT info_value FROM state_info WHERE info_key = 'created_by'").mapTo(String.class).one());
            assertEquals("dancu", createdBy);
            assertTrue(database.embedded());
        }
        assertTrue(Files.exists(server.resolve("state/dancu.mv.db")));
    }

    @Test
    void aTransactionThatThrowsChangesNothing()
    {
        try (StateDatabase database = StateDatabase.embedded(server)) {
            IllegalStateException rejected = assertThrows(IllegalStateException.class, () -> database.inTransaction(handle -> {
                handle.execute("INSERT INTO state_info (info_key, info_value) VALUES ('x', 'y')");
                throw new IllegalStateException("rejected");
            }));
            assertEquals("rejected", rejected.getMessage());
            int rows = database.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM state_info WHERE info_key = 'x'").mapTo(Integer.class).one());
            assertEquals(0, rows);
        }
    }

    @Test
    void reopeningAMigratedDatabaseAppliesNothingTwice()
    {
        StateDatabase.embedded(server).close();
        try (StateDatabase database = StateDatabase.embedded(server)) {
            int rows = database.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM state_info").mapTo(Integer.class).one());
            assertEquals(1, rows);
        }
    }
}
