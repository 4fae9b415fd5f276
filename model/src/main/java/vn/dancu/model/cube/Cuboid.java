package vn.dancu.model.cube;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One pre-computed combination of a cube's dimensions. Its name is its dimension names joined by {@code .} in the
 * descriptor's order ({@code commune.sex.age}); the name is also its folder ({@code cuboid=<name>}).
 */
public record Cuboid(String name, List<String> dimensions)
{
    public Cuboid
    {
        requireNonNull(name, "name is null");
        dimensions = List.copyOf(requireNonNull(dimensions, "dimensions is null"));
        if (!name.equals(nameOf(dimensions))) {
            throw new IllegalArgumentException("cuboid name " + name + " does not match its dimensions " + dimensions);
        }
    }

    public static Cuboid of(List<String> dimensions)
    {
        return new Cuboid(nameOf(dimensions), dimensions);
    }

    public static String nameOf(List<String> dimensions)
    {
        return dimensions.isEmpty() ? "total" : String.join(".", dimensions);
    }

    public boolean covers(java.util.Collection<String> needed)
    {
        return dimensions.containsAll(needed);
    }
}
