package vn.dancu.engine.cube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import vn.dancu.engine.ingest.CuratedSchemas;
import vn.dancu.engine.storage.Storage;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.cube.Cuboid;
import vn.dancu.model.cube.InvalidDescriptorException;
import vn.dancu.model.publish.CubeEntry;
import vn.dancu.model.publish.CubeManifest;
import vn.dancu.model.publish.CuboidEntry;
import vn.dancu.model.publish.DataLayout;
import vn.dancu.model.publish.PartitionEntry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import static org.apache.spark.sql.functions.col;

/**
 * {@code ./dancu build}: builds the cubes of the catalogue from a curated snapshot into a new version folder,
 * writes its manifest last, then switches {@code cubes/CURRENT} to it. A reader that follows the pointer never sees
 * a half-built version; a build killed at any moment leaves the previous version current (its leftover folder has
 * no manifest and is deleted by the next build).
 */
public final class CubeBuildJob
{
    public static final String ENGINE_VERSION = "0.1.0";
    private static final DateTimeFormatter VERSION_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private final SparkSession spark;
    private final Storage storage;
    private final CubeCatalog catalog;

    public CubeBuildJob(SparkSession spark, Storage storage, CubeCatalog catalog)
    {
        this.spark = spark;
        this.storage = storage;
        this.catalog = catalog;
    }

    public CubeManifest run(BuildOptions options)
    {
        DataLayout layout = options.layout();
        String snapshotId = options.snapshotId() != null ? options.snapshotId()
                : storage.readPointer(layout.curatedPointer()).orElseThrow(() -> new IllegalStateException(
                        "no curated snapshot in " + layout.curated() + "; run ./dancu ingest first"));
        CuratedSnapshot snapshot = readSnapshot(layout, snapshotId);

        List<CubeDescriptor> descriptors = selectCubes(options.cubes());
        Map<String, Dataset<Row>> facts = new HashMap<>();
        for (CubeDescriptor descriptor : descriptors) {
            Function<CuratedSnapshot, Dataset<Row>> source = FactSources.ALL.get(descriptor.source());
            if (source == null) {
                throw new InvalidDescriptorException(descriptor.name() + ".json",
                        List.of("unknown fact source '" + descriptor.source() + "'; known sources are " + FactSources.names()));
            }
            Dataset<Row> rows = facts.computeIfAbsent(descriptor.source(), name -> source.apply(snapshot));
            List<String> problems = CuboidAggregator.problems(descriptor, rows.schema());
            if (!problems.isEmpty()) {
                throw new InvalidDescriptorException(descriptor.name() + ".json", problems);
            }
        }

        removeUnpublishedVersions(layout);
        String versionId = "v" + VERSION_TIME.format(Instant.now());
        String versionFolder = layout.version(versionId);
        List<CubeEntry> cubes = new ArrayList<>();
        for (CubeDescriptor descriptor : descriptors) {
            Dataset<Row> cuboids = CuboidAggregator.aggregate(facts.get(descriptor.source()), descriptor);
            String cubeFolder = versionFolder + "/" + descriptor.name();
            cuboids.repartition(col(CuboidAggregator.CUBOID), col(CuboidAggregator.REF_DATE))
                    .sortWithinPartitions(CuboidAggregator.CUBOID, CuboidAggregator.REF_DATE)
                    .write().mode(SaveMode.ErrorIfExists)
                    .partitionBy(CuboidAggregator.CUBOID, CuboidAggregator.REF_DATE)
                    .parquet(cubeFolder);
            cubes.add(describeWritten(layout, versionId, descriptor, cubeFolder));
        }

        CubeManifest manifest = new CubeManifest(versionId, Instant.now(), ENGINE_VERSION, snapshotId,
                snapshot.extractDate(), snapshot.area(), null, cubes);
        storage.writeText(versionFolder + "/" + CubeManifest.FILE_NAME, toJson(manifest));
        storage.writePointer(layout.cubesPointer(), versionId);
        removeOldVersions(layout, options.keepVersions(), versionId);
        return manifest;
    }

    private List<CubeDescriptor> selectCubes(List<String> names)
    {
        if (names.isEmpty()) {
            return catalog.all();
        }
        List<CubeDescriptor> selected = new ArrayList<>();
        for (String name : names) {
            selected.add(catalog.find(name).orElseThrow(() -> new IllegalArgumentException(
                    "unknown cube '" + name + "'; allowed: " + String.join(", ", catalog.names()))));
        }
        return selected;
    }

    public CuratedSnapshot readSnapshot(DataLayout layout, String snapshotId)
    {
        String folder = layout.snapshot(snapshotId);
        JsonNode metadata;
        try {
            metadata = new ObjectMapper().readTree(storage.readText(folder + "/snapshot.json")
                    .orElseThrow(() -> new IllegalStateException("snapshot " + snapshotId + " has no snapshot.json in " + folder)));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder + "/snapshot.json", e);
        }
        return new CuratedSnapshot(snapshotId,
                LocalDate.parse(metadata.get("periodStart").asText()),
                LocalDate.parse(metadata.get("periodEnd").asText()),
                LocalDate.parse(metadata.get("extractDate").asText()),
                metadata.get("area").asText(),
                spark.read().parquet(folder + "/" + CuratedSchemas.PERSONS),
                spark.read().parquet(folder + "/" + CuratedSchemas.EVENTS),
                spark.read().parquet(folder + "/" + CuratedSchemas.RESIDENCE_SPELLS),
                spark.read().parquet(folder + "/" + CuratedSchemas.HOUSEHOLDS));
    }

    private CubeEntry describeWritten(DataLayout layout, String versionId, CubeDescriptor descriptor, String cubeFolder)
    {
        Map<String, Map<LocalDate, Long>> rows = new TreeMap<>();
        for (Row row : spark.read().parquet(cubeFolder).groupBy(CuboidAggregator.CUBOID, CuboidAggregator.REF_DATE).count().collectAsList()) {
            rows.computeIfAbsent(row.getString(0), k -> new TreeMap<>()).put(row.getDate(1).toLocalDate(), row.getLong(2));
        }
        List<CuboidEntry> cuboids = new ArrayList<>();
        for (Cuboid cuboid : descriptor.cuboids()) {
            Map<LocalDate, Long> counts = rows.getOrDefault(cuboid.name(), Map.of());
            List<PartitionEntry> partitions = new ArrayList<>();
            long total = 0;
            for (Map.Entry<LocalDate, Long> entry : counts.entrySet()) {
                String relative = DataLayout.partitionPath(versionId, descriptor.name(), cuboid.name(), entry.getKey().toString());
                List<PartitionEntry.FileEntry> files = new ArrayList<>();
                for (FileStatus file : storage.listDataFiles(layout.cubes() + "/" + relative)) {
                    files.add(new PartitionEntry.FileEntry(file.getPath().getName(), file.getLen(), storage.sha256(file.getPath().toString())));
                }
                partitions.add(new PartitionEntry(entry.getKey(), relative, entry.getValue(), files));
                total += entry.getValue();
            }
            cuboids.add(new CuboidEntry(cuboid.name(), cuboid.dimensions(), total, partitions));
        }
        return new CubeEntry(descriptor.name(), catalog.descriptorSha256(descriptor.name()), cuboids);
    }

    private static String toJson(CubeManifest manifest)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            manifest.write(out);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Deletes version folders without a manifest: the remains of builds that were killed. */
    private void removeUnpublishedVersions(DataLayout layout)
    {
        String current = storage.readPointer(layout.cubesPointer()).orElse("");
        for (String version : storage.listFolders(layout.cubes() + "/versions")) {
            if (!version.equals(current) && !storage.exists(layout.version(version) + "/" + CubeManifest.FILE_NAME)) {
                storage.delete(layout.version(version));
            }
        }
    }

    private void removeOldVersions(DataLayout layout, int keep, String current)
    {
        List<String> versions = storage.listFolders(layout.cubes() + "/versions");
        int excess = versions.size() - keep;
        for (String version : versions) {
            if (excess <= 0) {
                return;
            }
            if (!version.equals(current)) {
                storage.delete(layout.version(version));
                excess--;
            }
        }
    }
}
