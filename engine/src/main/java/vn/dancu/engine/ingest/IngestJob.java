package vn.dancu.engine.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.dancu.datasets.geo.AdminCatalogue;
import vn.dancu.datasets.geo.AdminUnit;
import vn.dancu.datasets.geo.Area;
import vn.dancu.datasets.geo.Reorganisation2025;
import vn.dancu.datasets.geo.UnitLevel;
import vn.dancu.engine.storage.Storage;
import vn.dancu.model.publish.DataLayout;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

/**
 * {@code ./dancu ingest}: reads a raw extract with declared schemas, curates and pseudonymises it, derives residence
 * spells and households, and publishes a curated snapshot (see docs/architecture.md). The snapshot is written to a
 * temporary folder and moved into place before the {@code curated/CURRENT} pointer is switched, so a failed run
 * leaves the previous snapshot current.
 */
public final class IngestJob
{
    private final SparkSession spark;
    private final Storage storage;

    public IngestJob(SparkSession spark, Storage storage)
    {
        this.spark = spark;
        this.storage = storage;
    }

    public IngestResult run(IngestOptions options)
    {
        DataLayout layout = options.layout();
        String metadataText = storage.readText(options.input() + "/extract.json")
                .orElseThrow(() -> new IllegalArgumentException("no extract.json in " + options.input()
                        + "; run ./dancu generate, or copy an extract there"));
        ExtractMetadata extract = ExtractMetadata.parse(metadataText);
        AdminCatalogue catalogue = Area.parse(extract.area()).catalogue();
        Pseudonymiser pseudonymiser = new Pseudonymiser(options.key());

        RegisterFile personsFile = RegisterFile.find(storage, options.input(), "persons");
        RegisterFile eventsFile = RegisterFile.find(storage, options.input(), "events");
        Dataset<Row> rawPersons = personsFile.read(spark, RawRegisterSchemas.PERSONS);
        Dataset<Row> rawEvents = eventsFile.read(spark, RawRegisterSchemas.EVENTS);

        Dataset<Row> persons = RegisterCuration.persons(rawPersons, pseudonymiser, provinceLookup(catalogue));
        Dataset<Row> events = RegisterCuration.events(rawEvents, pseudonymiser);
        Dataset<Row> spells = ResidenceSpells.derive(persons, events, successorLookup(catalogue),
                extract.periodStart(), Reorganisation2025.EFFECTIVE_DATE);
        Dataset<Row> households = persons.where(col("residence_status").isin("PERMANENT", "TEMPORARY"))
                .groupBy("household_pid", "commune_code").agg(count(lit(1)).cast("int").as("size"));

        String runId = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(java.time.ZoneOffset.UTC).format(Instant.now())
                + "-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> checksums = new ArrayList<>();
        for (FileStatus file : personsFile.files()) {
            checksums.add(storage.sha256(file.getPath().toString()));
        }
        for (FileStatus file : eventsFile.files()) {
            checksums.add(storage.sha256(file.getPath().toString()));
        }
        String snapshotId = "s" + extract.extractDate().toString().replace("-", "") + "-"
                + vn.dancu.model.cube.CubeCatalog.sha256((String.join(",", checksums) + pseudonymiser.keyFingerprint())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 10);

        String temporary = layout.curated() + "/snapshots/.tmp-" + runId;
        persons.write().mode(SaveMode.ErrorIfExists).partitionBy("province_code").parquet(temporary + "/" + CuratedSchemas.PERSONS);
        events.write().mode(SaveMode.ErrorIfExists).partitionBy("event_year").parquet(temporary + "/" + CuratedSchemas.EVENTS);
        spells.write().mode(SaveMode.ErrorIfExists).parquet(temporary + "/" + CuratedSchemas.RESIDENCE_SPELLS);
        households.write().mode(SaveMode.ErrorIfExists).parquet(temporary + "/" + CuratedSchemas.HOUSEHOLDS);

        long personsRead = spark.read().parquet(temporary + "/" + CuratedSchemas.PERSONS).count();
        long eventsRead = spark.read().parquet(temporary + "/" + CuratedSchemas.EVENTS).count();
        Map<String, IngestResult.FileCounts> counts = new LinkedHashMap<>();
        counts.put(personsFile.name(), new IngestResult.FileCounts(personsRead, personsRead, 0));
        counts.put(eventsFile.name(), new IngestResult.FileCounts(eventsRead, eventsRead, 0));

        ObjectMapper json = new ObjectMapper();
        ObjectNode snapshot = json.createObjectNode()
                .put("snapshotId", snapshotId)
                .put("extractId", extract.extractId())
                .put("extractDate", extract.extractDate().toString())
                .put("periodStart", extract.periodStart().toString())
                .put("periodEnd", extract.periodEnd().toString())
                .put("area", extract.area())
                .put("runId", runId)
                .put("ingestedAt", Instant.now().toString());
        ArrayNode inputs = snapshot.putArray("inputs");
        int index = 0;
        for (RegisterFile file : List.of(personsFile, eventsFile)) {
            for (FileStatus status : file.files()) {
                inputs.addObject().put("file", status.getPath().getName()).put("sha256", checksums.get(index++));
            }
        }
        storage.writeText(temporary + "/snapshot.json", snapshot.toPrettyString());

        String target = layout.snapshot(snapshotId);
        if (storage.exists(target)) {
            storage.delete(target);
        }
        storage.rename(temporary, target);
        storage.writePointer(layout.curatedPointer(), snapshotId);
        return new IngestResult(snapshotId, runId, counts);
    }

    /** Every commune code of the catalogue, old or new → its province on the 2025 units. */
    private Dataset<Row> provinceLookup(AdminCatalogue catalogue)
    {
        Map<String, String> provinces = new LinkedHashMap<>();
        for (AdminUnit unit : catalogue.all()) {
            if (unit.level() != UnitLevel.COMMUNE) {
                continue;
            }
            String newCode = unit.validFrom() == null ? catalogue.successorCode(unit.code()) : unit.code();
            AdminUnit newUnit = catalogue.commune(newCode, Reorganisation2025.EFFECTIVE_DATE).orElseThrow();
            provinces.putIfAbsent(unit.code(), newUnit.parentCode());
        }
        List<Row> rows = provinces.entrySet().stream().map(e -> RowFactory.create(e.getKey(), e.getValue())).toList();
        StructType schema = new StructType().add("code", DataTypes.StringType).add("province_code", DataTypes.StringType);
        return spark.createDataFrame(rows, schema);
    }

    private Dataset<Row> successorLookup(AdminCatalogue catalogue)
    {
        List<Row> rows = catalogue.successors().entrySet().stream()
                .map(e -> RowFactory.create(e.getKey(), e.getValue())).toList();
        StructType schema = new StructType().add("old_code", DataTypes.StringType).add("new_code", DataTypes.StringType);
        return spark.createDataFrame(rows, schema);
    }
}
