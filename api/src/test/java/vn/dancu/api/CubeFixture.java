package vn.dancu.api;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Types;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.cube.Cuboid;
import vn.dancu.model.cube.DimensionKind;
import vn.dancu.model.cube.DimensionSpec;
import vn.dancu.model.publish.CubeEntry;
import vn.dancu.model.publish.CubeManifest;
import vn.dancu.model.publish.CuboidEntry;
import vn.dancu.model.publish.DataLayout;
import vn.dancu.model.publish.PartitionEntry;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a small published cube version for API tests, the way the engine lays it out (every cuboid of the
 * descriptor, partitioned by reference date, a manifest, the CURRENT pointer), computing the cuboids in plain Java
 * from the finest rows the test gives.
 */
public final class CubeFixture
{
    private final CubeDescriptor descriptor;
    private final Map<LocalDate, List<Object[]>> rows = new TreeMap<>();

    public CubeFixture(String cube)
    {
        this.descriptor = CubeCatalog.builtInFile(cube + ".json");
    }

    /** A finest-grain row: one value per dimension of the descriptor in order, then one per measure. */
    public CubeFixture row(String refDate, Object... values)
    {
        if (values.length != descriptor.dimensions().size() + descriptor.measures().size()) {
            throw new IllegalArgumentException("expected " + descriptor.dimensionNames() + " + " + descriptor.measureNames());
        }
        rows.computeIfAbsent(LocalDate.parse(refDate), date -> new ArrayList<>()).add(values);
        return this;
    }

    public CubeManifest publish(Path dataFolder, String versionId, String area) throws IOException
    {
        return publish(dataFolder, versionId, area, this);
    }

    /** Publishes several cubes as one version: their partitions, one manifest, and the CURRENT pointer. */
    public static CubeManifest publish(Path dataFolder, String versionId, String area, CubeFixture... fixtures) throws IOException
    {
        DataLayout layout = new DataLayout(dataFolder.toString());
        Path cubes = Path.of(layout.cubes());
        List<CubeEntry> entries = new ArrayList<>();
        LocalDate extractDate = null;
        for (CubeFixture fixture : fixtures) {
            entries.add(fixture.write(cubes, versionId));
            for (LocalDate date : fixture.rows.keySet()) {
                extractDate = extractDate == null || date.isAfter(extractDate) ? date : extractDate;
            }
        }
        CubeManifest manifest = new CubeManifest(versionId, Instant.parse("2026-11-01T00:00:00Z"), "test", "s-test",
                extractDate == null ? LocalDate.of(2026, 10, 31) : extractDate, area, null, entries);
        Path version = cubes.resolve("versions").resolve(versionId);
        Files.createDirectories(version);
        try (OutputStream out = Files.newOutputStream(version.resolve(CubeManifest.FILE_NAME))) {
            manifest.write(out);
        }
        Files.writeString(cubes.resolve(DataLayout.POINTER), versionId + "\n");
        return manifest;
    }

    private CubeEntry write(Path cubes, String versionId) throws IOException
    {
        List<CuboidEntry> cuboids = new ArrayList<>();
        MessageType schema = schema();
        int dimensions = descriptor.dimensions().size();
        for (Cuboid cuboid : descriptor.cuboids()) {
            List<PartitionEntry> partitions = new ArrayList<>();
            long total = 0;
            for (Map.Entry<LocalDate, List<Object[]>> date : rows.entrySet()) {
                Map<List<Object>, long[]> aggregated = new LinkedHashMap<>();
                for (Object[] row : date.getValue()) {
                    List<Object> key = new ArrayList<>();
                    for (int d = 0; d < dimensions; d++) {
                        key.add(cuboid.dimensions().contains(descriptor.dimensions().get(d).name()) ? row[d] : null);
                    }
                    long[] sums = aggregated.computeIfAbsent(key, k -> new long[descriptor.measures().size()]);
                    for (int m = 0; m < sums.length; m++) {
                        sums[m] += ((Number) row[dimensions + m]).longValue();
                    }
                }
                String relative = DataLayout.partitionPath(versionId, descriptor.name(), cuboid.name(), date.getKey().toString());
                Path folder = cubes.resolve(relative);
                Files.createDirectories(folder);
                Path file = folder.resolve("part-00000.zstd.parquet");
                try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toUri()))
                        .withType(schema).withConf(new Configuration()).build()) {
                    SimpleGroupFactory factory = new SimpleGroupFactory(schema);
                    for (Map.Entry<List<Object>, long[]> cell : aggregated.entrySet()) {
                        Group group = factory.newGroup();
                        for (int d = 0; d < dimensions; d++) {
                            Object value = cell.getKey().get(d);
                            String column = descriptor.dimensions().get(d).column();
                            if (value instanceof Integer number) {
                                group.append(column, number);
                            }
                            else if (value != null) {
                                group.append(column, value.toString());
                            }
                        }
                        for (int m = 0; m < descriptor.measures().size(); m++) {
                            group.append(descriptor.measures().get(m).name(), cell.getValue()[m]);
                        }
                        writer.write(group);
                    }
                }
                partitions.add(new PartitionEntry(date.getKey(), relative, aggregated.size(),
                        List.of(new PartitionEntry.FileEntry(file.getFileName().toString(), Files.size(file),
                                CubeCatalog.sha256(Files.readAllBytes(file))))));
                total += aggregated.size();
            }
            cuboids.add(new CuboidEntry(cuboid.name(), cuboid.dimensions(), total, partitions));
        }
        return new CubeEntry(descriptor.name(), "fixture", cuboids);
    }

    private MessageType schema()
    {
        Types.MessageTypeBuilder builder = Types.buildMessage();
        for (DimensionSpec dimension : descriptor.dimensions()) {
            if (dimension.kind() == DimensionKind.AGE || dimension.kind() == DimensionKind.SIZE) {
                builder.optional(PrimitiveType.PrimitiveTypeName.INT32).named(dimension.column());
            }
            else {
                builder.optional(PrimitiveType.PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(dimension.column());
            }
        }
        descriptor.measures().forEach(measure -> builder.optional(PrimitiveType.PrimitiveTypeName.INT64).named(measure.name()));
        return builder.named("cube");
    }
}
