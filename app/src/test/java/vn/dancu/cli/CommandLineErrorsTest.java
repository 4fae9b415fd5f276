package vn.dancu.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CommandLineErrorsTest
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

    @Test
    void unknownOptionIsOneLineNamingTheAllowedOptionsWithStatus2()
    {
        Run run = run("generate", "--size", "10");
        assertEquals(2, run.status());
        assertEquals("dancu generate: unknown option '--size 10'; allowed: --data, --persons, --seed, --area, --format, --bad-rate, --end, --start,"
                + " --help, --version (see ./dancu generate --help)", run.err());
    }

    @Test
    void wrongEnumValueNamesTheAllowedValues()
    {
        Run run = run("generate", "--format", "xml");
        assertEquals(2, run.status());
        assertEquals("dancu generate: Invalid value for option '--format': expected one of [PARQUET, CSV, JSONL] (case-insensitive) but was 'xml'"
                + " (see ./dancu generate --help)", run.err());
    }

    @Test
    void wrongAreaNamesTheAllowedAreas()
    {
        Run run = run("generate", "--area", "hanoi");
        assertEquals(2, run.status());
        assertEquals("dancu generate: invalid value for option '--area': 'hanoi'; allowed: konray, kontum, national", run.err());
    }

    @Test
    void serveWithoutPublishedCubesSaysWhichCommandCreatesThem(@TempDir Path empty)
    {
        Run run = run("serve", "--data", empty.toString());
        assertEquals(2, run.status());
        assertEquals("dancu serve: no published cubes in " + empty.resolve("cubes") + ": create them with ./dancu build (after ./dancu generate"
                + " and ./dancu ingest), or run ./dancu demo --data " + empty, run.err());
    }

    @Test
    void serveWithAnSmtpServerButNoSenderOrABadOneRefusesToStart(@TempDir Path empty)
    {
        Run run = run("serve", "--data", empty.toString(), "--smtp-host", "mail.konray.example.vn");
        assertEquals(2, run.status());
        assertEquals("dancu serve: invalid value for option '--smtp-from': missing; --smtp-host needs a sender address", run.err());
        run = run("serve", "--data", empty.toString(), "--smtp-host", "mail.konray.example.vn", "--smtp-from", "dancu at konray");
        assertEquals(2, run.status());
        assertEquals("dancu serve: invalid value for option '--smtp-from': 'dancu at konray' is not an e-mail address", run.err());
        run = run("serve", "--data", empty.toString(), "--delivery-check", "0");
        assertEquals(2, run.status());
        assertEquals("dancu serve: invalid value for option '--delivery-check': must be from 1 to 86400 seconds, was 0", run.err());
    }

    @Test
    void ingestWithoutAKeyRefusesToStart(@TempDir Path empty)
    {
        Run run = run("ingest", "--data", empty.toString());
        assertEquals(2, run.status());
        assertEquals("dancu ingest: no pseudonymisation key: give --key-file FILE or set DANCU_PSEUDONYM_KEY; ingest refuses to run without one", run.err());
    }

    @Test
    void unknownCommandListsTheCommands()
    {
        Run run = run("frobnicate");
        assertEquals(2, run.status());
        assertEquals("dancu: unknown argument 'frobnicate'; allowed: --help, --version; commands: demo, generate, ingest, build, serve, accounts, sql, report, backup, restore, help"
                + " (see ./dancu --help)", run.err());
    }
}
