package vn.dancu.api.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AuditLogTest
{
    @TempDir
    Path server;

    private static AuditEntry request(String user, String cube, long cells)
    {
        return new AuditEntry(0, Instant.parse("2026-11-02T08:00:00Z"), user, "leader", List.of("23485"), "session", "127.0.0.1", "GET",
                "/api/v1/cubes/" + cube + "/query", "dims=unit", cube, cells, 200, "v1", "", "");
    }

    @Test
    void appendsNumberedEntriesChainedByHashAndContinuesTheChainAfterARestart()
    {
        try (AuditLog log = new AuditLog(server)) {
            log.append(request("lan", "population_stock", 12));
            log.append(request("lan", "births", 4));
        }
        try (AuditLog log = new AuditLog(server)) {
            AuditEntry third = log.append(request("minh", "deaths", 2));
            assertEquals(3, third.seq());
            List<AuditEntry> all = log.read(1, 100, entry -> true);
            assertEquals(List.of(1L, 2L, 3L), all.stream().map(AuditEntry::seq).toList());
            assertEquals(all.get(1).hash(), third.prev());
            assertEquals(new AuditLog.Verification(3, true, null, null), log.verify());
        }
    }

    @Test
    void verifyFindsAnEditedEntry() throws Exception
    {
        try (AuditLog log = new AuditLog(server)) {
            log.append(request("lan", "population_stock", 12));
            log.append(request("lan", "births", 4));
            log.append(request("lan", "deaths", 2));
        }
        Path file = server.resolve("audit").resolve(AuditLog.FILE_NAME);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(1, lines.get(1).replace("\"cells\":4", "\"cells\":0"));
        Files.write(file, lines);
        try (AuditLog log = new AuditLog(server)) {
            assertEquals(new AuditLog.Verification(1, false, 2L, "hash does not match the entry's content"), log.verify());
        }
    }

    @Test
    void verifyFindsADeletedEntry() throws Exception
    {
        try (AuditLog log = new AuditLog(server)) {
            log.append(request("lan", "population_stock", 12));
            log.append(request("lan", "births", 4));
            log.append(request("lan", "deaths", 2));
        }
        Path file = server.resolve("audit").resolve(AuditLog.FILE_NAME);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.remove(1);
        Files.write(file, lines);
        try (AuditLog log = new AuditLog(server)) {
            assertEquals(new AuditLog.Verification(1, false, 2L, "seq 3 where 2 was expected"), log.verify());
        }
    }
}
