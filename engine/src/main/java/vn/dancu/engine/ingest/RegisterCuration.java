package vn.dancu.engine.ingest;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
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
     * @param earlierTemporary {@code pid}s the base snapshot knew as temporary residents ({@link LastResidentStatus})
     */
    public static Dataset<Row> persons(Dataset<Row> checkedPersons, Dataset<Row> provinces, Dataset<Row> earlierTemporary)
    {
        Dataset<Row> accepted = checkedPersons.where(col("reason_code").isNull()).select(
                col("pid"), col("birth_date"), col("sex"), col("ethnicity_code"), col("religion"), col("commune_code"),
                col("former_commune_code"), col("household_pid"), col("relation_to_head"), col("residence_status"),
                col("chip_card_issue_date"), col("vneid_level"), col("vneid_activation_date"));
        return LastResidentStatus.withLastResidentStatus(accepted, earlierTemporary)
                .join(broadcast(provinces), col("commune_code").equalTo(provinces.col("code")), "left")
                .drop("code");
    }

    public static Dataset<Row> events(Dataset<Row> checkedEvents)
    {
        return checkedEvents.where(col("reason_code").isNull()).select(
                col("record_id").as("event_id"), col("event_type"), col("event_date"), col("pid"), col("commune_code"),
                col("from_commune_code"), col("mother_pid"), col("other_place"), col("registered_date"),
                year(col("event_date")).as("event_year"));
    }

    /**
     * Households on {@code day} (the extract date): the persons resident that day — a residence spell covers it,
     * {@code valid_from ≤ day < valid_to} — who have a household, counted by household and by the commune of that
     * spell. Residence comes from the spells, as for every cube, never from {@code residence_status}: a person who
     * died or moved out but is still marked resident is not a member, and a person marked dead or moved out whose
     * events leave a spell open is. The spell's commune is valid on the day (the ingest cuts spells at the 2025
     * reform); it is recast with {@code successors} all the same when the day is on or after {@code reformDate}, so
     * that no code of an abolished unit can come through.
     *
     * <p>The ingest writes this table into the snapshot and the build reads it from there for snapshots of the current
     * rules version ({@link vn.dancu.engine.cube.SnapshotReader}): a change to this rule changes {@code
     * IngestJob.RULES_VERSION} and {@code SnapshotReader.HOUSEHOLDS_SAME_SINCE_RULES}.
     *
     * @param successors {@code old_code, new_code} of the 2025 reorganisation
     */
    public static Dataset<Row> households(Dataset<Row> persons, Dataset<Row> spells, LocalDate day, Dataset<Row> successors,
            LocalDate reformDate)
    {
        Column covers = col("valid_from").leq(lit(day)).and(col("valid_to").isNull().or(col("valid_to").gt(lit(day))));
        Dataset<Row> residents = spells.where(covers).select(col("pid"), col("commune_code"));
        if (!day.isBefore(reformDate)) {
            residents = residents
                    .join(broadcast(successors), residents.col("commune_code").equalTo(successors.col("old_code")), "left")
                    .select(col("pid"), coalesce(col("new_code"), col("commune_code")).as("commune_code"));
        }
        Dataset<Row> members = persons.where(col("household_pid").isNotNull()).select(col("pid"), col("household_pid"));
        return residents.join(members, "pid")
                .groupBy("household_pid", "commune_code")
                .agg(count(lit(1)).cast("int").as("size"));
    }
}
