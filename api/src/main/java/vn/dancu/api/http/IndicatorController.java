package vn.dancu.api.http;

import io.javalin.http.Context;
import vn.dancu.api.error.ApiException;
import vn.dancu.api.access.Caller;
import vn.dancu.api.export.ExportFormat;
import vn.dancu.api.export.ExportTable;
import vn.dancu.api.export.Exports;
import vn.dancu.api.indicator.Indicator;
import vn.dancu.api.indicator.IndicatorService;
import vn.dancu.api.indicator.IndicatorValue;
import vn.dancu.api.query.QueryService;
import vn.dancu.api.settings.ServerSettings;
import vn.dancu.api.settings.SettingsStore;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** HTTP only: the indicators, their time series and their downloads. */
public final class IndicatorController
{
    /** Points × units × indicators above which a series is refused. */
    public static final int MAX_SERIES_VALUES = 50_000;

    private final IndicatorService indicators;
    private final QueryService queries;
    private final ResponseCache cache;
    private final SettingsStore settings;

    public IndicatorController(IndicatorService indicators, QueryService queries, ResponseCache cache, SettingsStore settings)
    {
        this.indicators = requireNonNull(indicators, "indicators is null");
        this.queries = requireNonNull(queries, "queries is null");
        this.cache = requireNonNull(cache, "cache is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    private String key(Context ctx, Caller caller)
    {
        return settings.revision() + "|" + caller.cacheKey() + "|" + ctx.path() + "?" + Http.canonicalQuery(ctx);
    }

    /** GET /api/v1/indicators/catalog: every indicator with its unit, formula and basis. */
    public void catalog(Context ctx)
    {
        String language = Http.language(ctx);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Indicator indicator : Indicator.values()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", indicator.id());
            item.put("label", indicator.label(language));
            item.put("unit", indicator.unit(language));
            item.put("formula", indicator.formula());
            item.put("basis", indicator.basis().name());
            item.put("decimals", indicator.decimals());
            out.add(item);
        }
        ctx.json(Map.of("indicators", out));
    }

    /** GET /api/v1/indicators?ids=…&date=…&year=…&geo=…&level=…&filter=unit:…&lang=… */
    public void values(Context ctx)
    {
        Caller caller = Http.caller(ctx);
        String version = queries.cubes().manifest().versionId();
        Map<String, List<String>> parameters = new HashMap<>(ctx.queryParamMap());
        reject(parameters, "from", "to", "format");
        Http.send(ctx, cache.get(version, key(ctx, caller), () -> {
            IndicatorService.Request request = indicators.parse(parameters);
            List<IndicatorValue> values = indicators.compute(caller, request);
            Map<String, Object> body = header(version, request);
            body.put("values", values);
            return CubeController.json(body, version, "indicators", values.size());
        }));
    }

    /** GET /api/v1/indicators/series?ids=…&from=yyyy-MM&to=yyyy-MM&geo=…&level=…&filter=unit:… */
    public void series(Context ctx)
    {
        Caller caller = Http.caller(ctx);
        String version = queries.cubes().manifest().versionId();
        Map<String, List<String>> parameters = new HashMap<>(ctx.queryParamMap());
        reject(parameters, "date", "year", "format");
        String from = bound(parameters, "from");
        String to = bound(parameters, "to");
        Http.send(ctx, cache.get(version, key(ctx, caller), () -> {
            IndicatorService.Request request = indicators.parse(parameters);
            Map<String, Map<String, Object>> series = new LinkedHashMap<>();
            List<IndicatorValue> values = seriesValues(caller, request, from, to);
            for (IndicatorValue value : values) {
                String seriesKey = value.indicator() + "|" + value.unit();
                Map<String, Object> line = series.computeIfAbsent(seriesKey, key -> {
                    Map<String, Object> created = new LinkedHashMap<>();
                    created.put("indicator", value.indicator());
                    created.put("label", value.label());
                    created.put("unit", value.unit());
                    created.put("unitLabel", value.unitLabel());
                    created.put("measureUnit", value.measureUnit());
                    created.put("formula", value.formula());
                    created.put("points", new ArrayList<Map<String, Object>>());
                    return created;
                });
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("refDate", value.refDate());
                entry.put("year", value.year());
                entry.put("value", value.value());
                entry.put("numerator", value.numerator());
                entry.put("denominator", value.denominator());
                entry.put("status", value.status());
                entry.put("partial", value.partial());
                entry.put("coverage", value.coverage());
                if (value.note() != null) {
                    entry.put("note", value.note());
                }
                if (value.lower() != null || value.lowReliability() != null) {
                    entry.put("lower", value.lower());
                    entry.put("upper", value.upper());
                    entry.put("lowReliability", value.lowReliability());
                }
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> list = (List<Map<String, Object>>) line.get("points");
                list.add(entry);
            }
            Map<String, Object> body = header(version, request);
            body.put("from", from);
            body.put("to", to);
            body.put("series", new ArrayList<>(series.values()));
            return CubeController.json(body, version, "indicators", values.size());
        }));
    }

    /** GET /api/v1/indicators/series/export?format=csv|xlsx|json-stat&(the parameters of /indicators/series) */
    public void seriesExport(Context ctx)
    {
        Caller caller = Http.caller(ctx);
        String version = queries.cubes().manifest().versionId();
        Map<String, List<String>> parameters = new HashMap<>(ctx.queryParamMap());
        List<String> formats = List.of(ExportFormat.CSV.code(), ExportFormat.XLSX.code(), ExportFormat.JSON_STAT.code());
        String formatCode = parameters.containsKey("format") ? parameters.remove("format").get(0) : null;
        ExportFormat format = ExportFormat.parse(formatCode == null ? "" : formatCode)
                .filter(parsed -> formats.contains(parsed.code()))
                .orElseThrow(() -> ApiException.badParameter("format", formatCode == null ? "missing" : "'" + formatCode + "' is not allowed", formats));
        reject(parameters, "date", "year");
        String from = bound(parameters, "from");
        String to = bound(parameters, "to");
        Http.send(ctx, cache.get(version, key(ctx, caller), () -> {
            IndicatorService.Request request = indicators.parse(parameters);
            List<IndicatorValue> values = seriesValues(caller, request, from, to);
            boolean english = "en".equals(request.language());
            java.time.format.DateTimeFormatter day = java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy");
            List<ExportTable.Row> rows = new ArrayList<>();
            LocalDate first = null;
            LocalDate last = null;
            Map<String, String> partial = new LinkedHashMap<>();
            for (IndicatorValue value : values) {
                if (value.unit() == null) {
                    continue;
                }
                boolean withheld = !"ok".equals(value.status());
                String time = value.year() != null ? Integer.toString(value.year()) : value.refDate().toString();
                String timeLabel = value.year() != null ? (value.partial() ? time + " (" + value.coverage() + ")" : time) : value.refDate().format(day);
                if (value.partial()) {
                    partial.put(time, value.coverage());
                }
                rows.add(new ExportTable.Row(List.of(time, value.indicator(), value.unit()),
                        List.of(timeLabel, value.label() + " (" + value.measureUnit() + ")", value.unitLabel()),
                        java.util.Arrays.asList(withheld ? null : value.value()), List.of("suppressed".equals(value.status()))));
                if (value.refDate() != null) {
                    first = first == null || value.refDate().isBefore(first) ? value.refDate() : first;
                    last = last == null || value.refDate().isAfter(last) ? value.refDate() : last;
                }
            }
            LocalDate reference = last == null ? queries.cubes().manifest().extractDate() : last;
            ExportTable table = new ExportTable("indicators", english ? "Demographic indicators over time" : "Các chỉ tiêu dân số theo thời gian",
                    (first == null ? reference : first).format(day) + " – " + reference.format(day), (first == null ? reference : first) + "/" + reference,
                    "dancu, " + (english ? "version " : "phiên bản ") + version, version, request.language(),
                    List.of(new ExportTable.Dimension("time", english ? "Reference date or year" : "Thời điểm hoặc năm", "TIME"),
                            new ExportTable.Dimension("indicator", english ? "Indicator" : "Chỉ tiêu", "INDICATOR"),
                            new ExportTable.Dimension("unit", english ? "Administrative unit" : "Đơn vị hành chính", "REF_AREA")),
                    List.of(new ExportTable.Measure("value", english ? "Value" : "Giá trị", "", 2)), rows,
                    notes(request.language(), partial), partial);
            byte[] body = Exports.write(format, table, Json.shared());
            return ResponseCache.Entry.of(body, format.contentType(), version, "indicators", rows.size(),
                    Exports.fileName("indicators_series", reference, format));
        }));
    }

    private static String bound(Map<String, List<String>> parameters, String name)
    {
        String value = parameters.containsKey(name) ? parameters.remove(name).get(0) : null;
        if (value == null) {
            return null;
        }
        try {
            if (value.matches("\\d{4}")) {
                return value;
            }
            return java.time.YearMonth.parse(value).toString();
        }
        catch (java.time.format.DateTimeParseException e) {
            throw ApiException.badParameter(name, "'" + value + "' is not a month (yyyy-MM) or a year (yyyy)", List.of());
        }
    }

    /** Every value of the series, indicator by indicator, point by point. */
    private List<IndicatorValue> seriesValues(Caller caller, IndicatorService.Request request, String from, String to)
    {
        List<IndicatorValue> values = new ArrayList<>();
        if (from != null && to != null && from.compareTo(to.length() < from.length() ? to + "-12" : to) > 0) {
            throw ApiException.badParameter("from", "'" + from + "' is after to '" + to + "'", List.of());
        }
        boolean anyPoint = false;
        for (Indicator indicator : request.indicators()) {
            List<Object> points = indicators.seriesPoints(indicator, from, to);
            anyPoint |= !points.isEmpty();
            for (Object point : points) {
                IndicatorService.Request one = new IndicatorService.Request(List.of(indicator),
                        point instanceof LocalDate date ? date : null, point instanceof Integer year ? year : null,
                        request.geography(), request.level(), request.units(), request.language());
                values.addAll(indicators.compute(caller, one));
                if (values.size() > MAX_SERIES_VALUES) {
                    throw ApiException.badParameter("from", "the series would have more than " + MAX_SERIES_VALUES
                            + " values; narrow from/to, the units or the indicators", List.of());
                }
            }
        }
        if (!anyPoint && (from != null || to != null)) {
            // An empty answer would read as "no figures" rather than "asked outside the data".
            QueryService.Coverage coverage = queries.coverage();
            throw ApiException.badParameter(from != null ? "from" : "to", "no data between " + (from == null ? "the start" : from) + " and "
                    + (to == null ? "the end" : to) + "; the data cover " + coverage.from() + " to " + coverage.to(), List.of());
        }
        return values;
    }

    /** GET /api/v1/indicators/export?format=…&(the parameters of /indicators) */
    public void export(Context ctx)
    {
        Caller caller = Http.caller(ctx);
        String version = queries.cubes().manifest().versionId();
        Map<String, List<String>> parameters = new HashMap<>(ctx.queryParamMap());
        String formatCode = parameters.containsKey("format") ? parameters.remove("format").get(0) : null;
        ExportFormat format = ExportFormat.parse(formatCode == null ? "" : formatCode)
                .orElseThrow(() -> ApiException.badParameter("format", formatCode == null ? "missing" : "'" + formatCode + "' is not allowed",
                        ExportFormat.codes()));
        reject(parameters, "from", "to");
        Http.send(ctx, cache.get(version, key(ctx, caller), () -> {
            IndicatorService.Request request = indicators.parse(parameters);
            List<IndicatorValue> values = indicators.compute(caller, request);
            boolean english = "en".equals(request.language());
            List<ExportTable.Row> rows = new ArrayList<>();
            Map<String, String> partial = new LinkedHashMap<>();
            for (IndicatorValue value : values) {
                boolean withheld = !"ok".equals(value.status());
                if (value.partial()) {
                    partial.put(Integer.toString(value.year()), value.coverage());
                }
                String label = value.label() + " (" + value.measureUnit() + ")" + (value.partial() && value.year() != null
                        ? (english ? ", " : ", năm ") + value.year() + ": " + value.coverage() : "");
                rows.add(new ExportTable.Row(List.of(value.indicator(), value.unit() == null ? "" : value.unit()),
                        List.of(label, value.unitLabel() == null ? "" : value.unitLabel()),
                        java.util.Arrays.asList(withheld ? null : value.value()), List.of("suppressed".equals(value.status()))));
            }
            LocalDate reference = values.stream().map(IndicatorValue::refDate).filter(java.util.Objects::nonNull).max(LocalDate::compareTo)
                    .orElse(queries.cubes().manifest().extractDate());
            ExportTable table = new ExportTable("indicators", english ? "Demographic indicators" : "Các chỉ tiêu dân số",
                    reference.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")), reference.toString(),
                    "dancu, " + (english ? "version " : "phiên bản ") + version, version, request.language(),
                    List.of(new ExportTable.Dimension("indicator", english ? "Indicator" : "Chỉ tiêu", "INDICATOR"),
                            new ExportTable.Dimension("unit", english ? "Administrative unit" : "Đơn vị hành chính", "REF_AREA")),
                    List.of(new ExportTable.Measure("value", english ? "Value" : "Giá trị", "", 2)), rows,
                    notes(request.language(), partial), partial);
            byte[] body = Exports.write(format, table, CubeController.JSON);
            return ResponseCache.Entry.of(body, format.contentType(), version, "indicators", values.size(),
                    Exports.fileName("indicators", reference, format));
        }));
    }

    /** The notes under an indicator table: the disclosure rule, where the formulas are, and the years the data cover in part. */
    private List<String> notes(String language, Map<String, String> partial)
    {
        boolean english = "en".equals(language);
        List<String> notes = new ArrayList<>();
        partial.forEach((year, months) -> notes.add(english
                ? "Partial year " + year + ": the data cover " + months + " only; rates are per year of the months covered (person-years of those days)."
                : "Năm " + year + " chưa đủ năm: số liệu chỉ gồm " + months + "; các tỷ suất tính theo năm trên số người-năm của các ngày đó."));
        notes.add(queries.disclosure().rule(language));
        notes.add(english ? "Formulas and sources: docs/indicators.md" : "Công thức và nguồn: docs/indicators.md");
        return notes;
    }

    private Map<String, Object> header(String version, IndicatorService.Request request)
    {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", version);
        body.put("geography", request.geography().code());
        body.put("level", request.level().code());
        ServerSettings current = settings.current();
        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put("chipCardShareEligible", current.areaTarget("chipCardShareEligible"));
        targets.put("vneidLevel2ShareEligible", current.areaTarget("vneidLevel2ShareEligible"));
        body.put("targets", targets);
        // The targets with deadlines, of the area and of communes (Decision 06): the page draws status and forecast.
        body.put("targetList", current.targets());
        body.put("disclosure", queries.disclosure().rule(request.language()));
        return body;
    }

    private static void reject(Map<String, List<String>> parameters, String... names)
    {
        for (String name : names) {
            if (parameters.containsKey(name)) {
                throw ApiException.badParameter(name, "not a parameter of this endpoint", List.of());
            }
        }
    }
}
