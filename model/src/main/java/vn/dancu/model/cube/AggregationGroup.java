package vn.dancu.model.cube;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A set of dimensions whose combinations are pre-computed, as Apache Kylin's aggregation groups: every subset of
 * {@code includes} that contains all of {@code mandatory} and has at most {@code maxDimensions} dimensions besides
 * the mandatory ones; the full set of {@code includes} is always built (it is the group's base cuboid).
 *
 * <p>{@code minReduction}, when given, stores only the combinations that earn their storage: a cuboid other than the
 * base is stored when it is expected to be at least that many times smaller than every stored cuboid it could be
 * summed from ({@link CubeDescriptor#cuboids()}); the others are answered by summing the smallest stored one holding
 * their dimensions. Null stores every combination.
 */
public record AggregationGroup(List<String> includes, List<String> mandatory, Integer maxDimensions, Integer minReduction)
{
    public AggregationGroup
    {
        if (minReduction != null && minReduction < 1) {
            throw new IllegalArgumentException("minReduction must be at least 1, not " + minReduction);
        }
        includes = List.copyOf(requireNonNull(includes, "includes is null"));
        mandatory = mandatory == null ? List.of() : List.copyOf(mandatory);
        if (includes.isEmpty()) {
            throw new IllegalArgumentException("an aggregation group needs at least one dimension in includes");
        }
        if (!includes.containsAll(mandatory)) {
            throw new IllegalArgumentException("mandatory dimensions " + mandatory + " must all be in includes " + includes);
        }
        if (new LinkedHashSet<>(includes).size() != includes.size()) {
            throw new IllegalArgumentException("includes lists a dimension twice: " + includes);
        }
    }

    public AggregationGroup(List<String> includes, List<String> mandatory, Integer maxDimensions)
    {
        this(includes, mandatory, maxDimensions, null);
    }

    /** The cuboids of this group, each as its set of dimensions in {@code includes} order. */
    public List<Set<String>> cuboidDimensions()
    {
        List<String> optional = includes.stream().filter(dimension -> !mandatory.contains(dimension)).toList();
        int limit = maxDimensions == null ? optional.size() : maxDimensions;
        List<Set<String>> cuboids = new ArrayList<>();
        for (int mask = 0; mask < (1 << optional.size()); mask++) {
            if (Integer.bitCount(mask) > limit && mask != (1 << optional.size()) - 1) {
                continue;
            }
            Set<String> dimensions = new LinkedHashSet<>();
            for (String dimension : includes) {
                int index = optional.indexOf(dimension);
                if (index < 0 || (mask & (1 << index)) != 0) {
                    dimensions.add(dimension);
                }
            }
            cuboids.add(dimensions);
        }
        return cuboids;
    }
}
