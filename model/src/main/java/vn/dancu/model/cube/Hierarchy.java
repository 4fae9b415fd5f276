package vn.dancu.model.cube;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The levels one stored dimension can be read at, finest first, as Kylin's {@code hierarchy_dims}: single years of
 * {@code age} → 5-year {@code ageBand} → {@code ageBroad} groups; a {@code commune} → its {@code district} → its
 * {@code province}. Each coarser level is derived from the stored codes when served, so a cube stores the finest only.
 *
 * @param dimension the stored dimension (its descriptor name)
 * @param levels    the levels, finest first; for an age, query dimension names; for a geography, the values of
 *                  {@code level=} (the whole area is always a level above them)
 */
public record Hierarchy(String dimension, List<String> levels)
{
    public Hierarchy
    {
        requireNonNull(dimension, "dimension is null");
        levels = List.copyOf(requireNonNull(levels, "levels is null"));
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("hierarchy of " + dimension + " has no level");
        }
    }
}
