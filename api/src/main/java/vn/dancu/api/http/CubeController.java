package vn.dancu.api.http;

import io.javalin.http.Context;
import vn.dancu.api.ApiException;
import vn.dancu.api.query.CodeLists;
import vn.dancu.api.query.CubeQuery;
import vn.dancu.api.query.QueryService;
import vn.dancu.datasets.geo.AdminCatalogue;
import vn.dancu.datasets.geo.AdminUnit;
import vn.dancu.datasets.geo.Reorganisation2025;
import vn.dancu.datasets.geo.UnitLevel;
import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.cube.DimensionSpec;
import vn.dancu.model.cube.MeasureSpec;
import vn.dancu.model.publish.CubeEntry;
import vn.dancu.model.publish.CubeManifest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** HTTP only: reads parameters, calls {@link QueryService}, writes JSON. */
public final class CubeController
{
    private final QueryService queries;

    public CubeController(QueryService queries)
    {
        this.queries = queries;
    }

    public void health(Context ctx)
    {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("version", queries.cubes().manifest().versionId());
        ctx.json(body);
    }

    public void list(Context ctx)
    {
        CubeManifest manifest = queries.cubes().manifest();
        String language = language(ctx);
        List<Map<String, Object>> cubes = new ArrayList<>();
        for (CubeEntry entry : manifest.cubes()) {
            queries.cubes().catalog().find(entry.name()).ifPresent(descriptor -> cubes.add(describe(descriptor, entry, language)));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", manifest.versionId());
        body.put("builtAt", manifest.builtAt().toString());
        body.put("snapshotId", manifest.snapshotId());
        body.put("extractDate", manifest.extractDate().toString());
        body.put("area", manifest.area());
        body.put("areaLabel", queries.area().label(language));
        body.put("cubes", cubes);
        ctx.json(body);
    }

    public void describe(Context ctx)
    {
        CubeManifest manifest = queries.cubes().manifest();
        String name = ctx.pathParam("cube");
        CubeDescriptor descriptor = queries.cubes().descriptor(name)
                .orElseThrow(() -> ApiException.notFound("cube '" + name + "'", manifest.cubes().stream().map(CubeEntry::name).toList()));
        ctx.json(describe(descriptor, manifest.cube(name).orElseThrow(), language(ctx)));
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
            dimension.put("name", spec.kind() == vn.dancu.model.cube.DimensionKind.GEOGRAPHY ? "unit" : spec.name());
            dimension.put("title", spec.title().in(language));
            dimension.put("kind", spec.kind().name());
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
            measures.add(Map.of("name", spec.name(), "title", spec.title().in(language), "unit", spec.unit().in(language)));
        }
        cube.put("measures", measures);
        cube.put("refDates", entry.refDates().stream().map(LocalDate::toString).toList());
        cube.put("cuboids", entry.cuboids().stream().map(cuboid -> cuboid.name()).toList());
        return cube;
    }

    public void query(Context ctx)
    {
        CubeQuery query = queries.parse(ctx.pathParam("cube"), ctx.queryParamMap());
        ctx.json(queries.execute(query));
    }

    /** Units of a geography at a date (default: the 2025 units), for filters and labels. */
    public void units(Context ctx)
    {
        String language = language(ctx);
        String geo = ctx.queryParamMap().getOrDefault("geo", List.of("2025")).get(0);
        if (!List.of("2025", "asof").contains(geo)) {
            throw ApiException.badParameter("geo", "'" + geo + "' is not allowed", List.of("2025", "asof"));
        }
        LocalDate date;
        String dateText = ctx.queryParam("date");
        try {
            date = dateText == null ? queries.cubes().manifest().extractDate() : LocalDate.parse(dateText);
        }
        catch (java.time.format.DateTimeParseException e) {
            throw ApiException.badParameter("date", "'" + dateText + "' is not a date (yyyy-MM-dd)", List.of());
        }
        if (geo.equals("2025") && !Reorganisation2025.after(date)) {
            date = Reorganisation2025.EFFECTIVE_DATE;
        }
        AdminCatalogue catalogue = queries.area().catalogue();
        List<Map<String, Object>> units = new ArrayList<>();
        for (UnitLevel level : UnitLevel.values()) {
            for (AdminUnit unit : catalogue.units(level, date)) {
                if (level == UnitLevel.COMMUNE && !queries.area().contains(catalogue, unit, date)) {
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

    private static String language(Context ctx)
    {
        String language = ctx.queryParam("lang");
        if (language == null || language.isBlank()) {
            return "vi";
        }
        if (!List.of("vi", "en").contains(language)) {
            throw ApiException.badParameter("lang", "'" + language + "' is not allowed", List.of("vi", "en"));
        }
        return language;
    }
}
