package vn.dancu.api.query;

import vn.dancu.model.cube.DimensionSpec;

import java.util.List;

/** A stored category dimension read as it is. */
public record CategoryDimension(DimensionSpec spec) implements QueryDimension
{
    @Override
    public String name()
    {
        return spec.queryName();
    }

    @Override
    public String base()
    {
        return spec.name();
    }

    /** The code itself; for a size (household size), the code of the range holding it ({@code 12} → {@code 10+}). */
    @Override
    public String map(String baseCode)
    {
        if (spec.kind() == vn.dancu.model.cube.DimensionKind.SIZE && !baseCode.isEmpty() && baseCode.chars().allMatch(Character::isDigit)) {
            return CodeLists.get(spec.codes()).rangeOf(Integer.parseInt(baseCode)).map(vn.dancu.model.cube.Code::code).orElse(null);
        }
        return baseCode;
    }

    @Override
    public List<String> codes()
    {
        return CodeLists.codes(spec.codes());
    }

    @Override
    public String label(String code, String language)
    {
        return CodeLists.label(spec.codes(), code, language);
    }

    @Override
    public String title(String language)
    {
        return spec.title().in(language);
    }
}
