package vn.dancu.api.projection;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * An age group of a projection table, by completed age on 31 December (year − year of birth), as the school-age
 * indicators count ages.
 *
 * @param to inclusive; {@link ProjectionCells#OPEN_AGE} for an open group
 */
public record ProjectedAgeGroup(String code, int from, int to, String labelVi, String labelEn)
{
    public ProjectedAgeGroup
    {
        requireNonNull(code, "code is null");
        if (from < 0 || to < from || to > ProjectionCells.OPEN_AGE) {
            throw new IllegalArgumentException("age group " + code + ": ages " + from + "–" + to + " are not within 0–" + ProjectionCells.OPEN_AGE);
        }
    }

    public String label(String language)
    {
        return "en".equals(language) ? labelEn : labelVi;
    }

    /** The planners' groups: the total, the levels of schooling, working age and the elderly (they overlap). */
    public static final List<ProjectedAgeGroup> PLANNING = List.of(
            new ProjectedAgeGroup("total", 0, 100, "Tổng số", "Total"),
            new ProjectedAgeGroup("0-2", 0, 2, "0–2 tuổi (nhà trẻ)", "0–2 (crèche)"),
            new ProjectedAgeGroup("3-5", 3, 5, "3–5 tuổi (mẫu giáo)", "3–5 (kindergarten)"),
            new ProjectedAgeGroup("6-10", 6, 10, "6–10 tuổi (tiểu học)", "6–10 (primary)"),
            new ProjectedAgeGroup("11-14", 11, 14, "11–14 tuổi (THCS)", "11–14 (lower secondary)"),
            new ProjectedAgeGroup("15-17", 15, 17, "15–17 tuổi (THPT)", "15–17 (upper secondary)"),
            new ProjectedAgeGroup("15-64", 15, 64, "15–64 tuổi (độ tuổi lao động)", "15–64 (working age)"),
            new ProjectedAgeGroup("60+", 60, 100, "60 tuổi trở lên", "60 and over"),
            new ProjectedAgeGroup("80+", 80, 100, "80 tuổi trở lên", "80 and over"));

    /** Five-year bands 0–4 … 95–99 and 100+: a pyramid. */
    public static final List<ProjectedAgeGroup> BANDS = bands();

    /** Single years 0 … 99 and 100+. */
    public static final List<ProjectedAgeGroup> SINGLE = single();

    private static List<ProjectedAgeGroup> bands()
    {
        List<ProjectedAgeGroup> bands = new ArrayList<>();
        for (int from = 0; from < 100; from += 5) {
            String code = from + "-" + (from + 4);
            bands.add(new ProjectedAgeGroup(code, from, from + 4, code.replace('-', '–'), code.replace('-', '–')));
        }
        bands.add(new ProjectedAgeGroup("100+", 100, 100, "100+", "100+"));
        return List.copyOf(bands);
    }

    private static List<ProjectedAgeGroup> single()
    {
        List<ProjectedAgeGroup> ages = new ArrayList<>();
        for (int age = 0; age < 100; age++) {
            ages.add(new ProjectedAgeGroup(Integer.toString(age), age, age, Integer.toString(age), Integer.toString(age)));
        }
        ages.add(new ProjectedAgeGroup("100+", 100, 100, "100+", "100+"));
        return List.copyOf(ages);
    }
}
