package vn.dancu.engine.ingest;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

import java.io.Serializable;
import java.sql.Date;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.unix_date;

/**
 * Whether a commune code is in force on a date, looked up in the commune calendar: code, {@code valid_from}
 * (inclusive, null = since ever), {@code valid_to} (exclusive, null = still in force); a code reused by the 2025
 * reform has several periods.
 *
 * <p>The calendar is small (one row per commune version of the area: 142 for Kon Tum, 2,272 for the benchmarks' 16
 * replicas of it, ≈ 14,000 for the real country, ≈ 10,600 communes before the 2025 reform and 3,321 after), so it is
 * held in memory and looked up by a function of the record rather than joined: a broadcast join per lookup put three
 * hash-join probes into the loop that checks every person record, and that loop grew too large for HotSpot to
 * compile (docs/benchmarks.md § Ingest).
 */
public final class CommuneValidity implements Serializable
{
    private static final long serialVersionUID = 1L;

    /** Code → its periods as epoch days, {@code [from₀, to₀, from₁, to₁, …]}; open ends are {@code Integer.MIN/MAX_VALUE}. */
    private final Map<String, int[]> periods;

    private CommuneValidity(Map<String, int[]> periods)
    {
        this.periods = periods;
    }

    /** The calendar's rows ({@code code, valid_from, valid_to}) collected into a lookup. */
    public static CommuneValidity of(Dataset<Row> calendar)
    {
        Map<String, int[]> periods = new HashMap<>();
        for (Row row : calendar.select("code", "valid_from", "valid_to").collectAsList()) {
            String code = requireNonNull(row.getString(0), "a commune calendar row has no code");
            int from = row.isNullAt(1) ? Integer.MIN_VALUE : epochDay(row.getDate(1));
            int to = row.isNullAt(2) ? Integer.MAX_VALUE : epochDay(row.getDate(2));
            periods.merge(code, new int[] {from, to}, CommuneValidity::concat);
        }
        return new CommuneValidity(Map.copyOf(periods));
    }

    /**
     * True when {@code code} is a commune of the area in force on {@code date}; false when the code is null or not in
     * the calendar. A null date matches only a code whose period is open at both ends (a join on
     * {@code valid_from ≤ date < valid_to} with nulls as open ends gives the same).
     */
    public Column inForce(Column code, Column date)
    {
        UserDefinedFunction lookup = udf((UDF2<String, Integer, Boolean>) this::inForce, DataTypes.BooleanType)
                .asNonNullable().withName("commune_in_force");
        return lookup.apply(code, unix_date(date));
    }

    /** The lookup itself: {@code day} in epoch days, or null. */
    public boolean inForce(String code, Integer day)
    {
        int[] bounds = code == null ? null : periods.get(code);
        if (bounds == null) {
            return false;
        }
        for (int i = 0; i < bounds.length; i += 2) {
            boolean openFrom = bounds[i] == Integer.MIN_VALUE;
            boolean openTo = bounds[i + 1] == Integer.MAX_VALUE;
            if (day == null ? openFrom && openTo : (openFrom || day >= bounds[i]) && (openTo || day < bounds[i + 1])) {
                return true;
            }
        }
        return false;
    }

    private static int epochDay(Date date)
    {
        return Math.toIntExact(date.toLocalDate().toEpochDay());
    }

    private static int[] concat(int[] a, int[] b)
    {
        int[] result = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }
}
