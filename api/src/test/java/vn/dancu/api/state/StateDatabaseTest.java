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
    void theEmbeddedDatabaseIsServedToOtherProcessesOnLoopbackOnly() throws Exception
    {
        try (StateDatabase database = StateDatabase.embedded(server)) {
            database.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM state_info").mapTo(Integer.class).one());
            java.util.Properties lock = new java.util.Properties();
            try (java.io.InputStream in = Files.newInputStream(server.resolve("state/dancu.lock.db"))) {
                lock.load(in);
            }
            String address = lock.getProperty("server");
            assertTrue(java.net.InetAddress.getByName(address.substring(0, address.lastIndexOf(':'))).isLoopbackAddress(), address);
            int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
            // Listening on loopback: a connection to the machine's own network address on that port is refused.
            for (java.net.InetAddress other : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                    .flatMap(network -> java.util.Collections.list(network.getInetAddresses()).stream())
                    .filter(candidate -> !candidate.isLoopbackAddress() && candidate instanceof java.net.Inet4Address).toList()) {
                try (java.net.Socket socket = new java.net.Socket()) {
                    socket.connect(new java.net.InetSocketAddress(other, port), 2_000);
                    throw new AssertionError("H2 listens on " + other + ":" + port);
                }
                catch (java.net.ConnectException expected) {
                    // refused: nothing listens there
                }
            }
        }
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
