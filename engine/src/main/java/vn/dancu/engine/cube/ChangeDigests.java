package vn.dancu.engine.cube;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.shiftrightunsigned;
import static org.apache.spark.sql.functions.sum;

/**
 * Per-month digests of what each fact source depends on, used to find the first month an incremental build must
 * redo. A digest is the number of change points of the month and three sums of independent hash bits (62 + 32 bits):
 * sums, so that the digest describes the multiset of points whatever their order, and the chance that a changed month
 * keeps its digest is about 2⁻⁹⁴.
 */
public final class ChangeDigests
{
    private static final long LOW_31_BITS = 0x7fffffffL;
    private static final long LOW_32_BITS = 0xffffffffL;

    private ChangeDigests() {}

    /** One digest of the points of one month (or of one day before folding into months). */
    public record Digest(long points, long sum1, long sum2, long sum3)
    {
        public Digest plus(Digest other)
        {
            return new Digest(points + other.points, sum1 + other.sum1, sum2 + other.sum2, sum3 + other.sum3);
        }
    }

    /**
     * Per source and day: {@code source, day, points, sum1, sum2, sum3}. {@code changePoints} holds, per source
     * name, rows {@code (day, h1 long, h2 int)}. Each source's points are summed by day on their own (a date key)
     * before the sources are put together, so that no point is grouped by the source's name.
     */
    public static Dataset<Row> dailyDigests(Map<String, Dataset<Row>> changePoints)
    {
        Dataset<Row> all = null;
        for (Map.Entry<String, Dataset<Row>> entry : changePoints.entrySet()) {
            Column h1 = col("h1");
            Dataset<Row> days = entry.getValue()
                    .groupBy("day")
                    .agg(count(lit(1)).as("points"),
                            sum(h1.bitwiseAND(lit(LOW_31_BITS))).as("sum1"),
                            sum(shiftrightunsigned(h1, 33)).as("sum2"),
                            sum(col("h2").cast("long").bitwiseAND(lit(LOW_32_BITS))).as("sum3"))
                    .select(lit(entry.getKey()).as("source"), col("day"), col("points"), col("sum1"), col("sum2"), col("sum3"));
            all = all == null ? days : all.unionByName(days);
        }
        return requireNonNull(all, "no change points");
    }

    /**
     * Adds, for each source whose change points are the union of other sources' ({@code unions}: source → its
     * parts), its daily digests as the sums of its parts' (a digest of a union of multisets is the sum of theirs).
     * Rows as {@link #dailyDigests}; every part must be among the collected sources.
     */
    public static List<Row> withUnions(List<Row> dailyDigests, Map<String, List<String>> unions)
    {
        List<Row> all = new ArrayList<>(dailyDigests);
        for (Map.Entry<String, List<String>> union : unions.entrySet()) {
            SortedMap<LocalDate, Digest> days = new TreeMap<>();
            for (Row row : dailyDigests) {
                if (union.getValue().contains(row.getString(0))) {
                    days.merge(row.getDate(1).toLocalDate(), new Digest(row.getLong(2), row.getLong(3), row.getLong(4), row.getLong(5)), Digest::plus);
                }
            }
            days.forEach((day, digest) -> all.add(RowFactory.create(union.getKey(), java.sql.Date.valueOf(day), digest.points(),
                    digest.sum1(), digest.sum2(), digest.sum3())));
        }
        return all;
    }

    /** Folds collected daily digests into months, keeping only days up to {@code horizon}. */
    public static Map<String, SortedMap<YearMonth, Digest>> monthly(List<Row> dailyDigests, LocalDate horizon)
    {
        Map<String, SortedMap<YearMonth, Digest>> months = new LinkedHashMap<>();
        for (Row row : dailyDigests) {
            LocalDate day = row.getDate(1).toLocalDate();
            if (day.isAfter(horizon)) {
                continue;
            }
            Digest digest = new Digest(row.getLong(2), row.getLong(3), row.getLong(4), row.getLong(5));
            months.computeIfAbsent(row.getString(0), source -> new TreeMap<>())
                    .merge(YearMonth.from(day), digest, Digest::plus);
        }
        return months;
    }

    /** The first month whose digest differs between two digests of a source, or empty when they agree. */
    public static Optional<YearMonth> firstDifference(SortedMap<YearMonth, Digest> before, SortedMap<YearMonth, Digest> after)
    {
        Set<YearMonth> months = new TreeSet<>(before.keySet());
        months.addAll(after.keySet());
        for (YearMonth month : months) {
            if (!java.util.Objects.equals(before.get(month), after.get(month))) {
                return Optional.of(month);
            }
        }
        return Optional.empty();
    }
}
