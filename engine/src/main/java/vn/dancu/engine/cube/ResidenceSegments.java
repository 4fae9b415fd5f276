package vn.dancu.engine.cube;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.dancu.engine.ingest.LastResidentStatus;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * Residence segments: stretches of time over which a resident's cube attributes do not change, as rows
 * {@code (attribute columns…, birth_date, start_date, end_date)} with {@code end_date} exclusive and null for "still
 * so at the extract date". Residence spells joined with the person's attributes are the segments of the population
 * stock; for identity coverage they are cut again where a chip card is issued or a VNeID account activated.
 *
 * <p>Segments feed both the month-end stocks ({@link MonthEndStocks}) and change detection: a segment contributes a
 * start point and an end point, and the cubes depend on the segments only through the multiset of those points.
 */
public final class ResidenceSegments
{
    public static final String START = "start_date";
    public static final String END = "end_date";
    public static final String BIRTH_DATE = "birth_date";

    private ResidenceSegments() {}

    /**
     * Residence spells with the attributes of their person: {@code commune_code, valid_from, valid_to, birth_date,
     * sex, ethnicity_code, residence_status, chip_card_issue_date, vneid_level, vneid_activation_date}. The residence
     * status is the one the person had while last resident ({@link LastResidentStatus}: the extract's for residents,
     * carried from the base snapshot for people who died or moved out). A snapshot ingested before that column existed
     * reads it as null and gives the status at its extract date, {@code PERMANENT} for the dead and moved out.
     */
    public static Dataset<Row> residentSpells(Dataset<Row> spells, Dataset<Row> persons)
    {
        return residentSpellsByPerson(spells, personAttributes(persons)).drop("pid");
    }

    /**
     * The attributes of persons that residence segments and event records use: {@code pid, birth_date, sex,
     * ethnicity_code, residence_status (as last resident), chip_card_issue_date, vneid_level, vneid_activation_date}.
     */
    public static Dataset<Row> personAttributes(Dataset<Row> persons)
    {
        Column atExtract = when(col("residence_status").equalTo("TEMPORARY"), lit("TEMPORARY")).otherwise(lit("PERMANENT"));
        return persons.select(col("pid"), col("birth_date"), col("sex"), col("ethnicity_code"),
                coalesce(col(LastResidentStatus.COLUMN), atExtract).as("residence_status"),
                col("chip_card_issue_date"), col("vneid_level"), col("vneid_activation_date"));
    }

    /**
     * {@link #residentSpells} with the person's {@code pid} kept, from {@link #personAttributes}: when {@code
     * attributes} is already partitioned and sorted by {@code pid}, only the spells are shuffled and sorted.
     */
    public static Dataset<Row> residentSpellsByPerson(Dataset<Row> spells, Dataset<Row> attributes)
    {
        return spells.select("pid", "commune_code", "valid_from", "valid_to").join(attributes, "pid");
    }

    /** Segments of the population stock: one per spell, keyed by commune, sex, ethnicity and residence status. */
    public static Dataset<Row> stockSegments(Dataset<Row> residentSpells)
    {
        return residentSpells.select(col("commune_code"), col("sex"), col("ethnicity_code"), col("residence_status"),
                col(BIRTH_DATE), col("valid_from").as(START), col("valid_to").as(END));
    }

    /** Segments of person-years: one per spell, keyed by commune and sex. */
    public static Dataset<Row> exposureSegments(Dataset<Row> residentSpells)
    {
        return residentSpells.select(col("commune_code"), col("sex"), col(BIRTH_DATE),
                col("valid_from").as(START), col("valid_to").as(END));
    }

    /**
     * Segments of identity coverage: each spell cut at the chip-card issue date and the VNeID activation date when
     * they fall inside it, with {@code chip_card} ({@code YES} once the card is issued, issue date ≤ day) and
     * {@code vneid_level} (the person's level once the activation date is reached, {@code 0} before it or without a
     * date) as held from the segment's start.
     */
    public static Dataset<Row> identitySegments(Dataset<Row> residentSpells)
    {
        Column chip = col("chip_card_issue_date");
        Column activation = when(col("vneid_level").gt(0), col("vneid_activation_date"));
        Column from = col("valid_from");
        Column to = col("valid_to");
        // the cut points inside the spell, in order and without repeats: lo, then hi when it is another day
        Column lo = least(inside(chip, from, to), inside(activation, from, to));
        Column hi = greatest(inside(chip, from, to), inside(activation, from, to));
        Column second = when(hi.gt(lo), hi);
        Column pieces = array(
                struct(from.as("start"), coalesce(lo, to).as("end")),
                struct(lo.as("start"), coalesce(second, to).as("end")),
                struct(second.as("start"), to.as("end")));
        Column start = col("piece.start");
        return residentSpells
                .withColumn("activation", activation)
                .select(col("commune_code"), col("sex"), col(BIRTH_DATE), col("chip_card_issue_date"), col("vneid_level"),
                        col("activation"), explode(pieces).as("piece"))
                .where(start.isNotNull())
                .select(col("commune_code"), col("sex"),
                        when(chip.isNotNull().and(chip.leq(start)), lit("YES")).otherwise(lit("NO")).as("chip_card"),
                        when(col("activation").isNotNull().and(col("activation").leq(start)), col("vneid_level").cast("string"))
                                .otherwise(lit("0")).as("vneid_level"),
                        col(BIRTH_DATE), start.as(START), col("piece.end").as(END));
    }

    private static Column inside(Column day, Column from, Column to)
    {
        return when(day.gt(from).and(to.isNull().or(day.lt(to))), day);
    }

    /**
     * The change points of segments up to {@code horizon} (inclusive): {@code (day, count, h1, h2)} rows, one per
     * segment start and one per segment end, each with two independent hashes of the segment's keys, birth date,
     * day and direction. Two snapshots give the same stock at every month end up to the horizon when the multisets of
     * their points agree; the builder compares them through per-month sums of the hashes.
     */
    public static Dataset<Row> changePoints(Dataset<Row> segments, List<String> keys, LocalDate horizon)
    {
        List<Column> fields = new ArrayList<>();
        keys.forEach(key -> fields.add(col(key)));
        fields.add(col(BIRTH_DATE));
        Column startPoint = struct(col(START).as("day"), lit(1).as("direction"));
        Column endPoint = struct(col(END).as("day"), lit(-1).as("direction"));
        List<Column> selected = new ArrayList<>(fields);
        selected.add(explode(array(startPoint, endPoint)).as("point"));
        List<Column> hashed = new ArrayList<>(fields);
        hashed.add(col("point.day"));
        hashed.add(col("point.direction"));
        return segments.where(col(START).leq(lit(horizon)))
                .select(selected.toArray(Column[]::new))
                .where(col("point.day").isNotNull().and(col("point.day").leq(lit(horizon))))
                .select(col("point.day").as("day"), xxhash64(hashed.toArray(Column[]::new)).as("h1"),
                        hash(hashed.toArray(Column[]::new)).as("h2"));
    }
}
