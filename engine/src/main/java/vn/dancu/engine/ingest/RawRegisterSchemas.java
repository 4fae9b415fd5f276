package vn.dancu.engine.ingest;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Declared schemas of the raw register extract (docs/architecture.md, "Raw register"). Never inferred. */
public final class RawRegisterSchemas
{
    public static final StructType PERSONS = new StructType()
            .add("record_id", DataTypes.StringType)
            .add("person_key", DataTypes.StringType)
            .add("id_number", DataTypes.StringType)
            .add("full_name", DataTypes.StringType)
            .add("birth_date", DataTypes.DateType)
            .add("sex", DataTypes.StringType)
            .add("ethnicity_code", DataTypes.StringType)
            .add("religion", DataTypes.StringType)
            .add("commune_code", DataTypes.StringType)
            .add("former_commune_code", DataTypes.StringType)
            .add("household_id", DataTypes.StringType)
            .add("relation_to_head", DataTypes.StringType)
            .add("residence_status", DataTypes.StringType)
            .add("chip_card_issue_date", DataTypes.DateType)
            .add("vneid_level", DataTypes.IntegerType)
            .add("vneid_activation_date", DataTypes.DateType);

    public static final StructType EVENTS = new StructType()
            .add("record_id", DataTypes.StringType)
            .add("event_type", DataTypes.StringType)
            .add("event_date", DataTypes.DateType)
            .add("id_number", DataTypes.StringType)
            .add("commune_code", DataTypes.StringType)
            .add("from_commune_code", DataTypes.StringType)
            .add("mother_id_number", DataTypes.StringType)
            .add("other_place", DataTypes.StringType)
            .add("registered_date", DataTypes.DateType);

    private RawRegisterSchemas() {}
}
