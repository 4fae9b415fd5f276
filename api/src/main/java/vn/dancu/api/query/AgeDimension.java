package vn.dancu.api.query;

import java.util.ArrayList;
import java.util.List;

/**
 * Completed age read as single years ({@code age}: 0–99, {@code 100+}) or in 5-year bands ({@code ageBand}:
 * {@code 0-4} … {@code 95-99}, {@code 100+}), derived from the stored single year (100 = 100 and over).
 */
public record AgeDimension(String name, String base, int width) implements QueryDimension
{
    public static final int OPEN_AGE = 100;

    public static AgeDimension single(String base)
    {
        return new AgeDimension("age", base, 1);
    }

    public static AgeDimension fiveYearBands(String base)
    {
        return new AgeDimension("ageBand", base, 5);
    }

    @Override
    public String map(String baseCode)
    {
        int age = Integer.parseInt(baseCode);
        if (age >= OPEN_AGE) {
            return OPEN_AGE + "+";
        }
        if (width == 1) {
            return Integer.toString(age);
        }
        int low = age / width * width;
        return low + "-" + (low + width - 1);
    }

    @Override
    public List<String> codes()
    {
        List<String> codes = new ArrayList<>();
        for (int low = 0; low < OPEN_AGE; low += width) {
            codes.add(width == 1 ? Integer.toString(low) : low + "-" + (low + width - 1));
        }
        codes.add(OPEN_AGE + "+");
        return codes;
    }

    @Override
    public String label(String code, String language)
    {
        String range = code.replace("-", "–");
        return "en".equals(language) ? range : range + " tuổi";
    }

    @Override
    public String title(String language)
    {
        if (width == 1) {
            return "en".equals(language) ? "Age" : "Tuổi";
        }
        return "en".equals(language) ? "Age group (5 years)" : "Nhóm tuổi (5 năm)";
    }
}
