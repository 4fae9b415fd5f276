package vn.dancu.api.report;

import vn.dancu.api.error.ApiException;
import vn.dancu.api.access.Caller;
import vn.dancu.api.access.Role;
import vn.dancu.api.cube.PublishedCubes;
import vn.dancu.api.projection.ProjectionCells;
import vn.dancu.api.projection.ProjectionService;
import vn.dancu.api.query.QueryPeriod;
import vn.dancu.api.query.QueryResult;
import vn.dancu.api.query.QueryService;
import vn.dancu.api.report.ReportTable.Cell;
import vn.dancu.datasets.geo.Reorganisation2025;
import vn.dancu.model.publish.CubeEntry;
import vn.dancu.model.publish.CubeManifest;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Builds the standard tables of a district population report from the published cubes, through the same queries
 * (and so the same cell statuses) as the API: population by unit and sex, by 5-year age group and sex, by
 * ethnicity; households and their average size; births, deaths, natural increase, moves and crude rates against
 * the same period a year before; Decision 06 identity coverage; data quality. No Spark.
 */
public final class ReportService
{
    static final String WITHHELD_MARK = "x";

    private final QueryService service;
    private final ReportQueries queries;
    private final Clock clock;
    /** Whose report is being built; null in the server's shared instance, set in the one made per report. */
    private final Caller caller;

    public ReportService(QueryService service, ReportQueries queries, Clock clock)
    {
        this(service, queries, clock, null);
    }

    private ReportService(QueryService service, ReportQueries queries, Clock clock, Caller caller)
    {
        this.service = requireNonNull(service, "service is null");
        this.queries = requireNonNull(queries, "queries is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.caller = caller;
    }

    /**
     * The role whose disclosure control a report is built with: a report is for publication, so even a statistician's
     * report is disclosure-controlled; planners get theirs, leaders and above the leader's (which adds data quality).
     */
    public static Caller reportCaller(Caller caller)
    {
        Role role = caller.role().seesQualityCubes() ? Role.LEADER : Role.PLANNER;
        return new Caller(caller.username(), role, caller.scope(), caller.via());
    }

    /** Builds the report for {@code caller} (at least a planner), with {@link #reportCaller}'s disclosure control. */
    public Report build(Caller caller, ReportRequest request)
    {
        return new ReportService(service, queries, clock, reportCaller(requireNonNull(caller, "caller is null"))).build(request);
    }

    private Report build(ReportRequest asked)
    {
        PublishedCubes cubes = service.cubes();
        CubeManifest manifest = cubes.manifest();
        ReportRequest request = covered(asked, dates(manifest, "population_stock"));
        if (caller.scoped() && "asof".equals(request.geography()) && !Reorganisation2025.after(request.end())) {
            throw ApiException.forbidden("your account is limited to the communes " + String.join(", ", new java.util.TreeSet<>(caller.scope()))
                    + ": figures before 01/07/2025 are published on the units of 01/07/2025; ask this report with geo=2025");
        }
        Text text = new Text(request.language());
        List<ReportTable> tables = new ArrayList<>();
        tables.add(byUnitAndSex(request, text));
        tables.add(twoWay(request, text, "age_sex", text.t("Dân số theo nhóm tuổi 5 năm và giới tính", "Population by 5-year age group and sex"),
                "ageBand", text.t("Nhóm tuổi", "Age group"), false));
        tables.add(twoWay(request, text, "ethnicity", text.t("Dân số theo dân tộc và giới tính", "Population by ethnic group and sex"),
                "ethnicity", text.t("Dân tộc", "Ethnic group"), true));
        tables.add(households(request, text));
        tables.add(vitalEvents(request, text));
        tables.add(identityCoverage(request, text));
        tables.add(dataQuality(request, text));
        if (request.kind() == ReportRequest.Kind.ANNUAL) {
            tables.add(projection(request, text));
        }
        String title = (request.kind() == ReportRequest.Kind.MONTHLY ? text.t("Báo cáo dân số ", "Monthly population report, ")
                : text.t("Báo cáo dân số ", "Annual population report, ")) + text.period(request);
        return new Report(request.kind().name().toLowerCase(Locale.ROOT), request.period(), request.geography(), request.language(),
                title, service.area().label(request.language()), manifest.versionId(), manifest.extractDate(), clock.instant(), tables);
    }

    /**
     * The request cut to the data: a month needs its month-end population; a year is made of its months with data
     * (the register's first and last years are partial: the report then ends at the year's last month end with
     * figures, and its title says which months it covers).
     */
    private ReportRequest covered(ReportRequest request, List<LocalDate> stockDates)
    {
        String range = stockDates.isEmpty() ? "the published cubes have no population stock"
                : "reports can be made for month ends from " + stockDates.get(0) + " to " + stockDates.get(stockDates.size() - 1);
        if (request.kind() == ReportRequest.Kind.MONTHLY) {
            if (!stockDates.contains(request.end())) {
                throw ApiException.badParameter("period", "no population figures for " + request.period() + " (" + request.end() + "); " + range, List.of());
            }
            return request;
        }
        List<LocalDate> inYear = stockDates.stream().filter(date -> date.getYear() == request.start().getYear()).toList();
        if (inYear.isEmpty()) {
            throw ApiException.badParameter("period", "no population figures for " + request.period() + "; " + range, List.of());
        }
        QueryPeriod year = service.coverage().clip(QueryPeriod.year(request.start().getYear()));
        if (!year.partial()) {
            return request;
        }
        LocalDate end = inYear.get(inYear.size() - 1);
        LocalDate to = year.to().isBefore(end) ? year.to() : end;
        return request.covering(year.from(), to, QueryPeriod.label(year.from(), to, request.language()));
    }

    private static List<LocalDate> dates(CubeManifest manifest, String cube)
    {
        return manifest.cube(cube).map(CubeEntry::refDates).orElse(List.of());
    }

    private boolean published(String cube)
    {
        return service.cubes().descriptor(cube).isPresent();
    }

    private QueryResult query(ReportRequest request, String cube, LocalDate date, String dims, String... filters)
    {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (date != null) {
            parameters.put("date", List.of(date.toString()));
        }
        String level = unitLevel(request, date);
        if (level != null && dims.contains("unit")) {
            parameters.put("level", List.of(level));
        }
        return query(request, cube, dims, parameters, filters);
    }

    /**
     * The level of the unit rows: communes, except on the historical units (geo=asof) before 01/07/2025, which are
     * published to statisticians only (docs/disclosure-control.md): a report gives them at province level, and says so.
     */
    private String unitLevel(ReportRequest request, LocalDate date)
    {
        return "asof".equals(request.geography()) && date != null && !Reorganisation2025.after(date) && !caller.scoped() ? "province" : null;
    }

    private List<String> levelNote(ReportRequest request, LocalDate date, Text text)
    {
        if (unitLevel(request, date) == null) {
            return List.of();
        }
        return List.of(text.t("Trên địa giới hành chính tại thời điểm thống kê, trước 01/07/2025 số liệu theo xã và huyện chỉ dành cho thống kê viên"
                        + " (quy tắc bảo mật): bảng này cho cấp tỉnh; xem báo cáo theo địa giới từ 01/07/2025 để có số liệu theo xã.",
                "On the units in force at the reference date, communes and districts before 01/07/2025 are published to statisticians only"
                        + " (disclosure rules): this table is at province level; the report on the units of 01/07/2025 has the communes."));
    }

    /** A cube query with the API's parameters, as the API answers it, with each withheld cell's reason spelled out. */
    private QueryResult query(ReportRequest request, String cube, String dims, Map<String, List<String>> parameters, String... filters)
    {
        if (!dims.isEmpty()) {
            parameters.put("dims", List.of(dims));
        }
        parameters.put("geo", List.of(request.geography()));
        parameters.put("lang", List.of(request.language()));
        if (filters.length > 0) {
            parameters.put("filter", List.of(filters));
        }
        QueryResult result = queries.query(caller, cube, parameters);
        String rule = result.disclosure() == null ? null : result.disclosure().rule();
        if (rule == null) {
            return result;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> row : result.rows()) {
            Map<String, Object> copy = new LinkedHashMap<>(row);
            if (row.get("status") instanceof Map<?, ?> statuses) {
                Map<String, Object> explained = new LinkedHashMap<>();
                statuses.forEach((measure, status) -> explained.put(measure.toString(), "ok".equals(status) ? status : status + ": " + rule));
                copy.put("status", explained);
            }
            rows.add(copy);
        }
        return new QueryResult(result.cube(), result.title(), result.version(), result.refDate(), result.period(), result.geography(),
                result.level(), result.cuboid(), result.columns(), rows, result.disclosure(), result.source());
    }

    /** The value of a measure in a row, or a withheld cell when the API withholds it. */
    static Cell cell(Map<String, Object> row, String measure)
    {
        Object status = row.get("status") instanceof Map<?, ?> statuses ? statuses.get(measure) : "ok";
        if (status != null && !"ok".equals(status)) {
            return Cell.withheld(status.toString());
        }
        return Cell.count(((Number) row.get(measure)).longValue());
    }

    private static Cell total(QueryResult result, String measure)
    {
        return result.rows().isEmpty() ? Cell.count(0) : cell(result.rows().get(0), measure);
    }

    private ReportTable unavailable(String id, String title, ReportRequest request, Text text, String cube)
    {
        return new ReportTable(id, title, request.end(), text.period(request), "dancu", List.of(), List.of(), List.of(),
                text.t("Chưa có số liệu: khối " + cube + " chưa được công bố trong phiên bản hiện tại.",
                        "Not available: the cube " + cube + " is not in the published version."));
    }

    private ReportTable byUnitAndSex(ReportRequest request, Text text)
    {
        return twoWay(request, text, "unit_sex", text.t("Dân số theo đơn vị hành chính và giới tính", "Population by administrative unit and sex"),
                "unit", text.t("Đơn vị hành chính", "Administrative unit"), false);
    }

    /** Population at the period's end by one dimension (rows) and sex (columns), with the API's own margins. */
    private ReportTable twoWay(ReportRequest request, Text text, String id, String title, String rowDimension, String rowTitle, boolean share)
    {
        LocalDate date = request.end();
        QueryResult cells = query(request, "population_stock", date, rowDimension + ",sex");
        QueryResult rowTotals = query(request, "population_stock", date, rowDimension);
        QueryResult sexTotals = query(request, "population_stock", date, "sex");
        QueryResult grand = query(request, "population_stock", date, "");
        Footnotes notes = new Footnotes(text);
        List<String> header = new ArrayList<>(List.of(rowTitle, text.t("Nam", "Male"), text.t("Nữ", "Female"), text.t("Tổng", "Total")));
        if (share) {
            header.add(text.t("Tỷ lệ (%)", "Share (%)"));
        }
        Map<String, Map<String, Cell>> bySex = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        for (Map<String, Object> row : rowTotals.rows()) {
            String code = row.get(rowDimension).toString();
            labels.put(code, row.get(rowDimension + "Label").toString());
            bySex.put(code, new LinkedHashMap<>());
        }
        for (Map<String, Object> row : cells.rows()) {
            String code = row.get(rowDimension).toString();
            labels.putIfAbsent(code, row.get(rowDimension + "Label").toString());
            bySex.computeIfAbsent(code, key -> new LinkedHashMap<>()).put(row.get("sex").toString(), cell(row, "population"));
        }
        Cell grandTotal = total(grand, "population");
        List<List<Cell>> rows = new ArrayList<>();
        for (Map.Entry<String, String> label : labels.entrySet()) {
            Map<String, Cell> sexes = bySex.get(label.getKey());
            Cell rowTotal = rowTotals.rows().stream().filter(row -> row.get(rowDimension).toString().equals(label.getKey()))
                    .findFirst().map(row -> cell(row, "population")).orElse(Cell.count(0));
            List<Cell> line = new ArrayList<>(List.of(Cell.label(label.getValue()), notes.note(sexes.getOrDefault("M", Cell.count(0))),
                    notes.note(sexes.getOrDefault("F", Cell.count(0))), notes.note(rowTotal)));
            if (share) {
                line.add(notes.note(ratio(rowTotal, grandTotal, 100, 1)));
            }
            rows.add(line);
        }
        Map<String, Cell> totalsBySex = new LinkedHashMap<>();
        for (Map<String, Object> row : sexTotals.rows()) {
            totalsBySex.put(row.get("sex").toString(), cell(row, "population"));
        }
        List<Cell> totalLine = new ArrayList<>(List.of(Cell.label(text.t("Tổng số", "Total")), notes.note(totalsBySex.getOrDefault("M", Cell.count(0))),
                notes.note(totalsBySex.getOrDefault("F", Cell.count(0))), notes.note(grandTotal)));
        if (share) {
            totalLine.add(Cell.decimal(100.0, 1));
        }
        rows.add(totalLine);
        List<String> footnotes = new ArrayList<>();
        footnotes.add(text.t("Dân số: người đang cư trú vào cuối ngày " + text.date(date) + ".", "Population: persons resident at the end of " + text.date(date) + "."));
        if (rowDimension.equals("unit")) {
            footnotes.addAll(levelNote(request, date, text));
        }
        footnotes.addAll(notes.lines());
        return new ReportTable(id, title, date, text.period(request), cells.source().text(), header, rows, footnotes, null);
    }

    private ReportTable households(ReportRequest request, Text text)
    {
        String title = text.t("Hộ gia đình và quy mô hộ bình quân", "Households and average household size");
        if (!published("households")) {
            return unavailable("households", title, request, text, "households");
        }
        QueryResult byUnit = query(request, "households", null, "unit");
        QueryResult total = query(request, "households", null, "");
        Footnotes notes = new Footnotes(text);
        List<List<Cell>> rows = new ArrayList<>();
        for (Map<String, Object> row : byUnit.rows()) {
            rows.add(householdLine(Cell.label(row.get("unitLabel").toString()), row, notes));
        }
        if (!total.rows().isEmpty()) {
            rows.add(householdLine(Cell.label(text.t("Tổng số", "Total")), total.rows().get(0), notes));
        }
        List<String> footnotes = new ArrayList<>();
        footnotes.add(text.t("Hộ và nhân khẩu đang cư trú tại ngày trích xuất " + text.date(byUnit.refDate()) + "; quy mô bình quân = nhân khẩu / hộ.",
                "Households and resident members at the extract date " + text.date(byUnit.refDate()) + "; average size = members / households."));
        footnotes.addAll(notes.lines());
        return new ReportTable("households", title, byUnit.refDate(), text.period(request), byUnit.source().text(),
                List.of(text.t("Đơn vị hành chính", "Administrative unit"), text.t("Số hộ", "Households"), text.t("Số nhân khẩu", "Members"),
                        text.t("Quy mô hộ bình quân (người/hộ)", "Average size (persons per household)")), rows, footnotes, null);
    }

    private static List<Cell> householdLine(Cell label, Map<String, Object> row, Footnotes notes)
    {
        Cell households = cell(row, "households");
        Cell members = cell(row, "members");
        return List.of(label, notes.note(households), notes.note(members), notes.note(ratio(members, households, 1, 2)));
    }

    /** numerator / denominator × scale, withheld when either is, blank when the denominator is 0. */
    static Cell ratio(Cell numerator, Cell denominator, double scale, int decimals)
    {
        if (numerator.withheld() != null) {
            return numerator;
        }
        if (denominator.withheld() != null) {
            return denominator;
        }
        if (denominator.number() == null || denominator.number() == 0) {
            return Cell.empty();
        }
        return Cell.decimal(numerator.number() / denominator.number() * scale, decimals);
    }

    private ReportTable vitalEvents(ReportRequest request, Text text)
    {
        String title = text.t("Sinh, chết, tăng tự nhiên, di cư và các tỷ suất thô, so với cùng kỳ năm trước",
                "Births, deaths, natural increase, moves and crude rates, compared with the same period a year before");
        List<String> missing = new ArrayList<>();
        for (String cube : List.of("births", "deaths", "migration")) {
            if (!published(cube)) {
                missing.add(cube);
            }
        }
        if (!missing.isEmpty()) {
            return unavailable("vital_events", title, request, text, String.join(", ", missing));
        }
        QueryService.Coverage coverage = service.coverage();
        List<QueryPeriod> periods = flowPeriods(request, coverage);
        if (periods.isEmpty()) {
            return new ReportTable("vital_events", title, request.end(), text.period(request), "dancu", List.of(), List.of(), List.of(),
                    text.t("Chưa có số liệu sinh, chết, di cư của một quý trọn vẹn đến " + text.date(request.end()) + ".",
                            "No births, deaths or moves of a whole quarter up to " + text.date(request.end()) + "."));
        }
        Footnotes notes = new Footnotes(text);
        List<String> header = new ArrayList<>(List.of(text.t("Chỉ tiêu", "Indicator")));
        List<Map<String, Cell>> columns = new ArrayList<>();
        String source = null;
        for (QueryPeriod period : periods) {
            Comparison before = yearBefore(period, coverage, text);
            Map<String, Cell> now = vitalFigures(request, period, text);
            Map<String, Cell> then = before.period() == null ? null : vitalFigures(request, before.period(), text);
            if (source == null) {
                source = flowSource(request, period);
            }
            header.add(text.heading(period));
            header.add(before.heading());
            header.add(text.t("Thay đổi", "Change"));
            Map<String, Cell> changes = new LinkedHashMap<>();
            Map<String, Cell> previous = new LinkedHashMap<>();
            for (Map.Entry<String, Cell> figure : now.entrySet()) {
                Cell current = figure.getValue();
                Cell earlier = then == null ? Cell.withheld(before.reason()) : then.get(figure.getKey());
                boolean rate = figure.getKey().startsWith(text.t("Tỷ suất", "Crude"));
                previous.put(figure.getKey(), earlier);
                changes.put(figure.getKey(), current.isNumber() && earlier.isNumber()
                        ? (rate ? Cell.decimal(current.number() - earlier.number(), 1) : Cell.count(Math.round(current.number() - earlier.number())))
                        : Cell.empty());
            }
            columns.add(now);
            columns.add(previous);
            columns.add(changes);
        }
        List<List<Cell>> rows = new ArrayList<>();
        for (String figure : columns.get(0).keySet()) {
            List<Cell> line = new ArrayList<>(List.of(Cell.label(figure)));
            for (Map<String, Cell> column : columns) {
                line.add(notes.note(column.get(figure)));
            }
            rows.add(line);
        }
        List<String> footnotes = new ArrayList<>();
        if (request.kind() == ReportRequest.Kind.MONTHLY) {
            footnotes.add(text.t("Báo cáo để công bố: số sinh, chết và di cư của từng tháng không được công bố (chỉ thống kê viên xem theo tháng);"
                            + " bảng cho quý và từ đầu năm đến hết quý gần nhất kết thúc vào " + text.month(YearMonth.from(periods.get(0).to()))
                            + " hoặc trước đó — các kỳ dài nhất được công bố.",
                    "Reports are for publication: births, deaths and moves of single months are not published (statisticians see months);"
                            + " the table gives the quarter and the year to date ending with the latest quarter that ends in "
                            + text.month(YearMonth.from(periods.get(0).to())) + " or before — the longest periods that are published."));
        }
        for (QueryPeriod period : periods) {
            if (period.partial()) {
                footnotes.add(text.t(text.heading(period) + ": kỳ chưa trọn, số liệu chỉ gồm " + period.label(request.language()) + ".",
                        text.heading(period) + ": a partial period; the data cover " + period.label(request.language()) + " only."));
            }
        }
        footnotes.add(text.t("Tỷ suất thô: số sự kiện trên 1.000 dân bình quân trong kỳ, tính theo năm (nhân 12 rồi chia cho số tháng của kỳ);"
                        + " dân bình quân = trung bình dân số đầu kỳ và cuối kỳ. Chuyển đến, chuyển đi: với bên ngoài địa bàn; chuyển giữa các xã: trong địa bàn.",
                "Crude rates: events per 1,000 mean population of the period, per year (× 12 / the period's months); mean population = the average of the"
                        + " population at the start and at the end of the period. Moves in and out: from and to outside the area; moves between communes: within it."));
        footnotes.addAll(notes.lines());
        return new ReportTable("vital_events", title, periods.get(periods.size() - 1).to(), text.period(request), source == null ? "dancu" : source,
                header, rows, footnotes, null);
    }

    /**
     * The periods a report's flows are shown for. A report is for publication: its flows are sums over whole quarters
     * (cut where the data start and end), the longest periods every role may see. An annual report: the year. A
     * monthly report of month m: the quarter and the year to date ending with the latest quarter that ends in m or
     * before (the data's last month counts as a quarter's end).
     */
    static List<QueryPeriod> flowPeriods(ReportRequest request, QueryService.Coverage coverage)
    {
        if (request.kind() == ReportRequest.Kind.ANNUAL) {
            return List.of(coverage.clip(QueryPeriod.year(request.start().getYear())));
        }
        YearMonth first = YearMonth.from(coverage.from());
        YearMonth last = YearMonth.from(coverage.to());
        YearMonth end = YearMonth.from(request.end());
        while (end.getMonthValue() % 3 != 0 && !end.equals(last)) {
            end = end.minusMonths(1);
        }
        if (end.isBefore(first)) {
            return List.of();
        }
        QueryPeriod quarter = coverage.clip(QueryPeriod.parse("period", end.getYear() + "-Q" + ((end.getMonthValue() + 2) / 3)));
        QueryPeriod toDate = coverage.clip(end.getMonthValue() == 12 ? QueryPeriod.year(end.getYear())
                : QueryPeriod.parse("period", YearMonth.of(end.getYear(), 1) + "/" + end));
        return toDate.from().equals(quarter.from()) ? List.of(quarter) : List.of(quarter, toDate);
    }

    /** The same months a year before, when a report may show them beside the period; else why not. */
    private record Comparison(QueryPeriod period, String heading, String reason) {}

    private Comparison yearBefore(QueryPeriod period, QueryService.Coverage coverage, Text text)
    {
        YearMonth first = YearMonth.from(period.from()).minusYears(1);
        YearMonth last = YearMonth.from(period.to()).minusYears(1);
        QueryPeriod shifted = QueryPeriod.parse("period", period.code()).minusYears(1);
        // The same calendar months as the period covers, a year earlier.
        QueryPeriod sameMonths = QueryPeriod.parse("period", first + "/" + last);
        String heading = text.t("Cùng kỳ năm trước (" + sameMonths.label(text.language()) + ")", "A year before (" + sameMonths.label(text.language()) + ")");
        java.util.Optional<QueryPeriod> clipped = sameMonths.clip(coverage.from(), coverage.to());
        if (clipped.isEmpty() || clipped.get().partial()) {
            return new Comparison(null, heading, text.t("không có số liệu đủ cho " + sameMonths.label(text.language()),
                    "no data for the whole of " + sameMonths.label(text.language())));
        }
        if (!coverage.wholeQuarters(clipped.get())) {
            return new Comparison(null, heading, text.t(sameMonths.label(text.language()) + " không gồm các quý trọn vẹn: số liệu theo tháng không được công bố",
                    sameMonths.label(text.language()) + " is not made of whole quarters: flows of single months are not published"));
        }
        QueryPeriod asked = shifted.clip(coverage.from(), coverage.to()).filter(candidate -> candidate.from().equals(clipped.get().from())
                && candidate.to().equals(clipped.get().to())).orElse(clipped.get());
        return new Comparison(asked, text.t("Cùng kỳ năm trước (" + text.heading(asked) + ")", "A year before (" + text.heading(asked) + ")"), null);
    }

    private Map<String, Cell> vitalFigures(ReportRequest request, QueryPeriod period, Text text)
    {
        Cell births = flowSum(request, period, "births", "births", null);
        Cell deaths = flowSum(request, period, "deaths", "deaths", null);
        Cell movesIn = flowSum(request, period, "migration", "moves", "flow:IN");
        Cell movesOut = flowSum(request, period, "migration", "moves", "flow:OUT");
        Cell movesBetween = flowSum(request, period, "migration", "moves", "flow:BETWEEN_IN");
        Cell start = stock(request, period.from().minusDays(1), text);
        Cell end = stock(request, period.to(), text);
        Cell mean = start.isNumber() && end.isNumber() ? Cell.decimal((start.number() + end.number()) / 2, 1) : (start.isNumber() ? end : start);
        double perYear = 12.0 / period.monthsCovered();
        Map<String, Cell> figures = new LinkedHashMap<>();
        figures.put(text.t("Số trẻ sinh", "Births"), births);
        figures.put(text.t("Số người chết", "Deaths"), deaths);
        figures.put(text.t("Tăng tự nhiên (sinh − chết)", "Natural increase (births − deaths)"), difference(births, deaths));
        figures.put(text.t("Chuyển đến (từ ngoài địa bàn)", "Moves in (from outside the area)"), movesIn);
        figures.put(text.t("Chuyển đi (ra ngoài địa bàn)", "Moves out (to outside the area)"), movesOut);
        figures.put(text.t("Di cư thuần (đến − đi)", "Net migration (in − out)"), difference(movesIn, movesOut));
        figures.put(text.t("Chuyển giữa các xã trong địa bàn", "Moves between communes of the area"), movesBetween);
        figures.put(text.t("Dân số đầu kỳ", "Population at the start"), start);
        figures.put(text.t("Dân số cuối kỳ", "Population at the end"), end);
        figures.put(text.t("Tỷ suất sinh thô (‰)", "Crude birth rate (‰)"), ratio(births, mean, 1000 * perYear, 1));
        figures.put(text.t("Tỷ suất chết thô (‰)", "Crude death rate (‰)"), ratio(deaths, mean, 1000 * perYear, 1));
        figures.put(text.t("Tỷ suất tăng tự nhiên (‰)", "Crude rate of natural increase (‰)"), ratio(difference(births, deaths), mean, 1000 * perYear, 1));
        return figures;
    }

    private static Cell difference(Cell a, Cell b)
    {
        if (a.withheld() != null) {
            return a;
        }
        if (b.withheld() != null) {
            return b;
        }
        return Cell.count(Math.round(a.number() - b.number()));
    }

    /**
     * A flow summed over a period by the API itself ({@code period=}), so that the sum is protected by disclosure
     * control like every other published cell. A question the API refuses (a period spanning the reform on the
     * historical units, for example) gives a withheld cell whose footnote says why.
     */
    private Cell flowSum(ReportRequest request, QueryPeriod period, String cube, String measure, String filter)
    {
        boolean between = filter != null && filter.startsWith("flow:BETWEEN");
        boolean spansReform = !Reorganisation2025.after(period.from()) && Reorganisation2025.after(period.to());
        if ("asof".equals(request.geography()) && (between && spansReform || caller.scoped() && !Reorganisation2025.after(period.from()))) {
            return Cell.withheld(text(request).t("không tính được trên địa giới tại thời điểm thống kê cho kỳ trước hoặc qua ngày 01/07/2025;"
                            + " xem báo cáo theo địa giới từ 01/07/2025",
                    "not available on the units in force for a period before or across 01/07/2025; see the report on the units of 01/07/2025"));
        }
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        parameters.put("period", List.of(period.code()));
        if (!caller.scoped() && !between) {
            // Totals of the whole area: the same on both geographies (moves between communes depend on the units).
            parameters.put("level", List.of("area"));
        }
        try {
            return total(query(request, cube, "", parameters, filter == null ? new String[0] : new String[] {filter}), measure);
        }
        catch (ApiException e) {
            if (e.status() >= 500) {
                throw e;
            }
            return Cell.withheld(e.getMessage());
        }
    }

    /** The source line of the flows: the births answer of the first period. */
    private String flowSource(ReportRequest request, QueryPeriod period)
    {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        parameters.put("period", List.of(period.code()));
        if (!caller.scoped()) {
            parameters.put("level", List.of("area"));
        }
        try {
            return query(request, "births", "", parameters).source().text();
        }
        catch (ApiException e) {
            return "dancu";
        }
    }

    private static Text text(ReportRequest request)
    {
        return new Text(request.language());
    }

    private Cell stock(ReportRequest request, LocalDate date, Text text)
    {
        if (!dates(service.cubes().manifest(), "population_stock").contains(date)) {
            return Cell.withheld(text.t("không có số liệu cho " + text.date(date), "no data for " + text.date(date)));
        }
        if (caller.scoped() && "asof".equals(request.geography()) && !Reorganisation2025.after(date)) {
            return Cell.withheld(text.t("không công bố theo địa giới trước 01/07/2025 cho tài khoản cấp xã", "not published on the units before"
                    + " 01/07/2025 to an account limited to communes"));
        }
        try {
            return total(query(request, "population_stock", date, ""), "population");
        }
        catch (ApiException e) {
            if (e.status() >= 500) {
                throw e;
            }
            return Cell.withheld(e.getMessage());
        }
    }

    private ReportTable identityCoverage(ReportRequest request, Text text)
    {
        String title = text.t("Căn cước gắn chip và định danh điện tử VNeID (Đề án 06), người từ 14 tuổi",
                "Chip ID cards and VNeID electronic identity (Decision 06), persons aged 14 and over");
        if (!published("identity_coverage") || !dates(service.cubes().manifest(), "identity_coverage").contains(request.end())) {
            return unavailable("identity_coverage", title, request, text, "identity_coverage");
        }
        String adults = "ageGroup:14-17,18-24,25-39,40-59,60+";
        LocalDate date = request.end();
        Footnotes notes = new Footnotes(text);
        QueryResult residents = query(request, "identity_coverage", date, "unit", adults);
        QueryResult chip = query(request, "identity_coverage", date, "unit", adults, "chipCard:YES");
        QueryResult level2 = query(request, "identity_coverage", date, "unit", adults, "vneidLevel:2");
        List<List<Cell>> rows = new ArrayList<>();
        for (Map<String, Object> row : residents.rows()) {
            String unit = row.get("unit").toString();
            rows.add(coverageLine(Cell.label(row.get("unitLabel").toString()), cell(row, "persons"), find(chip, unit), find(level2, unit), notes));
        }
        rows.add(coverageLine(Cell.label(text.t("Tổng số", "Total")), total(query(request, "identity_coverage", date, "", adults), "persons"),
                total(query(request, "identity_coverage", date, "", adults, "chipCard:YES"), "persons"),
                total(query(request, "identity_coverage", date, "", adults, "vneidLevel:2"), "persons"), notes));
        List<String> footnotes = new ArrayList<>();
        footnotes.add(text.t("Người từ 14 tuổi đang cư trú vào cuối ngày " + text.date(date) + ".", "Residents aged 14 and over at the end of " + text.date(date) + "."));
        footnotes.addAll(levelNote(request, date, text));
        footnotes.addAll(notes.lines());
        return new ReportTable("identity_coverage", title, date, text.period(request), residents.source().text(),
                List.of(text.t("Đơn vị hành chính", "Administrative unit"), text.t("Người từ 14 tuổi", "Persons aged 14+"),
                        text.t("Có thẻ căn cước gắn chip", "With a chip ID card"), text.t("Tỷ lệ (%)", "Share (%)"),
                        text.t("Định danh điện tử mức 2", "VNeID level 2"), text.t("Tỷ lệ (%)", "Share (%)")), rows, footnotes, null);
    }

    private static Cell find(QueryResult result, String unit)
    {
        return result.rows().stream().filter(row -> row.get("unit").toString().equals(unit)).findFirst()
                .map(row -> cell(row, "persons")).orElse(Cell.count(0));
    }

    private static List<Cell> coverageLine(Cell label, Cell residents, Cell chip, Cell level2, Footnotes notes)
    {
        return List.of(label, notes.note(residents), notes.note(chip), notes.note(ratio(chip, residents, 100, 1)),
                notes.note(level2), notes.note(ratio(level2, residents, 100, 1)));
    }

    /**
     * The annual report's projection sheet: the medium scenario's population and planners' groups every projected
     * year, with the range of the scenarios for the total, through the projection's own disclosure control (the
     * report's caller is at most a leader: groups rounded to 10). Labelled as a projection with its jump-off date.
     */
    private ReportTable projection(ReportRequest request, Text text)
    {
        String title = text.t("Dự báo dân số (kết quả mô hình, không phải số đếm)", "Population projection (model output, not a count)");
        ProjectionService projections = new ProjectionService(service.cubes(), service.area(), service.catalogue(), service.disclosure());
        if (!published(ProjectionCells.CUBE)) {
            return unavailable("projection", title, request, text, ProjectionCells.CUBE);
        }
        ProjectionCells cells;
        try {
            cells = projections.cells();
        }
        catch (ApiException e) {
            return new ReportTable("projection", title, request.end(), text.period(request), "dancu", List.of(), List.of(), List.of(), e.getMessage());
        }
        String unit = caller.scoped() ? new java.util.TreeSet<>(caller.scope()).first() : ProjectionService.AREA;
        ProjectionService.Request asked = new ProjectionService.Request(unit, List.of("MEDIUM"), ProjectionService.AgeScheme.GROUPS, false,
                Optional.empty(), request.language());
        ProjectionService.Indicators indicators = projections.indicators(caller, asked);
        List<String> ids = List.of("population", "births", "age0to2", "age3to5", "age6to10", "age11to14", "age15to17", "age60plus", "age80plus");
        Map<String, ProjectionService.IndicatorSeries> byId = new java.util.LinkedHashMap<>();
        indicators.series().forEach(series -> byId.put(series.indicator().id(), series));
        Footnotes notes = new Footnotes(text);
        List<List<Cell>> rows = new ArrayList<>();
        for (int i = 0; i < cells.years().size(); i++) {
            int year = cells.years().get(i);
            List<Cell> line = new ArrayList<>();
            line.add(Cell.label(year == cells.jumpOffYear() ? year + text.t(" (năm gốc, sổ đăng ký)", " (jump-off, register)") : Integer.toString(year)));
            for (String id : ids) {
                ProjectionService.IndicatorYear value = byId.get(id).years().get(i);
                line.add(notes.note(figure(value.scenarios().get("MEDIUM"), text)));
                if (id.equals("population")) {
                    line.add(notes.note(figure(value.low(), text)));
                    line.add(notes.note(figure(value.high(), text)));
                }
            }
            rows.add(line);
        }
        ProjectionService.Header header = indicators.header();
        List<String> footnotes = new ArrayList<>();
        footnotes.add(text.t("Phương án trung bình; dân số thấp nhất và cao nhất là khoảng giữa bốn phương án, không phải khoảng tin cậy.",
                "Medium scenario; the lowest and highest population are the range of the four scenarios, not a confidence interval."));
        footnotes.add(header.label());
        footnotes.addAll(header.notes());
        footnotes.addAll(notes.lines());
        List<String> columns = new ArrayList<>();
        columns.add(text.t("Năm (31/12)", "Year (31 December)"));
        for (String id : ids) {
            columns.add(byId.get(id).indicator().label(request.language()));
            if (id.equals("population")) {
                columns.add(text.t("Dân số, thấp nhất", "Population, lowest"));
                columns.add(text.t("Dân số, cao nhất", "Population, highest"));
            }
        }
        return new ReportTable("projection", title + " — " + header.unitName() + text.t(", năm gốc ", ", jump-off ") + text.date(cells.jumpOff()),
                cells.jumpOff(), text.period(request), "dancu, population_projection, " + header.version(), columns, rows, footnotes, null);
    }

    private static Cell figure(Optional<Double> value, Text text)
    {
        return value.map(number -> Cell.count(Math.round(number)))
                .orElseGet(() -> Cell.withheld(text.t("ẩn để bảo vệ thông tin cá nhân", "withheld by disclosure control")));
    }

    private ReportTable dataQuality(ReportRequest request, Text text)
    {
        String title = text.t("Chất lượng dữ liệu của lần nhập gần nhất", "Data quality of the latest ingest");
        if (!published("data_quality")) {
            return unavailable("data_quality", title, request, text, "data_quality");
        }
        if (!caller.role().seesQualityCubes()) {
            return new ReportTable("data_quality", title, request.end(), text.period(request), "dancu", List.of(), List.of(), List.of(),
                    text.t("Không hiển thị với vai trò " + caller.role().code() + ": chỉ số chất lượng dữ liệu dành cho lãnh đạo và thống kê viên.",
                            "Not shown to the " + caller.role().code() + " role: the data-quality indicators are for leaders and statisticians."));
        }
        QueryResult result = query(request, "data_quality", null, "indicator");
        Footnotes notes = new Footnotes(text);
        List<List<Cell>> rows = new ArrayList<>();
        for (Map<String, Object> row : result.rows()) {
            rows.add(List.of(Cell.label(row.get("indicatorLabel").toString()), notes.note(cell(row, "value"))));
        }
        List<String> footnotes = new ArrayList<>();
        footnotes.add(text.t("Số bản ghi của toàn địa bàn tại ngày trích xuất " + text.date(result.refDate()) + ".",
                "Records of the whole area at the extract date " + text.date(result.refDate()) + "."));
        footnotes.addAll(notes.lines());
        return new ReportTable("data_quality", title, result.refDate(), text.period(request), result.source().text(),
                List.of(text.t("Chỉ số", "Indicator"), text.t("Số bản ghi", "Records")), rows, footnotes, null);
    }

    /** Collects why cells are withheld, for the footnotes under a table. */
    static final class Footnotes
    {
        private final Text text;
        private final Set<String> reasons = new LinkedHashSet<>();

        Footnotes(Text text)
        {
            this.text = text;
        }

        Cell note(Cell cell)
        {
            if (cell.withheld() != null) {
                reasons.add(cell.withheld());
            }
            return cell;
        }

        List<String> lines()
        {
            List<String> lines = new ArrayList<>();
            for (String reason : reasons) {
                lines.add(WITHHELD_MARK + ": " + text.t("số liệu không công bố (" + reason + ")", "figure withheld (" + reason + ")"));
            }
            return lines;
        }
    }

    /** Vietnamese or English text, dates and periods. */
    record Text(String language)
    {
        String month(YearMonth month)
        {
            return t("tháng " + month.format(DateTimeFormatter.ofPattern("MM/yyyy")), month.format(DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH)));
        }

        /** A flow period as a column heading: {@code Năm 2025}, {@code Quý IV/2026 (T10–T11/2026)}, {@code T1–T9/2026}. */
        String heading(QueryPeriod period)
        {
            String months = period.label(language);
            String roman = switch ((period.first().getMonthValue() + 2) / 3) {
                case 1 -> "I";
                case 2 -> "II";
                case 3 -> "III";
                default -> "IV";
            };
            String name = switch (period.kind()) {
                case YEAR -> t("Năm ", "Year ") + period.year();
                case QUARTER -> t("Quý " + roman + "/" + period.year(), "Q" + ((period.first().getMonthValue() + 2) / 3) + " " + period.year());
                case HALF -> t("6 tháng " + (period.first().getMonthValue() == 1 ? "đầu" : "cuối") + " năm " + period.year(),
                        "H" + ((period.first().getMonthValue() + 5) / 6) + " " + period.year());
                case MONTH, MONTHS -> QueryPeriod.label(period.first().atDay(1), period.last().atEndOfMonth(), language);
            };
            return period.partial() || period.kind() == QueryPeriod.Kind.MONTHS && !name.equals(months) ? name + " (" + months + ")" : name;
        }

        String t(String vi, String en)
        {
            return "en".equals(language) ? en : vi;
        }

        String date(LocalDate date)
        {
            return date.format(DateTimeFormatter.ofPattern("en".equals(language) ? "d MMMM yyyy" : "dd/MM/yyyy", Locale.ENGLISH));
        }

        String period(ReportRequest request)
        {
            if (request.kind() == ReportRequest.Kind.ANNUAL) {
                return request.isPartial() ? t("năm " + request.period() + " (chưa đủ năm: " + request.partial() + ")",
                        request.period() + " (partial year: " + request.partial() + ")") : t("năm " + request.period(), request.period());
            }
            return t("tháng " + request.start().format(DateTimeFormatter.ofPattern("MM/yyyy")),
                    request.start().format(DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH)));
        }
    }

}
