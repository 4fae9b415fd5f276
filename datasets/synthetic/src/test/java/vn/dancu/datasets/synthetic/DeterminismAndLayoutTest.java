package vn.dancu.datasets.synthetic;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dancu.datasets.geo.Area;
import vn.dancu.datasets.synthetic.RegisterFiles.Row;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Same seed, same bytes; every format holds the same register; a new run replaces the previous one. */
class DeterminismAndLayoutTest
{
    private static GeneratorOptions small(Path folder)
    {
        return GeneratorOptions.defaults(folder, KonRayRegisterTest.TODAY).withArea(Area.konray(), 8_000L);
    }

    @Test
    void sameSeedGivesByteIdenticalFilesInEveryFormat(@TempDir Path first, @TempDir Path second) throws IOException
    {
        for (RegisterFormat format : RegisterFormat.values()) {
            RegisterGenerator.generate(small(first.resolve(format.name())).withFormat(format).withBadRate(0.01));
            RegisterGenerator.generate(small(second.resolve(format.name())).withFormat(format).withBadRate(0.01));
            Map<String, byte[]> one = contents(first.resolve(format.name()));
            Map<String, byte[]> two = contents(second.resolve(format.name()));
            assertEquals(one.keySet(), two.keySet());
            assertEquals(List.of("events." + format.extension(), "extract.json", "faults.csv", "persons." + format.extension()),
                    new ArrayList<>(one.keySet()));
            one.forEach((name, bytes) -> assertArrayEquals(bytes, two.get(name), format + " " + name));
        }
    }

    @Test
    void partFoldersWrittenConcurrentlyAreByteIdenticalToo(@TempDir Path first, @TempDir Path second) throws IOException
    {
        RegisterGenerator.generate(small(first).withFormat(RegisterFormat.PARQUET).withBadRate(0.01), 1_000, 1_500);
        RegisterGenerator.generate(small(second).withFormat(RegisterFormat.PARQUET).withBadRate(0.01), 1_000, 1_500);
        Map<String, byte[]> one = contents(first);
        Map<String, byte[]> two = contents(second);
        assertEquals(one.keySet(), two.keySet());
        assertTrue(one.keySet().stream().filter(name -> name.startsWith("events/part-")).count() >= 4, one.keySet().toString());
        one.forEach((name, bytes) -> assertArrayEquals(bytes, two.get(name), name));
    }

    @Test
    void anotherSeedGivesAnotherRegister(@TempDir Path first, @TempDir Path second) throws IOException
    {
        RegisterGenerator.generate(small(first).withFormat(RegisterFormat.CSV));
        RegisterGenerator.generate(small(second).withFormat(RegisterFormat.CSV).withSeed(2));
        List<String> one = Files.readAllLines(first.resolve("persons.csv"));
        List<String> two = Files.readAllLines(second.resolve("persons.csv"));
        assertEquals(one.get(0), two.get(0));
        assertNotEquals(one.get(1), two.get(1));
        assertEquals(2, RegisterFiles.metadata(second).get("seed").asLong());
    }

    @Test
    void everyFormatHoldsTheSameRecords(@TempDir Path folder) throws IOException
    {
        Map<RegisterFormat, List<Map<String, String>>> persons = new TreeMap<>();
        Map<RegisterFormat, List<Map<String, String>>> events = new TreeMap<>();
        for (RegisterFormat format : RegisterFormat.values()) {
            Path target = folder.resolve(format.name());
            RegisterGenerator.generate(small(target).withFormat(format));
            persons.put(format, values(RegisterFiles.read(target, "persons")));
            events.put(format, values(RegisterFiles.read(target, "events")));
        }
        assertSameRecords(persons.get(RegisterFormat.PARQUET), persons.get(RegisterFormat.CSV), "CSV persons");
        assertSameRecords(persons.get(RegisterFormat.PARQUET), persons.get(RegisterFormat.JSONL), "JSONL persons");
        assertSameRecords(events.get(RegisterFormat.PARQUET), events.get(RegisterFormat.CSV), "CSV events");
        assertSameRecords(events.get(RegisterFormat.PARQUET), events.get(RegisterFormat.JSONL), "JSONL events");
        assertTrue(persons.get(RegisterFormat.CSV).size() > 8_000);
    }

    @Test
    void faultsDoNotChangeTheCleanRecords(@TempDir Path clean, @TempDir Path faulty) throws IOException
    {
        RegisterGenerator.generate(small(clean).withFormat(RegisterFormat.CSV));
        RegisterGenerator.generate(small(faulty).withFormat(RegisterFormat.CSV).withBadRate(0.01));
        List<String> cleanLines = Files.readAllLines(clean.resolve("events.csv"));
        List<String> faultyLines = Files.readAllLines(faulty.resolve("events.csv"));
        assertTrue(faultyLines.size() > cleanLines.size());
        long kept = cleanLines.stream().skip(1).map(line -> line.substring(line.indexOf(','))).filter(
                tail -> faultyLines.stream().anyMatch(line -> line.endsWith(tail))).count();
        assertTrue(kept > 0.98 * (cleanLines.size() - 1), "clean events kept: " + kept + " of " + (cleanLines.size() - 1));
    }

    @Test
    void aNewRunReplacesThePreviousExtractAndLeavesOtherFilesAlone(@TempDir Path folder) throws IOException
    {
        Files.writeString(folder.resolve("README.txt"), "not part of the extract");
        RegisterGenerator.generate(small(folder).withFormat(RegisterFormat.CSV).withBadRate(0.01));
        RegisterGenerator.generate(small(folder), 1_000, 2_000);
        assertTrue(Files.isDirectory(folder.resolve("persons")));
        RegisterGenerator.generate(small(folder).withFormat(RegisterFormat.JSONL));
        assertEquals(List.of("README.txt", "events.jsonl", "extract.json", "persons.jsonl"), new ArrayList<>(contents(folder).keySet()));
    }

    @Test
    void largeRegistersAreFoldersOfPartFilesNumberedInOrder(@TempDir Path folder) throws IOException
    {
        GenerationSummary summary = RegisterGenerator.generate(small(folder).withFormat(RegisterFormat.CSV).withBadRate(0.01), 1_000, 2_000);
        List<Path> parts;
        try (Stream<Path> files = Files.list(folder.resolve("persons"))) {
            parts = files.sorted().toList();
        }
        assertTrue(parts.size() >= 3, parts.toString());
        assertEquals("part-00000.csv", parts.get(0).getFileName().toString());
        assertFalse(Files.exists(folder.resolve("persons.csv")));

        List<Row> persons = RegisterFiles.read(folder, "persons");
        assertEquals(summary.persons(), persons.size());
        for (int i = 0; i < persons.size(); i++) {
            if (!persons.get(i).values().isEmpty()) {
                assertEquals(String.format("P%08d", i + 1), persons.get(i).get("record_id"));
            }
        }
        JsonNode files = RegisterFiles.metadata(folder).get("files");
        long records = 0;
        for (JsonNode file : files) {
            if (file.get("content").asText().equals("persons")) {
                assertTrue(file.get("path").asText().startsWith("persons/part-"));
                records += file.get("records").asLong();
            }
        }
        assertEquals(summary.persons(), records);
        for (FaultInjectionTest.Fault fault : FaultInjectionTest.readFaults(folder.resolve("faults.csv"))) {
            assertTrue(fault.file().startsWith(fault.kind().file() == FaultKind.RecordFile.PERSONS ? "persons/part-" : "events/part-"));
        }
    }

    private static List<Map<String, String>> values(List<Row> rows)
    {
        return rows.stream().map(Row::values).toList();
    }

    private static void assertSameRecords(List<Map<String, String>> expected, List<Map<String, String>> actual, String what)
    {
        assertEquals(expected.size(), actual.size(), what);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), what + " record " + (i + 1));
        }
    }

    private static Map<String, byte[]> contents(Path folder) throws IOException
    {
        Map<String, byte[]> contents = new TreeMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                contents.put(folder.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return contents;
    }
}
