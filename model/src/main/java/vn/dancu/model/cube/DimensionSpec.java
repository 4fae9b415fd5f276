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
 * @param queryName   the dimension's one public name, in queries, answers and exports, where it differs from the stored
 *                    {@code name} (which names cuboids): the geographies are stored as {@code commune} and
 *                    {@code otherCommune} and asked for as {@code unit} and {@code otherUnit}, since a unit may be read as
 *                    a district, a province or the area. Null means {@code name}
 */
public record DimensionSpec(String name, String column, DimensionKind kind, String codes, LocalizedText title, Boolean additive,
        String defaultCode, String queryName)
{
    public DimensionSpec
    {
        requireNonNull(name, "name is null");
        requireNonNull(column, "column is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(title, "title is null");
        additive = additive == null || additive;
        queryName = queryName == null ? name : queryName;
        if (!queryName.matches("[a-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("dimension " + name + ": queryName '" + queryName + "' must be lowerCamelCase");
        }
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

    public DimensionSpec(String name, String column, DimensionKind kind, String codes, LocalizedText title, Boolean additive,
            String defaultCode)
    {
        this(name, column, kind, codes, title, additive, defaultCode, null);
    }

    /** An additive dimension (the usual case). */
    public DimensionSpec(String name, String column, DimensionKind kind, String codes, LocalizedText title)
    {
        this(name, column, kind, codes, title, true, null, null);
    }

    /**
     * How many values the dimension is expected to take, to compare the sizes of cuboids before any data is read:
     * the size of its code list, 101 single years of age, 100 units of a geography, and 54 for a list held outside
     * the model (ethnicity: the 54 groups).
     */
    public double estimatedValues()
    {
        return switch (kind) {
            case AGE -> 101;
            case GEOGRAPHY -> 100;
            case AGE_GROUP, CATEGORY, SIZE -> CodeLists.builtIn().find(codes).map(list -> (double) list.codes().size()).orElse(54.0);
        };
    }
}
