package vn.dancu.engine.cube;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/** Facts of the cubes that describe the extract date only: households, data quality, quarantined records. */
public final class SnapshotFacts
{
    private SnapshotFacts() {}

    /**
     * Households resident at the extract date by size: {@code commune_code, household_size, ref_date, households,
     * members}. The size is stored as the first value of the range covering it ({@code 10} for "10 and over").
     */
    public static Dataset<Row> households(Dataset<Row> households, CodeRanges sizes, String sizeColumn, LocalDate extractDate)
    {
        Column size = col("size");
        return households
                .select(col("commune_code"), sizes.lowerBound(sizes.index(size)).as(sizeColumn), lit(extractDate).as(CuboidAggregator.REF_DATE),
                        lit(1L).as("households"), size.cast("long").as("members"));
    }

    /** The ingest's quality measures per commune: {@code commune_code, indicator, ref_date, value}. */
    public static Dataset<Row> quality(Dataset<Row> quality, LocalDate extractDate)
    {
        return quality.select(col("commune_code"), col("indicator"), lit(extractDate).as(CuboidAggregator.REF_DATE),
                col("value").cast("long").as("value"));
    }

    /** Quarantined records: {@code record_type, reason_code, ref_date, records}. */
    public static Dataset<Row> quarantine(Dataset<Row> records, LocalDate extractDate)
    {
        return records.select(col("record_type"), col("reason_code"), lit(extractDate).as(CuboidAggregator.REF_DATE),
                lit(1L).as("records"));
    }
}
