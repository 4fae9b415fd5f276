package vn.dancu.engine.cube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.dancu.datasets.geo.Area;
import vn.dancu.engine.ingest.CuratedSchemas;
import vn.dancu.engine.storage.Storage;
import vn.dancu.model.publish.DataLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Reads a curated snapshot for a build, with declared schemas (docs/architecture.md, "Curated snapshot"). */
public final class SnapshotReader
{
    /** The ingest's {@code quality/} table: one measure per commune and indicator. */
    public static final StructType QUALITY_SCHEMA = new StructType()
            .add("commune_code", DataTypes.StringType)
            .add("indicator", DataTypes.StringType)
            .add("value", DataTypes.LongType);
    /** The columns of {@code quarantine/<snapshotId>/records/} a build reads. */
    public static final StructType QUARANTINE_SCHEMA = new StructType()
            .add("record_type", DataTypes.StringType)
            .add("reason_code", DataTypes.StringType);
    public static final StructType SUCCESSORS_SCHEMA = new StructType()
            .add("old_code", DataTypes.StringType)
            .add("new_code", DataTypes.StringType);
    public static final String QUALITY = "quality";
    /** The ingest rules version from which a snapshot's {@code households/} table is the one the build would derive. */
    public static final int HOUSEHOLDS_SAME_SINCE_RULES = 3;
    public static final String QUARANTINE_RECORDS = "records";

    private final SparkSession spark;
    private final Storage storage;

    public SnapshotReader(SparkSession spark, Storage storage)
    {
        this.spark = requireNonNull(spark, "spark is null");
        this.storage = requireNonNull(storage, "storage is null");
    }

    public CuratedSnapshot read(DataLayout layout, String snapshotId)
    {
        String folder = layout.snapshot(snapshotId);
        String metadataFile = folder + "/snapshot.json";
        JsonNode metadata;
        try {
            metadata = new ObjectMapper().readTree(storage.readText(metadataFile)
                    .orElseThrow(() -> new IllegalStateException("snapshot " + snapshotId + " has no snapshot.json in " + folder)));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + metadataFile, e);
        }
        String area = text(metadata, "area", metadataFile);
        String quality = folder + "/" + QUALITY;
        String quarantine = layout.quarantine(snapshotId) + "/" + QUARANTINE_RECORDS;
        return new CuratedSnapshot(snapshotId,
                LocalDate.parse(text(metadata, "periodStart", metadataFile)),
                LocalDate.parse(text(metadata, "periodEnd", metadataFile)),
                LocalDate.parse(text(metadata, "extractDate", metadataFile)),
                area,
                table(folder + "/" + CuratedSchemas.PERSONS, CuratedSchemas.PERSONS_SCHEMA),
                table(folder + "/" + CuratedSchemas.EVENTS, CuratedSchemas.EVENTS_SCHEMA),
                table(folder + "/" + CuratedSchemas.RESIDENCE_SPELLS, CuratedSchemas.RESIDENCE_SPELLS_SCHEMA),
                optionalTable(quality, QUALITY_SCHEMA),
                optionalTable(quarantine, QUARANTINE_SCHEMA),
                successors(Area.parse(area).catalogue().successors()),
                households(folder, metadata));
    }

    /**
     * The snapshot's households table when its ingest derived it as the build would ({@link
     * vn.dancu.engine.ingest.RegisterCuration#households} over the curated tables as written, from rules version {@value #HOUSEHOLDS_SAME_SINCE_RULES});
     * empty for snapshots without one or of earlier rules, whose households the build derives itself.
     */
    private Optional<Dataset<Row>> households(String folder, JsonNode metadata)
    {
        String path = folder + "/" + CuratedSchemas.HOUSEHOLDS;
        JsonNode rules = metadata.get("rulesVersion");
        boolean current = rules != null && rules.asText().matches("\\d+") && Integer.parseInt(rules.asText()) >= HOUSEHOLDS_SAME_SINCE_RULES;
        return current && storage.exists(path)
                ? Optional.of(spark.read().schema(CuratedSchemas.HOUSEHOLDS_SCHEMA).parquet(path))
                : Optional.empty();
    }

    /** Whether the snapshot has a quality table (snapshots of early ingest versions have none). */
    public boolean hasQuality(DataLayout layout, String snapshotId)
    {
        return storage.exists(layout.snapshot(snapshotId) + "/" + QUALITY);
    }

    private Dataset<Row> table(String path, StructType schema)
    {
        if (!storage.exists(path)) {
            throw new IllegalStateException("curated table missing: " + path);
        }
        return spark.read().schema(schema).parquet(path);
    }

    private Dataset<Row> optionalTable(String path, StructType schema)
    {
        if (!storage.exists(path)) {
            return spark.createDataFrame(List.of(), schema);
        }
        return spark.read().schema(schema).parquet(path);
    }

    private Dataset<Row> successors(Map<String, String> successors)
    {
        List<Row> rows = successors.entrySet().stream().map(entry -> RowFactory.create(entry.getKey(), entry.getValue())).toList();
        return spark.createDataFrame(rows, SUCCESSORS_SCHEMA);
    }

    private static String text(JsonNode metadata, String field, String file)
    {
        JsonNode value = metadata.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalStateException(file + " has no " + field);
        }
        return value.asText();
    }
}
