package vn.dancu.engine.ingest;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Schemas of the curated tables (docs/architecture.md, "Curated snapshot"). */
public final class CuratedSchemas
{
    public static final String PERSONS = "persons";
    public static final String EVENTS = "events";
    public static final String RESIDENCE_SPELLS = "residence_spells";
    public static final String HOUSEHOLDS = "households";
    public static final String QUALITY = "quality";
    public static final String SNAPSHOT_JSON = "snapshot.json";
    public static final String REPORT_JSON = "ingest-report.json";

    public static final StructType PERSONS_SCHEMA = new StructType()
            .add("pid", DataTypes.StringType, false)
            .add("birth_date", DataTypes.DateType, false)
            .add("sex", DataTypes.StringType, false)
            .add("ethnicity_code", DataTypes.StringType, false)
            .add("religion", DataTypes.StringType)
            .add("commune_code", DataTypes.StringType, false)
            .add("former_commune_code", DataTypes.StringType)
            .add("household_pid", DataTypes.StringType)
            .add("relation_to_head", DataTypes.StringType)
            .add("residence_status", DataTypes.StringType, false)
            .add("last_resident_status", DataTypes.StringType, false)
            .add("chip_card_issue_date", DataTypes.DateType)
            .add("vneid_level", DataTypes.IntegerType)
            .add("vneid_activation_date", DataTypes.DateType)
            .add("province_code", DataTypes.StringType, false);

    public static final StructType EVENTS_SCHEMA = new StructType()
            .add("event_id", DataTypes.StringType, false)
            .add("event_type", DataTypes.StringType, false)
            .add("event_date", DataTypes.DateType, false)
            .add("pid", DataTypes.StringType, false)
            .add("commune_code", DataTypes.StringType)
            .add("from_commune_code", DataTypes.StringType)
            .add("mother_pid", DataTypes.StringType)
            .add("other_place", DataTypes.StringType)
            .add("registered_date", DataTypes.DateType)
            .add("event_year", DataTypes.IntegerType, false);

    public static final StructType RESIDENCE_SPELLS_SCHEMA = new StructType()
            .add("pid", DataTypes.StringType, false)
            .add("commune_code", DataTypes.StringType, false)
            .add("valid_from", DataTypes.DateType, false)
            .add("valid_to", DataTypes.DateType)
            .add("entry", DataTypes.StringType, false)
            .add("exit", DataTypes.StringType);

    public static final StructType HOUSEHOLDS_SCHEMA = new StructType()
            .add("household_pid", DataTypes.StringType, false)
            .add("commune_code", DataTypes.StringType, false)
            .add("size", DataTypes.IntegerType, false);

    /** {@code quality/}: one row per commune (or {@code UNKNOWN}) and indicator of the {@code qualityIndicator} list. */
    public static final StructType QUALITY_SCHEMA = new StructType()
            .add("commune_code", DataTypes.StringType, false)
            .add("indicator", DataTypes.StringType, false)
            .add("value", DataTypes.LongType, false);

    private CuratedSchemas() {}
}
