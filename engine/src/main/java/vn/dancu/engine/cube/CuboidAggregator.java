package vn.dancu.engine.cube;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.dancu.model.cube.Cuboid;
import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.cube.DimensionSpec;
import vn.dancu.model.cube.MeasureSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

/**
 * Computes every cuboid of a cube as Kylin's by-layer cubing does: the facts are scanned once and grouped to the base
 * (all dimensions of the descriptor), hash-partitioned by {@code ref_date}; every cuboid is then computed from the
 * smallest finer aggregate already computed. Because every aggregate of a month stays in the task holding that month,
 * no cuboid needs a shuffle, and each (cuboid, month) partition is written by a single task into a single file.
 * The output has the descriptor's dimension columns (null where a cuboid leaves a dimension out), the measures (as
 * {@code long}, named by measure name), {@code cuboid} and {@code ref_date}.
 */
public final class CuboidAggregator
{
    public static final String CUBOID = "cuboid";
    public static final String REF_DATE = "ref_date";

    private CuboidAggregator() {}

    /** The problems with a descriptor against the columns its fact source provides; empty when it fits. */
    public static List<String> problems(CubeDescriptor descriptor, StructType facts)
    {
        List<String> columns = Arrays.asList(facts.fieldNames());
        List<String> problems = new ArrayList<>();
        for (DimensionSpec dimension : descriptor.dimensions()) {
            if (!columns.contains(dimension.column())) {
                problems.add("dimension '" + dimension.name() + "' reads unknown column '" + dimension.column()
                        + "' of fact source " + descriptor.source() + "; its columns are " + columns);
                continue;
            }
            DataType type = facts.apply(dimension.column()).dataType();
            DataType expected = switch (dimension.kind()) {
                case AGE, SIZE -> DataTypes.IntegerType;
                case GEOGRAPHY, CATEGORY, AGE_GROUP -> DataTypes.StringType;
            };
            if (!type.equals(expected)) {
                problems.add("dimension '" + dimension.name() + "' is a " + dimension.kind() + " and needs a "
                        + expected.simpleString() + " column, but column '" + dimension.column() + "' of fact source "
                        + descriptor.source() + " is " + type.simpleString());
            }
        }
        for (MeasureSpec measure : descriptor.measures()) {
            if (!columns.contains(measure.column())) {
                problems.add("measure '" + measure.name() + "' reads unknown column '" + measure.column()
                        + "' of fact source " + descriptor.source() + "; its columns are " + columns);
                continue;
            }
            DataType type = facts.apply(measure.column()).dataType();
            if (!type.equals(DataTypes.LongType) && !type.equals(DataTypes.IntegerType)) {
                problems.add("measure '" + measure.name() + "' sums column '" + measure.column() + "', which is "
                        + type.simpleString() + "; a cube stores counts and sums of whole numbers only");
            }
        }
        if (!columns.contains(REF_DATE)) {
            problems.add("fact source " + descriptor.source() + " has no ref_date column");
        }
        return problems;
    }

    /** How one cuboid is computed: from the base (all dimensions) or from a finer cuboid already computed. */
    public record Step(Cuboid cuboid, String parent, boolean parentOfOthers) {}

    /** The name under which the base (every dimension of the descriptor, one row per cell) is a parent. */
    public static final String BASE = "";

    /**
     * The order in which a descriptor's cuboids are computed, each from the smallest finer cuboid already computed
     * (by the product of the estimated cardinalities of the dimensions it has beyond the cuboid), as Kylin's by-layer
     * cubing: the facts are aggregated once, to the base, and every coarser cuboid from a finer aggregate.
     */
    public static List<Step> lineage(CubeDescriptor descriptor)
    {
        List<Cuboid> cuboids = descriptor.cuboids();
        List<Cuboid> computed = new ArrayList<>();
        computed.add(Cuboid.of(descriptor.dimensionNames()));
        List<String[]> parents = new ArrayList<>();
        for (Cuboid cuboid : cuboids) {
            Cuboid best = null;
            double bestSize = Double.MAX_VALUE;
            for (Cuboid candidate : computed) {
                if (!candidate.dimensions().containsAll(cuboid.dimensions())) {
                    continue;
                }
                double size = descriptor.expectedRowRatio(candidate, cuboid);
                if (size < bestSize) {
                    best = candidate;
                    bestSize = size;
                }
            }
            String parent = best.dimensions().size() == descriptor.dimensions().size() ? BASE : best.name();
            parents.add(new String[] {cuboid.name(), parent});
            if (!computed.contains(cuboid)) {
                computed.add(cuboid);
            }
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < cuboids.size(); i++) {
            String name = cuboids.get(i).name();
            boolean parentOfOthers = parents.stream().anyMatch(pair -> pair[1].equals(name) && !pair[0].equals(name));
            steps.add(new Step(cuboids.get(i), parents.get(i)[1], parentOfOthers));
        }
        return steps;
    }

    /**
     * The base aggregate: one row per cell of all the descriptor's dimensions and {@code ref_date}, measures named
     * by measure name, hash-partitioned by {@code ref_date} into {@code partitions} so that every cuboid is then
     * computed, and written, without another shuffle: the rows of one month stay in one task.
     *
     * @param factsAreFinest the facts already hold one row per base cell, so they are not grouped again
     */
    public static Dataset<Row> base(Dataset<Row> facts, CubeDescriptor descriptor, boolean factsAreFinest, int partitions)
    {
        List<Column> groupColumns = new ArrayList<>();
        descriptor.dimensions().forEach(dimension -> groupColumns.add(col(dimension.column())));
        groupColumns.add(col(REF_DATE));
        Dataset<Row> byMonth = facts.repartition(partitions, col(REF_DATE));
        if (factsAreFinest) {
            List<Column> renamed = new ArrayList<>(groupColumns);
            descriptor.measures().forEach(measure -> renamed.add(col(measure.column()).cast("long").as(measure.name())));
            return byMonth.select(renamed.toArray(Column[]::new));
        }
        List<Column> measures = descriptor.measures().stream()
                .map(measure -> sum(col(measure.column())).cast("long").as(measure.name())).toList();
        return byMonth.groupBy(groupColumns.toArray(Column[]::new))
                .agg(measures.get(0), measures.subList(1, measures.size()).toArray(Column[]::new));
    }

    /** A cuboid from a finer aggregate ({@link #base} or another cuboid): its dimension columns, measures, ref_date. */
    public static Dataset<Row> rollUp(Dataset<Row> parent, Cuboid cuboid, CubeDescriptor descriptor)
    {
        List<Column> groupColumns = new ArrayList<>();
        for (String dimension : cuboid.dimensions()) {
            groupColumns.add(col(descriptor.dimension(dimension).orElseThrow().column()));
        }
        groupColumns.add(col(REF_DATE));
        if (groupColumns.size() == parent.columns().length - descriptor.measures().size()) {
            return parent;
        }
        List<Column> measures = descriptor.measures().stream().map(measure -> sum(col(measure.name())).as(measure.name())).toList();
        return parent.groupBy(groupColumns.toArray(Column[]::new))
                .agg(measures.get(0), measures.subList(1, measures.size()).toArray(Column[]::new));
    }

    /** The rows of a cuboid as stored: every dimension column (null where the cuboid leaves it out), measures, cuboid, ref_date. */
    public static Dataset<Row> stored(Dataset<Row> rows, Cuboid cuboid, CubeDescriptor descriptor, StructType baseSchema)
    {
        List<Column> output = new ArrayList<>();
        for (DimensionSpec dimension : descriptor.dimensions()) {
            output.add(cuboid.dimensions().contains(dimension.name()) ? col(dimension.column())
                    : lit(null).cast(baseSchema.apply(dimension.column()).dataType()).as(dimension.column()));
        }
        descriptor.measures().forEach(measure -> output.add(col(measure.name())));
        output.add(lit(cuboid.name()).as(CUBOID));
        output.add(col(REF_DATE));
        return rows.select(output.toArray(Column[]::new));
    }

    /**
     * Every cuboid of a descriptor, as stored, in one dataset: the base is computed once and each cuboid from its
     * parent in {@link #lineage}. {@code keep} is applied to each aggregate that other cuboids are computed from (the
     * caller may cache it there).
     */
    public static Dataset<Row> aggregate(Dataset<Row> facts, CubeDescriptor descriptor, boolean factsAreFinest, int partitions,
            java.util.function.UnaryOperator<Dataset<Row>> keep)
    {
        Dataset<Row> base = keep.apply(base(facts, descriptor, factsAreFinest, partitions));
        java.util.Map<String, Dataset<Row>> computed = new java.util.HashMap<>();
        computed.put(BASE, base);
        Dataset<Row> all = null;
        for (Step step : lineage(descriptor)) {
            Dataset<Row> rows = rollUp(computed.get(step.parent()), step.cuboid(), descriptor);
            if (step.parentOfOthers() && rows != base) {
                rows = keep.apply(rows);
            }
            computed.put(step.cuboid().name(), rows);
            Dataset<Row> stored = stored(rows, step.cuboid(), descriptor, base.schema());
            all = all == null ? stored : all.union(stored);
        }
        return all;
    }

    /** Every cuboid, as stored, computed without caching (for small inputs and tests). */
    public static Dataset<Row> aggregate(Dataset<Row> facts, CubeDescriptor descriptor)
    {
        return aggregate(facts, descriptor, false, 2, rows -> rows);
    }
}
