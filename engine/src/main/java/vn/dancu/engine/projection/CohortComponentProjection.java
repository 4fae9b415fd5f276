package vn.dancu.engine.projection;

import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

/**
 * Projects every unit of every region, each scenario, year by year. The Lexis cells of one region (its units' counts
 * over the rate years and the jump-off population) go to one task, which estimates the region's standard schedules
 * and each unit's rates ({@link RegionRates}) and runs each unit's projection ({@link CohortComponentStep}) in
 * memory: every year depends on the year before and on both sexes (births come from the women), so a unit's
 * projection is a small sequential computation, and the regions of a country spread over a cluster.
 */
public final class CohortComponentProjection
{
    /** The columns of the input: a region and {@link LexisTables#CELL_COLUMNS}. */
    public static final List<String> INPUT_COLUMNS = List.of("region", "unit", "sex", "year", "age", "person_years", "persons", "deaths",
            "in_moves", "out_moves", "boys", "girls");

    /** The output: the jump-off year (the register's own figures) and every projected year. */
    public static final StructType OUTPUT_SCHEMA = new StructType()
            .add("unit", DataTypes.StringType, false)
            .add("scenario", DataTypes.StringType, false)
            .add("sex", DataTypes.StringType, false)
            .add("age", DataTypes.IntegerType, false)
            .add("year", DataTypes.IntegerType, false)
            .add("population", DataTypes.DoubleType, false)
            .add("births", DataTypes.DoubleType, false)
            .add("deaths", DataTypes.DoubleType, false)
            .add("net_migration", DataTypes.DoubleType, false);

    private CohortComponentProjection() {}

    /**
     * @param cells {@link #INPUT_COLUMNS}: the cells of every year {@code span} covers
     * @return rows of {@link #OUTPUT_SCHEMA}: per unit and scenario, the jump-off year and the projected years, every
     *         sex and age 0–100
     */
    public static Dataset<Row> project(Dataset<Row> cells, YearRange span, ProjectionSpec spec)
    {
        requireNonNull(spec, "spec is null");
        return cells.select(INPUT_COLUMNS.stream().map(name -> col(name)).toArray(org.apache.spark.sql.Column[]::new))
                .groupByKey((MapFunction<Row, String>) row -> row.getString(0), Encoders.STRING())
                .flatMapGroups(new RegionProjection(span, spec), Encoders.row(OUTPUT_SCHEMA));
    }

    /** The projection of the units of one region. */
    private record RegionProjection(YearRange span, ProjectionSpec spec) implements FlatMapGroupsFunction<String, Row, Row>
    {
        @Override
        public Iterator<Row> call(String region, Iterator<Row> rows)
        {
            RegionCells cells = new RegionCells(span);
            while (rows.hasNext()) {
                Row row = rows.next();
                cells.add(row.getString(1), row.getString(2), row.getInt(3), row.getInt(4), row.getDouble(5), row.getLong(6),
                        row.getLong(7), row.getLong(8), row.getLong(9), row.getLong(10), row.getLong(11));
            }
            Map<String, UnitSchedule> schedules = RegionRates.schedules(cells, spec.windows(), spec.shrinkage());
            int jumpOff = spec.jumpOffYear();
            ProjectionAssumptions assumptions = spec.assumptions();
            List<Row> out = new ArrayList<>();
            for (Map.Entry<String, UnitSchedule> unit : schedules.entrySet()) {
                ProjectedYear observed = cells.observed(unit.getKey(), jumpOff);
                for (Scenario scenario : assumptions.scenarios()) {
                    add(out, unit.getKey(), scenario.code(), jumpOff, observed);
                    double multiplier = scenario.fertilityMultiplier(unit.getValue().totalFertility(), assumptions.fertilityOffset());
                    double[][] population = observed.population();
                    for (int step = 1; step <= assumptions.horizonYears(); step++) {
                        ProjectedYear year = CohortComponentStep.step(population, unit.getValue(), multiplier, scenario.migration());
                        add(out, unit.getKey(), scenario.code(), jumpOff + step, year);
                        population = year.population();
                    }
                }
            }
            return out.iterator();
        }

        private static void add(List<Row> out, String unit, String scenario, int year, ProjectedYear values)
        {
            for (int sex = 0; sex < 2; sex++) {
                for (int age = 0; age < ProjectionAssumptions.AGES; age++) {
                    out.add(RowFactory.create(unit, scenario, sex == UnitSchedule.MALE ? "M" : "F", age, year,
                            values.population()[sex][age], values.births()[sex][age], values.deaths()[sex][age],
                            values.netMigration()[sex][age]));
                }
            }
        }
    }
}
