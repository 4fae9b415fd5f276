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
 */
public record FactRequest(LocalDate from, Map<String, CodeRanges> ranges)
{
    public FactRequest
    {
        requireNonNull(from, "from is null");
        ranges = Map.copyOf(requireNonNull(ranges, "ranges is null"));
    }

    /** The ranges the descriptor gives {@code column}, or those of {@code defaultCodeList} when it has none. */
    public CodeRanges ranges(String column, String defaultCodeList)
    {
        CodeRanges declared = ranges.get(column);
        return declared != null ? declared : CodeRanges.of(CodeLists.builtIn().get(defaultCodeList));
    }
}
