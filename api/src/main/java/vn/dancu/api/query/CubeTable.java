package vn.dancu.api.query;

import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.publish.CubeManifest;

import java.time.LocalDate;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The answer to a cube query before it is written out: one row per combination of the output dimensions that holds
 * people (or is withheld), with its values and whether disclosure control withholds it.
 *
 * @param cuboids    the pre-computed cuboid read for each reference date
 * @param disclosure what disclosure control did (null threshold when the caller sees exact counts)
 */
public record CubeTable(
        CubeDescriptor descriptor,
        CubeManifest manifest,
        CubeQuery query,
        List<QueryDimension> dimensions,
        List<Row> rows,
        List<String> cuboids,
        Disclosure disclosure)
{
    public CubeTable
    {
        requireNonNull(descriptor, "descriptor is null");
        requireNonNull(manifest, "manifest is null");
        requireNonNull(query, "query is null");
        dimensions = List.copyOf(dimensions);
        rows = List.copyOf(rows);
        cuboids = List.copyOf(cuboids);
        requireNonNull(disclosure, "disclosure is null");
    }

    /**
     * @param codes      one code per output dimension
     * @param values     one value per measure of the query
     * @param suppressed withheld by disclosure control: the values must not be shown
     */
    public record Row(List<String> codes, long[] values, boolean suppressed)
    {
        public Row
        {
            codes = List.copyOf(codes);
            values = values.clone();
        }

        public long value(int measure)
        {
            return values[measure];
        }
    }

    /**
     * @param threshold       counts from 1 to threshold − 1 are primary-suppressed; null when no control applies
     * @param measure         the measure whose counts decide (others are withheld with it)
     * @param suppressedRows  rows withheld in this answer
     */
    public record Disclosure(Long threshold, String measure, int suppressedRows, String rule)
    {
        public static Disclosure none(String rule)
        {
            return new Disclosure(null, null, 0, rule);
        }
    }

    public LocalDate refDate()
    {
        return query.refDate();
    }

    public int measureIndex(String measure)
    {
        return query.measures().indexOf(measure);
    }
}
