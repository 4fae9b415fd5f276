package vn.dancu.api.projection;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A planners' indicator over the projection: a count of persons in an age range (of one sex or both), the births of
 * the year, or a ratio of two age ranges per 100. Ages are completed ages on 31 December.
 *
 * @param sex         "M", "F" or empty for both
 * @param denominator for a ratio: the range of the denominator (both sexes); the numerator is {@code ranges}
 */
public record ProjectionIndicator(String id, Kind kind, List<int[]> ranges, Optional<String> sex, Optional<int[]> denominator,
        String labelVi, String labelEn, String purposeVi, String purposeEn)
{
    public enum Kind
    {
        PERSONS, BIRTHS, RATIO
    }

    public ProjectionIndicator
    {
        requireNonNull(id, "id is null");
        requireNonNull(kind, "kind is null");
        ranges = List.copyOf(ranges);
        requireNonNull(sex, "sex is null");
        requireNonNull(denominator, "denominator is null");
        if ((kind == Kind.RATIO) != denominator.isPresent()) {
            throw new IllegalArgumentException("indicator " + id + ": a ratio, and only a ratio, has a denominator");
        }
    }

    public String label(String language)
    {
        return "en".equals(language) ? labelEn : labelVi;
    }

    public String purpose(String language)
    {
        return "en".equals(language) ? purposeEn : purposeVi;
    }

    public String unit(String language)
    {
        return switch (kind) {
            case PERSONS -> "en".equals(language) ? "persons" : "người";
            case BIRTHS -> "en".equals(language) ? "births" : "trẻ";
            case RATIO -> "en".equals(language) ? "per 100 aged 15–64" : "trên 100 người 15–64 tuổi";
        };
    }

    private static ProjectionIndicator persons(String id, int from, int to, String vi, String en, String purposeVi, String purposeEn)
    {
        return new ProjectionIndicator(id, Kind.PERSONS, List.of(new int[] {from, to}), Optional.empty(), Optional.empty(), vi, en, purposeVi, purposeEn);
    }

    private static ProjectionIndicator ratio(String id, List<int[]> numerator, String vi, String en)
    {
        return new ProjectionIndicator(id, Kind.RATIO, numerator, Optional.empty(), Optional.of(new int[] {15, 64}), vi, en,
                "Gánh nặng phụ thuộc (Tổng cục Thống kê, Liên hợp quốc: 0–14 và 65+ trên 15–64)",
                "Dependency burden (GSO, United Nations: 0–14 and 65+ over 15–64)");
    }

    /** The indicators, in the order planners read them. */
    public static final List<ProjectionIndicator> ALL = List.of(
            persons("population", 0, 100, "Dân số", "Population", "Quy mô vùng phục vụ của trạm y tế xã", "Catchment of the commune health station"),
            new ProjectionIndicator("births", Kind.BIRTHS, List.of(), Optional.empty(), Optional.empty(), "Số sinh trong năm", "Births in the year",
                    "Chăm sóc thai sản, tiêm chủng sơ sinh", "Maternity care, newborn immunisation"),
            persons("under1", 0, 0, "Trẻ dưới 1 tuổi", "Children under 1", "Tiêm chủng mở rộng", "Expanded immunisation"),
            persons("age0to2", 0, 2, "Trẻ 0–2 tuổi", "Children 0–2", "Nhà trẻ", "Crèches"),
            persons("age3to5", 3, 5, "Trẻ 3–5 tuổi", "Children 3–5", "Mẫu giáo", "Kindergartens"),
            persons("age6to10", 6, 10, "Trẻ 6–10 tuổi", "Children 6–10", "Tiểu học", "Primary schools"),
            persons("age11to14", 11, 14, "Trẻ 11–14 tuổi", "Children 11–14", "Trung học cơ sở", "Lower secondary schools"),
            persons("age15to17", 15, 17, "Thanh thiếu niên 15–17 tuổi", "Young people 15–17", "Trung học phổ thông", "Upper secondary schools"),
            new ProjectionIndicator("women15to49", Kind.PERSONS, List.of(new int[] {15, 49}), Optional.of("F"), Optional.empty(),
                    "Phụ nữ 15–49 tuổi", "Women 15–49", "Sức khỏe sinh sản, kế hoạch hóa gia đình", "Reproductive health, family planning"),
            persons("workingAge", 15, 64, "Dân số 15–64 tuổi", "Population 15–64", "Độ tuổi lao động", "Working age"),
            persons("age60plus", 60, 100, "Người từ 60 tuổi trở lên", "Persons 60 and over", "Người cao tuổi (Luật Người cao tuổi 2009)",
                    "The elderly (Law on the Elderly 2009)"),
            persons("age80plus", 80, 100, "Người từ 80 tuổi trở lên", "Persons 80 and over", "Chăm sóc dài hạn", "Long-term care"),
            ratio("youngDependency", List.of(new int[] {0, 14}), "Tỷ số phụ thuộc trẻ em", "Young-age dependency ratio"),
            ratio("oldDependency", List.of(new int[] {65, 100}), "Tỷ số phụ thuộc người già", "Old-age dependency ratio"),
            ratio("totalDependency", List.of(new int[] {0, 14}, new int[] {65, 100}), "Tỷ số phụ thuộc chung", "Total dependency ratio"));

    /** The numerator in thousandths of a person (or of a birth). */
    long numerator(ProjectionCells cells, List<String> communes, String scenario, int year)
    {
        if (kind == Kind.BIRTHS) {
            long births = 0;
            for (String commune : communes) {
                births += cells.births(commune, scenario, year);
            }
            return births;
        }
        return persons(cells, communes, scenario, year, ranges, sex);
    }

    long denominator(ProjectionCells cells, List<String> communes, String scenario, int year)
    {
        return persons(cells, communes, scenario, year, List.of(denominator.orElseThrow()), Optional.empty());
    }

    private static long persons(ProjectionCells cells, List<String> communes, String scenario, int year, List<int[]> ranges, Optional<String> sex)
    {
        long total = 0;
        for (int s = 0; s < ProjectionCells.SEXES.size(); s++) {
            if (sex.isPresent() && !sex.get().equals(ProjectionCells.SEXES.get(s))) {
                continue;
            }
            for (int[] range : ranges) {
                for (String commune : communes) {
                    for (int age = range[0]; age <= range[1]; age++) {
                        total += cells.population(commune, scenario, year, s, age);
                    }
                }
            }
        }
        return total;
    }
}
