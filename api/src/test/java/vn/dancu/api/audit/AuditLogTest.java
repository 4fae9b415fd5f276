package vn.dancu.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditLogTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant MORNING = Instant.parse("2026-11-02T08:00:00Z");

    @TempDir
    Path folder;

    private static AuditEntry request(String user, String cube, long cells)
    {
        return request(user, cube, cells, MORNING);
    }

    private static AuditEntry request(String user, String cube, long cells, Instant at)
    {
        return AuditEntry.request(at, user, "leader", List.of("23485"), "session", "127.0.0.1", "GET", "/api/v1/cubes/" + cube + "/query",
                "dims=unit", null, null, cube, cells, 200, "v1");
    }

    private AuditLog open(long segmentBytes)
    {
        return new AuditLog(folder, new AuditLog.Options(segmentBytes, ZoneOffset.UTC, false, Duration.ZERO), Clock.systemUTC());
    }

    private List<Path> segments() throws IOException
    {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().matches("audit-log-\\d+\\.jsonl")).sorted().toList();
        }
    }

    private static List<JsonNode> lines(Path file) throws IOException
    {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    @Test
    void appendsNumberedEntriesChainedByHashAndContinuesTheChainAfterARestart()
    {
        try (AuditLog log = open(1 << 20)) {
            log.append(request("lan", "population_stock", 12));
            log.append(request("lan", "births", 4));
        }
        try (AuditLog log = open(1 << 20)) {
            AuditEntry third = log.append(request("minh", "deaths", 2));
            assertEquals(3, third.seq());
            List<AuditEntry> all = log.read(AuditQuery.last(100)).entries();
            assertEquals(List.of(1L, 2L, 3L), all.stream().map(AuditEntry::seq).toList());
            assertEquals(all.get(1).hash(), third.prev());
            assertEquals("", all.get(0).prev());
            Verification verification = log.verify(true);
            assertEquals("full | 3 | true | 1 | 3", verification.mode() + " | " + verification.entries() + " | " + verification.intact() + " | "
                    + verification.fromSeq() + " | " + verification.toSeq());
        }
    }

    @Test
    void verifyFindsAnEditedEntry() throws Exception
    {
        try (AuditLog log = open(1 << 20)) {
            log.append(request("lan", "population_stock", 12));
            log.append(request("lan", "births", 4));
            log.append(request("lan", "deaths", 2));
        }
        Path file = segments().get(0);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(1, lines.get(1).replace("\"cells\":4", "\"cells\":0"));
        Files.write(file, lines);
        try (AuditLog log = open(1 << 20)) {
            Verification verification = log.verify(true);
            assertEquals("false | 2 | hash does not match the entry's content | audit-log-000000000001.jsonl | 1 entries", verification.intact() + " | "
                    + verification.brokenAtSeq() + " | " + verification.problem() + " | " + verification.segment() + " | " + verification.entries() + " entries");
        }
    }

    @Test
    void verifyFindsADeletedEntry() throws Exception
    {
        try (AuditLog log = open(1 << 20)) {
            log.append(request("lan", "population_stock", 12));
            log.append(request("lan", "births", 4));
            log.append(request("lan", "deaths", 2));
        }
        Path file = segments().get(0);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.remove(1);
        Files.write(file, lines);
        try (AuditLog log = open(1 << 20)) {
            Verification verification = log.verify(true);
            assertEquals("false | 2 | seq 3 where 2 was expected", verification.intact() + " | " + verification.brokenAtSeq() + " | " + verification.problem());
        }
    }

    @Test
    void rotatesBySizeAndCarriesTheChainAcrossFiles() throws Exception
    {
        try (AuditLog log = open(2048)) {
            for (int i = 1; i <= 40; i++) {
                log.append(request("lan", "population_stock", i));
            }
        }
        List<Path> segments = segments();
        assertTrue(segments.size() >= 5, segments.toString());
        List<JsonNode> all = new ArrayList<>();
        for (Path segment : segments) {
            List<JsonNode> entries = lines(segment);
            assertEquals(segment.getFileName().toString(), String.format("audit-log-%012d.jsonl", entries.get(0).get("seq").asLong()));
            // A segment is closed at the first entry that finds it at or beyond the size: it holds at most one line more.
            assertTrue(Files.size(segment) < 2048 + 400, segment + " " + Files.size(segment));
            all.addAll(entries);
        }
        assertEquals(40, all.size());
        for (int i = 1; i < all.size(); i++) {
            assertEquals(i + 1, all.get(i).get("seq").asLong());
            assertEquals(all.get(i - 1).get("hash").asText(), all.get(i).get("prev").asText(), "entry " + (i + 1));
        }
        try (AuditLog log = open(2048)) {
            assertTrue(log.verify(true).intact());
            List<AuditEntry> last = log.read(AuditQuery.last(25)).entries();
            assertEquals(16, last.get(0).seq());
            assertEquals(40, last.get(24).seq());
        }
    }

    @Test
    void startsANewFileForTheFirstEntryOfEachDayInTheConfiguredZone() throws Exception
    {
        ZoneId hanoi = ZoneId.of("Asia/Ho_Chi_Minh");
        try (AuditLog log = new AuditLog(folder, new AuditLog.Options(1 << 20, hanoi, false, Duration.ZERO), Clock.systemUTC())) {
            log.append(request("lan", "births", 1, Instant.parse("2026-11-02T16:00:00Z")));   // 23:00 in Hà Nội
            log.append(request("lan", "births", 2, Instant.parse("2026-11-02T16:59:59Z")));   // 23:59:59
            log.append(request("lan", "births", 3, Instant.parse("2026-11-02T17:00:00Z")));   // 00:00 of 3 November
            log.append(request("lan", "births", 4, Instant.parse("2026-11-03T09:00:00Z")));
        }
        List<Path> segments = segments();
        assertEquals(List.of("audit-log-000000000001.jsonl", "audit-log-000000000003.jsonl"),
                segments.stream().map(path -> path.getFileName().toString()).toList());
        assertEquals(List.of(1L, 2L), lines(segments.get(0)).stream().map(node -> node.get("cells").asLong()).toList());
        assertEquals(List.of(3L, 4L), lines(segments.get(1)).stream().map(node -> node.get("cells").asLong()).toList());
    }

    @Test
    void incrementalVerificationChecksOnlyNewEntriesAndNoticesARewrittenPast() throws Exception
    {
        try (AuditLog log = open(4096)) {
            for (int i = 1; i <= 30; i++) {
                log.append(request("lan", "births", i));
            }
            Verification first = log.verify(false);
            assertEquals("incremental | 30 | true | 1 | 30", first.mode() + " | " + first.entries() + " | " + first.intact() + " | "
                    + first.fromSeq() + " | " + first.toSeq());
            for (int i = 31; i <= 35; i++) {
                log.append(request("lan", "births", i));
            }
            Verification second = log.verify(false);
            assertEquals("5 | true | 31 | 35", second.entries() + " | " + second.intact() + " | " + second.fromSeq() + " | " + second.toSeq());
            assertEquals(log.read(AuditQuery.last(1)).entries().get(0).hash(), second.checkpoint());
            Verification nothingNew = log.verify(false);
            assertEquals("0 | true", nothingNew.entries() + " | " + nothingNew.intact());
        }
        // Someone rewrites the whole log with a changed entry and a recomputed chain: only the checkpoint can tell.
        rewriteWithRecomputedChain(entry -> entry.cells() == 3 ? 300 : entry.cells());
        try (AuditLog log = open(4096)) {
            for (Verification verification : List.of(log.verify(false), log.verify(true))) {
                assertFalse(verification.intact(), verification.mode());
                assertEquals(35L, verification.brokenAtSeq());
                assertTrue(verification.problem().startsWith("the entry of the last checkpoint (seq 35) is no longer the one verified on "),
                        verification.problem());
            }
        }
    }

    @Test
    void incrementalVerificationFindsAnEditAfterTheCheckpoint() throws Exception
    {
        try (AuditLog log = open(1 << 20)) {
            for (int i = 1; i <= 10; i++) {
                log.append(request("lan", "births", i));
            }
            assertTrue(log.verify(false).intact());
            for (int i = 11; i <= 20; i++) {
                log.append(request("lan", "births", i));
            }
        }
        Path file = segments().get(0);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(14, lines.get(14).replace("\"user\":\"lan\"", "\"user\":\"ai\""));
        Files.write(file, lines);
        try (AuditLog log = open(1 << 20)) {
            Verification verification = log.verify(false);
            assertEquals("false | 15 | 4 | hash does not match the entry's content", verification.intact() + " | " + verification.brokenAtSeq() + " | "
                    + verification.entries() + " | " + verification.problem());
        }
    }

    @Test
    void verifyNoticesALogCutShortAfterItsLastCheckpoint() throws Exception
    {
        try (AuditLog log = open(1 << 20)) {
            for (int i = 1; i <= 10; i++) {
                log.append(request("lan", "births", i));
            }
            assertTrue(log.verify(false).intact());
        }
        Path file = segments().get(0);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        Files.write(file, lines.subList(0, 7));
        try (AuditLog log = open(1 << 20)) {
            Verification full = log.verify(true);
            assertFalse(full.intact());
            assertTrue(full.problem().startsWith("the log ends at seq 7, before seq 10 that was verified on "), full.problem());
            assertFalse(log.verify(false).intact());
        }
        // Every file removed: the log starts again from seq 1, and the checkpoint still tells.
        for (Path segment : segments()) {
            Files.delete(segment);
        }
        try (AuditLog log = open(1 << 20)) {
            assertEquals(1, log.append(request("lan", "births", 1)).seq());
            Verification verification = log.verify(true);
            assertFalse(verification.intact());
            assertTrue(verification.problem().startsWith("the log ends at seq 1, before seq 10 that was verified on "), verification.problem());
        }
    }

    @Test
    void verifyReportsAMissingSegment() throws Exception
    {
        try (AuditLog log = open(2048)) {
            for (int i = 1; i <= 40; i++) {
                log.append(request("lan", "births", i));
            }
        }
        List<Path> segments = segments();
        String second = segments.get(1).getFileName().toString();
        long secondFirst = lines(segments.get(1)).get(0).get("seq").asLong();
        long thirdFirst = lines(segments.get(2)).get(0).get("seq").asLong();
        Files.delete(segments.get(1));
        try (AuditLog log = open(2048)) {
            Verification verification = log.verify(true);
            assertEquals("false | " + secondFirst + " | segment " + segments.get(2).getFileName() + " starts at seq " + thirdFirst + " where "
                    + secondFirst + " was expected", verification.intact() + " | " + verification.brokenAtSeq() + " | " + verification.problem(), second);
        }
    }

    @Test
    void readsTheLastEntriesBackwardsAndPagesWithBefore()
    {
        try (AuditLog log = open(4096)) {
            for (int i = 1; i <= 100; i++) {
                log.append(request(i % 10 == 0 ? "minh" : "lan", "births", i));
            }
            AuditPage page = log.read(new AuditQuery(1, Optional.empty(), 3, Optional.of("minh"), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), 1000));
            assertEquals(List.of(80L, 90L, 100L), page.entries().stream().map(AuditEntry::seq).toList());
            assertEquals("true | 80 | 21", page.more() + " | " + page.before() + " | " + page.scanned());
            AuditPage next = log.read(new AuditQuery(1, Optional.of(page.before()), 3, Optional.of("minh"), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), 1000));
            assertEquals(List.of(50L, 60L, 70L), next.entries().stream().map(AuditEntry::seq).toList());
            AuditPage fromSixty = log.read(new AuditQuery(60, Optional.empty(), 10, Optional.of("minh"), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), 1000));
            assertEquals("[60, 70, 80, 90, 100] | false", fromSixty.entries().stream().map(AuditEntry::seq).toList() + " | " + fromSixty.more());
            // The scan limit bounds the work of a filter that matches rarely; the page says where to go on.
            AuditPage bounded = log.read(new AuditQuery(1, Optional.empty(), 5, Optional.of("nobody"), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), 25));
            assertEquals("[] | 25 | true | 76", bounded.entries() + " | " + bounded.scanned() + " | " + bounded.more() + " | " + bounded.before());
            AuditPage everything = log.read(new AuditQuery(1, Optional.of(11L), 100, Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), 1000));
            assertEquals("[1, 2, 3, 4, 5, 6, 7, 8, 9, 10] | false", everything.entries().stream().map(AuditEntry::seq).toList() + " | " + everything.more());
        }
    }

    @Test
    void twoProcessesAndTwoLogsOfThisProcessAppendToOneUnbrokenChain() throws Exception
    {
        long segmentBytes = 16 * 1024;
        int perWriter = 300;
        List<Process> processes = new ArrayList<>();
        for (String user : List.of("process-a", "process-b")) {
            processes.add(new ProcessBuilder(AuditWriterProcess.command(folder, perWriter, user, segmentBytes)).redirectErrorStream(true).start());
        }
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<Future<?>> local = new ArrayList<>();
        for (String user : List.of("thread-c", "thread-d")) {
            local.add(threads.submit(() -> {
                try (AuditLog log = open(segmentBytes)) {
                    for (int i = 1; i <= perWriter; i++) {
                        log.append(AuditEntry.command(Instant.now(), user, null, "test-host", "dancu sql", null, "SELECT " + i, "sql", i, "ok", null, null));
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : local) {
            future.get(120, TimeUnit.SECONDS);
        }
        threads.shutdown();
        for (Process process : processes) {
            assertTrue(process.waitFor(120, TimeUnit.SECONDS));
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), output);
            assertTrue(output.endsWith("done\n"), output);
        }
        List<JsonNode> all = new ArrayList<>();
        for (Path segment : segments()) {
            all.addAll(lines(segment));
        }
        assertEquals(4 * perWriter, all.size());
        for (int i = 0; i < all.size(); i++) {
            assertEquals(i + 1, all.get(i).get("seq").asLong());
        }
        assertEquals(List.of("process-a=300", "process-b=300", "thread-c=300", "thread-d=300"), all.stream()
                .collect(Collectors.groupingBy(node -> node.get("user").asText(), java.util.TreeMap::new, Collectors.counting()))
                .entrySet().stream().map(Object::toString).toList());
        // Each writer's own entries keep its order.
        for (String user : List.of("process-a", "thread-d")) {
            List<Long> cells = all.stream().filter(node -> node.get("user").asText().equals(user)).map(node -> node.get("cells").asLong()).toList();
            assertEquals(java.util.stream.LongStream.rangeClosed(1, perWriter).boxed().toList(), cells);
        }
        assertTrue(segments().size() > 3, "the writers rotated segments while they raced: " + segments());
        try (AuditLog log = open(segmentBytes)) {
            Verification verification = log.verify(true);
            assertTrue(verification.intact(), verification.toString());
            assertEquals(4L * perWriter, verification.entries());
        }
    }

    @Test
    void filesAreTheOwnersAlone() throws Exception
    {
        try (AuditLog log = open(1 << 20)) {
            log.append(request("lan", "births", 1));
            log.verify(false);
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
        try (Stream<Path> files = Files.list(folder)) {
            List<String> modes = files.map(file -> file.getFileName() + " " + permissions(file)).sorted().toList();
            assertEquals(List.of("audit-checkpoints.jsonl rw-------", "audit-log-000000000001.jsonl rw-------", "audit.lock rw-------"), modes);
        }
    }

    @Test
    void aFileOfAnOlderVersionBecomesTheFirstSegmentAndItsChainGoesOn() throws Exception
    {
        // Two lines as the single-file log of earlier versions wrote them (other fields, no kind).
        String first = "{\"seq\":1,\"at\":\"2026-11-01T08:00:00Z\",\"user\":\"lan\",\"role\":\"leader\",\"scope\":[],\"via\":\"session\",\"ip\":\"127.0.0.1\","
                + "\"method\":\"GET\",\"path\":\"/api/v1/cubes\",\"query\":null,\"cube\":null,\"cells\":0,\"status\":200,\"version\":\"v1\",\"prev\":\"\",";
        String firstHash = AuditChain.hash("", (first + "\"hash\":\"\"}").getBytes(StandardCharsets.UTF_8));
        String second = "{\"seq\":2,\"at\":\"2026-11-01T08:00:01Z\",\"user\":\"lan\",\"role\":\"leader\",\"scope\":[],\"via\":\"session\",\"ip\":\"127.0.0.1\","
                + "\"method\":\"GET\",\"path\":\"/api/v1/units\",\"query\":null,\"cube\":null,\"cells\":3,\"status\":200,\"version\":\"v1\",\"prev\":\"" + firstHash + "\",";
        String secondHash = AuditChain.hash(firstHash, (second + "\"hash\":\"\"}").getBytes(StandardCharsets.UTF_8));
        Files.writeString(folder.resolve("audit-log.jsonl"), first + "\"hash\":\"" + firstHash + "\"}\n" + second + "\"hash\":\"" + secondHash + "\"}\n");
        try (AuditLog log = open(1 << 20)) {
            AuditEntry third = log.append(request("minh", "births", 1));
            assertEquals("3 | " + secondHash, third.seq() + " | " + third.prev());
            assertTrue(log.verify(true).intact());
        }
        assertFalse(Files.exists(folder.resolve("audit-log.jsonl")));
        // The new entry is of the next day: it starts a segment of its own.
        assertEquals(List.of("audit-log-000000000001.jsonl", "audit-log-000000000003.jsonl"), segments().stream().map(path -> path.getFileName().toString()).toList());
    }

    @Test
    void aLineCutShortByACrashIsReportedAndTheNextEntryStartsOnItsOwnLine() throws Exception
    {
        try (AuditLog log = open(1 << 20)) {
            log.append(request("lan", "births", 1));
        }
        Path file = segments().get(0);
        Files.writeString(file, "{\"seq\":2,\"at\":\"2026-11-0", java.nio.file.StandardOpenOption.APPEND);
        try (AuditLog log = open(1 << 20)) {
            AuditEntry next = log.append(request("lan", "births", 3));
            assertEquals(2, next.seq());
            Verification verification = log.verify(true);
            assertEquals("false | 2 | the line is not an audit entry (an incomplete write after a crash, or an edit)",
                    verification.intact() + " | " + verification.brokenAtSeq() + " | " + verification.problem());
        }
        assertEquals(3, Files.readAllLines(file).size());
    }

    @Test
    void anonymousRequestsAreCountedPerMinuteRouteCubeAndStatus() throws Exception
    {
        Instant minute = Instant.parse("2026-11-02T08:15:00Z");
        try (AuditLog log = open(1 << 20)) {
            for (int i = 0; i < 1000; i++) {
                log.countAnonymous(minute.plusMillis(i * 50L), "GET", "/api/v1/cubes/{cube}/query", "population_stock", 200, "v1", "10.0.0." + i % 7, 12);
            }
            log.countAnonymous(minute.plusSeconds(30), "GET", "/api/v1/cubes/{cube}/query", null, 404, "v1", "10.0.0.99", 0);
            log.countAnonymous(minute.plusSeconds(61), "GET", "/api/v1/cubes/{cube}/query", "population_stock", 200, "v1", "10.0.0.1", 12);
        }
        try (AuditLog log = open(1 << 20)) {
            List<String> entries = log.read(AuditQuery.last(10)).entries().stream().map(entry -> entry.kind() + " " + entry.at() + " " + entry.path()
                    + " " + entry.cube() + " " + entry.status() + " count " + entry.count() + " clients " + entry.clients() + " cells " + entry.cells()).toList();
            assertEquals(List.of(
                    "anonymous-minute 2026-11-02T08:15:00Z /api/v1/cubes/{cube}/query null 404 count 1 clients 1 cells 0",
                    "anonymous-minute 2026-11-02T08:15:00Z /api/v1/cubes/{cube}/query population_stock 200 count 1000 clients 7 cells 12000",
                    "anonymous-minute 2026-11-02T08:16:00Z /api/v1/cubes/{cube}/query population_stock 200 count 1 clients 1 cells 12"), entries);
        }
    }

    private static String permissions(Path file)
    {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Rewrites every segment with each entry's cells changed by {@code cells} and the whole chain recomputed, as a forger would. */
    private void rewriteWithRecomputedChain(java.util.function.ToLongFunction<AuditEntry> cells) throws IOException
    {
        ObjectMapper json = vn.dancu.model.cube.CubeCatalog.json().disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        String previous = "";
        for (Path segment : segments()) {
            StringBuilder out = new StringBuilder();
            for (String line : Files.readAllLines(segment, StandardCharsets.UTF_8)) {
                AuditEntry entry = json.readValue(line, AuditEntry.class);
                AuditEntry changed = new AuditEntry(entry.seq(), entry.at(), entry.kind(), entry.user(), entry.sudoUser(), entry.role(), entry.scope(),
                        entry.via(), entry.host(), entry.ip(), entry.method(), entry.path(), entry.query(), entry.statement(), entry.account(), entry.cube(),
                        cells.applyAsLong(entry), entry.count(), entry.clients(), entry.status(), entry.outcome(), entry.detail(), entry.version(), previous, "");
                byte[] unhashed = json.writeValueAsBytes(changed);
                String hash = AuditChain.hash(previous, unhashed);
                out.append(new String(AuditChain.withHash(unhashed, hash), StandardCharsets.UTF_8));
                previous = hash;
            }
            Files.writeString(segment, out.toString(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void anEntrySubmittedBeforeAReadIsAlwaysInWhatTheReadReturns()
    {
        // The server's writer thread takes entries in batches; a read right after a request must wait for the batch the
        // writer holds, not only for what is still queued. 2,000 submit-then-read pairs, each checked.
        try (AuditLog log = new AuditLog(folder, new AuditLog.Options(1 << 20, ZoneOffset.UTC, true, Duration.ZERO), Clock.systemUTC())) {
            for (int i = 0; i < 2_000; i++) {
                log.submit(request("user-" + i, "population_stock", i));
                String user = "user-" + i;
                List<AuditEntry> last = log.read(1, 1, entry -> true);
                assertEquals(user, last.get(0).user(), "entry " + i);
            }
        }
    }
}
