package vn.dancu.model.cube;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A named list of codes, in display order. */
public record CodeList(String name, List<Code> codes)
{
    public CodeList
    {
        requireNonNull(name, "name is null");
        codes = List.copyOf(requireNonNull(codes, "codes is null"));
    }

    public Optional<Code> find(String code)
    {
        return codes.stream().filter(candidate -> candidate.code().equals(code)).findFirst();
    }

    public List<String> values()
    {
        return codes.stream().map(Code::code).toList();
    }

    /** For range lists (age groups, sizes): the code covering {@code value}. */
    public Optional<Code> rangeOf(int value)
    {
        return codes.stream().filter(code -> code.covers(value)).findFirst();
    }
}
