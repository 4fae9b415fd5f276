package vn.dancu.engine.sql;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.dancu.engine.SparkTestSession;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.sql.SqlException;
import vn.dancu.model.sql.SqlLimits;
import vn.dancu.model.sql.SqlResult;
import vn.dancu.model.sql.ViewColumn;
import vn.dancu.model.sql.ViewDefinition;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadOnlySqlTest
{
    private static final SqlLimits LIMITS = new SqlLimits(Duration.ofSeconds(120), 10_000);
    /** Hours of work whose tasks notice a cancel (a range checks for it between batches of rows). */
    private static final String RUNAWAY = "SELECT count(*) FROM range(1000000000000) WHERE id % 7 = 3";
    private static ReadOnlySql sql;

    @BeforeAll
    static void open()
    {
        sql = ReadOnlySql.open(SparkTestSession.get(), RegisterPipeline.layout(), CubeCatalog.builtIn());
    }

    @AfterAll
    static void close()
    {
        sql.close();
    }

    private static List<List<Object>> rows(String statement)
    {
        return sql.execute(statement, LIMITS, "test").rows();
    }

    private static SqlException refused(String statement)
    {
        return assertThrows(SqlException.class, () -> sql.execute(statement, LIMITS, "test"));
    }

    @Test
    void registersTheRegisterCubeAndReferenceViews()
    {
        assertEquals(List.of("persons", "events", "residence_spells", "households", "quality", "cube_population_stock", "cube_births",
                "cube_deaths", "cube_migration", "cube_person_years", "cube_households", "cube_identity_coverage", "cube_data_quality",
                "units", "unit_successors", "ethnic_groups", "code_lists"), sql.views().names());
        assertEquals(List.of("ref_date", "commune_code", "sex", "age", "ethnicity_code", "residence_status", "population"),
                sql.views().view("cube_population_stock").orElseThrow().columns().stream().map(ViewColumn::name).toList());
    }

    @Test
    void cubeViewGivesTheResidentsCountedFromTheResidenceSpells()
    {
        String monthEnd = "2026-09-30";
        long fromSpells = (Long) rows("SELECT count(DISTINCT pid) FROM residence_spells WHERE valid_from <= DATE'" + monthEnd
                + "' AND (valid_to IS NULL OR valid_to > DATE'" + monthEnd + "')").get(0).get(0);
        long fromCube = (Long) rows("SELECT sum(population) FROM cube_population_stock WHERE ref_date = DATE'" + monthEnd + "'").get(0).get(0);
        assertTrue(fromSpells > 300, "the register should have hundreds of residents, has " + fromSpells);
        assertEquals(fromSpells, fromCube);
    }

    @Test
    void referenceViewsRecastOldCommunesOntoThe2025Units()
    {
        assertEquals(List.of(List.of("23479", "Xã Đăk Rve")), rows("SELECT commune_code_2025, commune_name_2025 FROM unit_successors"
                + " WHERE old_commune_code = '23491'"));
        assertEquals(List.of(List.of(54L)), rows("SELECT count(*) FROM ethnic_groups"));
        assertEquals(List.of(List.of("M", "Nam"), List.of("F", "Nữ")), rows("SELECT code, label_vi FROM code_lists WHERE list_name = 'sex'"));
        assertEquals(List.of(List.of(LocalDate.of(2025, 7, 1))), rows("SELECT valid_to FROM units WHERE level = 'district' AND code = '614'"));
    }

    @Test
    void everyViewAndColumnIsDocumentedForStatisticians() throws Exception
    {
        String docs = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/statisticians.md"));
        for (ViewDefinition view : sql.views().views()) {
            assertTrue(docs.contains("`" + view.name() + "`"), "docs/statisticians.md does not name the view " + view.name());
            for (ViewColumn column : view.columns()) {
                assertTrue(docs.contains("`" + column.name() + "`"), "docs/statisticians.md does not name the column " + view.name() + "." + column.name());
            }
        }
    }

    @Test
    void describeShowsTheMeaningOfEachColumn()
    {
        List<List<Object>> described = rows("DESCRIBE households");
        assertEquals(List.of("size", "int", "resident members"), described.get(2));
    }

    @Test
    void runsTheUsualShapesOfQuery()
    {
        assertEquals(List.of(List.of(3L)), rows("WITH x AS (SELECT id FROM range(3)) SELECT count(*) FROM x"));
        assertEquals(List.of(List.of(0L, 1L), List.of(1L, 1L)), rows("SELECT id, count(*) OVER (PARTITION BY id) FROM range(2) ORDER BY id"));
        assertEquals(List.of(List.of(2L)), rows("SELECT count(*) FROM VALUES (1), (2) AS t(a) WHERE a IN (SELECT a FROM VALUES (1), (2) AS u(a))"));
        assertEquals(List.of(List.of(1L, 2L)), rows("SELECT * FROM (SELECT 'M' AS sex, 1 AS n UNION ALL SELECT 'F', 2) PIVOT (sum(n) FOR sex IN ('M', 'F'))"));
        assertEquals(List.of(List.of(10)), rows("SELECT x FROM VALUES (array(10)) AS t(a) LATERAL VIEW explode(a) e AS x"));
        assertFalse(rows("SHOW TABLES").isEmpty());
        assertFalse(rows("EXPLAIN SELECT count(*) FROM persons").isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            SET spark.sql.runSQLOnFiles=true | SET is not allowed: only read-only queries of the registered views may run (SELECT, WITH, VALUES, TABLE, SHOW TABLES, SHOW VIEWS, SHOW COLUMNS, SHOW FUNCTIONS, DESCRIBE, EXPLAIN)
            ADD JAR /tmp/evil.jar | ADD JAR is not allowed: only read-only queries of the registered views may run (SELECT, WITH, VALUES, TABLE, SHOW TABLES, SHOW VIEWS, SHOW COLUMNS, SHOW FUNCTIONS, DESCRIBE, EXPLAIN)
            CREATE TABLE t AS SELECT * FROM persons | CREATE TABLE is not allowed: only read-only queries of the registered views may run (SELECT, WITH, VALUES, TABLE, SHOW TABLES, SHOW VIEWS, SHOW COLUMNS, SHOW FUNCTIONS, DESCRIBE, EXPLAIN)
            CREATE OR REPLACE TEMP VIEW persons AS SELECT 1 | CREATE OR REPLACE TEMP VIEW is not allowed: only read-only queries of the registered views may run (SELECT, WITH, VALUES, TABLE, SHOW TABLES, SHOW VIEWS, SHOW COLUMNS, SHOW FUNCTIONS, DESCRIBE, EXPLAIN)
            INSERT INTO persons SELECT * FROM persons | INSERT INTO is not allowed: only read-only queries of the registered views may run (SELECT, WITH, VALUES, TABLE, SHOW TABLES, SHOW VIEWS, SHOW COLUMNS, SHOW FUNCTIONS, DESCRIBE, EXPLAIN)
            CACHE TABLE persons | CACHE TABLE is not allowed: only read-only queries of the registered views may run (SELECT, WITH, VALUES, TABLE, SHOW TABLES, SHOW VIEWS, SHOW COLUMNS, SHOW FUNCTIONS, DESCRIBE, EXPLAIN)
            REFRESH TABLE persons | REFRESH TABLE is not allowed: only read-only queries of the registered views may run (SELECT, WITH, VALUES, TABLE, SHOW TABLES, SHOW VIEWS, SHOW COLUMNS, SHOW FUNCTIONS, DESCRIBE, EXPLAIN)
            USE other | USE is not allowed: only read-only queries of the registered views may run (SELECT, WITH, VALUES, TABLE, SHOW TABLES, SHOW VIEWS, SHOW COLUMNS, SHOW FUNCTIONS, DESCRIBE, EXPLAIN)
            -- a comment first\\nDROP VIEW persons | DROP VIEW is not allowed: only read-only queries of the registered views may run (SELECT, WITH, VALUES, TABLE, SHOW TABLES, SHOW VIEWS, SHOW COLUMNS, SHOW FUNCTIONS, DESCRIBE, EXPLAIN)
            EXECUTE IMMEDIATE 'SELECT 1' | EXECUTE IMMEDIATE is not allowed: only read-only queries of the registered views may run (SELECT, WITH, VALUES, TABLE, SHOW TABLES, SHOW VIEWS, SHOW COLUMNS, SHOW FUNCTIONS, DESCRIBE, EXPLAIN)
            SHOW CREATE TABLE persons | SHOW CREATE is not allowed: only read-only queries of the registered views may run (SELECT, WITH, VALUES, TABLE, SHOW TABLES, SHOW VIEWS, SHOW COLUMNS, SHOW FUNCTIONS, DESCRIBE, EXPLAIN)
            SELECT * FROM parquet.`/etc` | reading files is not allowed (parquet.`/etc`): only the registered views can be read; \\tables or SHOW TABLES lists them
            SELECT * FROM text.`file:///etc/passwd` | reading files is not allowed (text.`file:///etc/passwd`): only the registered views can be read; \\tables or SHOW TABLES lists them
            WITH a AS (SELECT * FROM json.`/etc/x`) SELECT * FROM a | reading files is not allowed (json.`/etc/x`): only the registered views can be read; \\tables or SHOW TABLES lists them
            SELECT (SELECT count(*) FROM csv.`/etc/x`) FROM persons | reading files is not allowed (csv.`/etc/x`): only the registered views can be read; \\tables or SHOW TABLES lists them
            SELECT * FROM read_files('/etc/passwd') | table function 'read_files' is not allowed; allowed: range, explode, explode_outer, inline, inline_outer, posexplode, posexplode_outer, stack, json_tuple
            SELECT * FROM spark_catalog.default.t | 'spark_catalog.default.t' is not a registered view: only the registered views can be read, by their plain names; \\tables or SHOW TABLES lists them
            SELECT * FROM global_temp.t | 'global_temp.t' is not a registered view: only the registered views can be read, by their plain names; \\tables or SHOW TABLES lists them
            SELECT * FROM secrets | 'secrets' is not a registered view; registered views: code_lists, cube_births, cube_data_quality, cube_deaths, cube_households, cube_identity_coverage, cube_migration, cube_person_years, cube_population_stock, ethnic_groups, events, households, persons, quality, residence_spells, unit_successors, units
            DESCRIBE secrets | 'secrets' is not a registered view; registered views: code_lists, cube_births, cube_data_quality, cube_deaths, cube_households, cube_identity_coverage, cube_migration, cube_person_years, cube_population_stock, ethnic_groups, events, households, persons, quality, residence_spells, unit_successors, units
            SELECT reflect('java.lang.System', 'exit', '1') | function 'reflect' is not allowed: it calls Java methods in the server
            SELECT java_method('java.lang.System', 'getenv', 'HOME') FROM persons | function 'java_method' is not allowed: it calls Java methods in the server
            SELECT system.builtin.reflect('java.lang.System', 'exit', '1') | qualified function name 'system.builtin.reflect' is not allowed: call built-in functions by their plain names
            SELECT * FROM persons WITH ('path' = '/etc') | table options (WITH (...)) are not allowed on view 'persons'
            SELECT TRANSFORM(pid) USING 'cat' FROM persons | ScriptTransformation is not allowed in a read-only query: only queries of the registered views may run (SELECT, WITH, VALUES, TABLE, SHOW TABLES, SHOW VIEWS, SHOW COLUMNS, SHOW FUNCTIONS, DESCRIBE, EXPLAIN)
            SELECT input_file_name() FROM persons | function 'input_file_name' is not allowed: it shows where the server keeps its files
            SELECT INPUT_FILE_BLOCK_START(), input_file_block_length() FROM events | function 'input_file_block_start' is not allowed: it shows where the server keeps its files
            EXPLAIN SELECT input_file_name() FROM persons | function 'input_file_name' is not allowed: it shows where the server keeps its files
            SELECT _metadata.file_path FROM persons | the column '_metadata' is not allowed: it shows where the server keeps its files
            SELECT p._metadata FROM persons p | the column '_metadata' is not allowed: it shows where the server keeps its files
            SELECT length(concat_ws(',', sequence(1,50000000))) | sequence(…) would build a value of 50,000,000 elements; a value may have at most 1,000,000 elements here (the SQL engine's memory is shared by every statement)
            SELECT sequence(0, 10000 * 10000, 2) | sequence(…) would build a value of 50,000,001 elements; a value may have at most 1,000,000 elements here (the SQL engine's memory is shared by every statement)
            EXPLAIN SELECT size(sequence(1, 2000000)) | sequence(…) would build a value of 2,000,000 elements; a value may have at most 1,000,000 elements here (the SQL engine's memory is shared by every statement)
            SELECT repeat('ab', 600000) | repeat(…) would build a value of 1,200,000 characters; a value may have at most 1,000,000 characters here (the SQL engine's memory is shared by every statement)
            SELECT array_repeat(pid, 10000000) FROM persons | array_repeat(…) would build a value of 10,000,000 elements; a value may have at most 1,000,000 elements here (the SQL engine's memory is shared by every statement)
            SELECT space(2000000000) | space(…) would build a value of 2,000,000,000 characters; a value may have at most 1,000,000 characters here (the SQL engine's memory is shared by every statement)
            SELECT lpad(sex, 5000000, '-') FROM persons | lpad(…) would build a value of 5,000,000 characters; a value may have at most 1,000,000 characters here (the SQL engine's memory is shared by every statement)
            SELECT rpad('x', 2147483647) | rpad(…) would build a value of 2,147,483,647 characters; a value may have at most 1,000,000 characters here (the SQL engine's memory is shared by every statement)
            """)
    void refusesWithAClearMessage(String statement, String message)
    {
        SqlException error = refused(statement.replace("\\n", "\n"));
        assertEquals(SqlException.Category.REFUSED, error.category());
        assertEquals(message, error.getMessage());
    }

    @Test
    void sessionRunsNoSqlOnFilesEvenPastTheGuard()
    {
        Exception error = assertThrows(Exception.class, () -> sql.session().sql("SELECT * FROM parquet.`/etc`").collectAsList());
        assertTrue(error.getMessage().contains("TABLE_OR_VIEW_NOT_FOUND"), error.getMessage());
    }

    @Test
    void analysedPlanReadingAnotherFolderIsRefused()
    {
        var other = sql.session().read().parquet(RegisterPipeline.layout().raw() + "/persons.parquet");
        SqlException error = assertThrows(SqlException.class,
                () -> StatementGuard.checkAnalyzed(other.queryExecution().analyzed(), sql.views().readableLocations()));
        assertEquals("reading files is not allowed (file:" + RegisterPipeline.layout().raw() + "/persons.parquet): only the registered views can be read",
                error.getMessage());
    }

    @Test
    void unknownColumnIsAnAnalysisErrorNamingIt()
    {
        SqlException error = refused("SELECT nope FROM persons");
        assertEquals(SqlException.Category.ANALYSIS, error.category());
        assertTrue(error.getMessage().startsWith("[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter with name `nope` cannot be resolved"),
                error.getMessage());
    }

    @Test
    void syntaxErrorIsReportedAsSuch()
    {
        SqlException error = refused("SELEC 1");
        assertEquals(SqlException.Category.SYNTAX, error.category());
        assertTrue(error.getMessage().contains("PARSE_SYNTAX_ERROR"), error.getMessage());
    }

    @Test
    void valuesOfAMillionElementsAreAllowed()
    {
        assertEquals(List.of(List.of(1_000_000)), rows("SELECT size(sequence(1, 1000000))"));
        assertEquals(List.of(List.of(1_000_000)), rows("SELECT length(repeat('x', 1000000))"));
        assertEquals(List.of(List.of(12)), rows("SELECT length(lpad(sex, 12, '.')) FROM persons LIMIT 1"));
    }

    @Test
    void resultIsCutAtTheByteLimitAfterTheLastRowThatFits()
    {
        // each row is ["xxx…"]: 1,000,004 bytes of JSON and a comma; 33 of them fit into 32 MiB with the brackets
        SqlResult result = sql.execute("SELECT repeat('x', 1000000) AS x FROM range(3000)", new SqlLimits(Duration.ofSeconds(120), 10_000), "bytes");
        assertEquals(33, result.rows().size());
        assertEquals(SqlResult.Truncation.BYTES, result.truncation());
        assertEquals("truncated: the result is larger than the size limit of 32 MiB; only the first 33 rows are here", result.truncationNote());
        assertEquals(1_000_000, ((String) result.rows().get(32).get(0)).length());
    }

    @Test
    void aFirstRowLargerThanTheByteLimitIsRefusedAsTooLarge()
    {
        SqlException error = assertThrows(SqlException.class,
                () -> sql.execute("SELECT repeat('x', 1000) AS x", new SqlLimits(Duration.ofSeconds(60), 10, 1000), "too-large"));
        assertEquals(SqlException.Category.TOO_LARGE, error.category());
        assertEquals("the first row alone is larger than the result size limit of 1,000 bytes (1,005 bytes as JSON): select fewer or smaller columns",
                error.getMessage());
    }

    @Test
    void resultBeyondTheRowLimitIsTruncated()
    {
        SqlResult result = sql.execute("SELECT id FROM range(25);", new SqlLimits(Duration.ZERO, 10), "test");
        assertEquals(10, result.rows().size());
        assertTrue(result.truncated());
        assertEquals(SqlResult.Truncation.ROWS, result.truncation());
        assertEquals(List.of(9L), result.rows().get(9));
        assertFalse(sql.execute("SELECT id FROM range(10)", new SqlLimits(Duration.ZERO, 10), "test").truncated());
    }

    @Test
    void runawayQueryIsStoppedAtTheTimeLimitAndTheSessionStaysUsable()
    {
        SqlException error = assertThrows(SqlException.class, () -> sql.execute(
                RUNAWAY, new SqlLimits(Duration.ofSeconds(2), 10), "runaway"));
        assertEquals(SqlException.Category.TIME_LIMIT, error.category());
        assertEquals("the statement ran longer than the time limit of 2 s and was cancelled", error.getMessage());
        assertFalse(sql.busy("runaway"), "the runaway statement's tasks should have ended");
        assertEquals(List.of(List.of(45L)), rows("SELECT sum(id) FROM range(10)"));
    }

    @Test
    void cancelStopsTheRunningStatement() throws Exception
    {
        CompletableFuture<SqlException> running = CompletableFuture.supplyAsync(() -> assertThrows(SqlException.class, () -> sql.execute(
                RUNAWAY, LIMITS, "to-cancel")));
        while (sql.progress("to-cancel").map(progress -> progress.stagesTotal() == 0).orElse(true)) {
            Thread.sleep(50);
        }
        sql.cancel("to-cancel");
        SqlException error = running.get(60, TimeUnit.SECONDS);
        assertEquals(SqlException.Category.CANCELLED, error.category());
        assertEquals("the statement was cancelled", error.getMessage());
    }
}
