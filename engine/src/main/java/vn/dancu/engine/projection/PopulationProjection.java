package vn.dancu.engine.projection;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;
import java.util.List;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * The projection job as one transform: register records → Lexis cells on the projection's units, each with its
 * region → rates and cohort-component projection of every unit and scenario, region by region. It builds a plan and
 * runs nothing.
 */
public final class PopulationProjection
{
    private PopulationProjection() {}

    /** The rows of {@link CohortComponentProjection#OUTPUT_SCHEMA}. */
    public static Dataset<Row> project(RegisterRecords records, ProjectionSpec spec)
    {
        YearRange rates = spec.windows().span();
        YearRange span = new YearRange(Math.min(rates.first(), spec.jumpOffYear()), Math.max(rates.last(), spec.jumpOffYear()));
        return CohortComponentProjection.project(cells(records, spec, span), span, spec);
    }

    /** {@link CohortComponentProjection#INPUT_COLUMNS}: the Lexis cells of {@code span} and the jump-off population, with regions. */
    public static Dataset<Row> cells(RegisterRecords records, ProjectionSpec spec, YearRange span)
    {
        Dataset<Row> cells = LexisTables.cells(records, span, List.of(spec.jumpOffYear()), records.units(spec.geography()));
        Dataset<Row> regions = broadcast(spec.geography()
                .regions(cells.sparkSession(), records.catalogue(), LocalDate.of(spec.jumpOffYear(), 12, 31), records.reformDate())
                .withColumnRenamed("unit", "region_unit"));
        return cells.join(regions, cells.col("unit").equalTo(regions.col("region_unit")), "left")
                .withColumn("region", coalesce(col("region"), lit("")))
                .drop("region_unit");
    }
}
