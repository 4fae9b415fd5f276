package vn.dancu.api.cube;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One partition (one reference date) of one cuboid, held in memory column by column: each dimension as indexes
 * into its dictionary of distinct codes, each measure as a {@code long[]}. A scan over it is a loop over arrays.
 */
public record CuboidSlice(List<String> dimensions, List<String[]> dictionaries, List<int[]> codes, List<String> measures, List<long[]> values, int rows)
{
    public CuboidSlice
    {
        dimensions = List.copyOf(requireNonNull(dimensions, "dimensions is null"));
        dictionaries = List.copyOf(requireNonNull(dictionaries, "dictionaries is null"));
        codes = List.copyOf(requireNonNull(codes, "codes is null"));
        measures = List.copyOf(requireNonNull(measures, "measures is null"));
        values = List.copyOf(requireNonNull(values, "values is null"));
        if (dimensions.size() != dictionaries.size() || dimensions.size() != codes.size() || measures.size() != values.size()) {
            throw new IllegalArgumentException("slice columns do not match their names");
        }
    }

    public int dimensionIndex(String dimension)
    {
        return dimensions.indexOf(dimension);
    }

    public int measureIndex(String measure)
    {
        return measures.indexOf(measure);
    }

    /** Approximate heap size, for the cache's weigher. */
    public long bytes()
    {
        long bytes = 64L + (long) rows * (4L * codes.size() + 8L * values.size());
        for (String[] dictionary : dictionaries) {
            bytes += 48L * dictionary.length;
        }
        return bytes;
    }
}
