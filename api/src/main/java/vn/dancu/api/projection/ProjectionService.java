package vn.dancu.api.projection;

import vn.dancu.api.error.ApiException;
import vn.dancu.api.access.Caller;
import vn.dancu.api.cube.PublishedCubes;
import vn.dancu.api.disclosure.DisclosureControl;
import vn.dancu.datasets.geo.AdminCatalogue;
import vn.dancu.datasets.geo.AdminUnit;
import vn.dancu.datasets.geo.Area;
import vn.dancu.datasets.geo.Reorganisation2025;
import vn.dancu.model.cube.CodeList;
import vn.dancu.model.cube.CodeLists;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * The population projection as planners read it: one unit (a 2025 commune or the whole area), one or all scenarios,
 * age groups or single ages, by sex or not, every year from the jump-off. Knows nothing of HTTP.
 *
 * <p>Disclosure (docs/projections.md, "Disclosure"): the roles that do not see exact counts get age groups only,
 * every figure rounded to the nearest 10 persons, and a figure of 1 to threshold − 1 persons withheld (with the other
 * sex of its pair, so that the total does not give it away); the statistician and admin get single ages and whole
 * persons. The thousandths the cube stores are never shown.
 */
public final class ProjectionService
{
    public static final String AREA = "AREA";
    public static final String ALL_SCENARIOS = "all";
    public static final int ROUNDING = 10;
    public static final Set<String> PARAMETERS = Set.of("unit", "geo", "scenario", "ages", "sex", "year", "lang", "format");
    /** {@code geo=2025}: the communes of 1 July 2025; {@code geo=asof}: the communes before it (the dashboard's historical units). */
    public static final List<String> GEOGRAPHIES = List.of("2025", "asof");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    public enum AgeScheme
    {
        GROUPS, BANDS, SINGLE;

        public String code()
        {
            return name().toLowerCase(Locale.ROOT);
        }

        public List<ProjectedAgeGroup> groups()
        {
            return switch (this) {
                case GROUPS -> ProjectedAgeGroup.PLANNING;
                case BANDS -> ProjectedAgeGroup.BANDS;
                case SINGLE -> ProjectedAgeGroup.SINGLE;
            };
        }
    }

    /** A question, checked. {@code year} empty = every year; {@code geography} one of {@link #GEOGRAPHIES}. */
    public record Request(String unit, String geography, List<String> scenarios, AgeScheme ages, boolean bySex, Optional<Integer> year, String language)
    {
        /** A question on the 2025 communes. */
        public Request(String unit, List<String> scenarios, AgeScheme ages, boolean bySex, Optional<Integer> year, String language)
        {
            this(unit, "2025", scenarios, ages, bySex, year, language);
        }

        public Request
        {
            requireNonNull(unit, "unit is null");
            if (!GEOGRAPHIES.contains(geography)) {
                throw new IllegalArgumentException("geography " + geography + " is not one of " + GEOGRAPHIES);
            }
            scenarios = List.copyOf(scenarios);
            requireNonNull(ages, "ages is null");
            requireNonNull(year, "year is null");
            requireNonNull(language, "language is null");
        }
    }

    /**
     * What every answer carries so that no projected figure is read as a count: the jump-off date, the scenarios, the
     * label, the rounding and the notes.
     */
    public record Header(String cube, String version, String jumpOff, int jumpOffYear, int lastYear, String geography, String unit, String unitName,
            List<Map<String, String>> scenarios, String label, boolean controlled, int rounding, List<String> notes, List<Map<String, String>> units) {}

    /** @param value persons as shown (rounded for controlled roles); empty when withheld */
    public record Cell(int year, boolean observed, String scenario, String ageGroup, String sex, Optional<Long> value) {}

    public record Table(Header header, List<ProjectedAgeGroup> groups, List<Cell> cells) {}

    private final PublishedCubes cubes;
    private final Area area;
    private final AdminCatalogue catalogue;
    private final DisclosureControl disclosure;
    private final CodeList scenarioCodes;
    private volatile ProjectionCells cached;

    public ProjectionService(PublishedCubes cubes, Area area, AdminCatalogue catalogue, DisclosureControl disclosure)
    {
        this.cubes = requireNonNull(cubes, "cubes is null");
        this.area = requireNonNull(area, "area is null");
        this.catalogue = requireNonNull(catalogue, "catalogue is null");
        this.disclosure = requireNonNull(disclosure, "disclosure is null");
        this.scenarioCodes = CodeLists.builtIn().get("projectionScenario");
    }

    /** The cells of the current version, read once per version. */
    public ProjectionCells cells()
    {
        String version = cubes.manifest().versionId();
        ProjectionCells current = cached;
        if (current != null && current.version().equals(version)) {
            return current;
        }
        synchronized (this) {
            if (cached == null || !cached.version().equals(version)) {
                cached = ProjectionCells.read(cubes).orElseThrow(() -> new ApiException(404, "not-found", "version " + version
                        + " has no population projection: the register holds no complete calendar year to project from", List.of()));
            }
            return cached;
        }
    }

    /** The 2025 communes of the area, code → name. */
    public Map<String, String> units(String language)
    {
        return units(language, "2025");
    }

    /** The communes of the area in a geography ({@code 2025}, or {@code asof}: those of 30/06/2025), code → name. */
    public Map<String, String> units(String language, String geography)
    {
        Map<String, String> units = new LinkedHashMap<>();
        for (AdminUnit commune : area.communes(catalogue, day(geography))) {
            units.put(commune.code(), "en".equals(language) ? commune.englishName() : commune.name());
        }
        return units;
    }

    private static java.time.LocalDate day(String geography)
    {
        return "asof".equals(geography) ? Reorganisation2025.EFFECTIVE_DATE.minusDays(1) : Reorganisation2025.EFFECTIVE_DATE;
    }

    /** Parses raw parameters; every problem is a 400 naming the parameter, a unit outside the caller's scope a 403. */
    public Request parse(Caller caller, Map<String, List<String>> parameters)
    {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (!PARAMETERS.contains(parameter.getKey())) {
                throw ApiException.badParameter(parameter.getKey(), "unknown parameter", List.copyOf(new TreeSet<>(PARAMETERS)));
            }
            if (parameter.getValue().size() > 1) {
                throw ApiException.badParameter(parameter.getKey(), "is given " + parameter.getValue().size() + " times; give it once", List.of());
            }
        }
        String language = choice(parameters, "lang", List.of("vi", "en"), "vi");
        String geography = choice(parameters, "geo", GEOGRAPHIES, "2025");
        String unit = unit(caller, one(parameters, "unit"), geography);
        List<String> scenarioChoices = new ArrayList<>(scenarioCodes.values());
        scenarioChoices.add(ALL_SCENARIOS);
        String scenario = choice(parameters, "scenario", scenarioChoices, "MEDIUM");
        List<String> scenarios = scenario.equals(ALL_SCENARIOS) ? scenarioCodes.values() : List.of(scenario);
        String ages = choice(parameters, "ages", List.of("groups", "bands", "single"), "groups");
        AgeScheme scheme = AgeScheme.valueOf(ages.toUpperCase(Locale.ROOT));
        if (scheme == AgeScheme.SINGLE && !caller.role().seesExactCounts()) {
            throw ApiException.forbidden("projected single years of age are as disclosive as the counts they are projected from: they are shown"
                    + " to the statistician and admin roles; your role (" + caller.role().code() + ") sees age groups (ages=groups or ages=bands)"
                    + (caller.anonymousVisitor() ? "; log in with an account that has it" : ""));
        }
        boolean bySex = choice(parameters, "sex", List.of("total", "split"), "total").equals("split");
        Optional<Integer> year = one(parameters, "year").map(text -> year(text));
        return new Request(unit, geography, scenarios, scheme, bySex, year, language);
    }

    private Integer year(String text)
    {
        ProjectionCells cells = cells();
        String range = cells.jumpOffYear() + " (the jump-off) to " + cells.years().get(cells.years().size() - 1);
        if (!text.matches("\\d{4}")) {
            throw ApiException.badParameter("year", "'" + text + "' is not a year (yyyy); the projection holds " + range, List.of());
        }
        int year = Integer.parseInt(text);
        if (!cells.years().contains(year)) {
            throw ApiException.badParameter("year", year + " is outside the projection; it holds " + range, List.of());
        }
        return year;
    }

    /**
     * The unit asked, checked against the geography and the caller's scope. An account limited to 2025 communes sees
     * the old communes that merged into them (their projection is a share of its own).
     */
    private String unit(Caller caller, Optional<String> asked, String geography)
    {
        Map<String, String> units = units("vi", geography);
        List<String> allowed = new ArrayList<>();
        allowed.add(AREA);
        allowed.addAll(units.keySet());
        String scope = String.join(", ", new TreeSet<>(caller.scope()));
        boolean old = "asof".equals(geography);
        java.util.function.Predicate<String> inScope = code -> caller.scope().contains(old ? catalogue.successors().getOrDefault(code, code) : code);
        if (asked.isEmpty()) {
            if (!caller.scoped()) {
                return AREA;
            }
            return units.keySet().stream().filter(inScope).findFirst().orElseThrow(() -> ApiException.forbidden(
                    "your account is limited to the communes " + scope + ", none of which is a commune of the area"));
        }
        String unit = asked.get();
        if (!allowed.contains(unit)) {
            throw ApiException.badParameter("unit", "'" + unit + "' is not a commune of the " + (old ? "units before 1 July 2025 (geo=asof)"
                    : "1 July 2025 units") + " of the area, nor " + AREA, allowed);
        }
        if (caller.scoped() && (unit.equals(AREA) || !inScope.test(unit))) {
            throw ApiException.forbidden("your account is limited to the communes " + scope + (old ? " (and the old communes that merged into them)" : "")
                    + "; unit " + unit + " is outside it");
        }
        return unit;
    }

    /** The projection table of a request, through disclosure control. */
    public Table table(Caller caller, Request request)
    {
        ProjectionCells cells = cells();
        boolean controlled = !caller.role().seesExactCounts();
        List<String> communes = communes(request.unit(), request.geography());
        List<ProjectedAgeGroup> groups = request.ages().groups();
        List<Integer> years = request.year().map(List::of).orElse(cells.years());
        List<Cell> out = new ArrayList<>();
        for (String scenario : request.scenarios()) {
            for (int year : years) {
                for (ProjectedAgeGroup group : groups) {
                    long male = sum(cells, communes, scenario, year, 0, group);
                    long female = sum(cells, communes, scenario, year, 1, group);
                    boolean observed = year == cells.jumpOffYear();
                    if (!request.bySex()) {
                        out.add(new Cell(year, observed, scenario, group.code(), "total", shown(male + female, controlled)));
                        continue;
                    }
                    Optional<Long> m = shown(male, controlled);
                    Optional<Long> f = shown(female, controlled);
                    if (m.isEmpty() || f.isEmpty()) {
                        // The other sex of a withheld figure goes too: the total would give the withheld one away.
                        m = Optional.empty();
                        f = Optional.empty();
                    }
                    out.add(new Cell(year, observed, scenario, group.code(), "M", m));
                    out.add(new Cell(year, observed, scenario, group.code(), "F", f));
                    out.add(new Cell(year, observed, scenario, group.code(), "total", shown(male + female, controlled)));
                }
            }
        }
        return new Table(header(caller, cells, request.unit(), request.geography(), request.scenarios(), controlled, request.language()), groups, out);
    }

    /**
     * One indicator's value in one year under every scenario, with the range of the scenarios (not a prediction
     * interval: the spread of the what-ifs). Values are empty when withheld.
     */
    public record IndicatorYear(int year, boolean observed, Map<String, Optional<Double>> scenarios, Optional<Double> low, Optional<Double> high) {}

    public record IndicatorSeries(ProjectionIndicator indicator, List<IndicatorYear> years) {}

    public record Indicators(Header header, List<IndicatorSeries> series) {}

    /** The planners' indicators of a unit, every year, under every scenario, through the same disclosure control as the table. */
    public Indicators indicators(Caller caller, Request request)
    {
        ProjectionCells cells = cells();
        boolean controlled = !caller.role().seesExactCounts();
        List<String> communes = communes(request.unit(), request.geography());
        List<Integer> years = request.year().map(List::of).orElse(cells.years());
        List<IndicatorSeries> series = new ArrayList<>();
        for (ProjectionIndicator indicator : ProjectionIndicator.ALL) {
            List<IndicatorYear> values = new ArrayList<>();
            for (int year : years) {
                Map<String, Optional<Double>> byScenario = new LinkedHashMap<>();
                for (String scenario : ProjectionCells.SCENARIOS) {
                    byScenario.put(scenario, value(indicator, cells, communes, scenario, year, controlled));
                }
                boolean whole = byScenario.values().stream().allMatch(Optional::isPresent);
                Optional<Double> low = whole ? byScenario.values().stream().map(Optional::get).min(Double::compare) : Optional.empty();
                Optional<Double> high = whole ? byScenario.values().stream().map(Optional::get).max(Double::compare) : Optional.empty();
                values.add(new IndicatorYear(year, year == cells.jumpOffYear(), byScenario, low, high));
            }
            series.add(new IndicatorSeries(indicator, values));
        }
        return new Indicators(header(caller, cells, request.unit(), request.geography(), ProjectionCells.SCENARIOS, controlled, request.language()), series);
    }

    private Optional<Double> value(ProjectionIndicator indicator, ProjectionCells cells, List<String> communes, String scenario, int year, boolean controlled)
    {
        long numerator = indicator.numerator(cells, communes, scenario, year);
        Optional<Long> shownNumerator = shown(numerator, controlled);
        if (indicator.kind() != ProjectionIndicator.Kind.RATIO) {
            return shownNumerator.map(Long::doubleValue);
        }
        long denominator = indicator.denominator(cells, communes, scenario, year);
        if (shownNumerator.isEmpty() || shown(denominator, controlled).isEmpty() || denominator == 0) {
            return Optional.empty();
        }
        // From the unrounded figures, one decimal.
        return Optional.of(Math.round(1000.0 * numerator / denominator) / 10.0);
    }

    /** The communes of a geography the caller may ask for ({@code code, name}), without the area. */
    private List<Map<String, String>> askable(Caller caller, String geography, String language)
    {
        List<Map<String, String>> out = new ArrayList<>();
        units(language, geography).forEach((code, name) -> {
            String successor = "asof".equals(geography) ? catalogue.successors().getOrDefault(code, code) : code;
            if (!caller.scoped() || caller.scope().contains(successor)) {
                out.add(Map.of("code", code, "name", name));
            }
        });
        return out;
    }

    /** The keys ({@link ProjectionCells#key}) of the communes a unit of a geography sums. */
    List<String> communes(String unit, String geography)
    {
        String cubeGeography = "asof".equals(geography) ? ProjectionCells.UNITS_BEFORE_2025 : ProjectionCells.UNITS_2025;
        List<String> codes = unit.equals(AREA) ? List.copyOf(units("vi", geography).keySet()) : List.of(unit);
        return codes.stream().map(code -> ProjectionCells.key(cubeGeography, code)).toList();
    }

    static long sum(ProjectionCells cells, List<String> communes, String scenario, int year, int sex, ProjectedAgeGroup group)
    {
        long total = 0;
        for (String commune : communes) {
            for (int age = group.from(); age <= group.to(); age++) {
                total += cells.population(commune, scenario, year, sex, age);
            }
        }
        return total;
    }

    /**
     * A figure as a role sees it, from thousandths of a person: whole persons for the roles that see exact counts;
     * otherwise withheld at 1 to threshold − 1 whole persons, and rounded to the nearest 10 (halves up).
     */
    public Optional<Long> shown(long thousandths, boolean controlled)
    {
        long whole = Math.floorDiv(thousandths + 500, 1000);
        if (!controlled) {
            return Optional.of(whole);
        }
        if (whole >= 1 && whole < disclosure.threshold()) {
            return Optional.empty();
        }
        return Optional.of(Math.floorDiv(thousandths + ROUNDING * 1000 / 2, ROUNDING * 1000) * ROUNDING);
    }

    Header header(Caller caller, ProjectionCells cells, String unit, String geography, List<String> scenarios, boolean controlled, String language)
    {
        boolean english = "en".equals(language);
        String jumpOff = cells.jumpOff().format(DAY);
        List<Map<String, String>> scenarioList = new ArrayList<>();
        for (String scenario : scenarios) {
            scenarioList.add(Map.of("code", scenario, "label", scenarioCodes.find(scenario).orElseThrow().label(language)));
        }
        String scenarioText = scenarios.size() == 1 ? scenarioCodes.find(scenarios.get(0)).orElseThrow().label(language).toLowerCase(Locale.ROOT)
                : (english ? "four scenarios" : "bốn phương án");
        String label = english
                ? "Projection (model output, not a count of people): " + scenarioText + ", jump-off " + jumpOff
                : "Dự báo (kết quả mô hình, không phải số người đếm được): " + scenarioText + ", năm gốc " + jumpOff;
        List<String> notes = new ArrayList<>();
        notes.add(english
                ? "Cohort-component projection from the register (method: the projections page of the documentation). The year " + cells.jumpOffYear() + " is the register's own"
                        + " population on " + jumpOff + "; later years are projected. Ages are completed ages on 31 December."
                : "Dự báo theo phương pháp thành phần đoàn hệ từ sổ đăng ký (phương pháp: xem trang dự báo trong tài liệu). Năm " + cells.jumpOffYear()
                        + " là dân số thực tế của sổ đăng ký ngày " + jumpOff + "; các năm sau là dự báo. Tuổi tính theo tuổi tròn ngày 31/12.");
        notes.add(english
                ? "Scenarios are what-ifs of the last five years' rates (low and high: total fertility half a child lower or higher), not a"
                        + " prediction interval; back-tested error after five years: a few per cent for a commune's total, more for small age groups."
                : "Các phương án là giả định tiếp diễn tỷ suất của 5 năm qua (thấp, cao: mức sinh thấp hơn hoặc cao hơn nửa con), không phải"
                        + " khoảng tin cậy; sai số kiểm định ngược sau 5 năm: vài phần trăm với tổng dân số xã, lớn hơn với nhóm tuổi nhỏ.");
        if ("asof".equals(geography)) {
            // The old communes' jump-off year is not their own count: it is their 2025 commune's, shared.
            notes.set(0, english
                    ? "Cohort-component projection from the register (method: the projections page of the documentation). The year " + cells.jumpOffYear()
                            + " is the register's population of the 2025 commune on " + jumpOff + ", shared among its old communes as below; later years"
                            + " are projected. Ages are completed ages on 31 December."
                    : "Dự báo theo phương pháp thành phần đoàn hệ từ sổ đăng ký (phương pháp: xem trang dự báo trong tài liệu). Năm " + cells.jumpOffYear()
                            + " là dân số của xã mới theo sổ đăng ký ngày " + jumpOff + ", phân bổ cho các xã cũ như dưới đây; các năm sau là dự báo."
                            + " Tuổi tính theo tuổi tròn ngày 31/12.");
            notes.add(english
                    ? "Communes before 1 July 2025: the register places nobody in them after the reform, so they are not projected on their own;"
                            + " each is given its 2025 commune's projection in proportion to its share of each cohort (sex and year of birth) on 30/06/2025"
                            + " (births: its share of women 15–49). The old communes of a 2025 commune add up to it exactly."
                    : "Xã trước 01/07/2025: sau sắp xếp sổ đăng ký không còn ghi nhận ai theo xã cũ, nên xã cũ không được dự báo riêng; mỗi xã cũ nhận"
                            + " phần dự báo của xã mới theo tỷ trọng của mình trong từng đoàn hệ (giới tính, năm sinh) ngày 30/06/2025 (số sinh: tỷ trọng"
                            + " phụ nữ 15–49). Tổng các xã cũ bằng đúng xã mới.");
        }
        int threshold = disclosure.threshold();
        if (controlled && threshold <= 1) {
            notes.add(english ? "Figures are rounded to the nearest " + ROUNDING + " persons; none is withheld (the threshold is 1)."
                    : "Số liệu được làm tròn đến " + ROUNDING + " người; không ẩn số nào (ngưỡng là 1).");
        }
        else if (controlled) {
            notes.add(english
                    ? "Figures are rounded to the nearest " + ROUNDING + " persons; figures of 1 to " + (threshold - 1) + " persons are withheld (x),"
                            + " with the other sex of their pair."
                    : "Số liệu được làm tròn đến " + ROUNDING + " người; số từ 1 đến " + (threshold - 1) + " người được ẩn (x), cùng với giới tính"
                            + " còn lại của cặp.");
        }
        else {
            notes.add(english ? "Figures are rounded to whole persons." : "Số liệu được làm tròn đến người.");
        }
        String unitName = (unit.equals(AREA) ? (english ? "Whole area" : "Toàn địa bàn") : units(language, geography).get(unit))
                + ("asof".equals(geography) ? (english ? " (units before 1 July 2025)" : " (đơn vị trước 01/07/2025)") : "");
        return new Header(ProjectionCells.CUBE, cells.version(), cells.jumpOff().toString(), cells.jumpOffYear(),
                cells.years().get(cells.years().size() - 1), geography, unit, unitName, scenarioList, label, controlled, controlled ? ROUNDING : 1, notes,
                askable(caller, geography, language));
    }

    private static Optional<String> one(Map<String, List<String>> parameters, String name)
    {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.get(0).isBlank()) {
            throw ApiException.badParameter(name, "is empty", List.of());
        }
        return Optional.of(values.get(0));
    }

    private static String choice(Map<String, List<String>> parameters, String name, List<String> allowed, String fallback)
    {
        String value = one(parameters, name).orElse(fallback);
        if (!allowed.contains(value)) {
            throw ApiException.badParameter(name, "'" + value + "' is not allowed", allowed);
        }
        return value;
    }
}
