package vn.dancu.api.http;

import io.javalin.http.Context;
import io.javalin.validation.Validator;
import vn.dancu.api.error.ApiException;
import vn.dancu.api.access.Caller;
import vn.dancu.api.export.ExportFormat;
import vn.dancu.api.export.Exports;
import vn.dancu.api.query.CodeLists;
import vn.dancu.api.query.CubeQuery;
import vn.dancu.api.query.CubeTable;
import vn.dancu.api.query.QueryRequest;
import vn.dancu.api.query.QueryRequestParser;
import vn.dancu.api.query.QueryAccess;
import vn.dancu.api.query.QueryResult;
import vn.dancu.api.query.QueryService;
import vn.dancu.api.settings.SettingsStore;
import vn.dancu.datasets.geo.AdminCatalogue;
import vn.dancu.datasets.geo.AdminUnit;
import vn.dancu.datasets.geo.Reorganisation2025;
import vn.dancu.datasets.geo.UnitLevel;
import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.cube.DimensionSpec;
import vn.dancu.model.cube.MeasureSpec;
import vn.dancu.model.publish.CubeEntry;
import vn.dancu.model.publish.CubeManifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/** HTTP only: reads parameters, calls {@link QueryService}, writes JSON or files through the response cache. */
public final class CubeController
{
    /** One configured mapper for every answer (building one per request costs more than the answer). */
    static final com.fasterxml.jackson.databind.ObjectMapper JSON = Json.shared();

    private final QueryService queries;
    private final ResponseCache cache;
    private final SettingsStore settings;
    private final boolean sql;
    private final boolean reports;

    public CubeController(QueryService queries, ResponseCache cache, SettingsStore settings)
    {
        this(queries, cache, settings, false, false);
    }

    /**
     * @param sql     whether the server answers the statisticians' SQL (said in the list of cubes, for the dashboard's menu)
     * @param reports whether the server answers report downloads
     */
    public CubeController(QueryService queries, ResponseCache cache, SettingsStore settings, boolean sql, boolean reports)
    {
        this.queries = requireNonNull(queries, "queries is null");
        this.cache = requireNonNull(cache, "cache is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.sql = sql;
        this.reports = reports;
    }

    public void health(Context ctx)
    {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("version", queries.cubes().manifest().versionId());
        ctx.json(body);
    }

    private String key(Context ctx, Caller caller)
    {
        return settings.revision() + "|" + caller.cacheKey() + "|" + ctx.path() + "?" + Http.canonicalQuery(ctx);
    }

    public void list(Context ctx)
    {
        Caller caller = Http.caller(ctx);
        CubeManifest manifest = queries.cubes().manifest();
        String language = Http.language(ctx);
        Http.send(ctx, cache.get(manifest.versionId(), key(ctx, caller), () -> {
            List<Map<String, Object>> cubes = new ArrayList<>();
            for (CubeEntry entry : manifest.cubes()) {
                queries.cubes().catalog().find(entry.name()).ifPresent(descriptor -> {
                    Map<String, Object> described = describe(descriptor, entry, language);
                    described.put("available", QueryAccess.maySeeCube(caller.role(), descriptor) && QueryAccess.served(descriptor));
                    cubes.add(described);
                });
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("version", manifest.versionId());
            body.put("builtAt", manifest.builtAt().toString());
            body.put("snapshotId", manifest.snapshotId());
            body.put("extractDate", manifest.extractDate().toString());
            QueryService.Coverage coverage = queries.coverage();
            // The days the data cover: a year or quarter reaching outside them is partial (docs/indicators.md).
            body.put("coverage", Map.of("from", coverage.from().toString(), "to", coverage.to().toString()));
            body.put("area", manifest.area());
            body.put("areaLabel", queries.area().label(language));
            body.put("role", caller.role().code());
            body.put("sql", sql);
            body.put("reports", reports);
            body.put("cubes", cubes);
            return json(body, manifest.versionId(), null, 0);
        }));
    }

    public void describe(Context ctx)
    {
        CubeManifest manifest = queries.cubes().manifest();
        CubeDescriptor descriptor = queries.descriptor(ctx.pathParam("cube"));
        Map<String, Object> body = describe(descriptor, manifest.cube(descriptor.name()).orElseThrow(), Http.language(ctx));
        body.put("available", QueryAccess.maySeeCube(Http.caller(ctx).role(), descriptor) && QueryAccess.served(descriptor));
        ctx.json(body);
    }

    private Map<String, Object> describe(CubeDescriptor descriptor, CubeEntry entry, String language)
    {
        Map<String, Object> cube = new LinkedHashMap<>();
        cube.put("name", descriptor.name());
        cube.put("title", descriptor.title().in(language));
        cube.put("description", descriptor.description().in(language));
        cube.put("time", descriptor.time().name());
        List<Map<String, Object>> dimensions = new ArrayList<>();
        for (DimensionSpec spec : descriptor.dimensions()) {
            Map<String, Object> dimension = new LinkedHashMap<>();
            dimension.put("name", spec.queryName());
            dimension.put("title", spec.title().in(language));
            dimension.put("kind", spec.kind().name());
            if (!spec.additive()) {
                dimension.put("additive", false);
                dimension.put("defaultCode", spec.defaultCode());
            }
            if (spec.codes() != null) {
                List<Map<String, String>> codes = new ArrayList<>();
                for (String code : CodeLists.codes(spec.codes())) {
                    codes.add(Map.of("code", code, "label", CodeLists.label(spec.codes(), code, language)));
                }
                dimension.put("codes", codes);
            }
            dimensions.add(dimension);
        }
        cube.put("dimensions", dimensions);
        cube.put("queryDimensions", QueryService.queryDimensionNames(descriptor));
        List<Map<String, Object>> measures = new ArrayList<>();
        for (MeasureSpec spec : descriptor.measures()) {
            measures.add(spec.scale() == 1 ? Map.of("name", spec.name(), "title", spec.title().in(language), "unit", spec.unit().in(language))
                    : Map.of("name", spec.name(), "title", spec.title().in(language), "unit", spec.unit().in(language), "scale", spec.scale()));
        }
        cube.put("measures", measures);
        cube.put("refDates", entry.refDates().stream().map(LocalDate::toString).toList());
        cube.put("periods", entry.refDates().stream().map(date -> date.getYear()).distinct().toList());
        cube.put("cuboids", entry.cuboids().stream().map(cuboid -> cuboid.name()).toList());
        return cube;
    }

    /** GET /api/v1/cubes/{cube}/query */
    public void query(Context ctx)
    {
        Caller caller = Http.caller(ctx);
        String cube = ctx.pathParam("cube");
        String version = queries.cubes().manifest().versionId();
        QueryRequest request = QueryRequestParser.parse(parameters(ctx, false));
        Http.send(ctx, cache.get(version, key(ctx, caller), () -> {
            CubeQuery query = queries.parse(cube, request);
            CubeTable table = queries.table(caller, query);
            QueryResult result = queries.result(table);
            return json(result, result.version(), cube, (long) result.rows().size() * query.measures().size());
        }));
    }

    /** GET /api/v1/cubes/{cube}/export?format=csv|xlsx|json-stat|sdmx-csv&… (the parameters of query) */
    public void export(Context ctx)
    {
        Caller caller = Http.caller(ctx);
        String cube = ctx.pathParam("cube");
        String version = queries.cubes().manifest().versionId();
        String formatCode = ctx.queryParam("format");
        ExportFormat format = ExportFormat.parse(formatCode == null ? "" : formatCode)
                .orElseThrow(() -> ApiException.badParameter("format", formatCode == null ? "missing" : "'" + formatCode + "' is not allowed",
                        ExportFormat.codes()));
        QueryRequest request = QueryRequestParser.parse(parameters(ctx, true));
        Http.send(ctx, cache.get(version, key(ctx, caller), () -> {
            CubeQuery query = queries.parse(cube, request);
            CubeTable table = queries.table(caller, query);
            QueryResult result = queries.result(table);
            byte[] body = Exports.write(format, Exports.of(table, result), JSON);
            return ResponseCache.Entry.of(body, format.contentType(), version, cube, (long) result.rows().size() * query.measures().size(),
                    Exports.fileName(cube, result.refDate(), format));
        }));
    }

    /** The question's parameters, read with Javalin's validators ({@code ctx.queryParamAsClass}); {@code format} is the export's own. */
    private static QueryRequestParser.Parameters parameters(Context ctx, boolean export)
    {
        if (!export && ctx.queryParamMap().containsKey("format")) {
            throw ApiException.badParameter("format", "downloads are at /api/v1/cubes/{cube}/export", List.of());
        }
        return new QueryRequestParser.Parameters()
        {
            @Override
            public Validator<String> validator(String name)
            {
                return ctx.queryParamAsClass(name, String.class);
            }

            @Override
            public List<String> values(String name)
            {
                return ctx.queryParams(name).stream().filter(value -> !value.isBlank()).map(String::strip).toList();
            }

            @Override
            public Set<String> names()
            {
                return ctx.queryParamMap().keySet().stream().filter(name -> !name.equals("format")).collect(Collectors.toSet());
            }
        };
    }

    static ResponseCache.Entry json(Object body, String version, String cube, long cells)
    {
        try {
            return ResponseCache.Entry.of(JSON.writeValueAsBytes(body), "application/json; charset=utf-8", version, cube, cells, null);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Units of a geography at a date (default: the 2025 units), for filters and labels. */
    public void units(Context ctx)
    {
        String language = Http.language(ctx);
        String geo = ctx.queryParamMap().getOrDefault("geo", List.of("2025")).get(0);
        if (!List.of("2025", "asof").contains(geo)) {
            throw ApiException.badParameter("geo", "'" + geo + "' is not allowed", List.of("2025", "asof"));
        }
        LocalDate date;
        String dateText = ctx.queryParam("date");
        QueryService.Coverage coverage = queries.coverage();
        String range = "dates from " + coverage.from() + " to " + coverage.to() + " (the data's period)";
        try {
            date = dateText == null ? queries.cubes().manifest().extractDate() : LocalDate.parse(dateText);
        }
        catch (java.time.format.DateTimeParseException e) {
            throw ApiException.badParameter("date", "'" + dateText + "' is not a date (yyyy-MM-dd); " + range, List.of());
        }
        if (date.isBefore(coverage.from()) || date.isAfter(coverage.to())) {
            throw ApiException.badParameter("date", date + " is outside the data; " + range, List.of());
        }
        if (geo.equals("2025") && !Reorganisation2025.after(date)) {
            // The units of 2025 at an earlier date: the 1 July 2025 units, onto which that date's figures are recast.
            date = Reorganisation2025.EFFECTIVE_DATE;
        }
        AdminCatalogue catalogue = queries.catalogue();
        List<AdminUnit> communes = queries.area().communes(catalogue, date);
        List<Map<String, Object>> units = new ArrayList<>();
        java.util.Set<String> parents = new java.util.LinkedHashSet<>();
        for (AdminUnit commune : communes) {
            catalogue.ancestor(commune, UnitLevel.DISTRICT, date).ifPresent(unit -> parents.add("D" + unit.code()));
            catalogue.ancestor(commune, UnitLevel.PROVINCE, date).ifPresent(unit -> parents.add("P" + unit.code()));
        }
        for (UnitLevel level : UnitLevel.values()) {
            for (AdminUnit unit : catalogue.units(level, date)) {
                boolean inArea = switch (level) {
                    case COMMUNE -> communes.contains(unit);
                    case DISTRICT -> parents.contains("D" + unit.code());
                    case PROVINCE -> parents.contains("P" + unit.code());
                };
                if (!inArea) {
                    continue;
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("level", level.name().toLowerCase(java.util.Locale.ROOT));
                row.put("code", unit.code());
                row.put("name", "en".equals(language) ? unit.englishName() : unit.name());
                row.put("parent", unit.parentCode());
                row.put("areaKm2", unit.areaKm2());
                units.add(row);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("geo", geo);
        body.put("date", date.toString());
        body.put("units", units);
        ctx.json(body);
    }
}
