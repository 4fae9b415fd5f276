package vn.dancu.engine.projection;

import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The accuracy of each method of a back-test, per age group, over the units: the mean absolute percentage error
 * {@code MAPE = mean |P − A| / A · 100} and its signed counterpart {@code MALPE = mean (P − A) / A · 100} (bias), where
 * A is the register's population and P the projection. A unit whose group is empty at the target date has no
 * percentage error and is left out of that group's means.
 */
public record BackTestAccuracy(String group, String method, int units, double mape, double malpe)
{
    public BackTestAccuracy
    {
        requireNonNull(group, "group is null");
        requireNonNull(method, "method is null");
    }

    /**
     * @param rows    collected rows of {@link ProjectionBackTest#compare}: {@code unit, group, actual, method columns…}
     * @param methods the method columns, in the order to report them
     */
    public static List<BackTestAccuracy> of(List<Row> rows, List<String> methods)
    {
        List<BackTestAccuracy> accuracies = new ArrayList<>();
        for (AgeGroup group : AgeGroup.BACK_TEST) {
            for (String method : methods) {
                double absolute = 0;
                double signed = 0;
                int units = 0;
                for (Row row : rows) {
                    double actual = row.getDouble(row.fieldIndex("actual"));
                    if (!row.getString(row.fieldIndex("group")).equals(group.code()) || actual <= 0) {
                        continue;
                    }
                    double error = (row.getDouble(row.fieldIndex(method)) - actual) / actual * 100;
                    absolute += Math.abs(error);
                    signed += error;
                    units++;
                }
                accuracies.add(new BackTestAccuracy(group.code(), method, units, units == 0 ? Double.NaN : absolute / units,
                        units == 0 ? Double.NaN : signed / units));
            }
        }
        return accuracies;
    }

    /** MAPE by group (rows) and method (columns), as a text table. */
    public static String table(List<BackTestAccuracy> accuracies, List<String> methods)
    {
        Map<String, Map<String, BackTestAccuracy>> byGroup = new LinkedHashMap<>();
        accuracies.forEach(accuracy -> byGroup.computeIfAbsent(accuracy.group(), group -> new LinkedHashMap<>()).put(accuracy.method(), accuracy));
        StringBuilder text = new StringBuilder(String.format("%-8s %5s", "group", "units"));
        methods.forEach(method -> text.append(String.format(" %16s", method)));
        text.append(String.format("%n"));
        byGroup.forEach((group, byMethod) -> {
            text.append(String.format("%-8s %5d", group, byMethod.values().iterator().next().units()));
            methods.forEach(method -> {
                BackTestAccuracy accuracy = byMethod.get(method);
                text.append(String.format(java.util.Locale.ROOT, " %7.2f (%+6.2f)", accuracy.mape(), accuracy.malpe()));
            });
            text.append(String.format("%n"));
        });
        return text.toString();
    }
}
