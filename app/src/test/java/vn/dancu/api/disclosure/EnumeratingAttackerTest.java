package vn.dancu.api.disclosure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dancu.api.TestServer;
import vn.dancu.api.bench.DisclosureAttackBenchmark;
import vn.dancu.api.sql.TestRegister;
import vn.dancu.datasets.geo.Area;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The enumerating attacker against the cubes of a generated register (1,000 persons, January 2025 to October 2026:
 * month ends on both sides of the reorganisation, the years 2025 and 2026), through real HTTP.
 */
class EnumeratingAttackerTest
{
    @TempDir
    Path serverFolder;

    @Test
    void anOutsiderWhoDownloadsEveryTableRecoversNoWithheldCell()
    {
        try (TestServer server = TestServer.over(TestRegister.layout(), serverFolder, Area.konray())) {
            EnumeratingAttacker.Figures figures = DisclosureAttackBenchmark.attack(server, Area.konray(), true, true, 3, System.out::println);
            System.out.println(figures.summary());
            figures.recoveredExamples().forEach(example -> System.out.println("recovered: " + example));
            assertEquals(List.of(), figures.serverErrors(), "answers with a server error");
            assertEquals(List.of(), figures.inconsistencies(), "published values that are not the sums the attacker computes");
            assertEquals(List.of(), figures.exportMismatches(), "exports that differ from the JSON answer");
            assertTrue(figures.tables() > 1000 && figures.suppressedCells() > 100 && figures.suppressedSmall() > 50,
                    "the attack should see many tables and withheld cells: " + figures.summary());
            assertEquals(0, figures.recoveredSmall(), "withheld counts of 1 to 4 recovered: " + figures.recoveredExamples());
            assertEquals(0, figures.recovered(), "withheld cells recovered: " + figures.recoveredExamples());
        }
    }
}
