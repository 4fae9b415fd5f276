package vn.dancu.model.cube;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A cube described as data, as Apache Kylin's {@code cube_desc}: where its facts come from, its dimensions,
 * its measures, and which dimension combinations are pre-computed. One generic builder reads descriptors; adding a
 * cube over an existing fact source is adding a descriptor.
 *
 * @param source      the fact source the builder computes the finest rows from (see docs/cubes.md)
 * @param policy      who may read the cube and how its cells are protected; {@link CubePolicy#restricted()} when absent
 * @param hierarchies the levels a stored dimension can be read at (age → ageBand → ageBroad, commune → district →
 *                    province); none when absent
 */
public record CubeDescriptor(
        String name,
        LocalizedText title,
        LocalizedText description,
        String source,
        TimeGrain time,
        List<DimensionSpec> dimensions,
        List<MeasureSpec> measures,
        List<AggregationGroup> aggregationGroups,
        CubePolicy policy,
        List<Hierarchy> hierarchies)
{
    public CubeDescriptor
    {
        requireNonNull(name, "name is null");
        requireNonNull(title, "title is null");
        requireNonNull(description, "description is null");
        requireNonNull(source, "source is null");
        requireNonNull(time, "time is null");
        dimensions = List.copyOf(requireNonNull(dimensions, "dimensions is null"));
        measures = List.copyOf(requireNonNull(measures, "measures is null"));
        aggregationGroups = List.copyOf(requireNonNull(aggregationGroups, "aggregationGroups is null"));
        policy = policy == null ? CubePolicy.restricted() : policy;
        hierarchies = hierarchies == null ? List.of() : List.copyOf(hierarchies);
    }

    /** Without a policy (exact counts only) and without hierarchies. */
    public CubeDescriptor(String name, LocalizedText title, LocalizedText description, String source, TimeGrain time,
            List<DimensionSpec> dimensions, List<MeasureSpec> measures, List<AggregationGroup> aggregationGroups)
    {
        this(name, title, description, source, time, dimensions, measures, aggregationGroups, null, null);
    }

    /** The dimension a query, an answer or an export names {@code queryName} ({@link DimensionSpec#queryName()}). */
    public Optional<DimensionSpec> dimensionByQueryName(String queryName)
    {
        return dimensions.stream().filter(dimension -> dimension.queryName().equals(queryName)).findFirst();
    }

    /** The levels a stored dimension can be read at, finest first; the dimension alone when the descriptor declares none. */
    public List<String> levels(DimensionSpec dimension)
    {
        return hierarchies.stream().filter(hierarchy -> hierarchy.dimension().equals(dimension.name())).findFirst()
                .map(Hierarchy::levels).orElse(List.of(dimension.queryName()));
    }

    public Optional<DimensionSpec> dimension(String dimensionName)
    {
        return dimensions.stream().filter(dimension -> dimension.name().equals(dimensionName)).findFirst();
    }

    public Optional<MeasureSpec> measure(String measureName)
    {
        return measures.stream().filter(measure -> measure.name().equals(measureName)).findFirst();
    }

    public List<String> dimensionNames()
    {
        return dimensions.stream().map(DimensionSpec::name).toList();
    }

    public List<String> measureNames()
    {
        return measures.stream().map(MeasureSpec::name).toList();
    }

    /**
     * The cuboids stored: every cuboid of every aggregation group, without repeats, finest first, less those a group's
     * {@code minReduction} leaves out. Going from the finest, a cuboid is kept when it is a group's base, when a group
     * producing it has no {@code minReduction}, or when every cuboid already kept that holds its dimensions is expected
     * to have at least {@code minReduction} times its rows: the product of the {@link DimensionSpec#estimatedValues}
     * of the dimensions that cuboid has beyond it. A cuboid left out is answered from the smallest kept one holding
     * its dimensions (the finest, the base, holds them all).
     */
    public List<Cuboid> cuboids()
    {
        Map<String, Cuboid> cuboids = new LinkedHashMap<>();
        Map<String, Integer> minReduction = new LinkedHashMap<>();
        Set<String> bases = new HashSet<>();
        List<String> order = dimensionNames();
        for (AggregationGroup group : aggregationGroups) {
            bases.add(Cuboid.nameOf(order.stream().filter(group.includes()::contains).toList()));
            for (Set<String> dimensions : group.cuboidDimensions()) {
                List<String> ordered = order.stream().filter(dimensions::contains).toList();
                String name = Cuboid.nameOf(ordered);
                cuboids.putIfAbsent(name, Cuboid.of(ordered));
                int reduction = group.minReduction() == null ? 1 : group.minReduction();
                minReduction.merge(name, reduction, Math::min);
            }
        }
        List<Cuboid> sorted = new ArrayList<>(cuboids.values());
        sorted.sort((a, b) -> Integer.compare(b.dimensions().size(), a.dimensions().size()));
        List<Cuboid> kept = new ArrayList<>();
        for (Cuboid cuboid : sorted) {
            if (bases.contains(cuboid.name()) || reductionFromKept(cuboid, kept) >= minReduction.get(cuboid.name())) {
                kept.add(cuboid);
            }
        }
        return kept;
    }

    /** The smallest expected ratio of rows between a kept cuboid holding {@code cuboid}'s dimensions and {@code cuboid}. */
    private double reductionFromKept(Cuboid cuboid, List<Cuboid> kept)
    {
        return kept.stream().filter(finer -> finer.dimensions().containsAll(cuboid.dimensions()))
                .mapToDouble(finer -> expectedRowRatio(finer, cuboid)).min().orElse(Double.POSITIVE_INFINITY);
    }

    /**
     * How many times more rows {@code finer} is expected to have than {@code coarser}, whose dimensions it holds: the
     * product of the {@link DimensionSpec#estimatedValues} of the dimensions it has beyond them.
     */
    public double expectedRowRatio(Cuboid finer, Cuboid coarser)
    {
        double ratio = 1;
        for (String dimension : finer.dimensions()) {
            if (!coarser.dimensions().contains(dimension)) {
                ratio *= dimension(dimension).orElseThrow().estimatedValues();
            }
        }
        return ratio;
    }

    /**
     * The problems that make this descriptor unusable, as sentences naming the offending part; empty when valid.
     * Column names are checked by the builder against its fact source.
     */
    public List<String> problems(int maxCuboids)
    {
        List<String> problems = new ArrayList<>();
        if (!name.matches("[a-z][a-z0-9_]*")) {
            problems.add("cube name '" + name + "' must be lower_snake_case");
        }
        Set<String> seen = new HashSet<>();
        for (DimensionSpec dimension : dimensions) {
            if (!seen.add(dimension.name())) {
                problems.add("dimension '" + dimension.name() + "' is declared twice");
            }
        }
        for (DimensionSpec dimension : dimensions) {
            if (dimension.codes() != null && !CodeLists.builtIn().exists(dimension.codes())) {
                problems.add("dimension '" + dimension.name() + "' names unknown code list '" + dimension.codes()
                        + "'; known: " + CodeLists.builtIn().names() + " and " + CodeLists.EXTERNAL);
            }
            if ((dimension.kind() == DimensionKind.AGE_GROUP || dimension.kind() == DimensionKind.SIZE) && dimension.codes() == null) {
                problems.add("dimension '" + dimension.name() + "' is a " + dimension.kind() + " and needs a code list of ranges (codes)");
            }
        }
        for (DimensionSpec dimension : dimensions) {
            if (dimension.additive()) {
                continue;
            }
            boolean knownCode = CodeLists.builtIn().find(dimension.codes())
                    .map(list -> list.codes().stream().anyMatch(code -> code.code().equals(dimension.defaultCode()))).orElse(false);
            if (!knownCode) {
                problems.add("dimension '" + dimension.name() + "' has defaultCode '" + dimension.defaultCode()
                        + "', which is not a code of list '" + dimension.codes() + "'");
            }
            for (AggregationGroup group : aggregationGroups) {
                if (!group.mandatory().contains(dimension.name())) {
                    problems.add("dimension '" + dimension.name() + "' is not additive (its codes are alternatives, never summed):"
                            + " it must be mandatory in every aggregation group; it is not in " + group.mandatory());
                }
            }
        }
        Set<String> queryNames = new HashSet<>();
        for (DimensionSpec dimension : dimensions) {
            if (!queryNames.add(dimension.queryName())) {
                problems.add("query name '" + dimension.queryName() + "' is given to two dimensions");
            }
        }
        problems.addAll(policyProblems());
        for (Hierarchy hierarchy : hierarchies) {
            if (dimension(hierarchy.dimension()).isEmpty()) {
                problems.add("hierarchy names unknown dimension '" + hierarchy.dimension() + "'; dimensions are " + dimensionNames());
            }
        }
        for (MeasureSpec measure : measures) {
            if (!seen.add(measure.name())) {
                problems.add("measure '" + measure.name() + "' has the name of another dimension or measure");
            }
        }
        if (measures.isEmpty()) {
            problems.add("cube " + name + " has no measure");
        }
        if (aggregationGroups.isEmpty()) {
            problems.add("cube " + name + " has no aggregation group");
        }
        for (AggregationGroup group : aggregationGroups) {
            for (String dimension : group.includes()) {
                if (dimension(dimension).isEmpty()) {
                    problems.add("aggregation group names unknown dimension '" + dimension + "'; dimensions are " + dimensionNames());
                }
            }
        }
        if (problems.isEmpty() && cuboids().size() > maxCuboids) {
            problems.add("cube " + name + " has " + cuboids().size() + " cuboids, more than the limit of " + maxCuboids
                    + "; narrow the aggregation groups (mandatory dimensions, maxDimensions)");
        }
        return problems;
    }

    private List<String> policyProblems()
    {
        List<String> problems = new ArrayList<>();
        policy.counted().filter(counted -> measure(counted).isEmpty()).ifPresent(counted -> problems.add(
                "policy: counted measure '" + counted + "' is not a measure; measures are " + measureNames()));
        boolean counts = measures.stream().allMatch(measure -> measure.scale() == 1);
        if (policy.counted().isEmpty() && policy.audience() == CubePolicy.Audience.EVERYONE && counts) {
            problems.add("policy: a cube of counts shown to everyone needs a countedMeasure for disclosure control;"
                    + " give one, or an audience of DATA_QUALITY or EXACT_COUNTS");
        }
        policy.moves().ifPresent(moves -> {
            for (String dimension : List.of(moves.from(), moves.to())) {
                if (dimension(dimension).map(spec -> spec.kind() != DimensionKind.GEOGRAPHY).orElse(true)) {
                    problems.add("policy: internalMoves names '" + dimension + "', which is not a GEOGRAPHY dimension");
                }
            }
            if (dimension(moves.flow()).isEmpty()) {
                problems.add("policy: internalMoves names unknown flow dimension '" + moves.flow() + "'");
            }
        });
        return problems;
    }
}
