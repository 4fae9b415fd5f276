package vn.dancu.model.cube;

import static java.util.Objects.requireNonNull;

/**
 * A stored measure.
 *
 * @param column the fact column summed (for a fact source that emits one row per person, {@code 1})
 * @param scale  how many stored units make one unit of the measure: the stored {@code long} is the quantity times
 *               {@code scale}, rounded (fixed point). 1 (the default) for counts; 1000 for a model output kept to
 *               thousandths of a person, so that sums stay exact and re-aggregatable. A power of ten.
 */
public record MeasureSpec(String name, String column, Aggregation aggregation, LocalizedText title, LocalizedText unit, Integer scale)
{
    public MeasureSpec
    {
        requireNonNull(name, "name is null");
        requireNonNull(column, "column is null");
        requireNonNull(aggregation, "aggregation is null");
        requireNonNull(title, "title is null");
        requireNonNull(unit, "unit is null");
        scale = scale == null ? 1 : scale;
        if (scale < 1 || !Long.toString(scale).matches("10*")) {
            throw new IllegalArgumentException("measure " + name + ": scale must be 1, 10, 100, 1000 … (a power of ten), was " + scale);
        }
    }

    /** A measure stored as whole units (scale 1). */
    public MeasureSpec(String name, String column, Aggregation aggregation, LocalizedText title, LocalizedText unit)
    {
        this(name, column, aggregation, title, unit, 1);
    }
}
