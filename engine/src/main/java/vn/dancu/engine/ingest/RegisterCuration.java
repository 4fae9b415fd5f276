package vn.dancu.engine.ingest;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.year;

/**
 * The curated tables (docs/architecture.md, "Curated snapshot") from checked records: accepted records only, with
 * canonical codes and pseudonyms. Nothing here carries a name, an ID number or a household book number: the
 * checked tables hold only their pseudonyms, and the raw text only for rejected records, which never reach here.
 */
public final class RegisterCuration
{
    private RegisterCuration() {}

    /**
     * @param provinces commune code (old or 2025) → province code on the 2025 units ({@code code}, {@code province_code})
     */
    public static Dataset<Row> persons(Dataset<Row> checkedPersons, Dataset<Row> provinces)
    {
        Dataset<Row> accepted = checkedPersons.where(col("reason_code").isNull()).select(
                col("pid"), col("birth_date"), col("sex"), col("ethnicity_code"), col("religion"), col("commune_code"),
                col("former_commune_code"), col("household_pid"), col("relation_to_head"), col("residence_status"),
                col("chip_card_issue_date"), col("vneid_level"), col("vneid_activation_date"));
        return accepted
                .join(broadcast(provinces), accepted.col("commune_code").equalTo(provinces.col("code")), "left")
                .drop("code");
    }

    public static Dataset<Row> events(Dataset<Row> checkedEvents)
    {
        return checkedEvents.where(col("reason_code").isNull()).select(
                col("record_id").as("event_id"), col("event_type"), col("event_date"), col("pid"), col("commune_code"),
                col("from_commune_code"), col("mother_pid"), col("other_place"), col("registered_date"),
                year(col("event_date")).as("event_year"));
    }

    /** Households at the extract date: their resident members, by household and commune. */
    public static Dataset<Row> households(Dataset<Row> curatedPersons)
    {
        return curatedPersons
                .where(col("residence_status").isin(PersonRules.RESIDENT_STATUSES.toArray()).and(col("household_pid").isNotNull()))
                .groupBy("household_pid", "commune_code")
                .agg(count(lit(1)).cast("int").as("size"));
    }
}
