package vn.dancu.model.cube;

import static java.util.Objects.requireNonNull;

/**
 * A stored measure.
 *
 * @param column the fact column summed (for a fact source that emits one row per person, {@code 1})
 */
public record MeasureSpec(String name, String column, Aggregation aggregation, LocalizedText title, LocalizedText unit)
{
    public MeasureSpec
    {
        requireNonNull(name, "name is null");
        requireNonNull(column, "column is null");
        requireNonNull(aggregation, "aggregation is null");
        requireNonNull(title, "title is null");
        requireNonNull(unit, "unit is null");
    }
}
