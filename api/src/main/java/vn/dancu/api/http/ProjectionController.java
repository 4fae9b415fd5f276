package vn.dancu.api.http;

import io.javalin.http.Context;
import vn.dancu.api.error.ApiException;
import vn.dancu.api.access.Caller;
import vn.dancu.api.export.ExportFormat;
import vn.dancu.api.export.ExportTable;
import vn.dancu.api.export.Exports;
import vn.dancu.api.projection.ProjectedAgeGroup;
import vn.dancu.api.projection.ProjectionCells;
import vn.dancu.api.projection.ProjectionIndicator;
import vn.dancu.api.projection.ProjectionService;
import vn.dancu.api.settings.SettingsStore;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** HTTP only: the population projection, its planners' indicators and its download. */
public final class ProjectionController
{
    private static final List<String> FORMATS = List.of(ExportFormat.CSV.code(), ExportFormat.XLSX.code());

    private final ProjectionService projections;
    private final ResponseCache cache;
    private final SettingsStore settings;

    public ProjectionController(ProjectionService projections, ResponseCache cache, SettingsStore settings)
    {
        this.projections = requireNonNull(projections, "projections is null");
        this.cache = requireNonNull(cache, "cache is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    private String key(Context ctx, Caller caller)
    {
        return settings.revision() + "|" + caller.cacheKey() + "|" + ctx.path() + "?" + Http.canonicalQuery(ctx);
    }

    /** GET /api/v1/projections?unit=&geo=&scenario=&ages=&sex=&year=&lang= */
    public void table(Context ctx)
    {
        Caller caller = Http.caller(ctx);
        Map<String, List<String>> parameters = ctx.queryParamMap();
        if (parameters.containsKey("format")) {
            throw ApiException.badParameter("format", "is a parameter of /projections/export", List.of());
        }
        ProjectionService.Request request = projections.parse(caller, parameters);
        String version = projections.cells().version();
        Http.send(ctx, cache.get(version, key(ctx, caller), () -> {
            ProjectionService.Table table = projections.table(caller, request);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("projection", table.header());
            List<Map<String, Object>> groups = new ArrayList<>();
            for (ProjectedAgeGroup group : table.groups()) {
                groups.add(Map.of("code", group.code(), "label", group.label(request.language()), "from", group.from(), "to", group.to()));
            }
            body.put("ageGroups", groups);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (ProjectionService.Cell cell : table.cells()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("year", cell.year());
                row.put("observed", cell.observed());
                row.put("scenario", cell.scenario());
                row.put("ageGroup", cell.ageGroup());
                row.put("sex", cell.sex());
                row.put("value", cell.value().orElse(null));
                row.put("withheld", cell.value().isEmpty());
                rows.add(row);
            }
            body.put("rows", rows);
            return ResponseCache.Entry.of(json(body), "application/json; charset=utf-8", version, ProjectionCells.CUBE, rows.size(), null);
        }));
    }

    /** GET /api/v1/projections/indicators?unit=&geo=&year=&lang= */
    public void indicators(Context ctx)
    {
        Caller caller = Http.caller(ctx);
        Map<String, List<String>> parameters = ctx.queryParamMap();
        for (String name : List.of("scenario", "ages", "sex", "format")) {
            if (parameters.containsKey(name)) {
                throw ApiException.badParameter(name, "unknown parameter of /projections/indicators (every scenario is given)", List.of("geo", "unit", "year", "lang"));
            }
        }
        ProjectionService.Request request = projections.parse(caller, parameters);
        String version = projections.cells().version();
        Http.send(ctx, cache.get(version, key(ctx, caller), () -> {
            ProjectionService.Indicators indicators = projections.indicators(caller, request);
            String language = request.language();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("projection", indicators.header());
            List<Map<String, Object>> out = new ArrayList<>();
            long cells = 0;
            for (ProjectionService.IndicatorSeries series : indicators.series()) {
                ProjectionIndicator indicator = series.indicator();
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("id", indicator.id());
                item.put("label", indicator.label(language));
                item.put("purpose", indicator.purpose(language));
                item.put("unit", indicator.unit(language));
                item.put("kind", indicator.kind().name().toLowerCase(java.util.Locale.ROOT));
                List<Map<String, Object>> years = new ArrayList<>();
                for (ProjectionService.IndicatorYear year : series.years()) {
                    Map<String, Object> value = new LinkedHashMap<>();
                    value.put("year", year.year());
                    value.put("observed", year.observed());
                    year.scenarios().forEach((scenario, figure) -> value.put(scenario, figure.orElse(null)));
                    value.put("low", year.low().orElse(null));
                    value.put("high", year.high().orElse(null));
                    years.add(value);
                    cells += year.scenarios().size();
                }
                item.put("values", years);
                out.add(item);
            }
            body.put("indicators", out);
            return ResponseCache.Entry.of(json(body), "application/json; charset=utf-8", version, ProjectionCells.CUBE, cells, null);
        }));
    }

    /** GET /api/v1/projections/export?format=csv|xlsx&(the parameters of /projections) */
    public void export(Context ctx)
    {
        Caller caller = Http.caller(ctx);
        Map<String, List<String>> parameters = new HashMap<>(ctx.queryParamMap());
        List<String> formatValues = parameters.remove("format");
        String formatCode = formatValues == null || formatValues.isEmpty() ? null : formatValues.get(0);
        if (formatValues != null && formatValues.size() > 1) {
            throw ApiException.badParameter("format", "is given " + formatValues.size() + " times; give it once", FORMATS);
        }
        ExportFormat format = ExportFormat.parse(formatCode == null ? "" : formatCode)
                .filter(parsed -> FORMATS.contains(parsed.code()))
                .orElseThrow(() -> ApiException.badParameter("format", formatCode == null ? "missing" : "'" + formatCode + "' is not allowed", FORMATS));
        ProjectionService.Request request = projections.parse(caller, parameters);
        String version = projections.cells().version();
        Http.send(ctx, cache.get(version, key(ctx, caller), () -> {
            ProjectionService.Table table = projections.table(caller, request);
            ProjectionService.Header header = table.header();
            String language = request.language();
            boolean english = "en".equals(language);
            Map<String, String> groupLabels = new LinkedHashMap<>();
            table.groups().forEach(group -> groupLabels.put(group.code(), group.label(language)));
            Map<String, String> scenarioLabels = new LinkedHashMap<>();
            header.scenarios().forEach(scenario -> scenarioLabels.put(scenario.get("code"), scenario.get("label")));
            String jumpOffText = LocalDate.parse(header.jumpOff()).format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"));
            List<ExportTable.Row> rows = new ArrayList<>();
            for (ProjectionService.Cell cell : table.cells()) {
                // Every row says what it is, as CSV carries no title: the register's own year, or a year projected from it.
                String year = Integer.toString(cell.year());
                // The old communes' jump-off is the register's figure of their 2025 commune, shared by cohort: derived, not counted.
                boolean derived = "asof".equals(header.geography());
                String yearLabel = year + (cell.observed() && derived
                        ? (english ? " (jump-off " + jumpOffText + ", register shared by cohort)" : " (năm gốc " + jumpOffText + ", sổ đăng ký phân bổ theo đoàn hệ)")
                        : cell.observed()
                        ? (english ? " (register: jump-off " : " (sổ đăng ký: năm gốc ") + jumpOffText + ")"
                        : (english ? " (projected from " : " (dự báo từ năm gốc ") + jumpOffText + ")");
                rows.add(new ExportTable.Row(List.of(year, header.unit(), cell.scenario(), cell.ageGroup(), cell.sex()),
                        List.of(yearLabel, header.unitName(), scenarioLabels.get(cell.scenario()), groupLabels.get(cell.ageGroup()), sexLabel(cell.sex(), english)),
                        Arrays.asList(cell.value().map(Long::doubleValue).orElse(null)), List.of(cell.value().isEmpty())));
            }
            List<String> notes = new ArrayList<>();
            notes.add(header.label());
            notes.addAll(header.notes());
            LocalDate jumpOff = LocalDate.parse(header.jumpOff());
            String reference = (english ? "jump-off " : "năm gốc ") + jumpOff.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"))
                    + ", " + header.jumpOffYear() + "–" + header.lastYear();
            ExportTable export = new ExportTable(ProjectionCells.CUBE, english ? "Population projection (model output, not a count)"
                    : "Dự báo dân số (kết quả mô hình, không phải số đếm)", reference, header.jumpOffYear() + "/" + header.lastYear(),
                    "dancu, " + (english ? "version " : "phiên bản ") + version, version, language,
                    List.of(new ExportTable.Dimension("year", english ? "Year (31 December)" : "Năm (ngày 31/12)", "TIME"),
                            new ExportTable.Dimension("unit", english ? "Administrative unit" : "Đơn vị hành chính", "REF_AREA"),
                            new ExportTable.Dimension("scenario", english ? "Scenario" : "Phương án", "SCENARIO"),
                            new ExportTable.Dimension("ageGroup", english ? "Age group" : "Nhóm tuổi", "AGE"),
                            new ExportTable.Dimension("sex", english ? "Sex" : "Giới tính", "SEX")),
                    List.of(new ExportTable.Measure("projectedPopulation", english ? "Projected population" : "Dân số dự báo", english ? "persons" : "người", 0)),
                    rows, notes);
            byte[] body = Exports.write(format, export, Json.shared());
            return ResponseCache.Entry.of(body, format.contentType(), version, ProjectionCells.CUBE, rows.size(),
                    Exports.fileName("population_projection", jumpOff, format));
        }));
    }

    private static String sexLabel(String sex, boolean english)
    {
        return switch (sex) {
            case "M" -> english ? "Male" : "Nam";
            case "F" -> english ? "Female" : "Nữ";
            default -> english ? "Both sexes" : "Chung";
        };
    }

    private static byte[] json(Object body)
    {
        try {
            return Json.shared().writeValueAsBytes(body);
        }
        catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
