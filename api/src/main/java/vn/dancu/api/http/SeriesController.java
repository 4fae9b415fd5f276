package vn.dancu.api.http;

import io.javalin.http.Context;
import vn.dancu.api.error.ApiException;
import vn.dancu.api.access.Caller;
import vn.dancu.api.export.ExportFormat;
import vn.dancu.api.export.ExportTable;
import vn.dancu.api.export.Exports;
import vn.dancu.api.query.CubeSeries;
import vn.dancu.api.query.QueryResult;
import vn.dancu.api.query.QueryService;
import vn.dancu.api.settings.SettingsStore;
import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.cube.TimeGrain;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** HTTP only: {@code GET /api/v1/cubes/{cube}/series} and its download, answered by {@link CubeSeries}. */
public final class SeriesController
{
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final QueryService queries;
    private final CubeSeries series;
    private final ResponseCache cache;
    private final SettingsStore settings;

    public SeriesController(QueryService queries, ResponseCache cache, SettingsStore settings)
    {
        this.queries = requireNonNull(queries, "queries is null");
        this.series = new CubeSeries(queries);
        this.cache = requireNonNull(cache, "cache is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    private String key(Context ctx, Caller caller)
    {
        return settings.revision() + "|" + caller.cacheKey() + "|" + ctx.path() + "?" + Http.canonicalQuery(ctx);
    }

    /** GET /api/v1/cubes/{cube}/series */
    public void series(Context ctx)
    {
        Caller caller = Http.caller(ctx);
        String cube = ctx.pathParam("cube");
        String version = queries.cubes().manifest().versionId();
        Map<String, List<String>> parameters = new HashMap<>(ctx.queryParamMap());
        if (parameters.containsKey("format")) {
            throw ApiException.badParameter("format", "downloads are at /api/v1/cubes/{cube}/series/export", List.of());
        }
        Http.send(ctx, cache.get(version, key(ctx, caller), () -> {
            CubeSeries.Series answer = compute(caller, cube, parameters);
            QueryResult first = answer.points().get(0).result();
            List<Map<String, Object>> points = new ArrayList<>();
            long cells = 0;
            int suppressedRows = 0;
            for (CubeSeries.Point point : answer.points()) {
                QueryResult result = point.result();
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("refDate", result.refDate());
                out.put("period", result.period());
                out.put("partial", point.partial(answer.step()));
                out.put("label", point.label(answer.step(), point.table().query().language()));
                out.put("cuboid", result.cuboid());
                out.put("rows", result.rows());
                points.add(out);
                cells += (long) result.rows().size() * point.table().query().measures().size();
                suppressedRows += result.disclosure().suppressedRows();
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("cube", first.cube());
            body.put("title", first.title());
            body.put("version", first.version());
            body.put("step", answer.step().code());
            body.put("from", answer.from().toString());
            body.put("to", answer.to().toString());
            body.put("geography", first.geography());
            body.put("level", first.level());
            body.put("columns", first.columns());
            body.put("points", points);
            body.put("disclosure", new QueryResult.Disclosure(first.disclosure().threshold(), first.disclosure().measure(), suppressedRows,
                    first.disclosure().rule()));
            body.put("source", first.source());
            return CubeController.json(body, first.version(), cube, cells);
        }));
    }

    /** GET /api/v1/cubes/{cube}/series/export?format=csv|xlsx|json-stat&… (the parameters of series) */
    public void export(Context ctx)
    {
        Caller caller = Http.caller(ctx);
        String cube = ctx.pathParam("cube");
        String version = queries.cubes().manifest().versionId();
        Map<String, List<String>> parameters = new HashMap<>(ctx.queryParamMap());
        List<String> formats = List.of(ExportFormat.CSV.code(), ExportFormat.XLSX.code(), ExportFormat.JSON_STAT.code());
        String formatCode = parameters.containsKey("format") ? parameters.remove("format").get(0) : null;
        ExportFormat format = ExportFormat.parse(formatCode == null ? "" : formatCode)
                .filter(parsed -> formats.contains(parsed.code()))
                .orElseThrow(() -> ApiException.badParameter("format", formatCode == null ? "missing" : "'" + formatCode + "' is not allowed", formats));
        Http.send(ctx, cache.get(version, key(ctx, caller), () -> {
            CubeSeries.Series answer = compute(caller, cube, parameters);
            ExportTable table = table(answer);
            byte[] body = Exports.write(format, table, Json.shared());
            LocalDate last = answer.points().get(answer.points().size() - 1).result().refDate();
            return ResponseCache.Entry.of(body, format.contentType(), version, cube, table.rows().size() * (long) table.measures().size(),
                    Exports.fileName(cube + "_series", last, format));
        }));
    }

    private CubeSeries.Series compute(Caller caller, String cube, Map<String, List<String>> parameters)
    {
        CubeSeries.Series answer = series.series(caller, cube, parameters);
        if (answer.points().isEmpty()) {
            List<LocalDate> dates = queries.cubes().manifest().cube(cube).orElseThrow().refDates();
            throw ApiException.badParameter("from", "no data between " + answer.from() + " and " + answer.to() + "; reference dates from "
                    + dates.get(0) + " to " + dates.get(dates.size() - 1), List.of());
        }
        return answer;
    }

    /** The points one under the other, with the time as the first column. */
    private ExportTable table(CubeSeries.Series answer)
    {
        CubeSeries.Point first = answer.points().get(0);
        ExportTable firstTable = Exports.of(first.table(), first.result());
        String language = firstTable.language();
        boolean english = firstTable.english();
        CubeDescriptor descriptor = first.table().descriptor();
        boolean byYear = descriptor.time() != TimeGrain.MONTH_END && answer.step() == CubeSeries.Step.YEAR;
        List<ExportTable.Dimension> dimensions = new ArrayList<>();
        dimensions.add(new ExportTable.Dimension("time", byYear ? (english ? "Year" : "Năm") : (english ? "Reference date" : "Thời điểm"), Exports.TIME));
        // Each point's table has the period as its own first column: the series' time column replaces it.
        dimensions.addAll(firstTable.dimensions().stream().filter(dimension -> !Exports.TIME.equals(dimension.sdmxId())).toList());
        List<ExportTable.Row> rows = new ArrayList<>();
        Map<String, String> partial = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (CubeSeries.Point point : answer.points()) {
            QueryResult result = point.result();
            String code = byYear ? Integer.toString(result.period().year()) : result.refDate().toString();
            String label = byYear ? Exports.periodLabel(point.table().query().period(), language) : result.refDate().format(DAY);
            if (byYear && result.period().partial()) {
                partial.put(code, result.period().label());
                notes.add(Exports.partialNote(point.table().query().period(), language));
            }
            boolean periodColumn = point.table().query().period() != null;
            for (ExportTable.Row row : Exports.of(point.table(), result).rows()) {
                List<String> codes = new ArrayList<>(List.of(code));
                codes.addAll(periodColumn ? row.codes().subList(1, row.codes().size()) : row.codes());
                List<String> labels = new ArrayList<>(List.of(label));
                labels.addAll(periodColumn ? row.labels().subList(1, row.labels().size()) : row.labels());
                rows.add(new ExportTable.Row(codes, labels, row.values(), row.suppressed()));
            }
        }
        QueryResult lastResult = answer.points().get(answer.points().size() - 1).result();
        LocalDate last = lastResult.refDate();
        String reference = (byYear ? first.result().period().from() : first.result().refDate()).format(DAY) + " – " + last.format(DAY);
        notes.addAll(firstTable.notes().stream().filter(note -> !notes.contains(note)).toList());
        return new ExportTable(descriptor.name(), firstTable.title(), reference, first.result().refDate() + "/" + last, firstTable.source(),
                firstTable.version(), language, dimensions, firstTable.measures(), rows, notes, partial);
    }
}
