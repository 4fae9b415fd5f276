package vn.dancu.engine.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Locale;

/**
 * How many rows the finest population-stock cuboid (commune × sex × age × ethnicity × residence status) needs in
 * three representations, measured on a curated snapshot with DuckDB (a program, not a test; issue 18, item 1):
 *
 * <ol>
 * <li><b>month ends × age</b>, what the cube stores today: the cells of every month end;</li>
 * <li><b>cohort base + monthly deltas</b>: the cells keyed by birth month instead of age (with a flag for 29
 * February: at a month end, completed years follow from the birth month alone except for those born on a leap day at
 * the end of February of a common year), written once at the first month end, then per month only the cells whose
 * count changed. A cohort's cell changes only when a residence spell starts or ends (birth, death, a move, a change
 * of commune), so the delta of month end {@code T} is +1 per spell first counted at {@code T} and −1 per spell last
 * counted at the month end before it, summed per cell; cells summing to zero did not change;</li>
 * <li><b>yearly cohort bases + deltas</b>: the same with a new base every January, so that a reader sums at most
 * eleven deltas onto a base.</li>
 * </ol>
 *
 * <pre>
 * ./dancu bench engine vn.dancu.engine.bench.StockRepresentationAnalysis SNAPSHOT_FOLDER FIRST_MONTH LAST_MONTH_END MEMORY [every-month]
 * </pre>
 *
 * Without {@code every-month}, the cells of representation 1 are counted at the base months only (the first and
 * each January; the cube's manifest has the exact total of every month end), which keeps the run short at 10 million
 * persons.
 *
 * Residents as in the cube and in {@link CubeBuildBenchmark}'s DuckDB query (spells joined with persons). Prints
 * figures; changes nothing.
 */
public final class StockRepresentationAnalysis
{
    private StockRepresentationAnalysis() {}

    public static void main(String[] args) throws Exception
    {
        if (args.length < 4) {
            throw new IllegalArgumentException("usage: StockRepresentationAnalysis SNAPSHOT_FOLDER FIRST_MONTH LAST_MONTH_END MEMORY");
        }
        Path snapshot = Path.of(args[0]);
        LocalDate first = LocalDate.parse(args[1]).withDayOfMonth(1);
        LocalDate last = LocalDate.parse(args[2]);
        boolean everyMonth = args.length > 4 && args[4].equals("every-month");
        long started = System.nanoTime();
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duckdb.createStatement()) {
            sql.execute("SET threads = 2");
            sql.execute("SET memory_limit = '" + args[3] + "'");
            sql.execute("SET preserve_insertion_order = false");
            sql.execute("CREATE TABLE p AS SELECT pid, birth_date, sex, ethnicity_code,"
                    + " CASE WHEN residence_status = 'TEMPORARY' THEN 'TEMPORARY' ELSE 'PERMANENT' END AS status,"
                    + " strftime(birth_date, '%Y-%m') || CASE WHEN month(birth_date) = 2 AND day(birth_date) = 29 THEN 'L' ELSE '' END AS cohort"
                    + " FROM read_parquet('" + snapshot + "/persons/**/*.parquet')");
            sql.execute("CREATE TABLE s AS SELECT pid, commune_code, valid_from, valid_to FROM read_parquet('" + snapshot + "/residence_spells/*.parquet')");
            System.out.printf(Locale.ROOT, "stock representations of %s, month ends %s … %s (load average %.1f)%n", snapshot, first, last,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

            long ageRows = 0;
            long cohortRows = 0;
            long yearlyBases = 0;
            int months = 0;
            LocalDate firstEnd = first.withDayOfMonth(first.lengthOfMonth());
            for (LocalDate month = first; !month.isAfter(last); month = month.plusMonths(1)) {
                LocalDate end = month.withDayOfMonth(month.lengthOfMonth());
                if (!everyMonth && !end.equals(firstEnd) && end.getMonthValue() != 1) {
                    continue;
                }
                String residents = " FROM s JOIN p USING (pid) WHERE s.valid_from <= DATE '" + end + "' AND (s.valid_to IS NULL OR s.valid_to > DATE '"
                        + end + "')";
                long age = single(sql, "SELECT count(*) FROM (SELECT DISTINCT commune_code, sex, ethnicity_code, status,"
                        + " least(100, date_sub('year', birth_date, DATE '" + end + "') - CASE WHEN month(birth_date) = 2 AND day(birth_date) = 29"
                        + " AND month(DATE '" + end + "') = 2 AND day(DATE '" + end + "') = 28 THEN 1 ELSE 0 END)" + residents + ")");
                long cohort = single(sql, "SELECT count(*) FROM (SELECT DISTINCT commune_code, sex, ethnicity_code, status, cohort" + residents + ")");
                ageRows += age;
                cohortRows += cohort;
                if (end.equals(firstEnd) || end.getMonthValue() == 1) {
                    yearlyBases += cohort;
                }
                months++;
            }
            long baseRows = single(sql, "SELECT count(*) FROM (SELECT DISTINCT commune_code, sex, ethnicity_code, status, cohort FROM s JOIN p USING (pid)"
                    + " WHERE s.valid_from <= DATE '" + firstEnd + "' AND (s.valid_to IS NULL OR s.valid_to > DATE '" + firstEnd + "'))");
            // +1 where a spell is first counted (the month end on or after valid_from), -1 where it is first not counted
            // any more (the month end on or after valid_to); only month ends after the first carry deltas
            String deltas = "SELECT month_end, commune_code, sex, ethnicity_code, status, cohort, sum(change) AS change FROM ("
                    + " SELECT last_day(valid_from) AS month_end, pid, commune_code, 1 AS change FROM s"
                    + " UNION ALL SELECT last_day(valid_to), pid, commune_code, -1 FROM s WHERE valid_to IS NOT NULL) c JOIN p USING (pid)"
                    + " WHERE month_end > DATE '" + firstEnd + "' AND month_end <= DATE '" + last + "'"
                    + " GROUP BY ALL HAVING sum(change) <> 0";
            long deltaRows = single(sql, "SELECT count(*) FROM (" + deltas + ")");
            long deltaRowsAfterJanuary = single(sql, "SELECT count(*) FROM (" + deltas + ") WHERE month(month_end) <> 1");
            long maxDelta = single(sql, "SELECT max(n) FROM (SELECT month_end, count(*) AS n FROM (" + deltas + ") GROUP BY month_end)");

            System.out.printf(Locale.ROOT, "  month ends counted: %d (%s)%n", months, everyMonth ? "every month end" : "the first and each January");
            System.out.printf(Locale.ROOT, "  1. month ends x age (the cube's finest cuboid today): %,d rows at those month ends (%,d per month end on average)%n",
                    ageRows, ageRows / months);
            System.out.printf(Locale.ROOT, "     month ends x birth cohort, for comparison: %,d rows at those month ends%n", cohortRows);
            System.out.printf(Locale.ROOT, "  2. cohort base at %s + monthly deltas: %,d + %,d = %,d rows (largest month's delta %,d rows)%n",
                    firstEnd, baseRows, deltaRows, baseRows + deltaRows, maxDelta);
            System.out.printf(Locale.ROOT, "  3. cohort base every January + monthly deltas: %,d + %,d = %,d rows%n", yearlyBases,
                    deltaRowsAfterJanuary, yearlyBases + deltaRowsAfterJanuary);
            if (everyMonth) {
                System.out.printf(Locale.ROOT, "  2 and 3 as a share of 1: %.2f %% and %.2f %%%n", 100.0 * (baseRows + deltaRows) / ageRows,
                        100.0 * (yearlyBases + deltaRowsAfterJanuary) / ageRows);
            }
            System.out.printf(Locale.ROOT, "  measured in %.1f s%n", (System.nanoTime() - started) / 1e9);
        }
    }

    private static long single(Statement sql, String query) throws Exception
    {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
