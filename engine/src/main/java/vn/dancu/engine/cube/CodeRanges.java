package vn.dancu.engine.cube;

import org.apache.spark.sql.Column;
import vn.dancu.model.cube.Code;
import vn.dancu.model.cube.CodeList;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * Consecutive age ranges read from a code list's {@code from}/{@code to} (never hard-coded), or single years of
 * age with an open last year ({@code 100} = 100 and over). Group {@code i} covers ages {@code lower(i)} to
 * {@code lower(i + 1) - 1}; the last group is open unless its code closes it.
 *
 * @param codes       the group codes, youngest first; null for single years (the code is the age itself)
 * @param lowerBounds first age of each group
 * @param upperBound  first age after the last group, or null when the last group is open
 */
public record CodeRanges(String name, List<String> codes, List<Integer> lowerBounds, Integer upperBound)
{
    public CodeRanges
    {
        requireNonNull(name, "name is null");
        lowerBounds = List.copyOf(requireNonNull(lowerBounds, "lowerBounds is null"));
        codes = codes == null ? null : List.copyOf(codes);
        if (lowerBounds.isEmpty()) {
            throw new IllegalArgumentException("ranges " + name + " have no group");
        }
        if (codes != null && codes.size() != lowerBounds.size()) {
            throw new IllegalArgumentException("ranges " + name + ": " + codes.size() + " codes for " + lowerBounds.size() + " ranges");
        }
        for (int i = 1; i < lowerBounds.size(); i++) {
            if (lowerBounds.get(i) <= lowerBounds.get(i - 1)) {
                throw new IllegalArgumentException("ranges " + name + " are not in ascending order: " + lowerBounds);
            }
        }
    }

    /** Single years 0 … {@code oldest - 1} and an open group {@code oldest} ("100+"), coded by the age itself. */
    public static CodeRanges singleYears(int oldest)
    {
        List<Integer> bounds = new ArrayList<>();
        for (int age = 0; age <= oldest; age++) {
            bounds.add(age);
        }
        return new CodeRanges("age", null, bounds, null);
    }

    /**
     * The ranged codes of a code list (codes without a range, such as {@code UNKNOWN}, are left out). The ranges must
     * follow each other without gaps or overlaps; only the last may be open.
     */
    public static CodeRanges of(CodeList list)
    {
        List<String> codes = new ArrayList<>();
        List<Integer> bounds = new ArrayList<>();
        Integer next = null;
        Integer upper = null;
        for (Code code : list.codes()) {
            if (code.from() == null) {
                continue;
            }
            if (next == null && !codes.isEmpty()) {
                throw new IllegalArgumentException("code list " + list.name() + ": range " + code.code() + " follows an open range");
            }
            if (next != null && !next.equals(code.from())) {
                throw new IllegalArgumentException("code list " + list.name() + ": range " + code.code() + " starts at " + code.from()
                        + " but the previous range ends at " + (next - 1));
            }
            codes.add(code.code());
            bounds.add(code.from());
            next = code.to() == null ? null : code.to() + 1;
            upper = next;
        }
        if (codes.isEmpty()) {
            throw new IllegalArgumentException("code list " + list.name() + " has no age ranges (from/to)");
        }
        return new CodeRanges(list.name(), codes, bounds, upper);
    }

    public int size()
    {
        return lowerBounds.size();
    }

    /** Whether the value stored is the age itself (an int) rather than a group code (a string). */
    public boolean singleYear()
    {
        return codes == null;
    }

    /** The group index (0-based) of an age, or null when no group covers it. */
    public Column index(Column age)
    {
        if (singleYear()) {
            return when(age.geq(0), least(age, lit(size() - 1)));
        }
        Column index = upperBound == null ? null : when(age.geq(upperBound), lit(null).cast("int"));
        for (int i = size() - 1; i >= 0; i--) {
            Column condition = age.geq(lowerBounds.get(i));
            index = index == null ? when(condition, lit(i)) : index.when(condition, lit(i));
        }
        return index;
    }

    /** First age of group {@code index}. */
    public Column lowerBound(Column index)
    {
        if (singleYear()) {
            return index;
        }
        return pick(index, lowerBounds.stream().map(bound -> lit(bound)).toList());
    }

    /** First age after group {@code index}; null for an open last group. */
    public Column upperBound(Column index)
    {
        if (singleYear()) {
            return when(index.lt(size() - 1), index.plus(1));
        }
        List<Column> uppers = new ArrayList<>();
        for (int i = 1; i < size(); i++) {
            uppers.add(lit(lowerBounds.get(i)));
        }
        uppers.add(upperBound == null ? lit(null).cast("int") : lit(upperBound));
        return pick(index, uppers);
    }

    /** The value stored for group {@code index}: the age (single years) or the group's code. */
    public Column value(Column index)
    {
        if (singleYear()) {
            return index;
        }
        return pick(index, codes.stream().map(code -> lit(code)).toList());
    }

    /**
     * {@code values[index]} as a CASE expression (null for a null index). Spark 4.2's {@code element_at} over an
     * array literal fails with INVALID_INDEX_OF_ZERO in generated code when the index is null, hence no arrays here.
     */
    private static Column pick(Column index, List<Column> values)
    {
        Column picked = when(index.equalTo(0), values.get(0));
        for (int i = 1; i < values.size(); i++) {
            picked = picked.when(index.equalTo(i), values.get(i));
        }
        return picked;
    }

    /** Java-side: the group code (or age) covering {@code age}, or null. For tests and checks. */
    public Object valueOf(int age)
    {
        if (age < lowerBounds.get(0) || (upperBound != null && age >= upperBound)) {
            return null;
        }
        int index = 0;
        while (index + 1 < size() && age >= lowerBounds.get(index + 1)) {
            index++;
        }
        return singleYear() ? (Object) index : codes.get(index);
    }
}
