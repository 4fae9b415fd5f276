package vn.dancu.engine.ingest;

import org.apache.spark.sql.types.StructType;

/** The two tables of a register extract, with their declared raw schema and the record type quarantine gives them. */
public enum RegisterTable
{
    PERSONS("persons", "PERSON", RawRegisterSchemas.PERSONS),
    EVENTS("events", "EVENT", RawRegisterSchemas.EVENTS);

    private final String fileName;
    private final String recordType;
    private final StructType schema;

    RegisterTable(String fileName, String recordType, StructType schema)
    {
        this.fileName = fileName;
        this.recordType = recordType;
        this.schema = schema;
    }

    /** {@code persons} or {@code events}: the file's name without extension, or the folder of part files. */
    public String fileName()
    {
        return fileName;
    }

    /** {@code PERSON} or {@code EVENT}, the {@code recordType} code list. */
    public String recordType()
    {
        return recordType;
    }

    public StructType schema()
    {
        return schema;
    }
}
