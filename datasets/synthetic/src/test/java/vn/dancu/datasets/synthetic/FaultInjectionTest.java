package vn.dancu.datasets.synthetic;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vn.dancu.datasets.ethnic.EthnicGroups;
import vn.dancu.datasets.geo.AdminCatalogue;
import vn.dancu.datasets.geo.Area;
import vn.dancu.datasets.idnumber.IdNumberRules;
import vn.dancu.datasets.idnumber.IdNumberViolation;
import vn.dancu.datasets.synthetic.RegisterFiles.Row;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code --bad-rate}: faults.csv lists every injected fault with the contract's reason code, each listed record is
 * really faulty in the way stated, and every record not listed passes the checks ingest makes.
 */
class FaultInjectionTest
{
    static final double RATE = 0.01;
    static final AdminCatalogue CATALOGUE = AdminCatalogue.kontum();
    static final Set<String> EVENT_TYPES = Set.of("BIRTH", "DEATH", "MOVE_IN", "MOVE_OUT", "MOVE_WITHIN");

    record Fault(String file, String recordId, long line, FaultKind kind, String expectedCode) {}

    @ParameterizedTest
    @EnumSource(RegisterFormat.class)
    void faultsFileListsEveryInjectedFaultAndEveryListedRecordIsFaulty(RegisterFormat format, @TempDir Path folder) throws IOException
    {
        GeneratorOptions options = GeneratorOptions.defaults(folder, KonRayRegisterTest.TODAY)
                .withArea(Area.konray(), 10_000L)
                .withFormat(format)
                .withBadRate(RATE);
        GenerationSummary summary = RegisterGenerator.generate(options);
        List<Fault> faults = readFaults(folder.resolve("faults.csv"));
        assertEquals(summary.faults(), faults.size());
        assertTrue(summary.files().contains(folder.resolve("faults.csv")));

        List<Row> persons = RegisterFiles.read(folder, "persons");
        List<Row> events = RegisterFiles.read(folder, "events");
        Map<String, Row> byPosition = new HashMap<>();
        persons.forEach(row -> byPosition.put(row.file() + ":" + row.line(), row));
        events.forEach(row -> byPosition.put(row.file() + ":" + row.line(), row));
        List<String> personLines = rawLines(folder, "persons." + format.extension());
        List<String> eventLines = rawLines(folder, "events." + format.extension());

        Map<FaultKind, Integer> counts = new EnumMap<>(FaultKind.class);
        Set<String> faultedRecords = new HashSet<>();
        for (Fault fault : faults) {
            assertEquals(fault.kind().expectedReasonCode(), fault.expectedCode(), fault.toString());
            assertTrue(fault.kind().appliesTo(format), fault.toString());
            assertTrue(faultedRecords.add(fault.recordId()), "two faults on " + fault.recordId());
            counts.merge(fault.kind(), 1, Integer::sum);
            boolean personFile = fault.kind().file() == FaultKind.RecordFile.PERSONS;
            assertEquals(personFile ? "persons." + format.extension() : "events." + format.extension(), fault.file());
            Row row = byPosition.get(fault.file() + ":" + fault.line());
            assertNotNull(row, "no record at " + fault);
            if (fault.kind().breaksLine()) {
                String raw = (personFile ? personLines : eventLines).get((int) fault.line() - 1);
                assertTrue(row.values().isEmpty(), "line still parses: " + raw);
                assertTrue(raw.startsWith(format == RegisterFormat.CSV ? fault.recordId() : "{\"record_id\":\"" + fault.recordId())
                        || raw.startsWith("{'record_id':'" + fault.recordId()), raw);
                continue;
            }
            assertEquals(fault.recordId(), row.get("record_id").strip(), fault.toString());
        }
        for (FaultKind kind : FaultKind.values()) {
            if (!kind.appliesTo(format)) {
                assertFalse(counts.containsKey(kind), kind + " in " + format);
                continue;
            }
            int records = kind.file() == FaultKind.RecordFile.PERSONS ? persons.size() : events.size();
            int count = counts.getOrDefault(kind, 0);
            assertTrue(count >= 0.5 * RATE * records && count <= 1.5 * RATE * records, kind + ": " + count + " of " + records);
        }

        Map<String, Fault> faultById = new HashMap<>();
        faults.forEach(fault -> faultById.put(fault.recordId(), fault));
        checkPersons(persons, faultById, events, options.periodEnd());
        checkEvents(events, faultById, persons);
    }

    private static void checkPersons(List<Row> persons, Map<String, Fault> faults, List<Row> events, LocalDate extractDate)
    {
        IdNumberRules rules = IdNumberRules.instance();
        Set<String> referenced = new HashSet<>();
        for (Row event : events) {
            if (!faults.containsKey(event.get("record_id"))) {
                referenced.add(event.get("id_number"));
                if (event.get("mother_id_number") != null) {
                    referenced.add(event.get("mother_id_number"));
                }
            }
        }
        Set<String> seen = new HashSet<>();
        for (Row person : persons) {
            if (person.values().isEmpty()) {
                continue;
            }
            Fault fault = faults.get(person.get("record_id").strip());
            String id = person.get("id_number");
            String sex = person.get("sex");
            String birth = person.get("birth_date");
            IdNumberRules.Sex idSex = "Nữ".equals(sex) ? IdNumberRules.Sex.FEMALE : IdNumberRules.Sex.MALE;
            boolean firstOfId = seen.add(id);
            if (fault == null || fault.expectedCode().equals("NONE")) {
                Row repaired = repaired(person);
                LocalDate birthDate = LocalDate.parse(repaired.get("birth_date"));
                assertEquals(List.of(), rules.check(repaired.get("id_number"), "Nữ".equals(repaired.get("sex"))
                        ? IdNumberRules.Sex.FEMALE : IdNumberRules.Sex.MALE, birthDate), person.toString());
                assertTrue(Set.of("Nam", "Nữ").contains(repaired.get("sex")), person.toString());
                assertTrue(EthnicGroups.instance().isKnown(repaired.get("ethnicity_code")), person.toString());
                assertFalse(birthDate.isAfter(extractDate), person.toString());
                assertTrue(firstOfId, "unlisted duplicate " + person);
                if (fault == null) {
                    assertEquals(person, repaired, "unlisted NFD text or padding: " + person);
                }
                else {
                    assertFalse(person.equals(repaired), "listed repairable fault changes nothing: " + person);
                }
                continue;
            }
            assertFalse(referenced.contains(id), "person fault on a person with events or children: " + fault);
            switch (fault.kind()) {
                case ID_LEADING_ZERO_LOST -> assertEquals(List.of(IdNumberViolation.NOT_12_DIGITS), rules.check(id, idSex, LocalDate.parse(birth)));
                case ID_PROVINCE_UNKNOWN -> assertEquals(List.of(IdNumberViolation.UNKNOWN_PROVINCE), rules.check(id, idSex, LocalDate.parse(birth)));
                case ID_SEX_DIGIT_WRONG -> assertEquals(List.of(IdNumberViolation.CENTURY_SEX_MISMATCH), rules.check(id, idSex, LocalDate.parse(birth)));
                case ID_BIRTH_YEAR_WRONG -> assertEquals(List.of(IdNumberViolation.BIRTH_YEAR_MISMATCH), rules.check(id, idSex, LocalDate.parse(birth)));
                case BIRTH_DATE_IMPOSSIBLE -> assertThrowsParse(birth);
                case BIRTH_DATE_IN_FUTURE -> {
                    assertTrue(LocalDate.parse(birth).isAfter(extractDate), birth);
                    assertEquals(List.of(), rules.check(id, idSex, LocalDate.parse(birth)), "the ID agrees with the future date");
                }
                case BIRTH_DATE_MISSING -> assertNull(birth);
                case SEX_UNKNOWN -> assertFalse(Set.of("Nam", "Nữ").contains(sex), sex);
                case COMMUNE_UNKNOWN -> assertTrue(CATALOGUE.commune(person.get("commune_code"), extractDate).isEmpty(), person.get("commune_code"));
                case ETHNICITY_UNKNOWN -> assertFalse(EthnicGroups.instance().isKnown(person.get("ethnicity_code")));
                case DUPLICATE_PERSON -> assertFalse(firstOfId, "duplicate before its original: " + fault);
                default -> fail("unexpected person fault " + fault);
            }
            if (fault.kind() != FaultKind.DUPLICATE_PERSON) {
                assertTrue(firstOfId, "faulty record has a valid person's ID: " + fault);
            }
        }
    }

    private static void checkEvents(List<Row> events, Map<String, Fault> faults, List<Row> personRows)
    {
        Map<String, Row> persons = new HashMap<>();
        for (Row person : personRows) {
            Fault fault = person.values().isEmpty() ? null : faults.get(person.get("record_id").strip());
            if (!person.values().isEmpty() && (fault == null || fault.expectedCode().equals("NONE"))) {
                persons.putIfAbsent(person.get("id_number"), person);
            }
        }
        Map<String, LocalDate> deaths = new HashMap<>();
        for (Row event : events) {
            if (!event.values().isEmpty() && "DEATH".equals(event.get("event_type")) && !faults.containsKey(event.get("record_id"))) {
                deaths.put(event.get("id_number"), LocalDate.parse(event.get("event_date")));
            }
        }
        Set<String> seen = new HashSet<>();
        for (Row event : events) {
            if (event.values().isEmpty()) {
                continue;
            }
            Fault fault = faults.get(event.get("record_id"));
            String type = event.get("event_type");
            String date = event.get("event_date");
            if (fault == null || fault.expectedCode().equals("NONE")) {
                Row repaired = repaired(event);
                assertEquals(fault == null, repaired.equals(event), event.toString());
                LocalDate day = LocalDate.parse(date);
                Row person = persons.get(event.get("id_number"));
                assertNotNull(person, "event of an unknown or rejected person: " + event);
                assertTrue(EVENT_TYPES.contains(repaired.get("event_type")), event.toString());
                assertFalse(day.isBefore(LocalDate.parse(person.get("birth_date"))), event.toString());
                LocalDate death = deaths.get(event.get("id_number"));
                assertTrue(death == null || !day.isAfter(death), event.toString());
                assertTrue(CATALOGUE.commune(repaired.get("commune_code"), day).isPresent(), event.toString());
                assertTrue(seen.add(repaired.get("event_type") + repaired.get("id_number") + date), "unlisted duplicate " + event);
                continue;
            }
            switch (fault.kind()) {
                case EVENT_TYPE_UNKNOWN -> assertFalse(EVENT_TYPES.contains(type), type);
                case EVENT_PERSON_UNKNOWN -> assertFalse(persons.containsKey(event.get("id_number")), event.toString());
                case EVENT_BEFORE_BIRTH -> assertTrue(LocalDate.parse(date).isBefore(LocalDate.parse(persons.get(event.get("id_number")).get("birth_date"))));
                case EVENT_AFTER_DEATH -> assertTrue(LocalDate.parse(date).isAfter(deaths.get(event.get("id_number"))), event.toString());
                case EVENT_COMMUNE_UNKNOWN -> {
                    LocalDate day = LocalDate.parse(date);
                    assertTrue(CATALOGUE.commune(event.get("commune_code"), day).isEmpty(), event.toString());
                    assertTrue(CATALOGUE.commune(event.get("from_commune_code"), day).isPresent(), event.toString());
                    assertNotNull(persons.get(event.get("id_number")), "the person is valid: " + event);
                }
                case DUPLICATE_EVENT -> assertFalse(seen.add(type + event.get("id_number") + date), "not a later copy: " + event);
                case EVENT_DATE_IMPOSSIBLE -> assertThrowsParse(date);
                case EVENT_DATE_MISSING -> assertNull(date);
                default -> fail("unexpected event fault " + fault);
            }
        }
    }

    /** The record as ingest repairs it: NFC text, no surrounding spaces. */
    private static Row repaired(Row row)
    {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        row.values().forEach((key, value) -> values.put(key, value == null ? null : Normalizer.normalize(value, Normalizer.Form.NFC).strip()));
        return new Row(row.file(), row.line(), values);
    }

    private static void assertThrowsParse(String text)
    {
        assertNotNull(text);
        try {
            LocalDate.parse(text);
            fail("parses: " + text);
        }
        catch (DateTimeParseException expected) {
            // an impossible date
        }
    }

    private static List<String> rawLines(Path folder, String file) throws IOException
    {
        if (file.endsWith(".parquet")) {
            return List.of();
        }
        return Files.readAllLines(folder.resolve(file), StandardCharsets.UTF_8);
    }

    static List<Fault> readFaults(Path file) throws IOException
    {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<Fault> faults = new java.util.ArrayList<>();
            for (CSVRecord record : format.parse(reader)) {
                assertEquals(List.of("file", "record_id", "line_number", "fault", "expected_reason_code"), record.getParser().getHeaderNames());
                faults.add(new Fault(record.get("file"), record.get("record_id"), Long.parseLong(record.get("line_number")),
                        FaultKind.valueOf(record.get("fault")), record.get("expected_reason_code")));
            }
            return faults;
        }
    }
}
