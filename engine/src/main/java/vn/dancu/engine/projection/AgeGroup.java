package vn.dancu.engine.projection;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * An age range of the back-test, by completed age on 31 December ({@code to} = 100 for "and over"): the school ages
 * counted by calendar year of birth as docs/indicators.md does (preschool 3–5, primary 6–10, lower secondary 11–14,
 * upper secondary 15–17), the elderly (60+, Law on the Elderly 2009) and the total.
 */
public record AgeGroup(String code, int from, int to)
{
    public static final List<AgeGroup> BACK_TEST = List.of(
            new AgeGroup("total", 0, ProjectionAssumptions.OPEN_AGE),
            new AgeGroup("3-5", 3, 5),
            new AgeGroup("6-10", 6, 10),
            new AgeGroup("11-14", 11, 14),
            new AgeGroup("15-17", 15, 17),
            new AgeGroup("60+", 60, ProjectionAssumptions.OPEN_AGE));

    public AgeGroup
    {
        requireNonNull(code, "code is null");
        if (from < 0 || to < from || to > ProjectionAssumptions.OPEN_AGE) {
            throw new IllegalArgumentException("age group " + code + ": " + from + "–" + to + " is not within 0–100");
        }
    }

    public boolean contains(int age)
    {
        return age >= from && age <= to;
    }
}
