package vn.dancu.api.query;


import java.util.ArrayList;
import java.util.List;

/**
 * Completed age read from the stored single year (0–100, 100 meaning 100 and over) as single years ({@code age}:
 * {@code 0} … {@code 99}, {@code 100+}), 5-year bands ({@code ageBand}: {@code 0-4} … {@code 95-99}, {@code 100+})
 * or the broad groups of the dependency ratios ({@code ageBroad}: {@code 0-14}, {@code 15-59}, {@code 60-64},
 * {@code 65+}). Each nests in the next, which is how disclosure control sees them.
 */
public record AgeDimension(Grouping grouping, String base) implements QueryDimension
{
    public static final int OPEN_AGE = 100;
    public static final List<String> BROAD = List.of("0-14", "15-59", "60-64", "65+");

    public enum Grouping
    {
        SINGLE("age"), BAND("ageBand"), BROAD("ageBroad");

        private final String queryName;

        Grouping(String queryName)
        {
            this.queryName = queryName;
        }

        public String queryName()
        {
            return queryName;
        }
    }

    public static AgeDimension of(Grouping grouping, String base)
    {
        return new AgeDimension(grouping, base);
    }

    @Override
    public String name()
    {
        return grouping.queryName();
    }

    @Override
    public String map(String baseCode)
    {
        return group(Integer.parseInt(baseCode), grouping);
    }

    static String group(int age, Grouping grouping)
    {
        return switch (grouping) {
            case SINGLE -> age >= OPEN_AGE ? OPEN_AGE + "+" : Integer.toString(age);
            case BAND -> {
                if (age >= OPEN_AGE) {
                    yield OPEN_AGE + "+";
                }
                int low = age / 5 * 5;
                yield low + "-" + (low + 4);
            }
            case BROAD -> age < 15 ? "0-14" : age < 60 ? "15-59" : age < 65 ? "60-64" : "65+";
        };
    }

    @Override
    public List<String> codes()
    {
        return codes(grouping);
    }

    static List<String> codes(Grouping grouping)
    {
        List<String> codes = new ArrayList<>();
        switch (grouping) {
            case SINGLE -> {
                for (int age = 0; age < OPEN_AGE; age++) {
                    codes.add(Integer.toString(age));
                }
                codes.add(OPEN_AGE + "+");
            }
            case BAND -> {
                for (int low = 0; low < OPEN_AGE; low += 5) {
                    codes.add(low + "-" + (low + 4));
                }
                codes.add(OPEN_AGE + "+");
            }
            case BROAD -> codes.addAll(BROAD);
        }
        return codes;
    }

    /** First age of a code of any grouping ("15-19" → 15, "100+" → 100, "7" → 7). */
    public static int firstAge(String code)
    {
        return Integer.parseInt(code.replace("+", "").split("-")[0]);
    }

    @Override
    public String label(String code, String language)
    {
        boolean english = "en".equals(language);
        if (code.endsWith("+")) {
            return english ? code.replace("+", " and over") : code.replace("+", " tuổi trở lên");
        }
        String range = code.replace("-", "–");
        return english ? range : range + " tuổi";
    }

    @Override
    public String title(String language)
    {
        boolean english = "en".equals(language);
        return switch (grouping) {
            case SINGLE -> english ? "Age" : "Tuổi";
            case BAND -> english ? "Age group (5 years)" : "Nhóm tuổi (5 năm)";
            case BROAD -> english ? "Broad age group" : "Nhóm tuổi lớn";
        };
    }
}
