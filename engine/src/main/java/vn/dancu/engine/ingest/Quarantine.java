package vn.dancu.engine.ingest;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/** The quarantine: every rejected record with its reason, its raw values and where it came from. */
public final class Quarantine
{
    public static final String RECORDS = "records";

    /** {@code quarantine/<snapshotId>/records/} (docs/architecture.md). */
    public static final StructType SCHEMA = new StructType()
            .add("source_file", DataTypes.StringType, false)
            .add("line_number", DataTypes.LongType, false)
            .add("record_type", DataTypes.StringType, false)
            .add("record_id", DataTypes.StringType, true)
            .add("reason_code", DataTypes.StringType, false)
            .add("reason_detail", DataTypes.StringType, true)
            .add("raw", DataTypes.StringType, true)
            .add("commune_code", DataTypes.StringType, true);

    private Quarantine() {}

    /** The rejected records of a checked table ({@link PersonRules#check} or {@link EventRules#check}). */
    public static Dataset<Row> records(Dataset<Row> checked, RegisterTable table)
    {
        return checked.where(col("reason_code").isNotNull()).select(
                col("source_file"), col("line_number"), lit(table.recordType()).as("record_type"), col("record_id"),
                col("reason_code"), col("reason_detail"), col("raw"), col("raw_commune_code").as("commune_code"));
    }
}
