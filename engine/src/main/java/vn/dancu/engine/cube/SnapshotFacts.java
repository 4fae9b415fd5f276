package vn.dancu.engine.cube;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import vn.dancu.engine.ingest.QualityMeasures;

import java.time.LocalDate;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/** Facts of the cubes that describe the extract date only: households, data quality, quarantined records. */
public final class SnapshotFacts
{
    private SnapshotFacts() {}

    /**
     * Households resident at the extract date by size: {@code commune_code, household_size, ref_date, households,
     * members}, from the households of {@link vn.dancu.engine.ingest.RegisterCuration#households} (residents by their
     * spells, on the units of the extract date). The size is stored as the first value of the range covering it
     * ({@code 10} for "10 and over").
     */
    public static Dataset<Row> households(Dataset<Row> households, CodeRanges sizes, String sizeColumn, LocalDate extractDate)
    {
        Column size = col("size");
        return households
                .select(col("commune_code"), sizes.lowerBound(sizes.index(size)).as(sizeColumn), lit(extractDate).as(CuboidAggregator.REF_DATE),
                        lit(1L).as("households"), size.cast("long").as("members"));
    }

    /**
     * The ingest's quality measures per commune: {@code commune_code, indicator, ref_date, value}, on the units in
     * force at the extract date like every cube row of that date. The ingest places a record in the commune valid on
     * the record's own date (a person who died in 2023 in a commune dissolved in 2025 keeps its code), so on or after
     * {@code reformDate} such codes take their successor's; the values are counts, so they add up. Records without a
     * valid commune ({@value QualityMeasures#UNKNOWN_COMMUNE}) get the empty code: they count in the area's figures and
     * in no commune's.
     *
     * @param successors {@code old_code, new_code} of the 2025 reorganisation
     */
    public static Dataset<Row> quality(Dataset<Row> quality, LocalDate extractDate, Dataset<Row> successors, LocalDate reformDate)
    {
        Column code = col("commune_code");
        Column recast = extractDate.isBefore(reformDate) ? code : coalesce(col("new_code"), code);
        return quality
                .join(broadcast(successors), code.equalTo(successors.col("old_code")), "left")
                .select(when(code.equalTo(lit(QualityMeasures.UNKNOWN_COMMUNE)), lit("")).otherwise(recast).as("commune_code"),
                        col("indicator"), lit(extractDate).as(CuboidAggregator.REF_DATE), col("value").cast("long").as("value"))
                .groupBy("commune_code", "indicator", CuboidAggregator.REF_DATE)
                .agg(sum(col("value")).cast("long").as("value"));
    }

    /** Quarantined records: {@code record_type, reason_code, ref_date, records}. */
    public static Dataset<Row> quarantine(Dataset<Row> records, LocalDate extractDate)
    {
        return records.select(col("record_type"), col("reason_code"), lit(extractDate).as(CuboidAggregator.REF_DATE),
                lit(1L).as("records"));
    }
}
