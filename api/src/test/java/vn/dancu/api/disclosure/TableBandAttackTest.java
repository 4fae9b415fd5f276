package vn.dancu.api.disclosure;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dancu.api.CubeFixture;
import vn.dancu.api.TestServer;
import vn.dancu.api.access.Role;
import vn.dancu.datasets.geo.Area;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.dancu.api.TestServer.json;

/**
 * The attacker of the table builder's custom age bands and totals, written apart from the production code: as a
 * planner, it asks every contiguous band over the ages 0–20 (231 tables of communes × band × sex, with their totals)
 * and every table of the query API by commune, age (single, 5-year, broad) and sex, then tries to recover a withheld
 * count two ways: every pair of published figures of one commune and sex differenced (a band against another band,
 * against a published 5-year or broad group, against a single age), and every linear combination of everything
 * published (elimination over the finest cells, {@link ModularSpan}). The exact counts, asked as a statistician,
 * only score the attack.
 */
class TableBandAttackTest
{
    private static final List<String> COMMUNES = List.of("23479", "23485", "23497");
    private static final List<String> SEXES = List.of("M", "F");
    private static final String DATE = "2025-12-31";
    private static final int AGES = 101;
    private static final int OLDEST_BAND_AGE = 20;

    @TempDir
    static Path data;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception
    {
        CubeFixture stock = new CubeFixture("population_stock");
        Random random = new Random(2026);
        for (String commune : COMMUNES) {
            for (String sex : SEXES) {
                for (int age = 0; age <= 24; age++) {
                    int draw = random.nextInt(10);
                    long count = draw < 2 ? 0 : draw < 5 ? 1 + random.nextInt(4) : 5 + random.nextInt(20);
                    if (count > 0) {
                        stock.row(DATE, commune, sex, age, "14", "PERMANENT", count);
                    }
                }
                stock.row(DATE, commune, sex, 40, "14", "PERMANENT", 50 + random.nextInt(50));
            }
        }
        stock.publish(data, "v1", "konray");
        server = TestServer.start(data, Area.konray(), "population_stock");
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    /** A figure the planner got: the finest cells it sums (commune, sex, age), its value, whether it was withheld, and where it came from. */
    private record Figure(int[] cells, long value, boolean withheld, String what) {}

    private static int cell(int commune, int sex, int age)
    {
        return (commune * 2 + sex) * AGES + age;
    }

    @Test
    void noPairOfBandsAndNoCombinationOfEverythingPublishedRevealsAWithheldCount()
    {
        long[] exact = new long[COMMUNES.size() * 2 * AGES];
        JsonNode truth = ok(server.get("/api/v1/cubes/population_stock/query?dims=unit,age,sex&date=" + DATE, Role.STATISTICIAN));
        for (JsonNode row : truth.get("rows")) {
            exact[cell(COMMUNES.indexOf(row.get("unit").asText()), SEXES.indexOf(row.get("sex").asText()), firstAge(row.get("age").asText()))] =
                    row.get("population").asLong();
        }
        List<Figure> figures = new ArrayList<>();
        int tables = 0;
        // Every contiguous band a–b over 0–20, as a table of communes × band × sex with its totals.
        for (int from = 0; from <= OLDEST_BAND_AGE; from++) {
            for (int to = from; to <= OLDEST_BAND_AGE; to++) {
                JsonNode table = ok(server.get("/api/v1/tables?cube=population_stock&rows=unit,ageCustom&cols=sex&ageBands=" + from + "-" + to
                        + "&date=" + DATE, Role.PLANNER));
                tables++;
                String band = from + "-" + to;
                for (int c = 0; c < 3; c++) {
                    assertEquals(COMMUNES.get(c), table.get("rows").get("headers").get(c).get("codes").get(0).asText());
                    for (int s = 0; s < 2; s++) {
                        figures.add(figure(table.get("cells").get(c).get(s), cells(List.of(c), List.of(s), from, to), "band " + band + " " + c + s));
                    }
                    figures.add(figure(table.get("rowTotals").get(c), cells(List.of(c), List.of(0, 1), from, to), "row total " + band + " " + c));
                }
                for (int s = 0; s < 2; s++) {
                    figures.add(figure(table.get("columnTotals").get(s), cells(List.of(0, 1, 2), List.of(s), from, to), "column total " + band + " " + s));
                }
                figures.add(figure(table.get("grandTotal"), cells(List.of(0, 1, 2), List.of(0, 1), from, to), "grand total " + band));
            }
        }
        assertEquals(231, tables);
        // Every table of the query API by commune, age and sex (and their margins), the zeros it leaves out included.
        for (boolean byUnit : List.of(true, false)) {
            for (String age : List.of("age", "ageBand", "ageBroad", "")) {
                for (boolean bySex : List.of(true, false)) {
                    List<String> dims = new ArrayList<>();
                    if (byUnit) {
                        dims.add("unit");
                    }
                    if (!age.isEmpty()) {
                        dims.add(age);
                    }
                    if (bySex) {
                        dims.add("sex");
                    }
                    figures.addAll(query(dims, byUnit, age, bySex));
                }
            }
        }

        // Every published figure is the true sum of its cells.
        ModularSpan span = new ModularSpan();
        int published = 0;
        int withheld = 0;
        for (Figure figure : figures) {
            if (figure.withheld()) {
                withheld++;
                continue;
            }
            long sum = 0;
            for (int cell : figure.cells()) {
                sum += exact[cell];
            }
            assertEquals(sum, figure.value(), figure.what());
            span.add(figure.cells(), ones(figure.cells().length));
            published++;
        }
        assertTrue(withheld >= 100, "the bands and tables withhold figures: " + withheld);

        // Pairs: a published figure minus another published figure of the same commune and sex, the second's ages inside the first's.
        Map<String, List<Figure>> byCommuneAndSex = new LinkedHashMap<>();
        Map<String, Boolean> withheldSets = new LinkedHashMap<>();
        for (Figure figure : figures) {
            TreeSet<Integer> groups = new TreeSet<>();
            for (int cell : figure.cells()) {
                groups.add(cell / AGES);
            }
            if (groups.size() != 1) {
                continue;
            }
            String key = Integer.toString(groups.first());
            if (figure.withheld()) {
                if (figure.what().startsWith("query")) {
                    // The counts disclosure control protects: the withheld cells of the query API's linked tables.
                    withheldSets.put(key + "|" + ages(figure.cells()), true);
                }
            }
            else {
                byCommuneAndSex.computeIfAbsent(key, k -> new ArrayList<>()).add(figure);
            }
        }
        int pairs = 0;
        List<String> revealed = new ArrayList<>();
        for (Map.Entry<String, List<Figure>> group : byCommuneAndSex.entrySet()) {
            for (Figure outer : group.getValue()) {
                TreeSet<Integer> outerAges = ages(outer.cells());
                for (Figure inner : group.getValue()) {
                    TreeSet<Integer> innerAges = ages(inner.cells());
                    if (outer == inner || !outerAges.containsAll(innerAges) || outerAges.equals(innerAges)) {
                        continue;
                    }
                    pairs++;
                    TreeSet<Integer> difference = new TreeSet<>(outerAges);
                    difference.removeAll(innerAges);
                    if (withheldSets.containsKey(group.getKey() + "|" + difference)) {
                        revealed.add(outer.what() + " − " + inner.what() + " = " + (outer.value() - inner.value()));
                    }
                }
            }
        }
        assertTrue(pairs > 1_000, "pairs differenced: " + pairs);
        System.out.printf("table band attack: %d tables, %d figures (%d published, %d withheld), %d pairs differenced%n", tables, figures.size(), published, withheld, pairs);
        assertEquals(List.of(), revealed);

        // Every linear combination: no withheld cell of the query API's tables, and no single small count, lies in the span
        // of everything published. (A band withheld because one of its ages is may still be computable from published
        // figures, e.g. ages 1–4 as the 5-year group 0–4 minus age 0: that withholds more than needed and reveals nothing.)
        List<String> recovered = new ArrayList<>();
        int computableBands = 0;
        for (Figure figure : figures) {
            if (figure.withheld() && span.spans(figure.cells(), ones(figure.cells().length))) {
                if (figure.what().startsWith("query")) {
                    recovered.add(figure.what());
                }
                else {
                    computableBands++;
                }
            }
        }
        System.out.printf("table band attack: %d withheld band figures are computable from published ones anyway (withheld more than needed)%n",
                computableBands);
        int small = 0;
        for (int cell = 0; cell < exact.length; cell++) {
            if (exact[cell] >= 1 && exact[cell] < 5) {
                small++;
                if (span.spans(new int[] {cell}, new long[] {1})) {
                    recovered.add("single cell " + cell + " = " + exact[cell]);
                }
            }
        }
        assertTrue(small >= 20, "the fixture has small counts: " + small);
        assertEquals(List.of(), recovered, published + " published, " + withheld + " withheld");
    }

    private List<Figure> query(List<String> dims, boolean byUnit, String age, boolean bySex)
    {
        JsonNode body = ok(server.get("/api/v1/cubes/population_stock/query?date=" + DATE + (dims.isEmpty() ? "" : "&dims=" + String.join(",", dims)),
                Role.PLANNER));
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        for (JsonNode row : body.get("rows")) {
            rows.put((byUnit ? row.get("unit").asText() : "") + "|" + (age.isEmpty() ? "" : row.get(age).asText()) + "|"
                    + (bySex ? row.get("sex").asText() : ""), row);
        }
        List<Figure> figures = new ArrayList<>();
        List<String> ageCodes = switch (age) {
            case "age" -> singleAges();
            case "ageBand" -> bands();
            case "ageBroad" -> List.of("0-14", "15-59", "60-64", "65+");
            default -> List.of("");
        };
        for (String unit : byUnit ? COMMUNES : List.of("")) {
            for (String ageCode : ageCodes) {
                for (String sex : bySex ? SEXES : List.of("")) {
                    JsonNode row = rows.get(unit + "|" + ageCode + "|" + sex);
                    int[] range = ageCode.isEmpty() ? new int[] {0, 100} : range(ageCode);
                    int[] cells = cells(unit.isEmpty() ? List.of(0, 1, 2) : List.of(COMMUNES.indexOf(unit)), sex.isEmpty() ? List.of(0, 1)
                            : List.of(SEXES.indexOf(sex)), range[0], range[1]);
                    String what = "query " + dims + " " + unit + "|" + ageCode + "|" + sex;
                    // A combination the answer leaves out is a published zero.
                    figures.add(row == null ? new Figure(cells, 0, false, what)
                            : new Figure(cells, row.get("population").isNull() ? 0 : row.get("population").asLong(), row.get("population").isNull(), what));
                }
            }
        }
        return figures;
    }

    private static List<String> singleAges()
    {
        List<String> ages = new ArrayList<>();
        for (int age = 0; age < 100; age++) {
            ages.add(Integer.toString(age));
        }
        ages.add("100+");
        return ages;
    }

    private static List<String> bands()
    {
        List<String> bands = new ArrayList<>();
        for (int low = 0; low < 100; low += 5) {
            bands.add(low + "-" + (low + 4));
        }
        bands.add("100+");
        return bands;
    }

    private static int firstAge(String code)
    {
        return Integer.parseInt(code.replace("+", "").split("-")[0]);
    }

    private static int[] range(String code)
    {
        if (code.endsWith("+")) {
            return new int[] {firstAge(code), 100};
        }
        String[] parts = code.split("-");
        return parts.length == 1 ? new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[0])}
                : new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    }

    private static int[] cells(List<Integer> communes, List<Integer> sexes, int from, int to)
    {
        List<Integer> cells = new ArrayList<>();
        for (int c : communes) {
            for (int s : sexes) {
                for (int age = from; age <= to; age++) {
                    cells.add(cell(c, s, age));
                }
            }
        }
        return cells.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    private static TreeSet<Integer> ages(int[] cells)
    {
        TreeSet<Integer> ages = new TreeSet<>();
        for (int cell : cells) {
            ages.add(cell % AGES);
        }
        return ages;
    }

    private static Figure figure(JsonNode cell, int[] cells, String what)
    {
        boolean withheld = "suppressed".equals(cell.get("status").asText());
        assertEquals(withheld ? "suppressed" : "ok", cell.get("status").asText(), what);
        return new Figure(cells, withheld ? 0 : cell.get("value").asLong(), withheld, what);
    }

    private static long[] ones(int length)
    {
        long[] ones = new long[length];
        java.util.Arrays.fill(ones, 1);
        return ones;
    }

    private static JsonNode ok(HttpResponse<String> response)
    {
        assertEquals(200, response.statusCode(), response.body());
        return json(response);
    }
}
