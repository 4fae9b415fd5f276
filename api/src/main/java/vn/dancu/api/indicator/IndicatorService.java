package vn.dancu.api.indicator;

import vn.dancu.api.error.ApiException;
import vn.dancu.api.access.Caller;
import vn.dancu.api.access.Role;
import vn.dancu.api.disclosure.DisclosureControl;
import vn.dancu.api.query.CubeQuery;
import vn.dancu.api.query.CubeTable;
import vn.dancu.api.query.GeographyDimension;
import vn.dancu.api.query.QueryPeriod;
import vn.dancu.api.query.QueryService;
import vn.dancu.datasets.geo.AdminCatalogue;
import vn.dancu.datasets.geo.AdminUnit;
import vn.dancu.datasets.geo.Reorganisation2025;
import vn.dancu.datasets.geo.UnitLevel;
import vn.dancu.model.publish.CubeEntry;
import vn.dancu.model.publish.CubeManifest;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Computes the demographic indicators from cube numerators and denominators, through the caller's disclosure
 * control: every count comes from {@link QueryService#table}, so a value is withheld when a count it is made of is.
 */
public final class IndicatorService
{
    private static final List<String> FERTILE_BANDS = List.of("15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49");
    private static final List<String> ELIGIBLE_IDENTITY_AGES = List.of("14-17", "18-24", "25-39", "40-59", "60+");
    private static final Caller EXACT = new Caller("indicator-service", Role.STATISTICIAN, Set.of(), "internal");
    /** Yearly indicators are given for years the data cover for at least this many months (see docs/indicators.md). */
    public static final int MIN_MONTHS_FOR_YEARLY_INDICATORS = 6;

    private final QueryService queries;

    public IndicatorService(QueryService queries)
    {
        this.queries = requireNonNull(queries, "queries is null");
    }

    /**
     * What is asked: indicators, units, and the reference.
     *
     * @param date the month end for stock and identity indicators (null = the latest)
     * @param year the calendar year for rates (null = the latest year with births)
     * @param units unit codes at {@code level} to keep (empty = all)
     */
    public record Request(List<Indicator> indicators, LocalDate date, Integer year, GeographyDimension.Geography geography,
            GeographyDimension.Level level, Set<String> units, String language)
    {
        public Request
        {
            indicators = List.copyOf(indicators);
            units = Set.copyOf(units);
            requireNonNull(geography, "geography is null");
            requireNonNull(level, "level is null");
            requireNonNull(language, "language is null");
        }
    }

    /** A count of one unit with its disclosure status. */
    record Count(double value, boolean suppressed)
    {
        static final Count ZERO = new Count(0, false);

        Count plus(Count other)
        {
            return new Count(value + other.value, suppressed || other.suppressed);
        }

        Count minus(Count other)
        {
            return new Count(value - other.value, suppressed || other.suppressed);
        }
    }

    /** Parses request parameters (ids, date, year, geo, level, filter=unit:…, lang) with 400s naming the parameter. */
    public Request parse(Map<String, List<String>> parameters)
    {
        List<String> allowed = List.of("ids", "date", "year", "geo", "level", "filter", "lang", "from", "to", "format");
        for (String name : parameters.keySet()) {
            if (!allowed.contains(name)) {
                throw ApiException.badParameter(name, "unknown parameter", allowed);
            }
        }
        List<Indicator> indicators = new ArrayList<>();
        for (String value : parameters.getOrDefault("ids", List.of())) {
            for (String id : value.split(",", -1)) {
                if (id.isBlank()) {
                    throw ApiException.badParameter("ids", "'" + value + "' has an empty item; give indicator ids separated by commas", List.of());
                }
                indicators.add(Indicator.parse(id.strip()).orElseThrow(() -> ApiException.badParameter("ids", "unknown indicator '" + id.strip() + "'", Indicator.ids())));
            }
        }
        if (indicators.isEmpty()) {
            indicators.addAll(List.of(Indicator.values()));
        }
        LocalDate date = null;
        String dateText = first(parameters, "date");
        if (dateText != null) {
            try {
                date = LocalDate.parse(dateText);
            }
            catch (DateTimeParseException e) {
                throw ApiException.badParameter("date", "'" + dateText + "' is not a date (yyyy-MM-dd)", List.of());
            }
        }
        Integer year = null;
        String yearText = first(parameters, "year");
        if (yearText != null) {
            if (!yearText.matches("\\d{4}")) {
                throw ApiException.badParameter("year", "'" + yearText + "' is not a year (yyyy)", List.of());
            }
            year = Integer.parseInt(yearText);
        }
        String geo = Optional.ofNullable(first(parameters, "geo")).orElse("2025");
        if (!List.of("2025", "asof").contains(geo)) {
            throw ApiException.badParameter("geo", "'" + geo + "' is not allowed", List.of("2025", "asof"));
        }
        String levelText = Optional.ofNullable(first(parameters, "level")).orElse("commune");
        if (!List.of("commune", "district", "province", "area").contains(levelText)) {
            throw ApiException.badParameter("level", "'" + levelText + "' is not allowed", List.of("commune", "district", "province", "area"));
        }
        GeographyDimension.Geography geography = geo.equals("2025") ? GeographyDimension.Geography.Y2025 : GeographyDimension.Geography.ASOF;
        GeographyDimension.Level level = GeographyDimension.Level.valueOf(levelText.toUpperCase(Locale.ROOT));
        if (geography == GeographyDimension.Geography.Y2025 && level == GeographyDimension.Level.DISTRICT) {
            throw ApiException.badParameter("level", "the district level does not exist on the units of 01/07/2025 (geo=2025)",
                    List.of("commune", "province", "area"));
        }
        Set<String> units = new LinkedHashSet<>();
        for (String filter : parameters.getOrDefault("filter", List.of())) {
            if (!filter.startsWith("unit:") || filter.length() == 5) {
                throw ApiException.badParameter("filter", "indicators filter units only: filter=unit:code[,code…]", List.of());
            }
            for (String code : filter.substring(5).split(",", -1)) {
                if (code.isBlank()) {
                    throw ApiException.badParameter("filter", "'" + filter + "' has an empty code; give filter=unit:code[,code…]", List.of());
                }
                units.add(code.strip());
            }
        }
        String language = Optional.ofNullable(first(parameters, "lang")).orElse("vi");
        if (!List.of("vi", "en").contains(language)) {
            throw ApiException.badParameter("lang", "'" + language + "' is not allowed", List.of("vi", "en"));
        }
        if (!units.isEmpty()) {
            // The units of the level on either geography's dates: a code that is none of them would answer nothing.
            QueryService.Coverage coverage = queries.coverage();
            Set<String> known = new LinkedHashSet<>();
            for (LocalDate on : List.of(coverage.from(), Reorganisation2025.LAST_DAY_BEFORE, coverage.to())) {
                known.addAll(new GeographyDimension(GeographyDimension.NAME, "commune", queries.catalogue(), queries.area(), on, geography, level).codes());
            }
            for (String unit : units) {
                if (!known.contains(unit)) {
                    throw ApiException.badParameter("filter", "unknown unit '" + unit + "' at level " + level.code(), List.copyOf(known));
                }
            }
        }
        return new Request(indicators, date, year, geography, level, units, language);
    }

    private static String first(Map<String, List<String>> parameters, String name)
    {
        List<String> values = parameters.getOrDefault(name, List.of());
        return values.isEmpty() || values.get(0).isBlank() ? null : values.get(0).strip();
    }

    /**
     * Every requested indicator for every unit. An account limited to some communes that asks for the whole area
     * (level=area) gets the area's ratios and rates only, as a point of comparison (DHIS2's "parent" view): computed
     * under its role's disclosure control, without counts (values in persons, density) and without numerators and
     * denominators (nor intervals, whose width gives the count away), so that the other communes' counts cannot be had
     * by subtracting its own.
     */
    public List<IndicatorValue> compute(Caller caller, Request request)
    {
        if (caller.scoped() && request.level() == GeographyDimension.Level.AREA && request.units().isEmpty()) {
            Caller parent = new Caller(caller.username(), caller.role(), Set.of(), caller.via());
            List<IndicatorValue> values = new ArrayList<>();
            for (IndicatorValue value : computeAll(parent, request)) {
                boolean count = Indicator.parse(value.indicator()).map(i -> i.decimals() == 0 || i == Indicator.DENSITY).orElse(true);
                values.add(new IndicatorValue(value.indicator(), value.label(), value.unit(), value.unitLabel(), count ? null : value.value(), null, null,
                        value.formula(), value.measureUnit(), value.decimals(), value.refDate(), value.year(),
                        count && "ok".equals(value.status()) ? "unavailable" : value.status(),
                        count ? "a count of the whole area is not shown to an account limited to some communes" : "the whole area, for comparison",
                        // No interval: its width would give away the count of events behind the rate.
                        null, null, value.lowReliability(), value.partial(), value.coverage()));
            }
            return values;
        }
        return computeAll(caller, request);
    }

    private List<IndicatorValue> computeAll(Caller caller, Request request)
    {
        List<IndicatorValue> values = new ArrayList<>();
        Context context = new Context(caller, request);
        for (Indicator indicator : request.indicators()) {
            values.addAll(context.compute(indicator));
        }
        return values;
    }

    /** Month ends (stock and identity indicators) or years (rates) available between {@code from} and {@code to}. */
    public List<Object> seriesPoints(Indicator indicator, String from, String to)
    {
        CubeManifest manifest = queries.cubes().manifest();
        String cube = switch (indicator.basis()) {
            case STOCK, SCHOOL -> "population_stock";
            case IDENTITY -> "identity_coverage";
            case YEAR -> indicator == Indicator.CRUDE_DEATH_RATE ? "deaths" : indicator.name().contains("MIGRATION") ? "migration" : "births";
            case HOUSEHOLDS -> "households";
        };
        List<LocalDate> dates = manifest.cube(cube).map(CubeEntry::refDates).orElse(List.of());
        List<Object> points = new ArrayList<>();
        if (indicator.basis() == Indicator.Basis.YEAR) {
            dates.stream().map(LocalDate::getYear).distinct()
                    .filter(year -> (from == null || year.toString().compareTo(from.substring(0, 4)) >= 0)
                            && (to == null || year.toString().compareTo(to.substring(0, Math.min(4, to.length()))) <= 0))
                    .forEach(points::add);
            return points;
        }
        for (LocalDate date : dates) {
            String month = date.toString().substring(0, 7);
            if ((from == null || month.compareTo(from) >= 0) && (to == null || month.compareTo(to.length() > 7 ? to.substring(0, 7) : to) <= 0)) {
                points.add(date);
            }
        }
        return points;
    }

    /** Per request: the tables asked so far, by question. */
    private final class Context
    {
        private final Caller caller;
        private final Request request;
        private final CubeManifest manifest;
        private final Map<String, Map<String, Count>> asked = new LinkedHashMap<>();
        private final Map<String, String> labels = new LinkedHashMap<>();

        Context(Caller caller, Request request)
        {
            this.caller = caller;
            this.request = request;
            this.manifest = queries.cubes().manifest();
        }

        List<IndicatorValue> compute(Indicator indicator)
        {
            return switch (indicator.basis()) {
                case STOCK, SCHOOL -> stock(indicator);
                case YEAR -> rate(indicator);
                case IDENTITY -> identity(indicator);
                case HOUSEHOLDS -> households(indicator);
            };
        }

        private List<LocalDate> dates(String cube)
        {
            return manifest.cube(cube).map(CubeEntry::refDates).orElse(List.of());
        }

        private LocalDate stockDate(String cube)
        {
            List<LocalDate> dates = dates(cube);
            if (request.date() == null) {
                return dates.get(dates.size() - 1);
            }
            if (!dates.contains(request.date())) {
                throw ApiException.badParameter("date", "no data for " + request.date() + " in " + cube + "; reference dates from "
                        + dates.get(0) + " to " + dates.get(dates.size() - 1), dates.stream().map(LocalDate::toString).toList());
            }
            return request.date();
        }

        /** Counts by unit: the rows of a one-dimension (unit) query of the caller's disclosure-controlled tables. */
        private Map<String, Count> counts(Caller who, String cube, String measure, List<LocalDate> refDates, QueryPeriod period, Map<String, Set<String>> filters)
        {
            String key = who.cacheKey() + "|" + cube + "|" + measure + "|" + refDates + "|" + period + "|" + filters;
            Map<String, Count> known = asked.get(key);
            if (known != null) {
                return known;
            }
            Map<String, Set<String>> all = new LinkedHashMap<>(filters);
            if (!request.units().isEmpty()) {
                all.put(GeographyDimension.NAME, request.units());
            }
            CubeQuery query = new CubeQuery(cube, List.of(GeographyDimension.NAME), List.of(measure), all, refDates, period,
                    request.geography(), request.level(), request.language());
            CubeTable table = queries.table(who, query);
            Map<String, Count> counts = new LinkedHashMap<>();
            for (CubeTable.Row row : table.rows()) {
                counts.put(row.codes().get(0), new Count(row.value(0), row.suppressed()));
                labels.putIfAbsent(row.codes().get(0), table.dimensions().get(0).label(row.codes().get(0), request.language()));
            }
            asked.put(key, counts);
            return counts;
        }

        /** The units of the answer: every unit of the level (in the caller's scope and the asked filter). */
        private List<String> units(String cube, LocalDate refDate)
        {
            GeographyDimension dimension = new GeographyDimension(GeographyDimension.NAME, "commune", queries.catalogue(), queries.area(),
                    refDate, request.geography(), request.level());
            List<String> units = new ArrayList<>();
            for (String code : dimension.codes()) {
                if (!request.units().isEmpty() && !request.units().contains(code)) {
                    continue;
                }
                if (caller.scoped() && !caller.scope().contains(request.geography() == GeographyDimension.Geography.ASOF && !Reorganisation2025.after(refDate)
                        ? queries.catalogue().findSuccessorCode(code).orElse(code) : code)) {
                    continue;
                }
                labels.putIfAbsent(code, dimension.label(code, request.language()));
                units.add(code);
            }
            return units;
        }

        private List<IndicatorValue> stock(Indicator indicator)
        {
            if (dates("population_stock").isEmpty()) {
                return unavailable(indicator, "population_stock");
            }
            LocalDate date = stockDate("population_stock");
            String note = null;
            if (indicator.basis() == Indicator.Basis.SCHOOL) {
                LocalDate asked = date;
                Optional<LocalDate> yearEnd = dates("population_stock").stream()
                        .filter(candidate -> candidate.getMonthValue() == 12 && !candidate.isAfter(asked)).reduce((a, b) -> b);
                if (yearEnd.isEmpty()) {
                    return unavailable(indicator, "no 31 December stock at or before " + asked);
                }
                date = yearEnd.get();
                note = "school year " + date.getYear() + "–" + (date.getYear() + 1) + ": ages completed at " + date + " = calendar year of birth";
            }
            List<LocalDate> refDates = List.of(date);
            Function<Map<String, Set<String>>, Map<String, Count>> population = filters -> counts(caller, "population_stock", "population", refDates, null, filters);
            Map<String, Count> total = population.apply(Map.of());
            Map<String, Count> children = population.apply(Map.of("ageBroad", Set.of("0-14")));
            Map<String, Count> to59 = population.apply(Map.of("ageBroad", Set.of("15-59")));
            Map<String, Count> to64 = population.apply(Map.of("ageBroad", Set.of("15-59", "60-64")));
            Map<String, Count> over60 = population.apply(Map.of("ageBroad", Set.of("60-64", "65+")));
            Map<String, Count> over65 = population.apply(Map.of("ageBroad", Set.of("65+")));
            List<IndicatorValue> values = new ArrayList<>();
            for (String unit : units("population_stock", date)) {
                Count p = total.getOrDefault(unit, Count.ZERO);
                Count c = children.getOrDefault(unit, Count.ZERO);
                IndicatorValue value = switch (indicator) {
                    case POPULATION -> count(indicator, unit, p, p, date, null, null);
                    case SEX_RATIO -> ratio(indicator, unit, population.apply(Map.of("sex", Set.of("M"))).getOrDefault(unit, Count.ZERO),
                            population.apply(Map.of("sex", Set.of("F"))).getOrDefault(unit, Count.ZERO), 100, date, null, null);
                    case MEDIAN_AGE -> medianAge(indicator, unit, p, date);
                    case CHILD_DEPENDENCY -> ratio(indicator, unit, c, to64.getOrDefault(unit, Count.ZERO), 100, date, null, null);
                    case OLD_AGE_DEPENDENCY -> ratio(indicator, unit, over65.getOrDefault(unit, Count.ZERO), to64.getOrDefault(unit, Count.ZERO), 100, date, null, null);
                    case TOTAL_DEPENDENCY -> ratio(indicator, unit, c.plus(over65.getOrDefault(unit, Count.ZERO)), to64.getOrDefault(unit, Count.ZERO), 100, date, null, null);
                    case CHILD_DEPENDENCY_60 -> ratio(indicator, unit, c, to59.getOrDefault(unit, Count.ZERO), 100, date, null, null);
                    case OLD_AGE_DEPENDENCY_60 -> ratio(indicator, unit, over60.getOrDefault(unit, Count.ZERO), to59.getOrDefault(unit, Count.ZERO), 100, date, null, null);
                    case TOTAL_DEPENDENCY_60 -> ratio(indicator, unit, c.plus(over60.getOrDefault(unit, Count.ZERO)), to59.getOrDefault(unit, Count.ZERO), 100, date, null, null);
                    case AGEING_INDEX -> ratio(indicator, unit, over60.getOrDefault(unit, Count.ZERO), c, 100, date, null, null);
                    case WORKING_AGE -> count(indicator, unit, to64.getOrDefault(unit, Count.ZERO), p, date, null, null);
                    case ELDERLY -> count(indicator, unit, over60.getOrDefault(unit, Count.ZERO), p, date, null, null);
                    case SCHOOL_PRESCHOOL -> school(indicator, unit, population, 3, 5, p, date, note);
                    case SCHOOL_PRIMARY -> school(indicator, unit, population, 6, 10, p, date, note);
                    case SCHOOL_LOWER_SECONDARY -> school(indicator, unit, population, 11, 14, p, date, note);
                    case SCHOOL_UPPER_SECONDARY -> school(indicator, unit, population, 15, 17, p, date, note);
                    case DENSITY -> density(indicator, unit, p, date);
                    default -> throw new IllegalStateException(indicator + " is not a stock indicator");
                };
                values.add(value);
            }
            return values;
        }

        private IndicatorValue school(Indicator indicator, String unit, Function<Map<String, Set<String>>, Map<String, Count>> population,
                int from, int to, Count total, LocalDate date, String note)
        {
            Set<String> ages = new LinkedHashSet<>();
            for (int age = from; age <= to; age++) {
                ages.add(Integer.toString(age));
            }
            return count(indicator, unit, population.apply(Map.of("age", ages)).getOrDefault(unit, Count.ZERO), total, date, null, note);
        }

        /**
         * Median by linear interpolation within the single-year distribution: with N people and C(a) the number younger
         * than a, the median lies in the first age a where C(a+1) ≥ N/2, at a + (N/2 − C(a)) / n(a). Computed on exact
         * counts; published when the unit's population is.
         */
        private IndicatorValue medianAge(Indicator indicator, String unit, Count population, LocalDate date)
        {
            if (population.suppressed()) {
                return withheld(indicator, unit, date, null);
            }
            Map<String, Count> byAge = new LinkedHashMap<>();
            for (int age = 0; age <= 100; age++) {
                String code = age == 100 ? "100+" : Integer.toString(age);
                byAge.put(code, counts(EXACT, "population_stock", "population", List.of(date), null, Map.of("age", Set.of(code)))
                        .getOrDefault(unit, Count.ZERO));
            }
            Double median = median(byAge.values().stream().mapToDouble(Count::value).toArray());
            if (median == null) {
                return new IndicatorValue(indicator.id(), indicator.label(request.language()), unit, labels.get(unit), null, null, population.value(),
                        indicator.formula(), indicator.unit(request.language()), indicator.decimals(), date, null, "unavailable", "no residents");
            }
            return new IndicatorValue(indicator.id(), indicator.label(request.language()), unit, labels.get(unit), round(median, 1), null,
                    population.value(), indicator.formula(), indicator.unit(request.language()), indicator.decimals(), date, null, "ok", null);
        }

        private IndicatorValue density(Indicator indicator, String unit, Count population, LocalDate date)
        {
            Double area = landArea(unit, date);
            if (area == null) {
                return new IndicatorValue(indicator.id(), indicator.label(request.language()), unit, labels.get(unit), null,
                        population.suppressed() ? null : population.value(), null, indicator.formula(), indicator.unit(request.language()),
                        indicator.decimals(), date, null, "unavailable", "no land area in the catalogue for this unit");
            }
            return ratio(indicator, unit, population, new Count(area, false), 1, date, null, null);
        }

        private Double landArea(String unit, LocalDate date)
        {
            AdminCatalogue catalogue = queries.catalogue();
            LocalDate unitsDate = GeographyDimension.unitsDate(request.geography(), date);
            LocalDate before = Reorganisation2025.LAST_DAY_BEFORE;
            return switch (request.level()) {
                case AREA -> switch (queries.area().name()) {
                    case "konray" -> catalogue.unit(UnitLevel.DISTRICT, AdminCatalogue.KON_RAY, before).map(AdminUnit::areaKm2).orElse(null);
                    default -> catalogue.unit(UnitLevel.PROVINCE, AdminCatalogue.KON_TUM, before).map(AdminUnit::areaKm2)
                            .map(area -> area * catalogue.replicas()).orElse(null);
                };
                case DISTRICT -> catalogue.unit(UnitLevel.DISTRICT, unit, unitsDate).map(AdminUnit::areaKm2).orElse(null);
                case PROVINCE -> "konray".equals(queries.area().name()) ? null
                        : catalogue.unit(UnitLevel.PROVINCE, unit, unitsDate).map(AdminUnit::areaKm2).orElse(null);
                case COMMUNE -> catalogue.commune(unit, unitsDate).map(AdminUnit::areaKm2).orElse(null);
            };
        }

        private List<IndicatorValue> rate(Indicator indicator)
        {
            String flowCube = switch (indicator) {
                case CRUDE_DEATH_RATE -> "deaths";
                case IN_MIGRATION_RATE, OUT_MIGRATION_RATE, NET_MIGRATION_RATE -> "migration";
                default -> "births";
            };
            List<LocalDate> flowDates = dates(flowCube);
            if (flowDates.isEmpty()) {
                return unavailable(indicator, flowCube);
            }
            QueryService.Coverage coverage = queries.coverage();
            int year = request.year() == null ? flowDates.get(flowDates.size() - 1).getYear() : request.year();
            QueryPeriod period = QueryPeriod.year(year).clip(coverage.from(), coverage.to())
                    .orElseThrow(() -> ApiException.badParameter("year", "no data for " + year + "; the data cover " + coverage.from() + " to "
                            + coverage.to(), coverage.years()));
            List<LocalDate> months = flowDates.stream().filter(period::holds).toList();
            LocalDate refDate = period.to();
            if (indicator == Indicator.NATURAL_INCREASE_RATE && dates("deaths").isEmpty()) {
                return unavailable(indicator, "deaths");
            }
            String covered = period.label(request.language());
            if (period.monthsCovered() < MIN_MONTHS_FOR_YEARLY_INDICATORS) {
                // Too few months to stand for a year (e.g. the register's first month): not shown, and said why.
                List<IndicatorValue> values = new ArrayList<>();
                for (String unit : units(flowCube, refDate)) {
                    values.add(new IndicatorValue(indicator.id(), indicator.label(request.language()), unit, labels.get(unit), null, null, null,
                            indicator.formula(), indicator.unit(request.language()), indicator.decimals(), refDate, year, "unavailable",
                            year + " has data for " + period.monthsCovered() + " month(s) only (" + covered + "); yearly indicators are given for years"
                                    + " with at least " + MIN_MONTHS_FOR_YEARLY_INDICATORS + " months of data").covering(covered));
                }
                return values;
            }
            Exposure exposure = exposure(period);
            // A partial year's events over the mid-year population would not be a yearly rate: such rates are not shown.
            boolean notAnnualised = exposure != null && period.partial() && exposure.midYearStock();
            Exposure used = notAnnualised ? null : exposure;
            List<IndicatorValue> values = new ArrayList<>();
            Function<Map<String, Set<String>>, Map<String, Count>> births = filters -> counts(caller, "births", "births", months, period, filters);
            for (String unit : units(flowCube, refDate)) {
                Count py = used == null ? null : used.total().getOrDefault(unit, Count.ZERO);
                String note = used == null ? null : used.note();
                IndicatorValue value = switch (indicator) {
                    case CRUDE_BIRTH_RATE -> perThousand(indicator, unit, births.apply(Map.of()).getOrDefault(unit, Count.ZERO), py, refDate, year, note);
                    case CRUDE_DEATH_RATE -> perThousand(indicator, unit, counts(caller, "deaths", "deaths", months, period, Map.of()).getOrDefault(unit, Count.ZERO),
                            py, refDate, year, note);
                    case NATURAL_INCREASE_RATE -> perThousand(indicator, unit, births.apply(Map.of()).getOrDefault(unit, Count.ZERO)
                            .minus(counts(caller, "deaths", "deaths", deathMonths(period), period, Map.of()).getOrDefault(unit, Count.ZERO)), py, refDate, year, note);
                    case SEX_RATIO_AT_BIRTH -> ratio(indicator, unit, births.apply(Map.of("sex", Set.of("M"))).getOrDefault(unit, Count.ZERO),
                            births.apply(Map.of("sex", Set.of("F"))).getOrDefault(unit, Count.ZERO), 100, refDate, year, null);
                    case GENERAL_FERTILITY_RATE -> perThousand(indicator, unit, births.apply(Map.of()).getOrDefault(unit, Count.ZERO),
                            used == null ? null : used.women().apply(Set.copyOf(FERTILE_BANDS)).getOrDefault(unit, Count.ZERO), refDate, year, note);
                    case TOTAL_FERTILITY_RATE -> totalFertility(indicator, unit, births, used, refDate, year);
                    case IN_MIGRATION_RATE, OUT_MIGRATION_RATE, NET_MIGRATION_RATE -> migration(indicator, unit, months, period, py, refDate, note);
                    default -> throw new IllegalStateException(indicator + " is not a rate");
                };
                if (notAnnualised && "unavailable".equals(value.status())) {
                    value = new IndicatorValue(value.indicator(), value.label(), value.unit(), value.unitLabel(), null, null, null, value.formula(),
                            value.measureUnit(), value.decimals(), refDate, year, "unavailable", year + " has data for " + covered + " only, and person_years"
                                    + " is not published: a rate over the 30 June population would not be a yearly rate");
                }
                value = interval(indicator, value, unit, months, period);
                values.add(period.partial() ? value.covering(covered) : value);
            }
            return values;
        }

        /** The 95 % interval and reliability of a rate built from counts of events (see {@link Reliability}). */
        private IndicatorValue interval(Indicator indicator, IndicatorValue value, String unit, List<LocalDate> months, QueryPeriod period)
        {
            if (!"ok".equals(value.status()) || value.value() == null) {
                return value;
            }
            Function<String, Double> births = sex -> counts(caller, "births", "births", months, period, sex == null ? Map.of() : Map.of("sex", Set.of(sex)))
                    .getOrDefault(unit, Count.ZERO).value();
            double scale = value.denominator() == null || value.denominator() == 0 ? 0 : 1000 / value.denominator();
            return switch (indicator) {
                case CRUDE_BIRTH_RATE, CRUDE_DEATH_RATE, GENERAL_FERTILITY_RATE, IN_MIGRATION_RATE, OUT_MIGRATION_RATE ->
                        value.withInterval(Reliability.count(value.numerator(), scale));
                case NATURAL_INCREASE_RATE -> value.withInterval(Reliability.difference(births.apply(null),
                        counts(caller, "deaths", "deaths", deathMonths(period), period, Map.of()).getOrDefault(unit, Count.ZERO).value(), scale));
                case NET_MIGRATION_RATE -> value.withInterval(Reliability.difference(
                        counts(caller, "migration", "moves", months, period, Map.of("flow", Set.of("IN", "BETWEEN_IN"))).getOrDefault(unit, Count.ZERO).value(),
                        counts(caller, "migration", "moves", months, period, Map.of("flow", Set.of("OUT", "BETWEEN_OUT"))).getOrDefault(unit, Count.ZERO).value(),
                        scale));
                case SEX_RATIO_AT_BIRTH -> value.withInterval(Reliability.sexRatio(births.apply("M"), births.apply("F")));
                case TOTAL_FERTILITY_RATE -> {
                    // The TFR's relative error is taken as that of its births (the women's person-years are complete counts).
                    double events = value.numerator();
                    Reliability.Interval births95 = Reliability.count(events, 1);
                    yield events <= 0 ? value : value.withInterval(new Reliability.Interval(value.value() * births95.lower() / events,
                            value.value() * births95.upper() / events, births95.low()));
                }
                default -> value;
            };
        }

        private List<LocalDate> deathMonths(QueryPeriod period)
        {
            return dates("deaths").stream().filter(period::holds).toList();
        }

        private IndicatorValue migration(Indicator indicator, String unit, List<LocalDate> months, QueryPeriod period, Count py, LocalDate refDate, String note)
        {
            int year = period.year();
            Count in = counts(caller, "migration", "moves", months, period, Map.of("flow", Set.of("IN", "BETWEEN_IN"))).getOrDefault(unit, Count.ZERO);
            Count out = counts(caller, "migration", "moves", months, period, Map.of("flow", Set.of("OUT", "BETWEEN_OUT"))).getOrDefault(unit, Count.ZERO);
            return switch (indicator) {
                case IN_MIGRATION_RATE -> perThousand(indicator, unit, in, py, refDate, year, note);
                case OUT_MIGRATION_RATE -> perThousand(indicator, unit, out, py, refDate, year, note);
                default -> perThousand(indicator, unit, in.minus(out), py, refDate, year, note);
            };
        }

        /**
         * TFR = 5 × Σ ASFR over the seven bands 15–19 … 45–49, ASFR = births to mothers of the band / person-years of women
         * of the band; births to mothers under 15 count in 15–19 and those to mothers of 50 and over in 45–49 (UN DESA).
         */
        private IndicatorValue totalFertility(Indicator indicator, String unit, Function<Map<String, Set<String>>, Map<String, Count>> births,
                Exposure exposure, LocalDate refDate, int year)
        {
            if (exposure == null) {
                return new IndicatorValue(indicator.id(), indicator.label(request.language()), unit, labels.get(unit), null, null, null, indicator.formula(),
                        indicator.unit(request.language()), indicator.decimals(), refDate, year, "unavailable", "no person-years for " + year);
            }
            double tfr = 0;
            boolean suppressed = false;
            boolean missing = false;
            Count allBirths = Count.ZERO;
            Count allWomen = Count.ZERO;
            for (String band : FERTILE_BANDS) {
                Set<String> mothers = new LinkedHashSet<>(List.of(band));
                if (band.equals("15-19")) {
                    mothers.add("10-14");
                }
                if (band.equals("45-49")) {
                    mothers.add("50+");
                }
                Count b = births.apply(Map.of("motherAgeGroup", mothers)).getOrDefault(unit, Count.ZERO);
                Count w = exposure.women().apply(Set.of(band)).getOrDefault(unit, Count.ZERO);
                allBirths = allBirths.plus(b);
                allWomen = allWomen.plus(w);
                suppressed |= b.suppressed() || w.suppressed();
                if (w.value() <= 0) {
                    missing |= b.value() > 0;
                    continue;
                }
                tfr += b.value() / w.value();
            }
            if (suppressed) {
                return withheld(indicator, unit, refDate, year);
            }
            if (missing || allWomen.value() <= 0) {
                return new IndicatorValue(indicator.id(), indicator.label(request.language()), unit, labels.get(unit), null, allBirths.value(),
                        allWomen.value(), indicator.formula(), indicator.unit(request.language()), indicator.decimals(), refDate, year,
                        "unavailable", "births to women of an age group with no person-years");
            }
            return new IndicatorValue(indicator.id(), indicator.label(request.language()), unit, labels.get(unit), round(5 * tfr, 2), allBirths.value(),
                    allWomen.value(), indicator.formula(), indicator.unit(request.language()), indicator.decimals(), refDate, year, "ok", null);
        }

        /** Person-years lived in a year, from person_years (person-days ÷ 365.25), or the 30 June stock when it is not published. */
        private Exposure exposure(QueryPeriod period)
        {
            int year = period.year();
            List<LocalDate> exposureDates = dates("person_years").stream().filter(period::holds).toList();
            if (!exposureDates.isEmpty()) {
                Function<Map<String, Set<String>>, Map<String, Count>> days = filters -> scale(counts(caller, "person_years", "personDays",
                        exposureDates, period, filters), 1 / DisclosureControl.DAYS_PER_PERSON_YEAR);
                return new Exposure(days.apply(Map.of()), bands -> days.apply(Map.of("sex", Set.of("F"), "ageGroup", bands)),
                        "denominator: person-years lived in " + (period.partial() ? period.label("en") : Integer.toString(year))
                                + " (person-days ÷ 365.25)" + (period.partial() ? ": a rate per year of the months covered" : ""), false);
            }
            LocalDate midYear = LocalDate.of(year, 6, 30);
            if (dates("population_stock").contains(midYear)) {
                List<LocalDate> refDates = List.of(midYear);
                return new Exposure(counts(caller, "population_stock", "population", refDates, null, Map.of()),
                        bands -> {
                            Set<String> ages = new LinkedHashSet<>();
                            for (String band : bands) {
                                int low = Integer.parseInt(band.split("-")[0]);
                                for (int age = low; age < low + 5; age++) {
                                    ages.add(Integer.toString(age));
                                }
                            }
                            return counts(caller, "population_stock", "population", refDates, null, Map.of("sex", Set.of("F"), "age", ages));
                        },
                        "denominator: mid-year population (stock at " + midYear + "); person_years is not published", true);
            }
            return null;
        }

        private Map<String, Count> scale(Map<String, Count> counts, double factor)
        {
            Map<String, Count> scaled = new LinkedHashMap<>();
            counts.forEach((unit, count) -> scaled.put(unit, new Count(count.value() * factor, count.suppressed())));
            return scaled;
        }

        private List<IndicatorValue> identity(Indicator indicator)
        {
            if (dates("identity_coverage").isEmpty()) {
                return unavailable(indicator, "identity_coverage");
            }
            LocalDate date = stockDate("identity_coverage");
            List<LocalDate> refDates = List.of(date);
            Function<Map<String, Set<String>>, Map<String, Count>> persons = filters -> counts(caller, "identity_coverage", "persons", refDates, null, filters);
            Set<String> eligible = Set.copyOf(ELIGIBLE_IDENTITY_AGES);
            List<IndicatorValue> values = new ArrayList<>();
            for (String unit : units("identity_coverage", date)) {
                Count all = persons.apply(Map.of()).getOrDefault(unit, Count.ZERO);
                Count allEligible = persons.apply(Map.of("ageGroup", eligible)).getOrDefault(unit, Count.ZERO);
                IndicatorValue value = switch (indicator) {
                    case CHIP_CARD_HOLDERS -> count(indicator, unit, persons.apply(Map.of("chipCard", Set.of("YES"))).getOrDefault(unit, Count.ZERO), all, date, null, null);
                    case CHIP_CARD_SHARE -> ratio(indicator, unit, persons.apply(Map.of("chipCard", Set.of("YES"))).getOrDefault(unit, Count.ZERO), all, 100, date, null, null);
                    case CHIP_CARD_SHARE_ELIGIBLE -> ratio(indicator, unit, persons.apply(Map.of("chipCard", Set.of("YES"), "ageGroup", eligible))
                            .getOrDefault(unit, Count.ZERO), allEligible, 100, date, null, null);
                    case VNEID_LEVEL1_ACCOUNTS -> count(indicator, unit, persons.apply(Map.of("vneidLevel", Set.of("1"))).getOrDefault(unit, Count.ZERO), all, date, null, null);
                    case VNEID_LEVEL1_SHARE -> ratio(indicator, unit, persons.apply(Map.of("vneidLevel", Set.of("1"))).getOrDefault(unit, Count.ZERO), all, 100, date, null, null);
                    case VNEID_LEVEL1_SHARE_ELIGIBLE -> ratio(indicator, unit, persons.apply(Map.of("vneidLevel", Set.of("1"), "ageGroup", eligible))
                            .getOrDefault(unit, Count.ZERO), allEligible, 100, date, null, null);
                    case VNEID_LEVEL2_ACCOUNTS -> count(indicator, unit, persons.apply(Map.of("vneidLevel", Set.of("2"))).getOrDefault(unit, Count.ZERO), all, date, null, null);
                    case VNEID_LEVEL2_SHARE -> ratio(indicator, unit, persons.apply(Map.of("vneidLevel", Set.of("2"))).getOrDefault(unit, Count.ZERO), all, 100, date, null, null);
                    case VNEID_LEVEL2_SHARE_ELIGIBLE -> ratio(indicator, unit, persons.apply(Map.of("vneidLevel", Set.of("2"), "ageGroup", eligible))
                            .getOrDefault(unit, Count.ZERO), allEligible, 100, date, null, null);
                    default -> throw new IllegalStateException(indicator + " is not an identity indicator");
                };
                values.add(value);
            }
            return values;
        }

        private List<IndicatorValue> households(Indicator indicator)
        {
            List<LocalDate> dates = dates("households");
            if (dates.isEmpty()) {
                return unavailable(indicator, "households");
            }
            LocalDate date = dates.get(dates.size() - 1);
            List<LocalDate> refDates = List.of(date);
            Map<String, Count> households = counts(caller, "households", "households", refDates, null, Map.of());
            // Members share the status of their household cells: the query withholds both measures of a withheld cell.
            Map<String, Count> members = counts(caller, "households", "members", refDates, null, Map.of());
            List<IndicatorValue> values = new ArrayList<>();
            for (String unit : units("households", date)) {
                Count h = households.getOrDefault(unit, Count.ZERO);
                Count m = members.getOrDefault(unit, Count.ZERO);
                values.add(ratio(indicator, unit, new Count(m.value(), m.suppressed() || h.suppressed()), h, 1, date, null, null));
            }
            return values;
        }

        private IndicatorValue count(Indicator indicator, String unit, Count count, Count total, LocalDate date, Integer year, String note)
        {
            if (count.suppressed()) {
                return withheld(indicator, unit, date, year);
            }
            return new IndicatorValue(indicator.id(), indicator.label(request.language()), unit, labels.get(unit), count.value(), count.value(),
                    total == null || total.suppressed() ? null : total.value(), indicator.formula(), indicator.unit(request.language()),
                    indicator.decimals(), date, year, "ok", note);
        }

        private IndicatorValue ratio(Indicator indicator, String unit, Count numerator, Count denominator, double scale, LocalDate date, Integer year, String note)
        {
            if (numerator.suppressed() || denominator.suppressed()) {
                return withheld(indicator, unit, date, year);
            }
            if (denominator.value() <= 0) {
                return new IndicatorValue(indicator.id(), indicator.label(request.language()), unit, labels.get(unit), null, numerator.value(),
                        denominator.value(), indicator.formula(), indicator.unit(request.language()), indicator.decimals(), date, year,
                        "unavailable", "the denominator is zero");
            }
            return new IndicatorValue(indicator.id(), indicator.label(request.language()), unit, labels.get(unit),
                    round(scale * numerator.value() / denominator.value(), indicator.decimals()), numerator.value(), round(denominator.value(), 2),
                    indicator.formula(), indicator.unit(request.language()), indicator.decimals(), date, year, "ok", note);
        }

        private IndicatorValue perThousand(Indicator indicator, String unit, Count numerator, Count personYears, LocalDate refDate, int year, String note)
        {
            if (personYears == null) {
                return new IndicatorValue(indicator.id(), indicator.label(request.language()), unit, labels.get(unit), null, null, null,
                        indicator.formula(), indicator.unit(request.language()), indicator.decimals(), refDate, year, "unavailable",
                        "no person-years and no 30 June stock for " + year);
            }
            return ratio(indicator, unit, numerator, personYears, 1000, refDate, year, note);
        }

        private IndicatorValue withheld(Indicator indicator, String unit, LocalDate date, Integer year)
        {
            return new IndicatorValue(indicator.id(), indicator.label(request.language()), unit, labels.get(unit), null, null, null,
                    indicator.formula(), indicator.unit(request.language()), indicator.decimals(), date, year, "suppressed", null);
        }

        private List<IndicatorValue> unavailable(Indicator indicator, String reason)
        {
            return List.of(new IndicatorValue(indicator.id(), indicator.label(request.language()), null, null, null, null, null,
                    indicator.formula(), indicator.unit(request.language()), indicator.decimals(), null, null, "unavailable",
                    reason.contains(" ") ? reason : "cube " + reason + " is not published in version " + manifest.versionId()));
        }
    }

    /** Person-years (or the mid-year population) by unit, and of women of some 5-year age groups. */
    private record Exposure(Map<String, Count> total, Function<Set<String>, Map<String, Count>> women, String note, boolean midYearStock) {}

    /**
     * The median of a distribution of single years of age 0 … 100 (counts by age), by linear interpolation within the
     * year of age that holds the middle person; null when the distribution is empty.
     */
    static Double median(double[] byAge)
    {
        double total = 0;
        for (double count : byAge) {
            total += count;
        }
        if (total <= 0) {
            return null;
        }
        double half = total / 2;
        double below = 0;
        for (int age = 0; age < byAge.length; age++) {
            if (byAge[age] > 0 && below + byAge[age] >= half) {
                return age + (half - below) / byAge[age];
            }
            below += byAge[age];
        }
        return (double) (byAge.length - 1);
    }

    static double round(double value, int decimals)
    {
        return java.math.BigDecimal.valueOf(value).setScale(decimals, java.math.RoundingMode.HALF_UP).doubleValue();
    }
}
