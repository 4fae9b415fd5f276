package vn.dancu.api.disclosure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import vn.dancu.datasets.geo.AdminCatalogue;
import vn.dancu.datasets.geo.AdminUnit;
import vn.dancu.datasets.geo.Area;
import vn.dancu.datasets.geo.Reorganisation2025;
import vn.dancu.datasets.geo.UnitLevel;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * An outsider who downloads every table the server lets its callers fetch and solves exactly for the withheld cells.
 * It is written apart from the production code (it reads only the served answers, the served cube metadata and the
 * public catalogue of administrative units) and it <b>enumerates</b>: for every cube the callers may see, every
 * combination of the query dimensions (at most one grouping of age), every level, both geographies and every
 * reference date or year, as each caller; the server's refusals (403, 400) are what the access rules forbid, and
 * every answer it gives is an equation.
 *
 * <p>The unknowns are the finest cells of each cube (units in force on the date, single years of age, every code of
 * every category, and each month of a flow), all of them, not only those that hold people. A published value is an
 * equation over the finest cells it sums (as the attacker computes it from the question: recoding of units and
 * ages, moves within one unit of the asked level left out). A published zero, and a row an answer leaves out (a
 * zero), fixes every finest cell below it to 0: that is the only use of the bounds ≥ 0; narrowing a cell to an
 * interval is not attempted. Facts an outsider knows about the cubes are equations too:
 * <ul>
 *   <li>a move within the area is counted once where it arrives and once where it leaves (BETWEEN_IN = BETWEEN_OUT
 *   of the same person, month, sex and age group);</li>
 *   <li>members of households of an exact size s are s × households;</li>
 *   <li>the population cube and the identity-document cube count the same residents (by commune, sex and the
 *   identity age groups);</li>
 *   <li>the demographic balance: the change of a 2025 commune's population by sex between two year ends is its
 *   births − deaths + moves in − moves out of the year (used when both year ends are published).</li>
 * </ul>
 * Tables of one reference date (stocks) or of one year (flows) are solved together, with their linked cubes; the
 * solver is {@link ModularSpan}. The true finest values (asked with a statistician's token) are used only to score
 * the attack and to check that every published value is the sum the attacker's model says it is.
 */
public final class EnumeratingAttacker
{
    /** Who asks: a name for the report and the Authorization header (empty for anonymous). */
    public record Caller(String name, Optional<String> authorization, Set<String> scope)
    {
        public Caller
        {
            requireNonNull(name, "name is null");
            requireNonNull(authorization, "authorization is null");
            scope = Set.copyOf(scope);
        }
    }

    /** What the attack did and found. */
    public record Figures(int blocks, long questions, long tables, long refused, long cells, long publishedValues, long equations,
            long unknowns, long suppressedCells, long suppressedSmall, long recovered, long recoveredSmall, List<String> recoveredExamples,
            List<String> inconsistencies, List<String> serverErrors, long exportsCompared, List<String> exportMismatches)
    {
        public String summary()
        {
            return String.format(java.util.Locale.ROOT, "%d blocks, %,d questions asked, %,d tables fetched (%,d refused), %,d cells read,"
                            + " %,d published values, %,d independent equations over %,d unknown finest cells, %,d withheld cells tried"
                            + " (%,d of them counts of 1 to threshold−1): %,d recovered, %,d of them small; %,d exports compared with the JSON",
                    blocks, questions, tables, refused, cells, publishedValues, equations, unknowns, suppressedCells, suppressedSmall, recovered,
                    recoveredSmall, exportsCompared);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LEVELS = List.of("commune", "district", "province", "area");
    private static final List<String> GEOGRAPHIES = List.of("2025", "asof");
    private static final List<String> AGE_GROUPINGS = List.of("age", "ageBand", "ageBroad");
    private static final String OUTSIDE = "OUTSIDE";
    private static final String AREA = "AREA";
    /** The row of the answers for stored commune codes the catalogue cannot place: one more finest unit. */
    private static final String UNKNOWN = "UNKNOWN";
    private static final List<String> STOCK_GROUP = List.of("population_stock", "identity_coverage");
    private static final List<String> FLOW_GROUP = List.of("births", "deaths", "migration");

    private final String baseUrl;
    private final List<Caller> callers;
    private final Caller exact;
    private final AdminCatalogue catalogue;
    private final Area area;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ExecutorService pool;
    private final Consumer<String> log;
    private final boolean exports;
    private final boolean filters;
    private final Map<String, List<String>> communeCache = new HashMap<>();
    private List<LocalDate> populationDates = List.of();

    /**
     * @param callers the callers whose answers are combined (e.g. anonymous, a leader, a one-commune account)
     * @param exact   a caller with exact counts, used only to score the attack
     * @param exports whether to download every table of the first caller in each export format for the latest block of
     *                each cube and compare it with the JSON
     * @param filters whether to ask, for the latest block of each cube, every question again with each one-code filter
     */
    public EnumeratingAttacker(String baseUrl, List<Caller> callers, Caller exact, Area area, boolean exports, boolean filters, int threads,
            Consumer<String> log)
    {
        this.filters = filters;
        this.baseUrl = requireNonNull(baseUrl, "baseUrl is null");
        this.callers = List.copyOf(callers);
        this.exact = requireNonNull(exact, "exact is null");
        this.area = requireNonNull(area, "area is null");
        this.catalogue = area.catalogue();
        this.exports = exports;
        this.pool = Executors.newFixedThreadPool(threads);
        this.log = requireNonNull(log, "log is null");
    }

    // ------------------------------------------------------------------ metadata

    /** A cube as the metadata describes it. */
    private record Cube(String name, String time, List<String> queryDimensions, List<String> measures, List<LocalDate> refDates,
            List<Integer> periods, Map<String, List<String>> codes, List<BaseDimension> base) {}

    /** A stored dimension: its query name at the finest grouping, and its kind. */
    private record BaseDimension(String name, String kind) {}

    private Map<String, Cube> cubes()
    {
        Map<String, Cube> cubes = new LinkedHashMap<>();
        for (Caller caller : callers) {
            JsonNode list = get("/api/v1/cubes", caller).json();
            for (JsonNode cube : list.get("cubes")) {
                if (!cube.get("available").asBoolean() || cubes.containsKey(cube.get("name").asText())) {
                    continue;
                }
                List<String> dimensions = new ArrayList<>();
                cube.get("queryDimensions").forEach(name -> dimensions.add(name.asText()));
                List<String> measures = new ArrayList<>();
                cube.get("measures").forEach(measure -> measures.add(measure.get("name").asText()));
                List<LocalDate> dates = new ArrayList<>();
                cube.get("refDates").forEach(date -> dates.add(LocalDate.parse(date.asText())));
                List<Integer> periods = new ArrayList<>();
                cube.get("periods").forEach(year -> periods.add(year.asInt()));
                Map<String, List<String>> codes = new LinkedHashMap<>();
                List<BaseDimension> base = new ArrayList<>();
                for (JsonNode dimension : cube.get("dimensions")) {
                    String name = dimension.get("name").asText();
                    String kind = dimension.get("kind").asText();
                    base.add(new BaseDimension(kind.equals("AGE") ? "age" : name, kind));
                    if (dimension.has("codes")) {
                        List<String> values = new ArrayList<>();
                        dimension.get("codes").forEach(code -> values.add(code.get("code").asText()));
                        codes.put(name, values);
                    }
                }
                cubes.put(cube.get("name").asText(), new Cube(cube.get("name").asText(), cube.get("time").asText(), dimensions, measures, dates,
                        periods, codes, base));
            }
        }
        return cubes;
    }

    // ------------------------------------------------------------------ questions and answers

    /**
     * One question: a cube, the shown dimensions, level, geography, a date or a period, and at most one filter.
     *
     * @param from the first month end a period sums (with {@code to}); null when the question sums every month of the block
     */
    private record Question(String cube, List<String> dims, String level, String geo, String time, String filterDimension, String filterCode,
            LocalDate from, LocalDate to)
    {
        Question(String cube, List<String> dims, String level, String geo, String time, String filterDimension, String filterCode)
        {
            this(cube, dims, level, geo, time, filterDimension, filterCode, null, null);
        }

        /** Whether the question sums a finest cell of this month end. */
        boolean sums(LocalDate date)
        {
            return from == null || (!java.time.YearMonth.from(date).isBefore(java.time.YearMonth.from(from))
                    && !java.time.YearMonth.from(date).isAfter(java.time.YearMonth.from(to)));
        }

        String path(boolean export, String format)
        {
            StringBuilder path = new StringBuilder("/api/v1/cubes/").append(cube).append(export ? "/export?format=" + format + "&" : "/query?");
            path.append("level=").append(level).append("&geo=").append(geo).append("&").append(time);
            if (!dims.isEmpty()) {
                path.append("&dims=").append(String.join(",", dims));
            }
            if (filterDimension != null) {
                path.append("&filter=").append(URLEncoder.encode(filterDimension + ":" + filterCode, StandardCharsets.UTF_8));
            }
            return path.toString();
        }
    }

    /** A row of an answer: codes of the shown dimensions and one value per measure (null = withheld). */
    private record AnswerRow(List<String> codes, Long[] values) {}

    private record Answer(Question question, Caller caller, List<AnswerRow> rows, boolean controlled, String counted, long threshold)
    {
        Map<String, AnswerRow> byKey()
        {
            Map<String, AnswerRow> map = new HashMap<>();
            for (AnswerRow row : rows) {
                map.put(String.join("|", row.codes()), row);
            }
            return map;
        }
    }

    private record Response(int status, String body)
    {
        JsonNode json()
        {
            try {
                return JSON.readTree(body);
            }
            catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private Response get(String path, Caller caller)
    {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
        caller.authorization().ifPresent(value -> request.header("Authorization", value));
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        }
        catch (Exception e) {
            throw new AssertionError("GET " + path + " failed", e);
        }
    }

    private byte[] getBytes(String path, Caller caller)
    {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
        caller.authorization().ifPresent(value -> request.header("Authorization", value));
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + path + " answered " + response.statusCode());
            }
            return response.body();
        }
        catch (InterruptedException | java.io.IOException e) {
            throw new AssertionError("GET " + path + " failed", e);
        }
    }

    private static Answer answer(Question question, Caller caller, JsonNode body, List<String> measures)
    {
        List<AnswerRow> rows = new ArrayList<>();
        for (JsonNode row : body.get("rows")) {
            List<String> codes = new ArrayList<>();
            for (String dimension : question.dims()) {
                codes.add(row.get(dimension).asText());
            }
            Long[] values = new Long[measures.size()];
            for (int m = 0; m < measures.size(); m++) {
                JsonNode value = row.get(measures.get(m));
                values[m] = value == null || value.isNull() ? null : value.asLong();
            }
            rows.add(new AnswerRow(codes, values));
        }
        JsonNode disclosure = body.get("disclosure");
        boolean controlled = disclosure != null && !disclosure.get("threshold").isNull();
        return new Answer(question, caller, rows, controlled, controlled ? disclosure.get("measure").asText() : null,
                controlled ? disclosure.get("threshold").asLong() : 0);
    }

    /** Every question of a cube at one date or year: dimension combinations × levels × geographies. */
    private static List<Question> questions(Cube cube, String time)
    {
        return questions(cube, new Timed(time, null, null));
    }

    /** Every question of a cube at one date or period: dimension combinations × levels × geographies. */
    private static List<Question> questions(Cube cube, Timed timed)
    {
        List<String> plain = cube.queryDimensions().stream().filter(name -> !AGE_GROUPINGS.contains(name)).toList();
        List<String> ages = cube.queryDimensions().stream().filter(AGE_GROUPINGS::contains).toList();
        List<List<String>> combinations = new ArrayList<>();
        for (int mask = 0; mask < (1 << plain.size()); mask++) {
            List<String> dims = new ArrayList<>();
            for (int i = 0; i < plain.size(); i++) {
                if ((mask & (1 << i)) != 0) {
                    dims.add(plain.get(i));
                }
            }
            combinations.add(dims);
            for (String age : ages) {
                List<String> withAge = new ArrayList<>(dims);
                withAge.add(age);
                combinations.add(withAge);
            }
        }
        List<Question> questions = new ArrayList<>();
        for (List<String> dims : combinations) {
            for (String level : LEVELS) {
                for (String geo : GEOGRAPHIES) {
                    questions.add(new Question(cube.name(), dims, level, geo, timed.time(), null, null, timed.from(), timed.to()));
                }
            }
        }
        return questions;
    }

    /**
     * Questions with one filter: every combination of dimensions at level commune on the 2025 units, filtered on one
     * dimension it does not show, for every code that dimension's own table shows non-empty (an empty code gives zeros).
     */
    private static List<Question> filterQuestions(Block part, List<Answer> answers)
    {
        Map<String, Set<String>> present = new LinkedHashMap<>();
        for (Answer answer : answers) {
            Question question = answer.question();
            if (question.cube().equals(part.cube().name()) && question.dims().size() == 1 && question.filterDimension() == null
                    && question.level().equals("commune") && question.geo().equals("2025") && answer.caller().scope().isEmpty()) {
                Set<String> codes = present.computeIfAbsent(question.dims().get(0), k -> new LinkedHashSet<>());
                answer.rows().forEach(row -> codes.add(row.codes().get(0)));
            }
        }
        List<Question> questions = new ArrayList<>();
        for (Question base : questions(part.cube(), part.time())) {
            if (!base.level().equals("commune") || !base.geo().equals("2025")) {
                continue;
            }
            boolean showsAge = base.dims().stream().anyMatch(AGE_GROUPINGS::contains);
            for (Map.Entry<String, Set<String>> dimension : present.entrySet()) {
                String name = dimension.getKey();
                if (base.dims().contains(name) || (showsAge && AGE_GROUPINGS.contains(name)) || name.equals("otherUnit")) {
                    continue;
                }
                for (String code : dimension.getValue()) {
                    questions.add(new Question(base.cube(), base.dims(), base.level(), base.geo(), base.time(), name, code));
                }
            }
        }
        return questions;
    }

    // ------------------------------------------------------------------ the finest cells

    /** The finest cells of one cube in one block: every combination of finest codes, per month for flows. */
    private final class Finest
    {
        final Cube cube;
        final List<LocalDate> dates;
        final List<BaseDimension> dims;
        /** Finest codes of each dimension (for units: per date, the units in force). */
        final List<List<List<String>>> codes = new ArrayList<>();
        final List<int[]> cells = new ArrayList<>();
        final Map<String, Integer> index = new HashMap<>();
        long[][] truth;

        final int unitDimension;
        final int otherDimension;
        final int flowDimension;
        final int ageDimension;
        private final Map<String, Integer> dimensionIndex = new HashMap<>();
        /** Per geographic dimension: date, finest commune, geography×level → the unit shown (null when none). */
        private final Map<Integer, String[][][]> units = new HashMap<>();
        private final String[][] ages;

        private final Map<String, Set<String>> empty;

        /** @param empty codes of a dimension the published one-dimensional totals show empty: no finest cell with them */
        Finest(Cube cube, List<LocalDate> dates, Map<String, Set<String>> empty)
        {
            this.empty = empty;
            this.cube = cube;
            this.dates = dates;
            this.dims = cube.base();
            for (int d = 0; d < dims.size(); d++) {
                dimensionIndex.put(dims.get(d).name(), d);
            }
            unitDimension = dimension("unit");
            otherDimension = dimension("otherUnit");
            flowDimension = dimension("flow");
            ageDimension = dimension("age");
            ages = new String[101][3];
            for (int age = 0; age <= 100; age++) {
                String single = age == 100 ? "100+" : Integer.toString(age);
                for (int g = 0; g < 3; g++) {
                    ages[age][g] = ageCode(single, AGE_GROUPINGS.get(g));
                }
            }
            for (BaseDimension dimension : dims) {
                List<List<String>> perDate = new ArrayList<>();
                for (LocalDate date : dates) {
                    perDate.add(finestCodes(cube, dimension, date));
                }
                codes.add(perDate);
            }
            for (int d = 0; d < dates.size(); d++) {
                int[] cell = new int[dims.size() + 1];
                cell[0] = d;
                enumerate(cell, 0);
            }
            truth = new long[cube.measures().size()][cells.size()];
        }

        private void enumerate(int[] cell, int position)
        {
            if (position == dims.size()) {
                if (possible(cell)) {
                    index.put(key(cell), cells.size());
                    cells.add(cell.clone());
                }
                return;
            }
            List<String> values = codes.get(position).get(cell[0]);
            Set<String> none = empty.getOrDefault(dims.get(position).name(), Set.of());
            for (int i = 0; i < values.size(); i++) {
                if (none.contains(values.get(i))) {
                    continue;
                }
                cell[position + 1] = i;
                enumerate(cell, position + 1);
            }
        }

        /** Moves: IN and OUT have no unit at the other end; moves within the area join two different communes. */
        private boolean possible(int[] cell)
        {
            int flow = dimension("flow");
            int other = dimension("otherUnit");
            if (flow < 0 || other < 0) {
                return true;
            }
            String flowCode = code(cell, flow);
            String otherCode = code(cell, other);
            if (flowCode.startsWith("BETWEEN")) {
                return !otherCode.equals(OUTSIDE) && !otherCode.equals(code(cell, dimension("unit")));
            }
            return otherCode.equals(OUTSIDE);
        }

        int dimension(String name)
        {
            return dimensionIndex.getOrDefault(name, -1);
        }

        String unitAt(int[] cell, int dimension, int geoLevel)
        {
            String[][][] table = units.get(dimension);
            if (table == null) {
                table = new String[dates.size()][][];
                for (int d = 0; d < dates.size(); d++) {
                    List<String> communes = codes.get(dimension).get(d);
                    table[d] = new String[communes.size()][GEOGRAPHIES.size() * LEVELS.size()];
                    for (int c = 0; c < communes.size(); c++) {
                        for (int g = 0; g < GEOGRAPHIES.size(); g++) {
                            for (int l = 0; l < LEVELS.size(); l++) {
                                table[d][c][g * LEVELS.size() + l] = unit(communes.get(c), dates.get(d), GEOGRAPHIES.get(g), LEVELS.get(l));
                            }
                        }
                    }
                }
                units.put(dimension, table);
            }
            return table[cell[0]][cell[dimension + 1]][geoLevel];
        }

        String ageAt(int[] cell, int grouping)
        {
            return ages[cell[ageDimension + 1]][grouping];
        }

        String code(int[] cell, int dimension)
        {
            return codes.get(dimension).get(cell[0]).get(cell[dimension + 1]);
        }

        LocalDate date(int[] cell)
        {
            return dates.get(cell[0]);
        }

        String key(int[] cell)
        {
            StringBuilder key = new StringBuilder().append(cell[0]);
            for (int d = 0; d < dims.size(); d++) {
                key.append('|').append(code(cell, d));
            }
            return key.toString();
        }
    }

    private List<String> finestCodes(Cube cube, BaseDimension dimension, LocalDate date)
    {
        return switch (dimension.kind()) {
            case "GEOGRAPHY" -> {
                List<String> communes = new ArrayList<>(communes(date));
                communes.add(UNKNOWN);
                if (dimension.name().equals("otherUnit")) {
                    communes.add(OUTSIDE);
                }
                yield communes;
            }
            case "AGE" -> {
                List<String> ages = new ArrayList<>();
                for (int age = 0; age < 100; age++) {
                    ages.add(Integer.toString(age));
                }
                ages.add("100+");
                yield ages;
            }
            default -> cube.codes().get(dimension.name());
        };
    }

    private List<String> communes(LocalDate date)
    {
        return communeCache.computeIfAbsent(date.toString(), key -> area.communes(catalogue, date).stream().map(AdminUnit::code).sorted().toList());
    }

    /**
     * Codes a published one-dimensional total of the whole area over every month of the block shows empty (a zero or no
     * row): every finest cell with them is pinned to 0, so they need not be enumerated. Not for moves, whose totals leave out moves within a unit.
     */
    private static Map<String, Set<String>> emptyCodes(Cube cube, List<LocalDate> dates, List<Answer> answers)
    {
        Map<String, Set<String>> empty = new HashMap<>();
        if (cube.queryDimensions().contains("flow")) {
            return empty;
        }
        for (Answer answer : answers) {
            Question question = answer.question();
            if (!question.cube().equals(cube.name()) || question.dims().size() != 1 || question.filterDimension() != null
                    || !answer.caller().scope().isEmpty() || !question.level().equals("area") || !dates.stream().allMatch(question::sums)) {
                continue;
            }
            String dimension = question.dims().get(0);
            if (dimension.equals("unit") || dimension.equals("ageBand") || dimension.equals("ageBroad")) {
                continue;
            }
            List<String> codes = dimension.equals("age") ? null : cube.codes().get(dimension);
            Set<String> shown = new java.util.HashSet<>();
            int counted = cube.measures().indexOf(answer.counted());
            for (AnswerRow row : answer.rows()) {
                if (row.values()[counted] == null || row.values()[counted] != 0) {
                    shown.add(row.codes().get(0));
                }
            }
            Set<String> none = new java.util.HashSet<>();
            if (codes == null) {
                for (int age = 0; age <= 100; age++) {
                    String code = age == 100 ? "100+" : Integer.toString(age);
                    if (!shown.contains(code)) {
                        none.add(code);
                    }
                }
            }
            else {
                codes.stream().filter(code -> !shown.contains(code)).forEach(none::add);
            }
            empty.merge(dimension, none, (a, b) -> {
                Set<String> union = new java.util.HashSet<>(a);
                union.addAll(b);
                return union;
            });
        }
        return empty;
    }

    /** Reads the true finest values with exact counts (to score the attack, never to solve it). */
    private void readTruth(Finest finest)
    {
        List<String> dims = finest.dims.stream().map(BaseDimension::name).toList();
        for (int d = 0; d < finest.dates.size(); d++) {
            LocalDate date = finest.dates.get(d);
            String time = finest.cube.time().equals("YEAR") ? "period=" + date.getYear() : "date=" + date;
            Response response = get("/api/v1/cubes/" + finest.cube.name() + "/query?geo=asof&level=commune&" + time + "&dims=" + String.join(",", dims), exact);
            if (response.status() == 400 && finest.cube.time().equals("YEAR")) {
                // A year across the reorganisation is answered by commune on the units of 01/07/2025 only (those of its last day).
                response = get("/api/v1/cubes/" + finest.cube.name() + "/query?geo=2025&level=commune&" + time + "&dims=" + String.join(",", dims), exact);
            }
            if (response.status() != 200) {
                throw new IllegalStateException("exact counts of " + finest.cube.name() + " at " + date + ": " + response.status() + " " + response.body());
            }
            for (JsonNode row : response.json().get("rows")) {
                StringBuilder key = new StringBuilder().append(d);
                for (String dim : dims) {
                    String code = row.get(dim).asText();
                    key.append('|').append(dim.equals("otherUnit") && code.isEmpty() ? OUTSIDE : code);
                }
                Integer cell = finest.index.get(key.toString());
                if (cell == null) {
                    throw new IllegalStateException("exact counts hold a cell outside the finest cells: " + finest.cube.name() + " " + key);
                }
                for (int m = 0; m < finest.cube.measures().size(); m++) {
                    finest.truth[m][cell] = row.get(finest.cube.measures().get(m)).asLong();
                }
            }
        }
    }

    // ------------------------------------------------------------------ from a question to the finest cells it sums

    private final Map<String, Optional<String>> unitCache = new java.util.concurrent.ConcurrentHashMap<>();

    /** The unit a finest commune (valid on {@code date}) falls in, at a level and geography; null when none. */
    private String unit(String commune, LocalDate date, String geo, String level)
    {
        return unitCache.computeIfAbsent(commune + "|" + date + "|" + geo + "|" + level,
                key -> Optional.ofNullable(computeUnit(commune, date, geo, level))).orElse(null);
    }

    private String computeUnit(String commune, LocalDate date, String geo, String level)
    {
        if (commune.equals(OUTSIDE)) {
            return OUTSIDE;
        }
        if (level.equals("area")) {
            return AREA;
        }
        if (commune.equals(UNKNOWN)) {
            return UNKNOWN;
        }
        String code = commune;
        LocalDate unitsDate = date;
        if (geo.equals("2025") && !Reorganisation2025.after(date)) {
            code = catalogue.successorCode(commune);
            unitsDate = Reorganisation2025.EFFECTIVE_DATE;
        }
        AdminUnit unit = catalogue.commune(code, unitsDate).orElseThrow();
        return switch (level) {
            case "commune" -> unit.code();
            case "district" -> catalogue.ancestor(unit, UnitLevel.DISTRICT, unitsDate).map(AdminUnit::code).orElse(null);
            case "province" -> catalogue.ancestor(unit, UnitLevel.PROVINCE, unitsDate).map(AdminUnit::code).orElse(null);
            default -> throw new IllegalArgumentException(level);
        };
    }

    private static String ageCode(String single, String grouping)
    {
        int age = single.equals("100+") ? 100 : Integer.parseInt(single);
        return switch (grouping) {
            case "age" -> single;
            case "ageBand" -> age >= 100 ? "100+" : (age / 5 * 5) + "-" + (age / 5 * 5 + 4);
            case "ageBroad" -> age < 15 ? "0-14" : age < 60 ? "15-59" : age < 65 ? "60-64" : "65+";
            default -> throw new IllegalArgumentException(grouping);
        };
    }

    /** Codes the finest cell shows in a question's row, or null when the question does not count it. */
    private String rowKey(Finest finest, int[] cell, Question question, Caller caller)
    {
        if (!question.sums(finest.date(cell))) {
            return null;
        }
        int geoLevel = GEOGRAPHIES.indexOf(question.geo()) * LEVELS.size() + LEVELS.indexOf(question.level());
        String unit = finest.unitDimension < 0 ? null : finest.unitAt(cell, finest.unitDimension, geoLevel);
        if (finest.unitDimension >= 0 && unit == null) {
            return null;
        }
        if (!caller.scope().isEmpty() && !caller.scope().contains(finest.unitAt(cell, finest.unitDimension, COMMUNE_2025))) {
            return null;
        }
        if (finest.flowDimension >= 0 && finest.code(cell, finest.flowDimension).startsWith("BETWEEN")
                && unit.equals(finest.unitAt(cell, finest.otherDimension, geoLevel))) {
            return null;
        }
        if (question.filterDimension() != null && !question.filterCode().equals(shown(finest, cell, question.filterDimension(), geoLevel, unit))) {
            return null;
        }
        StringBuilder key = new StringBuilder();
        for (String dimension : question.dims()) {
            if (!key.isEmpty()) {
                key.append('|');
            }
            key.append(shown(finest, cell, dimension, geoLevel, unit));
        }
        return key.toString();
    }

    private static final int COMMUNE_2025 = 0;

    private String shown(Finest finest, int[] cell, String dimension, int geoLevel, String unit)
    {
        return switch (dimension) {
            case "unit" -> unit;
            case "otherUnit" -> finest.unitAt(cell, finest.otherDimension, geoLevel);
            case "age" -> finest.code(cell, finest.ageDimension);
            case "ageBand" -> finest.ageAt(cell, 1);
            case "ageBroad" -> finest.ageAt(cell, 2);
            default -> finest.code(cell, finest.dimension(dimension));
        };
    }

    // ------------------------------------------------------------------ the attack

    private final class Tally
    {
        int blocks;
        long questions;
        long tables;
        long refused;
        long cells;
        long published;
        long equations;
        long unknowns;
        long suppressed;
        long suppressedSmall;
        long recovered;
        long recoveredSmall;
        long exportsCompared;
        final List<String> examples = new ArrayList<>();
        final List<String> inconsistencies = new ArrayList<>();
        final List<String> serverErrors = new ArrayList<>();
        final List<String> exportMismatches = new ArrayList<>();
    }

    public Figures attack()
    {
        try {
            Tally tally = new Tally();
            Map<String, Cube> cubes = cubes();
            if (cubes.containsKey("population_stock")) {
                populationDates = cubes.get("population_stock").refDates();
            }
            // Blocks: the stock cubes per reference date, the flow cubes per year, every other cube per date or year.
            Map<String, List<Block>> blocks = new TreeMap<>();
            for (Cube cube : cubes.values()) {
                for (Block block : blocksOf(cube, cubes)) {
                    blocks.computeIfAbsent(block.key(), key -> new ArrayList<>()).add(block);
                }
            }
            Map<String, Long> stockMargins = new HashMap<>();
            for (Map.Entry<String, List<Block>> entry : blocks.entrySet()) {
                solveBlock(entry.getKey(), entry.getValue(), tally, stockMargins);
            }
            return new Figures(tally.blocks, tally.questions, tally.tables, tally.refused, tally.cells, tally.published, tally.equations,
                    tally.unknowns, tally.suppressed, tally.suppressedSmall, tally.recovered, tally.recoveredSmall, List.copyOf(tally.examples),
                    List.copyOf(tally.inconsistencies), List.copyOf(tally.serverErrors), tally.exportsCompared, List.copyOf(tally.exportMismatches));
        }
        finally {
            pool.shutdownNow();
        }
    }

    /** The time parameter of questions and, for a period, the first and last month end it sums (null: every month of the block). */
    private record Timed(String time, LocalDate from, LocalDate to) {}

    /**
     * Every time parameter the callers may ask of a block. A block of one date has its {@code date=}. A block of a
     * year is probed with every period a reader can write for it: the year, its four quarters and every run of months
     * {@code yyyy-MM/yyyy-MM} within it (78), each asked as every caller for the total of the area and for the table by
     * commune; the periods answered are the block's, one per distinct span of months the answers state (a year and
     * its run of months with data sum the same months).
     */
    private List<Timed> times(Block part, Tally tally)
    {
        if (!part.time().startsWith("period=")) {
            return List.of(new Timed(part.time(), null, null));
        }
        int year = Integer.parseInt(part.time().substring("period=".length()));
        List<String> periods = new ArrayList<>();
        periods.add(Integer.toString(year));
        for (int q = 1; q <= 4; q++) {
            periods.add(year + "-Q" + q);
        }
        for (int first = 1; first <= 12; first++) {
            for (int last = first; last <= 12; last++) {
                periods.add(String.format(java.util.Locale.ROOT, "%d-%02d/%d-%02d", year, first, year, last));
            }
        }
        Map<String, Timed> answered = new LinkedHashMap<>();
        int asked = 0;
        for (String period : periods) {
            String time = "period=" + URLEncoder.encode(period, StandardCharsets.UTF_8);
            for (Question probe : List.of(new Question(part.cube().name(), List.of(), "area", "2025", time, null, null),
                    new Question(part.cube().name(), List.of("unit"), "commune", "2025", time, null, null))) {
                for (Caller caller : callers) {
                    Response response = get(probe.path(false, null), caller);
                    asked++;
                    synchronized (tally) {
                        tally.questions++;
                        if (response.status() >= 500 || response.status() == 429) {
                            tally.serverErrors.add(probe.path(false, null) + " as " + caller.name() + ": " + response.status() + " " + response.body());
                        }
                        else if (response.status() != 200) {
                            tally.refused++;
                        }
                    }
                    if (response.status() == 200) {
                        JsonNode span = response.json().get("period");
                        LocalDate from = LocalDate.parse(span.get("from").asText());
                        LocalDate to = LocalDate.parse(span.get("to").asText());
                        answered.putIfAbsent(from + "/" + to, new Timed(time, from, to));
                    }
                }
            }
        }
        log.accept(String.format(java.util.Locale.ROOT, "%s %d: %d periods probed (%d questions), %d distinct spans answered: %s", part.cube().name(),
                year, periods.size(), asked, answered.size(), answered.keySet()));
        return List.copyOf(answered.values());
    }

    /** One cube in one block: its finest dates and the time parameter of its questions. */
    private record Block(String key, Cube cube, List<LocalDate> dates, String time, boolean latest) {}

    private static List<Block> blocksOf(Cube cube, Map<String, Cube> cubes)
    {
        List<Block> blocks = new ArrayList<>();
        List<LocalDate> dates = cube.refDates();
        switch (cube.time()) {
            case "MONTH" -> {
                String group = FLOW_GROUP.contains(cube.name()) ? "flows" : cube.name();
                for (int year : cube.periods()) {
                    List<LocalDate> months = dates.stream().filter(date -> date.getYear() == year).toList();
                    blocks.add(new Block(group + " " + year, cube, months, "period=" + year, year == cube.periods().get(cube.periods().size() - 1)));
                }
            }
            case "YEAR" -> {
                for (LocalDate date : dates) {
                    blocks.add(new Block(cube.name() + " " + date.getYear(), cube, List.of(date), "period=" + date.getYear(),
                            date.equals(dates.get(dates.size() - 1))));
                }
            }
            default -> {
                String group = STOCK_GROUP.contains(cube.name()) ? "stocks" : cube.name();
                for (LocalDate date : dates) {
                    blocks.add(new Block(group + " " + date, cube, List.of(date), "date=" + date, date.equals(dates.get(dates.size() - 1))));
                }
            }
        }
        return blocks;
    }

    private void solveBlock(String key, List<Block> parts, Tally tally, Map<String, Long> stockMargins)
    {
        long started = System.nanoTime();
        // 1. Ask every question as every caller.
        List<Answer> answers = new ArrayList<>();
        for (Block part : parts) {
            List<Future<List<Answer>>> pending = new ArrayList<>();
            for (Timed timed : times(part, tally)) {
                for (Question question : questions(part.cube(), timed)) {
                    pending.add(pool.submit(() -> ask(question, part.cube(), tally)));
                }
            }
            for (Future<List<Answer>> future : pending) {
                try {
                    answers.addAll(future.get());
                }
                catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
            if (filters && part.latest()) {
                pending.clear();
                for (Question question : filterQuestions(part, answers)) {
                    pending.add(pool.submit(() -> ask(question, part.cube(), tally)));
                }
                for (Future<List<Answer>> future : pending) {
                    try {
                        answers.addAll(future.get());
                    }
                    catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }
            }
            if (exports && part.latest()) {
                compareExports(part, answers, tally);
            }
        }
        answers.removeIf(answer -> !answer.controlled());
        if (answers.isEmpty()) {
            return;
        }
        tally.blocks++;
        long fetched = System.nanoTime();
        // The same question answered alike to two callers is one set of equations.
        Map<String, Answer> distinct = new LinkedHashMap<>();
        for (Answer answer : answers) {
            StringBuilder content = new StringBuilder(answer.question().toString()).append(answer.caller().scope());
            for (AnswerRow row : answer.rows()) {
                content.append(row.codes()).append(Arrays.toString(row.values()));
            }
            distinct.putIfAbsent(content.toString(), answer);
        }
        answers = new ArrayList<>(distinct.values());
        // 2. The finest cells and their true values.
        Map<String, Finest> finest = new LinkedHashMap<>();
        for (Block part : parts) {
            Finest space = new Finest(part.cube(), part.dates(), emptyCodes(part.cube(), part.dates(), answers));
            readTruth(space);
            finest.put(part.cube().name(), space);
        }
        // 3. Unknowns: one per finest cell and measure, unless a zero row pins the cell.
        Map<String, boolean[]> pinned = new HashMap<>();
        List<Answer> coarseFirst = new ArrayList<>(answers);
        coarseFirst.sort(java.util.Comparator.comparingInt(answer -> answer.question().dims().size() + (answer.question().filterDimension() == null ? 0 : 1)));
        Map<Answer, Map<String, AnswerRow>> keyed = new java.util.IdentityHashMap<>();
        for (Answer answer : coarseFirst) {
            keyed.put(answer, answer.byKey());
        }
        for (Finest space : finest.values()) {
            boolean[] zero = new boolean[space.cells.size()];
            for (int c = 0; c < zero.length; c++) {
                int[] cell = space.cells.get(c);
                for (Answer answer : coarseFirst) {
                    if (!answer.question().cube().equals(space.cube.name())) {
                        continue;
                    }
                    String rowKey = rowKey(space, cell, answer.question(), answer.caller());
                    if (rowKey == null) {
                        continue;
                    }
                    AnswerRow row = keyed.get(answer).get(rowKey);
                    int counted = space.cube.measures().indexOf(answer.counted());
                    if (row == null || (row.values()[counted] != null && row.values()[counted] == 0)) {
                        zero[c] = true;
                        break;
                    }
                }
            }
            pinned.put(space.cube.name(), zero);
        }
        Map<String, int[][]> unknownOf = new HashMap<>();
        int unknowns = 0;
        for (Finest space : finest.values()) {
            boolean[] zero = pinned.get(space.cube.name());
            int[][] index = new int[space.cube.measures().size()][space.cells.size()];
            for (int m = 0; m < index.length; m++) {
                for (int c = 0; c < space.cells.size(); c++) {
                    index[m][c] = zero[c] ? -1 : unknowns++;
                    if (zero[c] && space.truth[m][c] != 0) {
                        tally.inconsistencies.add(key + ": " + space.cube.name() + " cell " + space.key(space.cells.get(c))
                                + " is pinned to 0 by a published zero but holds " + space.truth[m][c]);
                    }
                }
            }
            unknownOf.put(space.cube.name(), index);
        }
        tally.unknowns += unknowns;
        // 4. Equations: every published value; targets: every withheld value.
        ModularSpan span = new ModularSpan();
        Map<String, Equation> equations = new LinkedHashMap<>();
        Map<String, Target> targets = new LinkedHashMap<>();
        for (Answer answer : answers) {
            Finest space = finest.get(answer.question().cube());
            int[][] index = unknownOf.get(space.cube.name());
            Map<String, List<Integer>> members = new HashMap<>();
            for (int c = 0; c < space.cells.size(); c++) {
                if (index[0][c] < 0) {
                    continue;
                }
                String rowKey = rowKey(space, space.cells.get(c), answer.question(), answer.caller());
                if (rowKey != null) {
                    members.computeIfAbsent(rowKey, k -> new ArrayList<>()).add(c);
                }
            }
            int counted = space.cube.measures().indexOf(answer.counted());
            for (AnswerRow row : answer.rows()) {
                tally.cells++;
                String rowKey = String.join("|", row.codes());
                List<Integer> cells = members.getOrDefault(rowKey, List.of());
                for (int m = 0; m < space.cube.measures().size(); m++) {
                    int[] columns = new int[cells.size()];
                    long truth = 0;
                    for (int i = 0; i < cells.size(); i++) {
                        columns[i] = index[m][cells.get(i)];
                        truth += space.truth[m][cells.get(i)];
                    }
                    Arrays.sort(columns);
                    String signature = Arrays.toString(columns);
                    if (row.values()[m] != null) {
                        tally.published++;
                        if (row.values()[m] != truth) {
                            tally.inconsistencies.add(key + ": " + answer.question().path(false, null) + " as " + answer.caller().name() + " row "
                                    + rowKey + " publishes " + row.values()[m] + " where the finest cells sum to " + truth);
                        }
                        if (columns.length > 0) {
                            equations.putIfAbsent(signature, new Equation(columns, ones(columns.length)));
                        }
                    }
                    else {
                        long countedTruth = 0;
                        for (int cell : cells) {
                            countedTruth += space.truth[counted][cell];
                        }
                        targets.putIfAbsent(signature, new Target(columns, truth, countedTruth, space.cube.name() + " "
                                + answer.question().path(false, null) + " row " + rowKey + " " + space.cube.measures().get(m)));
                    }
                }
            }
        }
        long modelled = System.nanoTime();
        structuralEquations(key, finest, unknownOf, equations, tally, stockMargins);
        List<Equation> ordered = new ArrayList<>(equations.values());
        ordered.sort(java.util.Comparator.comparingInt(equation -> equation.columns().length));
        for (Equation equation : ordered) {
            span.add(equation.columns(), equation.coefficients());
        }
        tally.equations += span.rank();
        long threshold = threshold(answers);
        int recovered = 0;
        for (Target target : targets.values()) {
            boolean small = target.countedTruth() >= 1 && target.countedTruth() < threshold;
            tally.suppressed++;
            tally.suppressedSmall += small ? 1 : 0;
            if (target.columns().length == 0 || span.spans(target.columns(), ones(target.columns().length))) {
                recovered++;
                tally.recovered++;
                tally.recoveredSmall += small ? 1 : 0;
                if (tally.examples.size() < 20) {
                    tally.examples.add(target.description() + " = " + target.truth());
                }
                if (recovered <= 5) {
                    log.accept("  recovered in " + key + ": " + target.description() + " = " + target.truth());
                }
            }
        }
        // Stock margins by 2025 commune and sex, for the demographic balance of the flows.
        for (Answer answer : answers) {
            Question question = answer.question();
            if (question.cube().equals("population_stock") && question.dims().equals(List.of("unit", "sex")) && question.geo().equals("2025")
                    && question.level().equals("commune") && question.filterDimension() == null && answer.caller().scope().isEmpty()) {
                for (AnswerRow row : answer.rows()) {
                    if (row.values()[0] != null) {
                        stockMargins.put(question.time().substring("date=".length()) + "|" + row.codes().get(0) + "|" + row.codes().get(1), row.values()[0]);
                    }
                }
            }
        }
        synchronized (tally) {
            tally.inconsistencies.stream().filter(problem -> problem.startsWith(key + ":")).limit(5).forEach(problem -> log.accept("  inconsistent: " + problem));
        }
        log.accept(String.format(java.util.Locale.ROOT, "%s: %d distinct answers, %d unknowns, %d equations (rank %d), %d withheld cells,"
                        + " %d recovered (fetch %.1f s, model %.1f s, solve %.1f s)", key, answers.size(), unknowns, equations.size(), span.rank(),
                targets.size(), recovered, (fetched - started) / 1e9, (modelled - fetched) / 1e9, (System.nanoTime() - modelled) / 1e9));
    }

    /** The threshold the answers state (in the counted measure's unit: person-days for person_years). */
    private static long threshold(List<Answer> answers)
    {
        return answers.get(0).threshold();
    }

    private record Equation(int[] columns, long[] coefficients) {}

    private record Target(int[] columns, long truth, long countedTruth, String description) {}

    private static long[] ones(int length)
    {
        long[] ones = new long[length];
        Arrays.fill(ones, 1);
        return ones;
    }

    private List<Answer> ask(Question question, Cube cube, Tally tally)
    {
        List<Answer> answers = new ArrayList<>();
        for (Caller caller : callers) {
            Response response = get(question.path(false, null), caller);
            synchronized (tally) {
                tally.questions++;
                if (response.status() == 200) {
                    tally.tables++;
                }
                else if (response.status() >= 500 || response.status() == 429) {
                    tally.serverErrors.add(question.path(false, null) + " as " + caller.name() + ": " + response.status() + " " + response.body());
                }
                else {
                    tally.refused++;
                }
            }
            if (response.status() == 200) {
                answers.add(answer(question, caller, response.json(), cube.measures()));
            }
        }
        return answers;
    }

    /**
     * Structural facts as equations: moves counted at both ends, members of exact-size households, the same residents
     * in the population and identity cubes, and the demographic balance of each 2025 commune and sex.
     */
    private void structuralEquations(String key, Map<String, Finest> finest, Map<String, int[][]> unknownOf, Map<String, Equation> equations,
            Tally tally, Map<String, Long> stockMargins)
    {
        Finest migration = finest.get("migration");
        if (migration != null) {
            int[][] index = unknownOf.get("migration");
            int flow = migration.dimension("flow");
            int unit = migration.dimension("unit");
            int other = migration.dimension("otherUnit");
            for (int c = 0; c < migration.cells.size(); c++) {
                int[] cell = migration.cells.get(c);
                if (!migration.code(cell, flow).equals("BETWEEN_IN")) {
                    continue;
                }
                int[] pair = cell.clone();
                pair[flow + 1] = migration.codes.get(flow).get(cell[0]).indexOf("BETWEEN_OUT");
                pair[unit + 1] = migration.codes.get(unit).get(cell[0]).indexOf(migration.code(cell, other));
                pair[other + 1] = migration.codes.get(other).get(cell[0]).indexOf(migration.code(cell, unit));
                int p = migration.index.get(migration.key(pair));
                if (migration.truth[0][c] != migration.truth[0][p]) {
                    tally.inconsistencies.add(key + ": a move within the area is not counted at both ends: " + migration.key(cell) + " = "
                            + migration.truth[0][c] + " but " + migration.key(pair) + " = " + migration.truth[0][p]);
                    continue;
                }
                addEquation(equations, new int[] {index[0][c], index[0][p]}, new long[] {1, -1});
            }
        }
        Finest households = finest.get("households");
        if (households != null) {
            int[][] index = unknownOf.get("households");
            int size = households.dimension("householdSize");
            int members = households.cube.measures().indexOf("members");
            int count = households.cube.measures().indexOf("households");
            for (int c = 0; c < households.cells.size(); c++) {
                String code = households.code(households.cells.get(c), size);
                if (code.chars().allMatch(Character::isDigit)) {
                    long s = Long.parseLong(code);
                    if (households.truth[members][c] != s * households.truth[count][c]) {
                        tally.inconsistencies.add(key + ": members of households of size " + s + " are not " + s + " × households");
                        continue;
                    }
                    addEquation(equations, new int[] {index[members][c], index[count][c]}, new long[] {1, -s});
                }
            }
        }
        Finest population = finest.get("population_stock");
        Finest identity = finest.get("identity_coverage");
        if (population != null && identity != null) {
            Map<String, List<int[]>> groups = new LinkedHashMap<>();
            Map<String, long[]> sums = new HashMap<>();
            List<String> identityAges = identity.cube.codes().get("ageGroup");
            for (int c = 0; c < population.cells.size(); c++) {
                int[] cell = population.cells.get(c);
                int age = ageValue(population.code(cell, population.dimension("age")));
                String group = identityAges.stream().filter(range -> inRange(range, age)).findFirst().orElseThrow();
                String link = population.code(cell, population.dimension("unit")) + "|" + population.code(cell, population.dimension("sex")) + "|" + group;
                groups.computeIfAbsent(link, k -> new ArrayList<>()).add(new int[] {unknownOf.get("population_stock")[0][c], 1});
                sums.computeIfAbsent(link, k -> new long[2])[0] += population.truth[0][c];
            }
            for (int c = 0; c < identity.cells.size(); c++) {
                int[] cell = identity.cells.get(c);
                String link = identity.code(cell, identity.dimension("unit")) + "|" + identity.code(cell, identity.dimension("sex")) + "|"
                        + identity.code(cell, identity.dimension("ageGroup"));
                groups.computeIfAbsent(link, k -> new ArrayList<>()).add(new int[] {unknownOf.get("identity_coverage")[0][c], -1});
                sums.computeIfAbsent(link, k -> new long[2])[1] += identity.truth[0][c];
            }
            for (Map.Entry<String, List<int[]>> group : groups.entrySet()) {
                long[] sum = sums.get(group.getKey());
                if (sum[0] != sum[1]) {
                    tally.inconsistencies.add(key + ": population and identity cubes differ for " + group.getKey() + ": " + sum[0] + " vs " + sum[1]);
                    continue;
                }
                addTerms(equations, group.getValue());
            }
        }
        if (finest.keySet().stream().anyMatch(FLOW_GROUP::contains)) {
            balance(key, finest, unknownOf, equations, tally, stockMargins);
        }
    }

    /** ΔP(2025 commune, sex) = births − deaths + in − out + between in − between out, when both year ends are published. */
    private void balance(String key, Map<String, Finest> finest, Map<String, int[][]> unknownOf, Map<String, Equation> equations, Tally tally,
            Map<String, Long> stockMargins)
    {
        // From the end of the year before to the year's last month end with a population: the flows fall in between.
        List<LocalDate> months = finest.values().stream().flatMap(space -> space.dates.stream()).distinct().sorted().toList();
        int year = months.get(0).getYear();
        LocalDate start = LocalDate.of(year - 1, 12, 31);
        List<LocalDate> stockDates = populationDates.stream().filter(date -> date.getYear() == year).toList();
        if (stockDates.isEmpty() || months.get(months.size() - 1).isAfter(stockDates.get(stockDates.size() - 1))) {
            return;
        }
        LocalDate end = stockDates.get(stockDates.size() - 1);
        Map<String, List<int[]>> terms = new LinkedHashMap<>();
        Map<String, Long> flows = new HashMap<>();
        for (Finest space : finest.values()) {
            int[][] index = unknownOf.get(space.cube.name());
            int unit = space.dimension("unit");
            int sex = space.dimension("sex");
            int flow = space.dimension("flow");
            for (int c = 0; c < space.cells.size(); c++) {
                int[] cell = space.cells.get(c);
                LocalDate date = space.date(cell);
                String commune = unit(space.code(cell, unit), date, "2025", "commune");
                int sign;
                if (space.cube.name().equals("births")) {
                    sign = 1;
                }
                else if (space.cube.name().equals("deaths")) {
                    sign = -1;
                }
                else {
                    String flowCode = space.code(cell, flow);
                    if (flowCode.startsWith("BETWEEN") && commune.equals(unit(space.code(cell, space.dimension("otherUnit")), date, "2025", "commune"))) {
                        continue;
                    }
                    sign = flowCode.equals("IN") || flowCode.equals("BETWEEN_IN") ? 1 : -1;
                }
                String balanceKey = commune + "|" + space.code(cell, sex);
                terms.computeIfAbsent(balanceKey, k -> new ArrayList<>()).add(new int[] {index[0][c], sign});
                flows.merge(balanceKey, sign * space.truth[0][c], Long::sum);
            }
        }
        for (Map.Entry<String, List<int[]>> entry : terms.entrySet()) {
            Long before = stockMargins.get(start + "|" + entry.getKey());
            Long after = stockMargins.get(end + "|" + entry.getKey());
            if (before == null || after == null) {
                continue;
            }
            if (after - before != flows.get(entry.getKey())) {
                tally.inconsistencies.add(key + ": the population of " + entry.getKey() + " changes by " + (after - before)
                        + " from " + start + " to " + end + " but the flows add up to " + flows.get(entry.getKey()));
                continue;
            }
            addTerms(equations, entry.getValue());
        }
    }

    private static void addTerms(Map<String, Equation> equations, List<int[]> terms)
    {
        Map<Integer, Long> sum = new TreeMap<>();
        for (int[] term : terms) {
            if (term[0] >= 0) {
                sum.merge(term[0], (long) term[1], Long::sum);
            }
        }
        sum.values().removeIf(value -> value == 0);
        int[] columns = sum.keySet().stream().mapToInt(Integer::intValue).toArray();
        long[] coefficients = sum.values().stream().mapToLong(Long::longValue).toArray();
        addEquation(equations, columns, coefficients);
    }

    private static void addEquation(Map<String, Equation> equations, int[] columns, long[] coefficients)
    {
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < columns.length; i++) {
            if (columns[i] >= 0) {
                kept.add(i);
            }
        }
        if (kept.isEmpty()) {
            return;
        }
        int[] c = kept.stream().mapToInt(i -> columns[i]).toArray();
        long[] v = kept.stream().mapToLong(i -> coefficients[i]).toArray();
        equations.putIfAbsent(Arrays.toString(c) + Arrays.toString(v), new Equation(c, v));
    }

    private static int ageValue(String code)
    {
        return code.equals("100+") ? 100 : Integer.parseInt(code);
    }

    /** Whether an age falls in a range code: "14-17", "60+". */
    private static boolean inRange(String range, int age)
    {
        if (range.endsWith("+")) {
            return age >= Integer.parseInt(range.substring(0, range.length() - 1));
        }
        String[] bounds = range.split("-");
        return age >= Integer.parseInt(bounds[0]) && age <= Integer.parseInt(bounds[1]);
    }

    // ------------------------------------------------------------------ exports

    /** Downloads every table of the first caller in each export format and compares the values and withheld marks. */
    private void compareExports(Block part, List<Answer> answers, Tally tally)
    {
        Caller caller = callers.get(0);
        for (Answer answer : answers) {
            if (answer.caller() != caller || !answer.question().cube().equals(part.cube().name())) {
                continue;
            }
            Map<String, List<String>> byCodes = new LinkedHashMap<>();
            Map<String, List<String>> byPosition = new LinkedHashMap<>();
            for (AnswerRow row : answer.rows()) {
                List<String> values = new ArrayList<>();
                for (Long value : row.values()) {
                    values.add(value == null ? "x" : Long.toString(value));
                }
                byCodes.put(String.join("|", row.codes()), values);
                byPosition.put("#" + byPosition.size(), values);
            }
            for (String format : List.of("csv", "xlsx", "json-stat", "sdmx-csv")) {
                byte[] body = getBytes(answer.question().path(true, format), caller);
                Map<String, List<String>> found = ExportReader.values(format, body, answer.question().dims(), part.cube().measures());
                Map<String, List<String>> expected = format.equals("xlsx") ? byPosition : byCodes;
                tally.exportsCompared++;
                if (!found.equals(expected)) {
                    tally.exportMismatches.add(answer.question().path(true, format) + ": " + found + " vs JSON " + expected);
                }
            }
        }
    }
}
