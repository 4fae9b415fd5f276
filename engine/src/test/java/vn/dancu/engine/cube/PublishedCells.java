package vn.dancu.engine.cube;

import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.cube.Cuboid;
import vn.dancu.model.publish.CubeEntry;
import vn.dancu.model.publish.CubeManifest;
import vn.dancu.model.publish.CuboidEntry;
import vn.dancu.model.publish.PartitionEntry;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The cells of a published cube as a reader sees them: every file the manifest lists, read with DuckDB (not
 * Spark), keyed like {@link DirectCounts#cells}. A cell written twice, or a dimension outside its cuboid that is not
 * null, is an error.
 */
final class PublishedCells
{
    private PublishedCells() {}

    static Map<String, List<Long>> read(Path cubesRoot, CubeManifest manifest, CubeDescriptor descriptor) throws SQLException
    {
        CubeEntry cube = manifest.cube(descriptor.name()).orElseThrow(() -> new AssertionError("no cube " + descriptor.name()));
        Map<String, String[]> partitionOfFile = new HashMap<>();
        List<String> files = new ArrayList<>();
        for (CuboidEntry cuboid : cube.cuboids()) {
            for (PartitionEntry partition : cuboid.partitions()) {
                for (PartitionEntry.FileEntry file : partition.files()) {
                    String path = cubesRoot.resolve(partition.path()).resolve(file.name()).toString();
                    files.add(path);
                    partitionOfFile.put(path, new String[] {cuboid.name(), partition.refDate().toString()});
                }
            }
        }
        Map<String, List<Long>> cells = new TreeMap<>();
        if (files.isEmpty()) {
            return cells;
        }
        Map<String, List<String>> dimensionsOf = descriptor.cuboids().stream().collect(Collectors.toMap(Cuboid::name, Cuboid::dimensions));
        String list = files.stream().map(file -> "'" + file + "'").collect(Collectors.joining(", "));
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duckdb.createStatement();
             ResultSet rows = sql.executeQuery("SELECT * FROM read_parquet([" + list + "], filename = true, hive_partitioning = false)")) {
            while (rows.next()) {
                String[] partition = partitionOfFile.get(rows.getString("filename"));
                List<String> dimensions = dimensionsOf.get(partition[0]);
                if (dimensions == null) {
                    throw new AssertionError(descriptor.name() + ": the manifest lists cuboid " + partition[0] + ", which the descriptor does not store");
                }
                StringBuilder key = new StringBuilder(partition[0]).append('|').append(partition[1]);
                for (var dimension : descriptor.dimensions()) {
                    Object value = rows.getObject(dimension.column());
                    if (dimensions.contains(dimension.name())) {
                        key.append('|').append(value);
                    }
                    else if (value != null) {
                        throw new AssertionError(descriptor.name() + " cuboid " + partition[0] + " has " + dimension.column() + " = " + value);
                    }
                }
                List<Long> measures = new ArrayList<>();
                for (var measure : descriptor.measures()) {
                    measures.add(rows.getLong(measure.name()));
                }
                if (cells.put(key.toString(), measures) != null) {
                    throw new AssertionError(descriptor.name() + ": cell " + key + " written twice");
                }
            }
        }
        return cells;
    }

    /**
     * The cells of the cuboid of {@code dimensions}, which the cube may not store, summed from the stored cuboid with
     * the fewest dimensions holding them (as the server answers such a question), keyed as {@link #read} keys a
     * stored cuboid: {@code name|ref_date|values of dimensions}.
     */
    static Map<String, List<Long>> summedTo(Map<String, List<Long>> cells, CubeDescriptor descriptor, List<String> dimensions)
    {
        List<String> ordered = descriptor.dimensionNames().stream().filter(dimensions::contains).toList();
        Cuboid stored = descriptor.cuboids().stream().filter(cuboid -> cuboid.dimensions().containsAll(ordered))
                .min(java.util.Comparator.comparingInt((Cuboid cuboid) -> cuboid.dimensions().size()))
                .orElseThrow(() -> new AssertionError(descriptor.name() + " stores no cuboid with " + ordered));
        String prefix = stored.name() + "|";
        Map<String, List<Long>> summed = new TreeMap<>();
        cells.forEach((cell, measures) -> {
            if (!cell.startsWith(prefix)) {
                return;
            }
            String[] parts = cell.split("\\|", -1);
            StringBuilder key = new StringBuilder(Cuboid.nameOf(ordered)).append('|').append(parts[1]);
            for (String dimension : ordered) {
                key.append('|').append(parts[2 + stored.dimensions().indexOf(dimension)]);
            }
            summed.merge(key.toString(), measures, (a, b) -> {
                List<Long> sum = new ArrayList<>();
                for (int m = 0; m < a.size(); m++) {
                    sum.add(a.get(m) + b.get(m));
                }
                return sum;
            });
        });
        return summed;
    }
}
