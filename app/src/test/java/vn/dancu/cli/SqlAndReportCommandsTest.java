package vn.dancu.cli;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dancu.api.access.Caller;
import vn.dancu.api.access.Role;
import vn.dancu.api.audit.AuditEntry;
import vn.dancu.api.audit.AuditLog;
import vn.dancu.api.audit.AuditQuery;
import vn.dancu.api.audit.CommandAudit;
import vn.dancu.api.cube.PublishedCubes;
import vn.dancu.api.disclosure.DisclosureControl;
import vn.dancu.api.query.QueryResult;
import vn.dancu.api.query.QueryService;
import vn.dancu.api.report.ReportWorkbookTestSupport;
import vn.dancu.api.sql.TestRegister;
import vn.dancu.datasets.geo.Area;
import vn.dancu.engine.SparkSessions;
import vn.dancu.engine.sql.ReadOnlySql;
import vn.dancu.engine.sql.ResultFormat;
import vn.dancu.model.sql.SqlLimits;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.publish.DataLayout;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ./dancu sql (batch and shell) and ./dancu report over the shared test register. */
class SqlAndReportCommandsTest
{
    /** The report command builds the leader's (disclosure-controlled) report: compare with the leader's answers. */
    private static final Caller LEADER = new Caller("report-command", Role.LEADER, java.util.Set.of(), "command");

    @TempDir
    Path folder;

    private record Run(int status, String out, String err) {}

    private static Run dancu(String... arguments)
    {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            int status = Dancu.commandLine().execute(arguments);
            return new Run(status, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        }
        finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void sqlBatchPrintsCsvAndStopsAtARefusedStatement() throws Exception
    {
        String data = TestRegister.layout().root();
        Path script = folder.resolve("queries.sql");
        Files.writeString(script, """
                -- the sexes, then the population at the last month end
                SELECT code, label_en FROM code_lists WHERE list_name = 'sex';
                SELECT sum(population) AS residents FROM cube_population_stock WHERE ref_date = DATE '2026-10-31';
                SET spark.sql.runSQLOnFiles = true;
                SELECT 'never reached';
                """);
        Path audit = folder.resolve("audit");
        Run run = dancu("sql", "--data", data, "--master", "local[2]", "-f", script.toString(), "--format", "csv", "--audit-dir", audit.toString());
        long residents = total(TestRegister.layout());
        assertEquals(1, run.status(), run.err());
        assertEquals("code,label_en\r\nM,Male\r\nF,Female\r\nresidents\r\n" + residents + "\r\n", run.out());
        assertTrue(run.err().endsWith("dancu sql: statement 3: refused: SET is not allowed: only read-only queries of the registered views may run"
                + " (SELECT, WITH, VALUES, TABLE, SHOW TABLES, SHOW VIEWS, SHOW COLUMNS, SHOW FUNCTIONS, DESCRIBE, EXPLAIN)\n"), run.err());
        // Every statement that ran, refused ones included, is in the audit log with the operating-system user; the one never reached is not.
        String user = System.getProperty("user.name");
        assertEquals(List.of(
                "command | " + user + " | command | dancu sql | -- the sexes, then the population at the last month end\nSELECT code, label_en FROM code_lists"
                        + " WHERE list_name = 'sex' | sql | 4 | ok | 2 rows",
                "command | " + user + " | command | dancu sql | SELECT sum(population) AS residents FROM cube_population_stock WHERE ref_date = DATE '2026-10-31'"
                        + " | sql | 1 | ok | 1 rows",
                "command | " + user + " | command | dancu sql | SET spark.sql.runSQLOnFiles = true | sql | 0 | refused | SET is not allowed: only read-only"
                        + " queries of the registered views may run (SELECT, WITH, VALUES, TABLE, SHOW TABLES, SHOW VIEWS, SHOW COLUMNS, SHOW FUNCTIONS,"
                        + " DESCRIBE, EXPLAIN)"), audited(audit));
    }

    @Test
    void sqlWritesItsAuditIntoTheDataFoldersServerLogByDefault() throws Exception
    {
        DataLayout layout = TestRegister.layout();
        String marker = "SELECT 'audit-default-" + System.nanoTime() + "' AS marker";
        Run run = dancu("sql", "--data", layout.root(), "--master", "local[2]", "-e", marker, "--format", "csv");
        assertEquals(0, run.status(), run.err());
        Path audit = Path.of(layout.server()).resolve("audit");
        assertTrue(audited(audit).stream().anyMatch(line -> line.contains(marker + " | sql | 1 | ok")), audited(audit).toString());
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(audit)));
    }

    @Test
    void aCommandThatCannotWriteTheAuditLogShowsAndWritesNothing() throws Exception
    {
        Path notAFolder = Files.writeString(folder.resolve("not-a-folder"), "x");
        Path file = folder.resolve("never.xlsx");
        Run report = dancu("report", "--data", TestRegister.layout().root(), "--kind", "monthly", "--period", "2026-10", "-o", file.toString(),
                "--audit-dir", notAFolder.toString());
        assertEquals(1, report.status());
        assertTrue(report.err().startsWith("dancu report: cannot open the audit log in " + notAFolder), report.err());
        assertEquals("", report.out());
        assertFalse(Files.exists(file));
        Run sql = dancu("sql", "--data", TestRegister.layout().root(), "--master", "local[2]", "-e", "SELECT 1", "--audit-dir", notAFolder.toString());
        assertEquals(1, sql.status());
        assertTrue(sql.err().startsWith("dancu sql: cannot open the audit log in " + notAFolder), sql.err());
        assertEquals("", sql.out());
    }

    /** The command entries of an audit log, oldest first, as "kind | user | via | path | statement or query | cube | cells | outcome | detail". */
    static List<String> audited(Path audit)
    {
        try (AuditLog log = new AuditLog(audit, AuditLog.Options.command(), java.time.Clock.systemUTC())) {
            assertTrue(log.verify(true).intact(), log.verify(true).toString());
            return log.read(AuditQuery.last(10_000)).entries().stream().filter(entry -> AuditEntry.COMMAND.equals(entry.kind()))
                    .map(entry -> entry.kind() + " | " + entry.user() + " | " + entry.via() + " | " + entry.path() + " | "
                            + (entry.statement() != null ? entry.statement() : entry.query()) + " | " + entry.cube() + " | " + entry.cells() + " | "
                            + entry.outcome() + " | " + entry.detail()).toList();
        }
    }

    @Test
    void sqlWithoutDataSaysHowToMakeIt()
    {
        Run run = dancu("sql", "--data", folder.toString(), "-e", "SELECT 1");
        assertEquals(2, run.status());
        assertEquals("dancu sql: nothing to query in " + folder + ": no curated snapshot and no published cubes; run ./dancu demo --no-serve --data "
                + folder + " (or generate, ingest and build)\n", run.err());
    }

    private static long total(DataLayout layout)
    {
        PublishedCubes cubes = new PublishedCubes(layout, CubeCatalog.builtIn(), 16 << 20);
        QueryService queries = new QueryService(cubes, Area.parse(cubes.manifest().area()), new DisclosureControl(() -> 5));
        QueryResult result = queries.result(queries.table(LEADER, queries.parse("population_stock", Map.of("date", List.of("2026-10-31")))));
        return ((Number) result.rows().get(0).get("population")).longValue();
    }

    @Test
    void shellRunsMultiLineStatementsAndBackslashCommands() throws Exception
    {
        String input = "\\describe households\nSELECT code, label_vi\n  FROM code_lists\n  WHERE list_name = 'sex';\nDROP VIEW persons;\n\\q\n";
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        DataLayout layout = TestRegister.layout();
        var session = SparkSessions.local("dancu-shell-test", "local[2]");
        Path audit = folder.resolve("audit");
        try (ReadOnlySql sql = ReadOnlySql.open(session, layout, CubeCatalog.builtIn());
             InputStream in = new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
             Terminal terminal = new DumbTerminal("test", Terminal.TYPE_DUMB, in, output, StandardCharsets.UTF_8);
             CommandAudit commands = CommandAudit.open(audit, new CommandAudit.Operator("lan", Optional.of("minh"), "xa-dakkoi-pc"), Clock.systemUTC())) {
            new SqlShell(sql, terminal, ResultFormat.TABLE, new SqlLimits(Duration.ofSeconds(60), 100), commands, null).run();
        }
        finally {
            session.stop();
        }
        String text = output.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("households (register, curated snapshot "), text);
        assertTrue(text.contains("  size           int       resident members"), text);
        assertTrue(text.contains("""
                +------+----------+
                | code | label_vi |
                +------+----------+
                | M    | Nam      |
                | F    | Nữ       |
                +------+----------+
                2 rows ("""), text);
        assertTrue(text.contains("refused: DROP VIEW is not allowed"), text);
        assertEquals(List.of("command | lan | command | dancu sql | SELECT code, label_vi\n  FROM code_lists\n  WHERE list_name = 'sex' | sql | 4 | ok | 2 rows",
                "command | lan | command | dancu sql | DROP VIEW persons | sql | 0 | refused | DROP VIEW is not allowed: only read-only queries of the"
                        + " registered views may run (SELECT, WITH, VALUES, TABLE, SHOW TABLES, SHOW VIEWS, SHOW COLUMNS, SHOW FUNCTIONS, DESCRIBE, EXPLAIN)"),
                audited(audit));
        try (AuditLog log = new AuditLog(audit, AuditLog.Options.command(), Clock.systemUTC())) {
            AuditEntry first = log.read(AuditQuery.last(2)).entries().get(0);
            assertEquals("minh | xa-dakkoi-pc | operator | 0", first.sudoUser() + " | " + first.host() + " | " + first.role() + " | " + first.status());
        }
    }

    @Test
    void reportWorkbookOfTheRegisterHoldsTheApisFigures() throws Exception
    {
        Path file = folder.resolve("october.xlsx");
        Path audit = folder.resolve("audit");
        Run run = dancu("report", "--data", TestRegister.layout().root(), "--kind", "monthly", "--period", "2026-10", "--lang", "en", "-o", file.toString(),
                "--audit-dir", audit.toString());
        assertEquals(0, run.status(), run.err());
        List<String> entries = audited(audit);
        assertEquals(1, entries.size());
        assertTrue(entries.get(0).startsWith("command | " + System.getProperty("user.name") + " | command | dancu report"
                + " | kind=monthly&period=2026-10&geo=2025&format=xlsx&lang=en | report | "), entries.get(0));
        assertTrue(entries.get(0).endsWith(" | ok | 7 tables → " + file.toAbsolutePath()), entries.get(0));
        assertTrue(run.out().startsWith("report: Monthly population report, October 2026, 7 tables, cube version v"), run.out());
        PublishedCubes cubes = new PublishedCubes(TestRegister.layout(), CubeCatalog.builtIn(), 16 << 20);
        QueryService queries = new QueryService(cubes, Area.parse(cubes.manifest().area()), new DisclosureControl(() -> 5));
        try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(file))) {
            List<String> table = ReportWorkbookTestSupport.table(workbook.getSheet("1 unit_sex"));
            assertEquals(expected(queries, "unit"), table.subList(1, table.size() - 1));
            assertEquals("Total | " + sexTotals(queries), table.get(table.size() - 1));
            List<String> ages = ReportWorkbookTestSupport.table(workbook.getSheet("2 age_sex"));
            assertEquals(expected(queries, "ageBand"), ages.subList(1, ages.size() - 1));
        }
    }

    @Test
    void annualReportsOfTheWholeYearAndOfTheRunningYearAreMadeWithTheirFlows() throws Exception
    {
        PublishedCubes cubes = new PublishedCubes(TestRegister.layout(), CubeCatalog.builtIn(), 16 << 20);
        QueryService queries = new QueryService(cubes, Area.parse(cubes.manifest().area()), new DisclosureControl(() -> 5));
        for (String year : List.of("2025", "2026")) {
            Path file = folder.resolve("annual-" + year + ".xlsx");
            Run run = dancu("report", "--data", TestRegister.layout().root(), "--kind", "annual", "--period", year, "--lang", "en", "-o", file.toString());
            assertEquals(0, run.status(), run.err());
            // The register runs from January 2025 to October 2026: 2026 is a partial year, and the report says so.
            String title = year.equals("2025") ? "Annual population report, 2025" : "Annual population report, 2026 (partial year: Jan–Oct 2026)";
            // The seven tables of every report and the annual projection sheet.
            assertTrue(run.out().startsWith("report: " + title + ", 8 tables, cube version v"), run.out());
            Map<String, Object> births = queries.result(queries.table(LEADER, queries.parse("births",
                    Map.of("period", List.of(year), "level", List.of("area"))))).rows().get(0);
            try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(file))) {
                List<String> vital = ReportWorkbookTestSupport.table(workbook.getSheet("5 vital_events"));
                assertEquals("Births | " + births.get("births") + " | x | ", vital.get(1), "the year's births as the API sums and protects them");
            }
        }
    }

    @Test
    void reportForAMonthWithoutDataExitsWithTheRange()
    {
        Path audit = folder.resolve("audit");
        Run run = dancu("report", "--data", TestRegister.layout().root(), "--kind", "monthly", "--period", "2020-01", "-o", folder.resolve("x.xlsx").toString(),
                "--audit-dir", audit.toString());
        assertEquals(2, run.status());
        assertEquals("dancu report: invalid value for option '--period': no population figures for 2020-01 (2020-01-31); reports can be made for"
                + " month ends from 2025-01-31 to 2026-10-31\n", run.err());
        assertEquals(List.of("command | " + System.getProperty("user.name") + " | command | dancu report | kind=monthly&period=2020-01&geo=2025&format=xlsx&lang=vi"
                + " | report | 0 | bad_request | invalid parameter 'period': no population figures for 2020-01 (2020-01-31); reports can be made for month"
                + " ends from 2025-01-31 to 2026-10-31"), audited(audit));
    }

    /** The API's answers as the report prints them: "label | male | female | total", withheld values as x. */
    private static List<String> expected(QueryService queries, String dimension)
    {
        Map<String, String[]> lines = new LinkedHashMap<>();
        QueryResult totals = queries.result(queries.table(LEADER, queries.parse("population_stock", Map.of("dims", List.of(dimension),
                "date", List.of("2026-10-31"), "lang", List.of("en")))));
        for (Map<String, Object> row : totals.rows()) {
            lines.put(row.get(dimension + "Label").toString(), new String[] {"0", "0", shown(row)});
        }
        QueryResult cells = queries.result(queries.table(LEADER, queries.parse("population_stock", Map.of("dims", List.of(dimension + ",sex"),
                "date", List.of("2026-10-31"), "lang", List.of("en")))));
        for (Map<String, Object> row : cells.rows()) {
            lines.get(row.get(dimension + "Label").toString())[row.get("sex").equals("M") ? 0 : 1] = shown(row);
        }
        List<String> text = new ArrayList<>();
        lines.forEach((label, line) -> text.add(label + " | " + String.join(" | ", line)));
        return text;
    }

    private static String shown(Map<String, Object> row)
    {
        Object status = ((Map<?, ?>) row.get("status")).get("population");
        return "ok".equals(status) ? row.get("population").toString() : "x";
    }

    private static String sexTotals(QueryService queries)
    {
        QueryResult bySex = queries.result(queries.table(LEADER, queries.parse("population_stock", Map.of("dims", List.of("sex"), "date", List.of("2026-10-31")))));
        String male = "0";
        String female = "0";
        for (Map<String, Object> row : bySex.rows()) {
            if (row.get("sex").equals("M")) {
                male = shown(row);
            }
            else {
                female = shown(row);
            }
        }
        QueryResult all = queries.result(queries.table(LEADER, queries.parse("population_stock", Map.of("date", List.of("2026-10-31")))));
        return male + " | " + female + " | " + shown(all.rows().get(0));
    }
}
