package vn.dancu.engine.ingest;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.text.Normalizer;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

/**
 * Turns raw register rows into curated rows: canonical codes, identifiers replaced by pseudonyms, names dropped.
 * Pure transforms; validation happens before (rows reaching here are accepted).
 */
public final class RegisterCuration
{
    private RegisterCuration() {}

    /**
     * @param provinces commune code (old or 2025) → province code on the 2025 units ({@code code}, {@code province_code})
     */
    public static Dataset<Row> persons(Dataset<Row> raw, Pseudonymiser pseudonymiser, Dataset<Row> provinces)
    {
        Column sex = when(textIs(col("sex"), "Nam"), lit("M")).when(textIs(col("sex"), "Nữ"), lit("F"));
        Column status = when(textIs(col("residence_status"), "Thường trú"), lit("PERMANENT"))
                .when(textIs(col("residence_status"), "Tạm trú"), lit("TEMPORARY"))
                .when(textIs(col("residence_status"), "Đã chết"), lit("DECEASED"))
                .when(textIs(col("residence_status"), "Đã chuyển đi"), lit("MOVED_OUT"));
        Column relation = when(textIs(col("relation_to_head"), "Chủ hộ"), lit("HEAD"))
                .when(textIs(col("relation_to_head"), "Vợ/chồng"), lit("SPOUSE"))
                .when(textIs(col("relation_to_head"), "Con"), lit("CHILD"))
                .when(textIs(col("relation_to_head"), "Cha/mẹ"), lit("PARENT"))
                .when(textIs(col("relation_to_head"), "Cháu"), lit("GRANDCHILD"))
                .when(textIs(col("relation_to_head"), "Anh/chị/em"), lit("SIBLING"))
                .when(col("relation_to_head").isNotNull(), lit("OTHER"));
        Dataset<Row> curated = raw.select(
                pseudonymiser.pseudonym(trim(col("id_number"))).as("pid"),
                col("birth_date"),
                sex.as("sex"),
                trim(col("ethnicity_code")).as("ethnicity_code"),
                trim(col("religion")).as("religion"),
                trim(col("commune_code")).as("commune_code"),
                trim(col("former_commune_code")).as("former_commune_code"),
                pseudonymiser.pseudonym(trim(col("household_id"))).as("household_pid"),
                relation.as("relation_to_head"),
                status.as("residence_status"),
                col("chip_card_issue_date"),
                col("vneid_level"),
                col("vneid_activation_date"));
        return curated
                .join(broadcast(provinces), curated.col("commune_code").equalTo(provinces.col("code")), "left")
                .drop("code");
    }

    public static Dataset<Row> events(Dataset<Row> raw, Pseudonymiser pseudonymiser)
    {
        return raw.select(
                col("record_id").as("event_id"),
                trim(col("event_type")).as("event_type"),
                col("event_date"),
                pseudonymiser.pseudonym(trim(col("id_number"))).as("pid"),
                trim(col("commune_code")).as("commune_code"),
                trim(col("from_commune_code")).as("from_commune_code"),
                pseudonymiser.pseudonym(trim(col("mother_id_number"))).as("mother_pid"),
                trim(col("other_place")).as("other_place"),
                col("registered_date"),
                year(col("event_date")).as("event_year"));
    }

    /** True when the trimmed text equals {@code expected} in either Unicode composition (NFC or NFD). */
    private static Column textIs(Column text, String expected)
    {
        String nfc = Normalizer.normalize(expected, Normalizer.Form.NFC);
        String nfd = Normalizer.normalize(expected, Normalizer.Form.NFD);
        return trim(text).isin(nfc, nfd);
    }
}
