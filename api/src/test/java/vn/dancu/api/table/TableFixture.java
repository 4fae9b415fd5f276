package vn.dancu.api.table;

import vn.dancu.api.CubeFixture;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The population of three communes at three dates, for the table builder's tests: children of every single age 0–20
 * by sex (many of them small counts, in Đăk Rve and Kon Braih), adults of 30 and 70, two ethnic groups; and the exact
 * counts, kept apart from the server's answers to check them.
 */
public final class TableFixture
{
    public static final String RAVE = "23479";
    public static final String KOI = "23485";
    public static final String BRAIH = "23497";
    public static final List<String> COMMUNES = List.of(RAVE, KOI, BRAIH);
    public static final List<String> SEXES = List.of("M", "F");
    public static final List<String> DATES = List.of("2024-12-31", "2025-12-31", "2026-10-31");
    public static final String YEAR_END = "2025-12-31";

    /** date|commune|sex|age → persons (all ethnic groups). */
    public final Map<String, Long> exact = new LinkedHashMap<>();

    public void publish(Path data) throws Exception
    {
        publish(data, "v1", DATES);
    }

    /** Publishes a version with the given month ends (the same counts at the dates of {@link #DATES}: the same seed). */
    public void publish(Path data, String version, List<String> dates) throws Exception
    {
        CubeFixture stock = new CubeFixture("population_stock");
        Random random = new Random(16);
        for (String date : dates) {
            for (String commune : COMMUNES) {
                for (String sex : SEXES) {
                    for (int age = 0; age <= 20; age++) {
                        int draw = random.nextInt(20);
                        long count;
                        if (commune.equals(KOI)) {
                            // Đăk Kôi: large counts, so that its bands are published.
                            count = 20 + random.nextInt(30);
                        }
                        else {
                            count = draw < 2 ? 0 : draw < 5 ? 1 + random.nextInt(4) : 5 + random.nextInt(25);
                        }
                        add(stock, date, commune, sex, age, count);
                    }
                    add(stock, date, commune, sex, 30, 60 + random.nextInt(40));
                    add(stock, date, commune, sex, 70, 10 + random.nextInt(10));
                }
            }
        }
        stock.publish(data, version, "konray");
    }

    private void add(CubeFixture stock, String date, String commune, String sex, int age, long count)
    {
        exact.merge(date + "|" + commune + "|" + sex + "|" + age, count, Long::sum);
        if (count == 0) {
            return;
        }
        // A few persons of another ethnic group (01) among the adults.
        long other = age == 30 ? 3 : 0;
        stock.row(date, commune, sex, age, "14", "PERMANENT", count - other);
        if (other > 0) {
            stock.row(date, commune, sex, age, "01", "PERMANENT", other);
        }
    }

    public long count(String date, String commune, String sex, int fromAge, int toAge)
    {
        long sum = 0;
        for (int age = fromAge; age <= toAge; age++) {
            sum += exact.getOrDefault(date + "|" + commune + "|" + sex + "|" + age, 0L);
        }
        return sum;
    }
}
