package vn.dancu.engine.cube;

import vn.dancu.model.cube.CodeLists;

import java.time.LocalDate;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What a build asks of a fact source.
 *
 * @param from   the first day whose facts are needed (the period start for a full build; for an incremental one the
 *               first day of the first period to rebuild)
 * @param ranges the classification into ranges (age groups, sizes) a descriptor declares for a fact column, by column
 * @param spells the number of resident spells of the snapshot, for a source that sizes its work by it (0: unknown)
 */
public record FactRequest(LocalDate from, Map<String, CodeRanges> ranges, long spells)
{
    /**
     * The residence spells that make one task's worth of work: the builder gives a cube no more tasks than its spells
     * divided by this ({@link CubeBuildJob#tasks}), and a source that splits its own work does not split finer.
     */
    public static final long SPELLS_PER_TASK = 80_000;

    public FactRequest
    {
        requireNonNull(from, "from is null");
        ranges = Map.copyOf(requireNonNull(ranges, "ranges is null"));
        if (spells < 0) {
            throw new IllegalArgumentException("spells must not be negative, was " + spells);
        }
    }

    /** A request without a size. */
    public FactRequest(LocalDate from, Map<String, CodeRanges> ranges)
    {
        this(from, ranges, 0);
    }

    /** The ranges the descriptor gives {@code column}, or those of {@code defaultCodeList} when it has none. */
    public CodeRanges ranges(String column, String defaultCodeList)
    {
        CodeRanges declared = ranges.get(column);
        return declared != null ? declared : CodeRanges.of(CodeLists.builtIn().get(defaultCodeList));
    }
}
