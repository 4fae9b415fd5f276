package vn.dancu.model.cube;

import static java.util.Objects.requireNonNull;

/**
 * A dimension of a cube.
 *
 * @param name   the name used in queries ({@code commune}, {@code sex}, {@code age})
 * @param column the column in the cube's Parquet files
 * @param codes  name of the code list giving labels (CATEGORY dimensions), otherwise null
 */
public record DimensionSpec(String name, String column, DimensionKind kind, String codes, LocalizedText title)
{
    public DimensionSpec
    {
        requireNonNull(name, "name is null");
        requireNonNull(column, "column is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(title, "title is null");
        if (kind == DimensionKind.CATEGORY && codes == null) {
            throw new IllegalArgumentException("dimension " + name + " is a CATEGORY and needs a code list (codes)");
        }
        if (!name.matches("[a-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("dimension name '" + name + "' must be lowerCamelCase");
        }
    }
}
