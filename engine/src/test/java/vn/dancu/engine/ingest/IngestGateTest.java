package vn.dancu.engine.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import vn.dancu.datasets.geo.Area;
import vn.dancu.datasets.synthetic.GeneratorOptions;
import vn.dancu.datasets.synthetic.RegisterFormat;
import vn.dancu.datasets.synthetic.RegisterGenerator;
import vn.dancu.engine.SparkTestSession;
import vn.dancu.engine.storage.Storage;
import vn.dancu.model.publish.DataLayout;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plausibility gate and the other refusals of a run, on a generated register (CSV) whose first extract is the
 * current snapshot: each refusal leaves {@code curated/CURRENT}, the current snapshot's folder and its quarantine byte
 * for byte as they were, with the one-line message the user sees. Then what does publish: multi-line fields and a
 * repeated header, a drop accepted with {@code --accept-drop}, and the run after one killed mid-ingest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestGateTest
{
    private static final LocalDate END = LocalDate.of(2026, 10, 31);
    private static final String PERSONS_HEADER = String.join(",", RawRegisterSchemas.PERSONS.fieldNames());

    private final SparkSession spark = SparkTestSession.get();
    private final Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
    private Path root;
    private Path data;
    private IngestResult first;
    private Path vanished;
    private long vanishedResidents;

    @BeforeAll
    void ingestTheFirstExtract() throws IOException
    {
        root = Files.createTempDirectory("ingest-gate");
        data = root.resolve("data");
        RegisterGenerator.generate(new GeneratorOptions(root.resolve("raw"), Area.konray(), 1000L, 5, LocalDate.of(2024, 11, 1), END,
                RegisterFormat.CSV, 0));
        first = ingest(data, root.resolve("raw"), PlausibilityLimits.DEFAULTS);
    }

    @AfterAll
    void deleteFolder() throws IOException
    {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    private IngestResult ingest(Path dataFolder, Path input, PlausibilityLimits limits)
    {
        return new IngestJob(spark, storage).run(new IngestOptions(new DataLayout(dataFolder.toString()), input.toString(), IngestCsvExtractTest.KEY,
                limits));
    }

    /** Every file under curated/ and quarantine/ (CURRENT included) with its SHA-256. */
    private Map<String, String> published() throws Exception
    {
        Map<String, String> files = new TreeMap<>();
        for (String folder : List.of("curated", "quarantine")) {
            try (Stream<Path> paths = Files.walk(data.resolve(folder))) {
                for (Path path : paths.filter(Files::isRegularFile).toList()) {
                    files.put(data.relativize(path).toString(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path))));
                }
            }
        }
        return files;
    }

    private String refusal(Path input) throws Exception
    {
        Map<String, String> before = published();
        String current = Files.readString(data.resolve("curated/CURRENT"));

        IngestFailure failure = assertThrows(IngestFailure.class, () -> ingest(data, input, PlausibilityLimits.DEFAULTS));

        assertEquals(current, Files.readString(data.resolve("curated/CURRENT")));
        assertEquals(before, published(), "the current snapshot, its quarantine and every other published file are untouched");
        assertEquals(List.of(), hiddenFolders(), "no temporary folder is left");
        return failure.getMessage();
    }

    private List<String> hiddenFolders() throws IOException
    {
        List<String> hidden = new ArrayList<>();
        for (String folder : List.of("curated/snapshots", "quarantine")) {
            try (Stream<Path> children = Files.list(data.resolve(folder))) {
                children.filter(path -> path.getFileName().toString().startsWith(".")).forEach(path -> hidden.add(data.relativize(path).toString()));
            }
        }
        return hidden;
    }

    /** A copy of the first extract, to change. */
    private Path copy(String name) throws IOException
    {
        Path copy = root.resolve(name);
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(root.resolve("raw"))) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }

    /** Sets the records extract.json declares for {@code file}. */
    private static void declare(Path extract, String file, long records) throws IOException
    {
        ObjectMapper json = new ObjectMapper();
        ObjectNode metadata = (ObjectNode) json.readTree(extract.resolve("extract.json").toFile());
        metadata.get("files").forEach(node -> {
            if (node.get("path").asText().equals(file)) {
                ((ObjectNode) node).put("records", records);
            }
        });
        Files.writeString(extract.resolve("extract.json"), metadata.toPrettyString());
    }

    private static List<String> lines(Path file) throws IOException
    {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    /** ID numbers that appear in events (as the person or the mother): their persons are not removed or broken. */
    private Set<String> inEvents() throws IOException
    {
        Set<String> ids = new HashSet<>();
        for (CSVRecord event : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(root.resolve("raw/events.csv")))) {
            ids.add(event.get("id_number"));
            ids.add(event.get("mother_id_number"));
        }
        return ids;
    }

    private static CSVRecord parse(String line) throws IOException
    {
        return CSVFormat.RFC4180.parse(new StringReader(line)).getRecords().get(0);
    }

    @Test
    @Order(1)
    void anExtractFromWhichOneInEighteenPersonsVanishedIsRefusedAndTheCurrentSnapshotStays() throws Exception
    {
        // Residents with no event, who are no one's mother, taken out: the events stay as they are
        long residents = first.report().plausibility().orElseThrow().residents();
        long gone = Math.round(0.056 * residents);
        Set<String> withEvents = inEvents();
        vanished = copy("raw-vanished");
        List<String> persons = lines(vanished.resolve("persons.csv"));
        List<Integer> eligible = new ArrayList<>();
        for (int i = 1; i < persons.size(); i++) {
            CSVRecord person = parse(persons.get(i));
            boolean resident = person.get(12).equals("Thường trú") || person.get(12).equals("Tạm trú");
            if (resident && !withEvents.contains(person.get(2))) {
                eligible.add(i);
            }
        }
        Set<Integer> taken = new HashSet<>();
        for (long k = 0; k < gone; k++) {
            taken.add(eligible.get((int) (k * eligible.size() / gone)));
        }
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < persons.size(); i++) {
            if (!taken.contains(i)) {
                kept.add(persons.get(i));
            }
        }
        long removed = persons.size() - kept.size();
        assertEquals(gone, removed);
        Files.write(vanished.resolve("persons.csv"), kept, StandardCharsets.UTF_8);
        declare(vanished, "persons.csv", kept.size() - 1);
        vanishedResidents = residents - removed;

        String message = refusal(vanished);

        String snapshot = message.substring("refused to publish snapshot ".length(), "refused to publish snapshot ".length() + 20);
        assertTrue(snapshot.matches("s20261031-[0-9a-f]{10}"), snapshot);
        assertEquals(String.format(Locale.ROOT, "refused to publish snapshot %s: the population on 2026-10-31 is %,d, %.1f %% below the %,d of"
                        + " the current snapshot on 2026-10-31 (the limit is 3 %%). Nothing was published: snapshot %s stays current."
                        + " If the change is real, run again with --accept-drop.", snapshot, vanishedResidents,
                100.0 * removed / residents, residents, first.snapshotId()), message);
        assertEquals("5.6", String.format(Locale.ROOT, "%.1f", 100.0 * removed / residents));
    }

    @Test
    @Order(2)
    void aPersonsFileInWindows1258StopsTheRunNamingTheEncoding() throws Exception
    {
        Path legacy = copy("raw-windows-1258");
        byte[] converted = TextScanTest.windows1258(Files.readString(legacy.resolve("persons.csv")));
        Files.write(legacy.resolve("persons.csv"), converted);
        long nonAscii = 0;
        long invalid = 0;
        for (String line : new String(converted, StandardCharsets.ISO_8859_1).split("\n")) {
            byte[] bytes = line.getBytes(StandardCharsets.ISO_8859_1);
            boolean high = false;
            for (byte b : bytes) {
                high |= b < 0;
            }
            nonAscii += high ? 1 : 0;
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            }
            catch (CharacterCodingException e) {
                invalid++;
            }
        }
        assertTrue(invalid > 900, "invalid lines: " + invalid);

        assertEquals(String.format(Locale.ROOT, "persons.csv is not UTF-8 but Windows-1258 (the Vietnamese Windows code page): %,d of its %,d lines"
                        + " with non-ASCII characters are not valid UTF-8; convert it (iconv -f WINDOWS-1258 -t UTF-8 persons.csv) and run again;"
                        + " nothing was published", invalid, nonAscii), refusal(legacy));
    }

    @Test
    @Order(3)
    void aPersonsFileInUtf16StopsTheRunNamingTheEncoding() throws Exception
    {
        Path wide = copy("raw-utf-16");
        byte[] text = Files.readString(wide.resolve("persons.csv")).getBytes(StandardCharsets.UTF_16LE);
        byte[] marked = new byte[text.length + 2];
        marked[0] = (byte) 0xFF;
        marked[1] = (byte) 0xFE;
        System.arraycopy(text, 0, marked, 2, text.length);
        Files.write(wide.resolve("persons.csv"), marked);

        assertEquals("persons.csv is UTF-16 (little-endian, with a byte-order mark), not UTF-8: convert it (iconv -f UTF-16 -t UTF-8 persons.csv)"
                + " and run again; nothing was published", refusal(wide));
    }

    @Test
    @Order(4)
    void aHeaderOnlyPersonsFileDeclaringNoRecordsStopsTheRun() throws Exception
    {
        Path empty = copy("raw-header-only");
        Files.writeString(empty.resolve("persons.csv"), PERSONS_HEADER + "\n");
        declare(empty, "persons.csv", 0);

        assertEquals("persons.csv holds no person records (a header row only): an extract without persons would publish a population of 0;"
                + " nothing was published", refusal(empty));
    }

    @Test
    @Order(5)
    void aFirstExtractWithMostPersonRecordsUnreadableIsRefusedAndNothingBecomesCurrent() throws Exception
    {
        // Two thirds of the person records written with semicolons (persons without events, so every event stays valid)
        Path broken = copy("raw-semicolons");
        Set<String> withEvents = inEvents();
        List<String> persons = lines(broken.resolve("persons.csv"));
        long toBreak = Math.round(persons.size() * 0.65);
        long brokenLines = 0;
        List<String> written = new ArrayList<>(List.of(persons.get(0)));
        for (String line : persons.subList(1, persons.size())) {
            boolean breakIt = brokenLines < toBreak && !withEvents.contains(parse(line).get(2)) && !line.contains("\"");
            written.add(breakIt ? line.replace(',', ';') : line);
            brokenLines += breakIt ? 1 : 0;
        }
        assertEquals(toBreak, brokenLines);
        Files.write(broken.resolve("persons.csv"), written, StandardCharsets.UTF_8);
        Path other = root.resolve("data-first");

        IngestFailure failure = assertThrows(IngestFailure.class, () -> ingest(other, broken, PlausibilityLimits.DEFAULTS));

        long read = persons.size() - 1;
        long accepted = read - brokenLines;
        assertEquals(IngestFailure.Category.REFUSED, failure.category());
        String snapshot = failure.getMessage().substring("refused to publish snapshot ".length(), "refused to publish snapshot ".length() + 20);
        assertEquals(String.format(Locale.ROOT, "refused to publish snapshot %s: only %.1f %% of the person records were accepted (%,d of %,d),"
                        + " below the floor of 40 %%. Nothing was published (there is no current snapshot). If so many rejected records are"
                        + " expected, run again with --min-accepted-share set below the share found.", snapshot, 100.0 * accepted / read,
                accepted, read), failure.getMessage());
        assertFalse(Files.exists(other.resolve("curated/CURRENT")));
        try (Stream<Path> snapshots = Files.list(other.resolve("curated/snapshots"))) {
            assertEquals(List.of(), snapshots.toList());
        }
        try (Stream<Path> quarantines = Files.list(other.resolve("quarantine"))) {
            assertEquals(List.of(), quarantines.toList());
        }
    }

    @Test
    @Order(6)
    void theQuarantineIsReadableByItsOwnerOnly() throws IOException
    {
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("quarantine"))));
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(Path.of(first.quarantineFolder()))) {
            for (Path path : paths.toList()) {
                String permissions = PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
                if (!permissions.equals(Files.isDirectory(path) ? "rwx------" : "rw-------")) {
                    wrong.add(data.relativize(path) + " " + permissions);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    @Order(7)
    void aQuotedFieldWithLineBreaksIsOneRecordAndARepeatedHeaderIsQuarantinedAsSuch() throws Exception
    {
        Path joined = copy("raw-multi-line");
        List<String> persons = lines(joined.resolve("persons.csv"));
        List<String> written = new ArrayList<>(persons.subList(0, 11));
        // line 12: a name over two lines (RFC 4180); then the header again, as when two files are joined
        CSVRecord twelfth = parse(persons.get(11));
        List<String> fields = new ArrayList<>(twelfth.toList());
        String name = fields.get(3);
        fields.set(3, "\"" + name.replaceFirst(" ", "\r\n") + "\"");
        written.add(String.join(",", fields));
        written.add(PERSONS_HEADER);
        written.addAll(persons.subList(12, persons.size()));
        Files.writeString(joined.resolve("persons.csv"), String.join("\n", written) + "\n");

        IngestResult result = ingest(data, joined, PlausibilityLimits.DEFAULTS);

        IngestResult.FileCounts counts = result.files().get("persons.csv");
        assertEquals(new IngestResult.FileCounts(persons.size(), persons.size() - 1, 1), counts);
        assertEquals(Map.of("REPEATED_HEADER", 1L), result.report().files().get(0).reasons());
        List<String> quarantined = spark.read().schema(Quarantine.SCHEMA).parquet(result.quarantineFolder() + "/records").collectAsList().stream()
                .map(row -> row.getAs("source_file") + ":" + row.getAs("line_number") + " " + row.getAs("record_id") + " " + row.getAs("reason_code")
                        + " " + row.getAs("raw"))
                .toList();
        assertEquals(List.of("persons.csv:14 null REPEATED_HEADER " + PERSONS_HEADER), quarantined);
        assertEquals(result.snapshotId() + "\n", Files.readString(data.resolve("curated/CURRENT")));
    }

    @Test
    @Order(8)
    void acceptDropPublishesTheExtractFromWhichPersonsVanishedAndTheReportSaysSo() throws IOException
    {
        IngestResult result = ingest(data, vanished, PlausibilityLimits.DEFAULTS.withAcceptChange(true));

        IngestReport.Plausibility checked = result.report().plausibility().orElseThrow();
        assertEquals(vanishedResidents, checked.residents());
        assertEquals(1, checked.overridden().size());
        assertTrue(checked.overridden().get(0).startsWith(String.format(Locale.ROOT, "the population on 2026-10-31 is %,d, 5.6 %% below the",
                vanishedResidents)), checked.overridden().get(0));
        assertEquals(result.snapshotId() + "\n", Files.readString(data.resolve("curated/CURRENT")));
        assertEquals(result.report(), IngestReport.fromJson(Files.readString(Path.of(result.snapshotFolder(), "ingest-report.json"))));
    }

    @Test
    @Order(9)
    void aRunKilledMidIngestLeavesItsTemporaryFoldersProtectedAndTheNextRunRemovesThem() throws Exception
    {
        Path keyFile = root.resolve("key");
        Files.write(keyFile, IngestCsvExtractTest.KEY);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(argument -> argument.startsWith("--add-opens") || argument.startsWith("-XX:+Ignore") || argument.startsWith("-Dio.netty"))
                .forEach(command::add);
        command.add("-cp");
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        // an extract not ingested yet (extract.json differs by a line end), so that the child really runs
        Path another = copy("raw-killed");
        Files.writeString(another.resolve("extract.json"), Files.readString(another.resolve("extract.json")) + "\n");
        command.addAll(List.of("vn.dancu.engine.EngineMain", "ingest", "--data", data.toString(), "--input", another.toString(),
                "--key-file", keyFile.toString(), "--master", "local[1]"));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(root.resolve("killed-ingest.log").toFile()).start();
        Path leftover = null;
        long deadline = System.nanoTime() + 240_000_000_000L;
        while (leftover == null && child.isAlive() && System.nanoTime() < deadline) {
            try (Stream<Path> folders = Files.list(data.resolve("quarantine"))) {
                for (Path folder : folders.toList()) {
                    if (folder.getFileName().toString().startsWith(".tmp-") && holdsParquet(folder.resolve("work"))) {
                        leftover = folder;
                    }
                }
            }
            Thread.sleep(20);
        }
        child.destroyForcibly().waitFor();
        assertTrue(leftover != null, "the child ingest wrote no work table: " + Files.readString(root.resolve("killed-ingest.log")));
        assertTrue(Files.exists(leftover));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(leftover)));
        assertTrue(Files.exists(data.resolve("curated/.ingest.lock")), "the killed run still holds the lock");
        List<String> expected = new ArrayList<>(hiddenFolders());
        assertTrue(expected.contains("quarantine/" + leftover.getFileName()), expected.toString());

        // the first extract again: its snapshot exists, so the run only makes it current and cleans up
        IngestResult next = ingest(data, root.resolve("raw"), PlausibilityLimits.DEFAULTS);

        assertTrue(next.reused());
        assertEquals(expected, next.removedLeftovers());
        assertEquals(List.of(), hiddenFolders());
        assertFalse(Files.exists(data.resolve("curated/.ingest.lock")));
        assertEquals(first.snapshotId() + "\n", Files.readString(data.resolve("curated/CURRENT")));
    }

    private static boolean holdsParquet(Path folder) throws IOException
    {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(".parquet"));
        }
    }
}
