package vn.dancu.datasets.synthetic;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dancu.datasets.idnumber.IdNumberRules;
import vn.dancu.datasets.synthetic.RegisterFiles.Row;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The default register (Kon Rẫy, calibrated size, Parquet), generated once and checked as a reader sees it. */
class KonRayRegisterTest
{
    static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    @TempDir
    static Path folder;
    static GenerationSummary summary;
    static List<Row> persons;
    static List<Row> events;

    @BeforeAll
    static void generate() throws IOException
    {
        summary = RegisterGenerator.generate(GeneratorOptions.defaults(folder, TODAY));
        persons = RegisterFiles.read(folder, "persons");
        events = RegisterFiles.read(folder, "events");
    }

    @Test
    void writesPersonsEventsAndMetadataAsParquet()
    {
        assertEquals(List.of(folder.resolve("persons.parquet"), folder.resolve("events.parquet"), folder.resolve("extract.json")),
                summary.files());
        assertEquals(summary.persons(), persons.size());
        assertEquals(summary.events(), events.size());
        assertEquals(0, summary.faults());
    }

    @Test
    void everyIdNumberIsValidByTheRulesAndUnique()
    {
        IdNumberRules rules = IdNumberRules.instance();
        Set<String> seen = new HashSet<>();
        for (Row person : persons) {
            String id = person.get("id_number");
            IdNumberRules.Sex sex = person.get("sex").equals("Nữ") ? IdNumberRules.Sex.FEMALE : IdNumberRules.Sex.MALE;
            assertEquals(List.of(), rules.check(id, sex, person.date("birth_date")), id);
            assertTrue(seen.add(id), "duplicate " + id);
        }
    }
}
