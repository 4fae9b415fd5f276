package vn.dancu.api.table;

import vn.dancu.api.access.Caller;
import vn.dancu.api.error.ApiException;
import vn.dancu.api.export.Exports;
import vn.dancu.api.query.CubeQuery;
import vn.dancu.api.query.CubeTable;
import vn.dancu.api.query.GeographyDimension;
import vn.dancu.api.query.QueryAccess;
import vn.dancu.api.query.QueryDimension;
import vn.dancu.api.query.DateExpression;
import vn.dancu.api.query.PeriodExpression;
import vn.dancu.api.query.QueryPeriod;
import vn.dancu.api.query.QueryRequest;
import vn.dancu.api.query.QueryService;
import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.cube.TimeGrain;
import vn.dancu.model.publish.CubeEntry;
import vn.dancu.model.publish.CubeManifest;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The table builder ({@code GET /api/v1/tables}, the page "Bảng số liệu"): a pivot of one measure of one cube by the
 * variables of its rows and columns, with totals, built from questions of the query API ({@link QueryService#table}),
 * so that roles, unit scopes, cube audiences and disclosure control are exactly those of every other answer.
 * <p>
 * What it adds to the query API, and why nothing it adds opens a differencing channel:
 * <ul>
 *   <li>a <b>custom age band</b> ({@link #AGE_CUSTOM}, {@code ageBands=3-5,6-10}) is the sum of the single-age answers
 *   of the query API, withheld when one of them is withheld (never computed as if it were 0);</li>
 *   <li>a <b>total</b> is the query API's answer for the margin itself (the table without the summed variables, the
 *   kept values as filters: a published, protected margin), never a sum of the shown cells;</li>
 *   <li>a <b>period as a variable</b> is one question per period; a total across several periods is not a count of
 *   anything and is not given ({@link PivotTable.Cell#NOT_APPLICABLE}).</li>
 * </ul>
 * Every figure is therefore a published figure of the query API or a sum of published figures, and a withheld figure
 * of the query API is never an input of a shown one.
 * <p>
 * Other code calls {@link #table(Map, Caller)} (URL parameters to the table) and {@link #render(PivotTable, TableFormat)}
 * (the table as a file); {@link TableRequest#queryString()} is a table's canonical query string.
 */
public final class TableService
{
    /** The variable of the dates or periods ({@code date=} or {@code period=}, comma-separated). */
    public static final String PERIOD = "period";
    /** The variable of the custom age bands ({@code ageBands=}). */
    public static final String AGE_CUSTOM = "ageCustom";
    /** A table has at most this many cells (rows × columns, totals not counted). */
    public static final int MAX_CELLS = 5_000;
    /** The code of a total in the files' rows (SDMX's code for a total). */
    public static final String TOTAL = "_T";
    private static final String SINGLE_AGE = "age";
    private static final List<String> AGE_GROUPINGS = List.of("age", "ageBand", "ageBroad", AGE_CUSTOM);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final QueryService queries;

    public TableService(QueryService queries)
    {
        this.queries = requireNonNull(queries, "queries is null");
    }

    /** A file of a table: its bytes, the name to save it under and its content type. */
    public record TableFile(byte[] bytes, String fileName, String contentType) {}

    /** The table of URL parameters ({@code cube=…&rows=…&cols=…}, {@code format} left out) for a caller; every problem is an {@link ApiException}. */
    public PivotTable table(Map<String, List<String>> parameters, Caller caller)
    {
        Map<String, List<String>> withoutFormat = new LinkedHashMap<>(parameters);
        withoutFormat.remove("format");
        return table(TableRequestParser.parse(withoutFormat), caller);
    }

    /** The table in a format, as a file. */
    public TableFile render(PivotTable table, TableFormat format)
    {
        return new TableFile(TableFiles.write(table, format), fileName(table, format), format.contentType());
    }

    static String fileName(PivotTable table, TableFormat format)
    {
        String base = "dancu-table_" + table.cube().replaceAll("[^A-Za-z0-9_-]", "_") + "_" + table.refDate();
        return base + switch (format) {
            case JSON_STAT -> ".jsonstat.json";
            case SDMX_CSV -> ".sdmx.csv";
            default -> "." + format.extension();
        };
    }

    /** One date or period of a table, as asked. */
    private record Time(Optional<LocalDate> date, Optional<QueryPeriod> period, Optional<QueryPeriod> stockPeriod) {}

    /** A figure summed from the answers of the query API, and whether one of its parts is withheld. */
    private static final class Sum
    {
        long value;
        boolean withheld;
    }

    /** The answers of one question: figures by the codes of the shown variables. */
    private record Answer(CubeTable table, Map<List<String>, Sum> figures) {}

    public PivotTable table(TableRequest request, Caller caller)
    {
        if (caller.anonymousVisitor()) {
            throw ApiException.unauthorized("tables need an account: log in (POST /api/v1/auth/login) or send an API token");
        }
        CubeManifest manifest = queries.cubes().manifest();
        CubeDescriptor descriptor = queries.cubes().descriptor(request.cube()).orElseThrow(() -> ApiException.badParameter("cube",
                "unknown cube '" + request.cube() + "'", manifest.cubes().stream().map(CubeEntry::name)
                        .filter(name -> queries.cubes().descriptor(name).map(found -> QueryAccess.maySeeCube(caller.role(), found)
                                && QueryAccess.served(found)).orElse(false)).toList()));
        QueryAccess.checkServed(descriptor);
        String language = request.language();

        // The variables.
        List<String> names = QueryService.queryDimensionNames(descriptor);
        List<String> allowed = new ArrayList<>(names);
        if (names.contains(SINGLE_AGE)) {
            allowed.add(AGE_CUSTOM);
        }
        allowed.add(PERIOD);
        for (String name : request.rows()) {
            if (!allowed.contains(name)) {
                throw ApiException.badParameter("rows", "unknown variable '" + name + "' of cube " + descriptor.name(), allowed);
            }
        }
        for (String name : request.columns()) {
            if (!allowed.contains(name)) {
                throw ApiException.badParameter("cols", "unknown variable '" + name + "' of cube " + descriptor.name(), allowed);
            }
            if (request.rows().contains(name)) {
                throw ApiException.badParameter("cols", "'" + name + "' is in rows too; a variable goes in rows or in cols", List.of());
            }
        }
        List<String> variables = request.variables();
        List<String> ages = variables.stream().filter(AGE_GROUPINGS::contains).toList();
        if (ages.size() > 1) {
            throw ApiException.badParameter(request.columns().contains(ages.get(1)) ? "cols" : "rows", "one grouping of age at a time ("
                    + String.join(", ", ages) + ")", AGE_GROUPINGS);
        }
        boolean custom = variables.contains(AGE_CUSTOM);
        if (custom && request.bands().isEmpty()) {
            throw ApiException.badParameter(AgeBand.PARAMETER, "missing: give the bands of ageCustom, e.g. " + AgeBand.SCHOOL_AGES, List.of());
        }
        if (!custom && !request.bands().isEmpty()) {
            throw ApiException.badParameter(AgeBand.PARAMETER, "ageCustom is not a variable of the table: put it in rows or cols", List.of());
        }
        String measure = request.measure().orElseGet(() -> queries.disclosure().countedMeasure(descriptor).orElse(descriptor.measureNames().get(0)));
        if (descriptor.measure(measure).isEmpty()) {
            throw ApiException.badParameter("measure", "unknown measure '" + measure + "' of cube " + descriptor.name(), descriptor.measureNames());
        }

        // The kept values: of the variables, and filters of other dimensions passed on to every question.
        Map<String, Set<String>> kept = new LinkedHashMap<>();
        List<QueryRequest.Filter> passed = new ArrayList<>();
        for (QueryRequest.Filter filter : request.filters()) {
            if (filter.dimension().equals(PERIOD)) {
                throw ApiException.badParameter("filter", "the periods of a table are given with period= (or date=), not as a filter", List.of());
            }
            if (filter.dimension().equals(AGE_CUSTOM)) {
                List<String> codes = request.bands().stream().map(AgeBand::code).toList();
                if (!custom) {
                    throw ApiException.badParameter("filter", "ageCustom is not a variable of the table: put it in rows or cols", List.of());
                }
                for (String code : filter.codes()) {
                    if (!codes.contains(code)) {
                        throw ApiException.badParameter("filter", "unknown band '" + code + "' of ageCustom", codes);
                    }
                }
            }
            if (variables.contains(filter.dimension())) {
                kept.computeIfAbsent(filter.dimension(), key -> new LinkedHashSet<>()).addAll(filter.codes());
            }
            else {
                passed.add(filter);
            }
        }
        List<AgeBand> bands = request.bands().stream().filter(band -> !kept.containsKey(AGE_CUSTOM) || kept.get(AGE_CUSTOM).contains(band.code())).toList();

        // The dates or periods, each checked by the query API's own resolution.
        List<Time> times = times(request, descriptor, manifest);
        if (times.size() > 1 && !variables.contains(PERIOD)) {
            throw ApiException.badParameter(request.dates().isEmpty() ? "period" : "date", times.size() + " "
                    + (request.dates().isEmpty() ? "periods" : "dates") + " are given: put period in rows or cols (e.g. cols=period)", List.of());
        }
        List<CubeQuery> bases = new ArrayList<>();
        for (Time time : times) {
            bases.add(resolve(request, descriptor, List.of(), List.of(measure), filters(passed, kept, Map.of(), bands, custom), time));
        }

        // The values of each variable: every code of its dimension (those of the caller's scope), or those kept.
        Map<String, List<String>> values = new LinkedHashMap<>();
        Map<String, QueryDimension> dimensions = new HashMap<>();
        Map<String, Set<String>> restricted = new LinkedHashMap<>();
        Optional<String> unitName = QueryService.queryDimensionNames(descriptor).contains(GeographyDimension.NAME) ? Optional.of(GeographyDimension.NAME)
                : Optional.empty();
        for (String variable : variables) {
            if (variable.equals(PERIOD)) {
                List<String> codes = new ArrayList<>();
                for (int t = 0; t < times.size(); t++) {
                    codes.add(Integer.toString(t));
                }
                values.put(variable, codes);
                continue;
            }
            if (variable.equals(AGE_CUSTOM)) {
                values.put(variable, bands.stream().map(AgeBand::code).toList());
                continue;
            }
            Set<String> codes = new LinkedHashSet<>();
            for (CubeQuery base : bases) {
                QueryDimension dimension = queries.dimension(descriptor, variable, base.refDate(), base.geography(), base.level());
                dimensions.put(variable, dimension);
                codes.addAll(dimension.codes());
            }
            List<String> all = List.copyOf(codes);
            List<String> shown = new ArrayList<>(all);
            if (caller.scoped() && unitName.map(variable::equals).orElse(false)) {
                shown.removeIf(code -> !caller.scope().contains(code));
            }
            if (kept.containsKey(variable)) {
                Set<String> asked = kept.get(variable);
                shown.removeIf(code -> !asked.contains(code));
                if (!new LinkedHashSet<>(shown).containsAll(asked)) {
                    // An unknown code: the query API's resolution names it and the allowed codes.
                    resolve(request, descriptor, List.of(), List.of(measure), List.of(new QueryRequest.Filter(variable, asked)), times.get(0));
                }
                if (!asked.containsAll(all)) {
                    restricted.put(variable, asked);
                }
            }
            values.put(variable, shown);
        }

        // The cell limit, before any figure is read.
        long rowCount = count(request.rows(), values);
        long columnCount = count(request.columns(), values);
        long cellCount = rowCount * columnCount;
        if (cellCount > MAX_CELLS) {
            throw ApiException.badParameter(rowCount >= columnCount ? "rows" : "cols", String.format(Locale.ROOT,
                    "the table would have %,d cells (%,d rows × %,d columns; limit %,d): choose fewer units, ages or periods (filter=), or use age bands",
                    cellCount, rowCount, columnCount, MAX_CELLS), List.of());
        }
        if (custom) {
            long ageCount = bands.stream().mapToLong(band -> band.to() - band.from() + 1).sum();
            long read = cellCount / Math.max(1, bands.size()) * ageCount;
            if (read > QueryService.MAX_ROWS) {
                throw ApiException.badParameter(AgeBand.PARAMETER, String.format(Locale.ROOT, "the bands cover %d single years of age, which with the"
                        + " other variables make %,d figures to read (limit %,d): use fewer or narrower bands, or fewer other values", ageCount, read,
                        QueryService.MAX_ROWS), List.of());
            }
        }

        // The questions: the cells, and each margin (the table without the summed side), per date or period.
        List<String> shownNames = variables.stream().filter(name -> !name.equals(PERIOD)).toList();
        List<String> rowNames = request.rows().stream().filter(name -> !name.equals(PERIOD)).toList();
        List<String> columnNames = request.columns().stream().filter(name -> !name.equals(PERIOD)).toList();
        boolean acrossTimesInColumns = request.columns().contains(PERIOD) && times.size() > 1;
        boolean acrossTimesInRows = request.rows().contains(PERIOD) && times.size() > 1;
        Map<String, Answer> answers = new HashMap<>();
        List<Answer> inner = new ArrayList<>();
        for (Time time : times) {
            inner.add(answer(caller, answers, request, descriptor, measure, shownNames, passed, restricted, bands, custom, time));
        }
        // A code the cube holds beyond the catalogue's (the row UNKNOWN of unplaced commune codes) is listed too.
        for (Answer answer : inner) {
            for (List<String> key : answer.figures().keySet()) {
                for (int i = 0; i < shownNames.size(); i++) {
                    String name = shownNames.get(i);
                    if (!values.get(name).contains(key.get(i)) && !restricted.containsKey(name) && !name.equals(AGE_CUSTOM)) {
                        List<String> more = new ArrayList<>(values.get(name));
                        more.add(key.get(i));
                        values.put(name, more);
                    }
                }
            }
            for (int d = 0; d < answer.table().dimensions().size(); d++) {
                QueryDimension dimension = answer.table().dimensions().get(d);
                if (dimensions.containsKey(dimension.name())) {
                    dimensions.put(dimension.name(), dimension);
                }
            }
        }

        List<PivotTable.Period> periods = new ArrayList<>();
        for (int t = 0; t < times.size(); t++) {
            periods.add(period(times.get(t), inner.get(t).table().query(), descriptor.time() == TimeGrain.MONTH, language));
        }
        Map<String, Integer> timeIndex = new HashMap<>();
        for (int t = 0; t < periods.size(); t++) {
            timeIndex.put(periods.get(t).code(), t);
        }
        PivotTable.Axis rowAxis = axis(request.rows(), values, dimensions, bands, periods, descriptor, language);
        PivotTable.Axis columnAxis = axis(request.columns(), values, dimensions, bands, periods, descriptor, language);

        List<List<PivotTable.Cell>> cells = new ArrayList<>();
        List<PivotTable.Cell> rowTotals = new ArrayList<>();
        List<PivotTable.Cell> columnTotals = new ArrayList<>();
        int withheld = 0;
        for (PivotTable.Header row : rowAxis.headers()) {
            List<PivotTable.Cell> line = new ArrayList<>();
            for (PivotTable.Header column : columnAxis.headers()) {
                int t = time(timeIndex, request.rows(), row, request.columns(), column);
                PivotTable.Cell cell = figure(inner.get(t), key(shownNames, request.rows(), row, request.columns(), column));
                withheld += cell.suppressed() ? 1 : 0;
                line.add(cell);
            }
            cells.add(line);
            if (acrossTimesInColumns) {
                rowTotals.add(PivotTable.Cell.notApplicable());
                continue;
            }
            int t = time(timeIndex, request.rows(), row, List.of(), null);
            Answer margin = answer(caller, answers, request, descriptor, measure, rowNames, passed, restricted, bands, custom, times.get(t));
            PivotTable.Cell total = figure(margin, key(rowNames, request.rows(), row, List.of(), null));
            withheld += total.suppressed() ? 1 : 0;
            rowTotals.add(total);
        }
        for (PivotTable.Header column : columnAxis.headers()) {
            if (acrossTimesInRows) {
                columnTotals.add(PivotTable.Cell.notApplicable());
                continue;
            }
            int t = time(timeIndex, List.of(), null, request.columns(), column);
            Answer margin = answer(caller, answers, request, descriptor, measure, columnNames, passed, restricted, bands, custom, times.get(t));
            PivotTable.Cell total = figure(margin, key(columnNames, List.of(), null, request.columns(), column));
            withheld += total.suppressed() ? 1 : 0;
            columnTotals.add(total);
        }
        PivotTable.Cell grandTotal = PivotTable.Cell.notApplicable();
        if (!acrossTimesInRows && !acrossTimesInColumns) {
            grandTotal = figure(answer(caller, answers, request, descriptor, measure, List.of(), passed, restricted, bands, custom, times.get(0)), List.of());
            withheld += grandTotal.suppressed() ? 1 : 0;
        }

        CubeTable first = inner.get(inner.size() - 1).table();
        CubeTable.Disclosure control = first.disclosure();
        boolean english = "en".equals(language);
        List<String> notes = new ArrayList<>();
        for (int t = 0; t < times.size(); t++) {
            CubeQuery query = inner.get(t).table().query();
            PivotTable.Period period = periods.get(t);
            if (query.period() != null && query.period().partial()) {
                notes.add(Exports.partialNote(query.period(), language));
            }
            else if (period.partial()) {
                notes.add(english ? "Partial period: " + period.code() + " is shown at the last month end with data, " + period.refDate().format(DAY)
                        + ", before the period ends." : "Kỳ chưa trọn: " + period.code() + " được lấy tại cuối tháng cuối cùng có số liệu, "
                        + period.refDate().format(DAY) + ", trước khi kỳ kết thúc.");
            }
        }
        notes.add(control.rule());
        if (control.threshold() != null) {
            notes.add(english ? "Totals are the published totals of the cube (the protected margins), not sums of the shown cells"
                    + (custom ? "; a custom age band is the sum of its single years of age and is withheld when one of them is." : ".")
                    : "Các tổng là tổng công bố của khối số liệu (lề đã được bảo vệ), không cộng từ các ô hiển thị"
                            + (custom ? "; một nhóm tuổi tự chọn là tổng các tuổi đơn của nhóm và bị ẩn khi có một tuổi bị ẩn." : "."));
        }
        if (acrossTimesInRows || acrossTimesInColumns) {
            notes.add(english ? "No total is given across dates or periods (—): stocks at several dates and overlapping periods do not add up."
                    : "Không cộng tổng qua các thời điểm hoặc kỳ (—): số tồn tại nhiều thời điểm và các kỳ chồng nhau không cộng được.");
        }
        notes.add((english ? "Geography: " : "Địa giới: ") + (first.query().geography() == GeographyDimension.Geography.Y2025
                ? (english ? "units of 1 July 2025" : "đơn vị hành chính từ 01/07/2025")
                : (english ? "units in force on the reference date" : "đơn vị hành chính tại thời điểm thống kê")));
        var spec = descriptor.measure(measure).orElseThrow();
        return new PivotTable(descriptor.name(), descriptor.title().in(language) + " — " + spec.title().in(language),
                new PivotTable.Measure(measure, spec.title().in(language), spec.unit().in(language)), manifest.versionId(),
                periods.get(periods.size() - 1).refDate(), first.query().geography().code(), first.query().level().code(), language, periods,
                periods.stream().anyMatch(PivotTable.Period::partial), rowAxis, columnAxis, cells, rowTotals, columnTotals, grandTotal,
                new PivotTable.Disclosure(control.threshold(), control.measure(), withheld, control.rule()),
                queries.source(descriptor, manifest, language), notes, (int) cellCount, MAX_CELLS, request.queryString());
    }

    /** The dates or periods asked, as questions of the query API can take them. */
    private List<Time> times(TableRequest request, CubeDescriptor descriptor, CubeManifest manifest)
    {
        boolean stock = descriptor.time() == TimeGrain.MONTH_END || descriptor.time() == TimeGrain.SNAPSHOT;
        List<Time> times = new ArrayList<>();
        List<LocalDate> published = manifest.cube(descriptor.name()).orElseThrow().refDates();
        QueryService.Coverage coverage = queries.coverage();
        // Relative periods resolve against the data's last day; several periods (LAST_5_YEARS) keep those with data.
        List<QueryPeriod> periods = new ArrayList<>();
        for (PeriodExpression expression : request.periods()) {
            List<QueryPeriod> resolved = expression.resolve(coverage.to());
            if (resolved.size() > 1) {
                resolved = resolved.stream().filter(period -> period.clip(coverage.from(), coverage.to()).isPresent()).toList();
                if (resolved.isEmpty()) {
                    throw ApiException.badParameter("period", "no data for '" + expression.text() + "'; the data cover " + coverage.from() + " to "
                            + coverage.to(), coverage.years());
                }
            }
            periods.addAll(resolved);
        }
        if (periods.size() > TableRequestParser.MAX_TIMES) {
            throw ApiException.badParameter("period", periods.size() + " periods; at most " + TableRequestParser.MAX_TIMES + " in one table", List.of());
        }
        if (periods.stream().map(QueryPeriod::code).distinct().count() < periods.size()) {
            throw ApiException.badParameter("period", "a period is given twice (" + String.join(", ", periods.stream().map(QueryPeriod::code).toList()) + ")",
                    List.of());
        }
        if (!periods.isEmpty() && stock) {
            // A stock by period: at the period's last month end with data.
            List<LocalDate> dates = published;
            for (QueryPeriod asked : periods) {
                QueryPeriod period = coverage.clip(asked);
                LocalDate date = dates.stream().filter(day -> !day.isBefore(period.from()) && !day.isAfter(period.to())).reduce((a, b) -> b)
                        .orElseThrow(() -> ApiException.badParameter("period", "cube " + descriptor.name() + " has no reference date in " + asked.code()
                                + "; dates from " + dates.get(0) + " to " + dates.get(dates.size() - 1), List.of()));
                times.add(new Time(Optional.of(date), Optional.empty(), Optional.of(asked)));
            }
            return times;
        }
        for (DateExpression date : request.dates()) {
            times.add(new Time(Optional.of(date.resolve("date", published)), Optional.empty(), Optional.empty()));
        }
        if (times.stream().map(Time::date).distinct().count() < times.size()) {
            throw ApiException.badParameter("date", "two of the dates asked are the same day", List.of());
        }
        periods.forEach(period -> times.add(new Time(Optional.empty(), Optional.of(period), Optional.empty())));
        if (times.isEmpty() && descriptor.time() == TimeGrain.YEAR) {
            // A yearly cube (person-years): its latest year, labelled as such (partial when the data end within it).
            times.add(new Time(Optional.empty(), Optional.of(QueryPeriod.year(queries.coverage().to().getYear())), Optional.empty()));
        }
        if (times.isEmpty()) {
            times.add(new Time(Optional.empty(), Optional.empty(), Optional.empty()));
        }
        return times;
    }

    private CubeQuery resolve(TableRequest request, CubeDescriptor descriptor, List<String> dimensions, List<String> measures,
            List<QueryRequest.Filter> filters, Time time)
    {
        return queries.parse(descriptor.name(), new QueryRequest(dimensions, measures, filters, request.geography(), request.level(),
                time.date().map(DateExpression::of), time.period().map(PeriodExpression::of), request.language()));
    }

    /**
     * The filters of a question: the other dimensions' as given; a variable's kept values when they are not all of
     * them (all of them is the published margin, not a sum); the single ages of the custom bands.
     */
    private static List<QueryRequest.Filter> filters(List<QueryRequest.Filter> passed, Map<String, Set<String>> restricted, Map<String, Set<String>> none,
            List<AgeBand> bands, boolean custom)
    {
        List<QueryRequest.Filter> filters = new ArrayList<>(passed);
        restricted.forEach((name, codes) -> {
            if (!name.equals(AGE_CUSTOM) && !name.equals(PERIOD)) {
                filters.add(new QueryRequest.Filter(name, codes));
            }
        });
        if (custom) {
            Set<String> ages = new LinkedHashSet<>();
            bands.forEach(band -> ages.addAll(band.ageCodes()));
            filters.add(new QueryRequest.Filter(SINGLE_AGE, ages));
        }
        return filters;
    }

    /** The answer of the query API by the shown variables (a custom band read as its single ages), summed into the variables' codes. */
    private Answer answer(Caller caller, Map<String, Answer> answers, TableRequest request, CubeDescriptor descriptor, String measure, List<String> shown,
            List<QueryRequest.Filter> passed, Map<String, Set<String>> restricted, List<AgeBand> bands, boolean custom, Time time)
    {
        String key = shown + "|" + time;
        Answer cached = answers.get(key);
        if (cached != null) {
            return cached;
        }
        // The caller's questions go through QueryService.table: access, scope and disclosure control as for every answer.
        List<String> dimensions = shown.stream().map(name -> name.equals(AGE_CUSTOM) ? SINGLE_AGE : name).toList();
        CubeQuery query = resolve(request, descriptor, dimensions, List.of(measure), filters(passed, restricted, Map.of(), bands, custom), time);
        CubeTable table = queries.table(caller, query);
        Map<List<String>, Sum> figures = new LinkedHashMap<>();
        for (CubeTable.Row row : table.rows()) {
            List<String> codes = new ArrayList<>(row.codes());
            boolean placed = true;
            for (int i = 0; i < shown.size(); i++) {
                if (shown.get(i).equals(AGE_CUSTOM)) {
                    String age = codes.get(i);
                    Optional<AgeBand> band = bands.stream().filter(candidate -> candidate.holds(age)).findFirst();
                    placed = band.isPresent();
                    codes.set(i, band.map(AgeBand::code).orElse(""));
                }
            }
            if (!placed) {
                continue;
            }
            Sum sum = figures.computeIfAbsent(List.copyOf(codes), k -> new Sum());
            sum.value += row.value(0);
            sum.withheld |= row.suppressed();
        }
        if (shown.contains(AGE_CUSTOM)) {
            publishedGroups(caller, request, descriptor, measure, shown, passed, restricted, bands, time, figures);
        }
        Answer answer = new Answer(table, figures);
        answers.put(key, answer);
        return answer;
    }

    /** The published age groups of the query API ({@code ageBand}, {@code ageBroad}) by their first and last age. */
    private static final Map<String, Map<List<Integer>, String>> GROUPS = groups();

    private static Map<String, Map<List<Integer>, String>> groups()
    {
        Map<List<Integer>, String> bands = new LinkedHashMap<>();
        for (int low = 0; low < 100; low += 5) {
            bands.put(List.of(low, low + 4), low + "-" + (low + 4));
        }
        bands.put(List.of(100, 100), "100+");
        Map<List<Integer>, String> broad = new LinkedHashMap<>();
        broad.put(List.of(0, 14), "0-14");
        broad.put(List.of(15, 59), "15-59");
        broad.put(List.of(60, 64), "60-64");
        broad.put(List.of(65, 100), "65+");
        return Map.of("ageBand", bands, "ageBroad", broad);
    }

    /**
     * A custom band that is one of the query API's own age groups (0–4, 15–59, …) is that group's published figure
     * when the query API publishes it, even where one of its single ages is withheld: it is a figure the caller can
     * already ask for, so it reveals nothing more.
     */
    private void publishedGroups(Caller caller, TableRequest request, CubeDescriptor descriptor, String measure, List<String> shown,
            List<QueryRequest.Filter> passed, Map<String, Set<String>> restricted, List<AgeBand> bands, Time time, Map<List<String>, Sum> figures)
    {
        int position = shown.indexOf(AGE_CUSTOM);
        List<String> names = QueryService.queryDimensionNames(descriptor);
        for (Map.Entry<String, Map<List<Integer>, String>> grouping : GROUPS.entrySet()) {
            Map<String, String> bandOfGroup = new LinkedHashMap<>();
            for (AgeBand band : bands) {
                String group = grouping.getValue().get(List.of(band.from(), band.to()));
                if (group != null) {
                    bandOfGroup.put(group, band.code());
                }
            }
            if (bandOfGroup.isEmpty() || !names.contains(grouping.getKey())) {
                continue;
            }
            List<String> dimensions = shown.stream().map(name -> name.equals(AGE_CUSTOM) ? grouping.getKey() : name).toList();
            List<QueryRequest.Filter> filters = filters(passed, restricted, Map.of(), List.of(), false);
            filters.add(new QueryRequest.Filter(grouping.getKey(), bandOfGroup.keySet()));
            CubeTable groups = queries.table(caller, resolve(request, descriptor, dimensions, List.of(measure), filters, time));
            for (CubeTable.Row row : groups.rows()) {
                if (row.suppressed()) {
                    continue;
                }
                List<String> codes = new ArrayList<>(row.codes());
                codes.set(position, bandOfGroup.get(codes.get(position)));
                Sum sum = new Sum();
                sum.value = row.value(0);
                figures.put(List.copyOf(codes), sum);
            }
        }
    }

    private static long count(List<String> side, Map<String, List<String>> values)
    {
        long count = 1;
        for (String variable : side) {
            count *= values.get(variable).size();
        }
        return count;
    }

    private static PivotTable.Cell figure(Answer answer, List<String> key)
    {
        Sum sum = answer.figures().get(key);
        if (sum == null) {
            // The query API leaves out combinations without anyone: a published zero.
            return PivotTable.Cell.of(0, false);
        }
        return PivotTable.Cell.of(sum.value, sum.withheld);
    }

    /** The codes of the shown variables (in {@code shown}'s order) of a row header and a column header. */
    private static List<String> key(List<String> shown, List<String> rows, PivotTable.Header row, List<String> columns, PivotTable.Header column)
    {
        List<String> key = new ArrayList<>();
        for (String name : shown) {
            int r = rows.indexOf(name);
            key.add(r >= 0 ? row.codes().get(r) : column.codes().get(columns.indexOf(name)));
        }
        return key;
    }

    /** The index of the date or period of a cell (0 when the period is not a variable). */
    private static int time(Map<String, Integer> timeIndex, List<String> rows, PivotTable.Header row, List<String> columns, PivotTable.Header column)
    {
        int r = rows.indexOf(PERIOD);
        if (r >= 0) {
            return timeIndex.get(row.codes().get(r));
        }
        int c = columns.indexOf(PERIOD);
        if (c >= 0 && column != null) {
            return timeIndex.get(column.codes().get(c));
        }
        return 0;
    }

    private static PivotTable.Axis axis(List<String> side, Map<String, List<String>> values, Map<String, QueryDimension> dimensions, List<AgeBand> bands,
            List<PivotTable.Period> periods, CubeDescriptor descriptor, String language)
    {
        boolean english = "en".equals(language);
        List<PivotTable.Variable> variables = new ArrayList<>();
        for (String name : side) {
            String title = switch (name) {
                case PERIOD -> english ? "Period" : "Kỳ";
                case AGE_CUSTOM -> english ? "Age group (chosen)" : "Nhóm tuổi (tự chọn)";
                default -> dimensions.get(name).title(language);
            };
            variables.add(new PivotTable.Variable(name, title));
        }
        List<PivotTable.Header> headers = new ArrayList<>();
        headers.add(new PivotTable.Header(List.of(), List.of()));
        for (String name : side) {
            List<PivotTable.Header> next = new ArrayList<>();
            for (PivotTable.Header header : headers) {
                for (String code : values.get(name)) {
                    List<String> codes = new ArrayList<>(header.codes());
                    List<String> labels = new ArrayList<>(header.labels());
                    switch (name) {
                        case PERIOD -> {
                            PivotTable.Period period = periods.get(Integer.parseInt(code));
                            codes.add(period.code());
                            labels.add(period.label());
                        }
                        case AGE_CUSTOM -> {
                            codes.add(code);
                            labels.add(bands.stream().filter(band -> band.code().equals(code)).findFirst().orElseThrow().label(language));
                        }
                        default -> {
                            codes.add(code);
                            labels.add(dimensions.get(name).label(code, language));
                        }
                    }
                    next.add(new PivotTable.Header(codes, labels));
                }
            }
            headers = next;
        }
        return new PivotTable.Axis(variables, headers);
    }

    private static PivotTable.Period period(Time time, CubeQuery query, boolean monthlyFlow, String language)
    {
        boolean english = "en".equals(language);
        QueryPeriod period = query.period();
        if (period != null) {
            return new PivotTable.Period(period.code(), Exports.periodLabel(period, language), period.to(), period.from(), period.monthsCovered(),
                    period.label(language), period.partial(), period.sdmxTimePeriod());
        }
        LocalDate date = query.refDate();
        if (time.stockPeriod().isPresent()) {
            QueryPeriod asked = time.stockPeriod().get();
            boolean partial = date.isBefore(asked.last().atEndOfMonth());
            String label = Exports.periodLabel(asked, language) + " (" + date.format(DAY) + (partial ? (english ? ", not yet ended" : ", chưa hết kỳ") : "") + ")";
            return new PivotTable.Period(asked.code(), label, date, date, 0, null, partial, date.toString());
        }
        if (monthlyFlow) {
            // One month of a flow (date=, statisticians): its month.
            String month = QueryPeriod.label(date.withDayOfMonth(1), date, language);
            return new PivotTable.Period(date.toString(), month, date, date.withDayOfMonth(1), 1, month, false, YearMonth.from(date).toString());
        }
        return new PivotTable.Period(date.toString(), date.format(DAY), date, date, 0, null, false, date.toString());
    }

}
