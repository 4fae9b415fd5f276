package vn.dancu.model.cube;

import static java.util.Objects.requireNonNull;

/**
 * A dimension of a cube.
 *
 * @param name        the name used in queries ({@code commune}, {@code sex}, {@code age})
 * @param column      the column in the cube's Parquet files
 * @param codes       name of the code list giving labels (CATEGORY dimensions), otherwise null
 * @param additive    false when the codes are alternatives rather than parts of a whole (the scenarios of a
 *                    projection): a reader never sums over them, and a question that neither asks for the dimension
 *                    nor filters it reads {@code defaultCode} (as an OLAP attribute with {@code IsAggregatable=False}
 *                    and a default member). Null means true
 * @param defaultCode the code read when a question leaves a non-additive dimension out; null for an additive one
 */
public record DimensionSpec(String name, String column, DimensionKind kind, String codes, LocalizedText title, Boolean additive,
        String defaultCode)
{
    public DimensionSpec
    {
        requireNonNull(name, "name is null");
        requireNonNull(column, "column is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(title, "title is null");
        additive = additive == null || additive;
        if (kind == DimensionKind.CATEGORY && codes == null) {
            throw new IllegalArgumentException("dimension " + name + " is a CATEGORY and needs a code list (codes)");
        }
        if (!name.matches("[a-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("dimension name '" + name + "' must be lowerCamelCase");
        }
        if (!additive && (kind != DimensionKind.CATEGORY || defaultCode == null)) {
            throw new IllegalArgumentException("dimension " + name + " is not additive: it must be a CATEGORY with a defaultCode");
        }
        if (additive && defaultCode != null) {
            throw new IllegalArgumentException("dimension " + name + " has a defaultCode but is additive; a defaultCode is for \"additive\": false");
        }
    }

    /** An additive dimension (the usual case). */
    public DimensionSpec(String name, String column, DimensionKind kind, String codes, LocalizedText title)
    {
        this(name, column, kind, codes, title, true, null);
    }
}
