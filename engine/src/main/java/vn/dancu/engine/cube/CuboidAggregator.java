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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

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
     * caller may cache it there), and to the table of a dictionary.
     *
     * <p>Coded facts ({@link EncodedFacts} with a dictionary) are grouped on their code: the base and every cuboid
     * that has all the dictionary's keys on that code, a cuboid that leaves some out on the code of a dictionary
     * {@link KeyDictionary#over} the keys it has, and each cuboid is decoded only to be stored. The cells are those
     * of the decoded facts; only the work differs (hashing one number instead of several strings, a cached base of
     * numbers).
     */
    public static Dataset<Row> aggregate(EncodedFacts facts, CubeDescriptor descriptor, boolean factsAreFinest, int partitions,
            UnaryOperator<Dataset<Row>> keep)
    {
        return cuboids(facts, descriptor, factsAreFinest, partitions, keep).values().stream().reduce(Dataset::union).orElseThrow();
    }

    /**
     * The rows of each cuboid as stored ({@link #aggregate}), by cuboid name in the order of {@link #lineage}: for a
     * writer that writes each cuboid on its own.
     */
    public static Map<String, Dataset<Row>> cuboids(EncodedFacts facts, CubeDescriptor descriptor, boolean factsAreFinest,
            int partitions, UnaryOperator<Dataset<Row>> keep)
    {
        StructType types = facts.decoded().schema();
        Aggregates aggregates = new Aggregates(descriptor, facts.dictionary().map(dictionary -> dictionary.kept(keep)));
        Coded base = aggregates.base(facts.rows(), factsAreFinest, partitions);
        base = new Coded(keep.apply(base.rows()), base.keys());
        Map<String, Coded> computed = new HashMap<>();
        computed.put(BASE, base);
        Map<String, Dataset<Row>> stored = new LinkedHashMap<>();
        for (Step step : lineage(descriptor)) {
            Coded parent = computed.get(step.parent());
            Coded rows = aggregates.rollUp(parent, step.cuboid());
            if (step.parentOfOthers() && rows != base) {
                rows = new Coded(keep.apply(rows.rows()), rows.keys());
            }
            computed.put(step.cuboid().name(), rows);
            stored.put(step.cuboid().name(), stored(aggregates.decoded(rows), step.cuboid(), descriptor, types));
        }
        return stored;
    }

    /** An aggregate and the dictionary keys its {@link KeyDictionary#CODE} stands for (none when it has no code). */
    private record Coded(Dataset<Row> rows, List<String> keys) {}

    /** The grouping of one descriptor's aggregates, on the codes of a dictionary when the facts are coded. */
    private static final class Aggregates
    {
        private final CubeDescriptor descriptor;
        private final Optional<KeyDictionary> dictionary;
        private final Map<List<String>, KeyDictionary> subsets = new HashMap<>();

        Aggregates(CubeDescriptor descriptor, Optional<KeyDictionary> dictionary)
        {
            this.descriptor = descriptor;
            this.dictionary = dictionary;
            dictionary.ifPresent(whole -> subsets.put(whole.keys(), whole));
        }

        /**
         * The base: one row per cell of all the descriptor's dimensions and {@code ref_date}, measures named by measure
         * name, hash-partitioned by {@code ref_date} into {@code partitions} so that every cuboid is then computed, and
         * written, without another shuffle: the rows of one month stay in one task.
         *
         * @param factsAreFinest the facts already hold one row per base cell, so they are not grouped again
         */
        Coded base(Dataset<Row> facts, boolean factsAreFinest, int partitions)
        {
            List<String> columns = new ArrayList<>();
            descriptor.dimensions().forEach(dimension -> columns.add(dimension.column()));
            Coded coded = recoded(new Coded(facts, dictionary.map(KeyDictionary::keys).orElse(List.of())), columns);
            List<Column> groupColumns = groupColumns(coded.keys(), columns);
            Dataset<Row> byMonth = coded.rows().repartition(partitions, col(REF_DATE));
            if (factsAreFinest) {
                List<Column> renamed = new ArrayList<>(groupColumns);
                descriptor.measures().forEach(measure -> renamed.add(col(measure.column()).cast("long").as(measure.name())));
                return new Coded(byMonth.select(renamed.toArray(Column[]::new)), coded.keys());
            }
            return new Coded(sums(byMonth, groupColumns, descriptor.measures().stream()
                    .map(measure -> sum(col(measure.column())).cast("long").as(measure.name())).toList()), coded.keys());
        }

        /** A cuboid from a finer aggregate: grouped on its own code, dimension columns and ref_date. */
        Coded rollUp(Coded parent, Cuboid cuboid)
        {
            List<String> columns = new ArrayList<>();
            for (String dimension : cuboid.dimensions()) {
                columns.add(descriptor.dimension(dimension).orElseThrow().column());
            }
            Coded coded = recoded(parent, columns);
            List<Column> groupColumns = groupColumns(coded.keys(), columns);
            if (coded == parent && groupColumns.size() == parent.rows().columns().length - descriptor.measures().size()) {
                return parent;
            }
            return new Coded(sums(coded.rows(), groupColumns, descriptor.measures().stream()
                    .map(measure -> sum(col(measure.name())).as(measure.name())).toList()), coded.keys());
        }

        private static Dataset<Row> sums(Dataset<Row> rows, List<Column> groupColumns, List<Column> measures)
        {
            return rows.groupBy(groupColumns.toArray(Column[]::new))
                    .agg(measures.get(0), measures.subList(1, measures.size()).toArray(Column[]::new));
        }

        /** The aggregate with its key columns, as {@link #stored} needs it. */
        Dataset<Row> decoded(Coded rows)
        {
            return rows.keys().isEmpty() ? rows.rows() : dictionary(rows.keys()).decode(rows.rows());
        }

        /** {@code rows} with a code over only those of its keys that are among {@code columns} (no code if none is). */
        private Coded recoded(Coded rows, List<String> columns)
        {
            List<String> kept = rows.keys().stream().filter(columns::contains).toList();
            if (kept.equals(rows.keys())) {
                return rows;
            }
            if (kept.isEmpty()) {
                return new Coded(rows.rows().drop(KeyDictionary.CODE), kept);
            }
            return new Coded(dictionary(rows.keys()).recode(rows.rows(), dictionary(kept)), kept);
        }

        /** The code (if any keys are coded), the other dimension columns, ref_date. */
        private List<Column> groupColumns(List<String> keys, List<String> columns)
        {
            List<Column> groupColumns = new ArrayList<>();
            if (!keys.isEmpty()) {
                groupColumns.add(col(KeyDictionary.CODE));
            }
            Set<String> coded = dictionary.map(whole -> Set.copyOf(whole.keys())).orElse(Set.of());
            columns.stream().filter(column -> !coded.contains(column)).forEach(column -> groupColumns.add(col(column)));
            groupColumns.add(col(REF_DATE));
            return groupColumns;
        }

        /** The dictionary over {@code keys}, one object per set of keys so that a cuboid is decoded with the codes it was grouped on. */
        private KeyDictionary dictionary(List<String> keys)
        {
            return subsets.computeIfAbsent(keys, subset -> dictionary.orElseThrow().over(subset));
        }
    }

    /** Every cuboid, as stored, computed without caching (for small inputs and tests). */
    public static Dataset<Row> aggregate(Dataset<Row> facts, CubeDescriptor descriptor)
    {
        return aggregate(EncodedFacts.plain(facts), descriptor);
    }

    /** Every cuboid of coded facts, as stored, computed without caching (for small inputs and tests). */
    public static Dataset<Row> aggregate(EncodedFacts facts, CubeDescriptor descriptor)
    {
        return aggregate(facts, descriptor, false, 2, rows -> rows);
    }
}
