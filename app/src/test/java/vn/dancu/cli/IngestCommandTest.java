package vn.dancu.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class IngestCommandTest
{
    private record Run(int status, String err) {}

    private static Run run(String... args)
    {
        StringWriter err = new StringWriter();
        CommandLine commandLine = Dancu.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        int status = commandLine.execute(args);
        return new Run(status, err.toString().strip());
    }

    private static Path key(Path folder) throws IOException
    {
        Path key = folder.resolve("test.key");
        Files.writeString(key, "a key for the ingest command test");
        return key;
    }

    @Test
    void aPersonsFileWithAHeaderRowOnlyStopsTheRunOnOneLineWithStatus1(@TempDir Path data) throws IOException
    {
        Path raw = Files.createDirectories(data.resolve("raw"));
        Files.writeString(raw.resolve("extract.json"), """
                {"extractId": "empty", "extractDate": "2026-10-31", "periodStart": "2024-11-01", "periodEnd": "2026-10-31", "area": "konray",
                 "files": [{"path": "persons.csv", "records": 0}, {"path": "events.csv", "records": 0}]}""");
        Files.writeString(raw.resolve("persons.csv"), "record_id,person_key,id_number,full_name,birth_date,sex,ethnicity_code,religion,"
                + "commune_code,former_commune_code,household_id,relation_to_head,residence_status,chip_card_issue_date,vneid_level,vneid_activation_date\n");
        Files.writeString(raw.resolve("events.csv"), "record_id,event_type,event_date,id_number,commune_code,from_commune_code,mother_id_number,"
                + "other_place,registered_date\n");

        Run run = run("ingest", "--data", data.toString(), "--key-file", key(data).toString(), "--master", "local[1]");

        assertEquals(1, run.status());
        assertEquals("dancu ingest: persons.csv holds no person records (a header row only): an extract without persons would publish a population"
                + " of 0; nothing was published", run.err());
        assertFalse(Files.exists(data.resolve("curated/CURRENT")));
    }

    @Test
    void aLimitOutOfRangeIsAUsageErrorNamingTheOption(@TempDir Path data) throws IOException
    {
        Run negative = run("ingest", "--data", data.toString(), "--key-file", key(data).toString(), "--max-population-change", "-1");
        Run above = run("ingest", "--data", data.toString(), "--key-file", key(data).toString(), "--min-accepted-share", "120");

        assertEquals(2, negative.status());
        assertEquals("dancu ingest: --max-population-change must be 0 or more, was -1.0 (see ./dancu ingest --help)", negative.err());
        assertEquals(2, above.status());
        assertEquals("dancu ingest: --min-accepted-share must be between 0 and 100, was 120.0 (see ./dancu ingest --help)", above.err());
    }
}
