package vn.dancu.api.saved;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import vn.dancu.api.access.Caller;
import vn.dancu.api.error.ApiException;
import vn.dancu.api.export.ExportFormat;
import vn.dancu.api.http.Http;
import vn.dancu.api.http.Json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** HTTP only: {@code /api/v1/saved-tables} (list, save, read, rename, delete) and {@code /{id}/data} (the table rendered now). */
public final class SavedTableController
{
    private final SavedTables tables;

    public SavedTableController(SavedTables tables)
    {
        this.tables = requireNonNull(tables, "tables is null");
    }

    /** GET: the caller's tables; an admin's list holds everyone's, with their owners. */
    public void list(Context ctx)
    {
        Caller caller = Http.caller(ctx);
        ctx.json(Map.of("savedTables", tables.list(caller).stream().map(SavedTableController::json).toList()));
    }

    /** POST {"name", "query"}: 201 with the table. */
    public void create(Context ctx)
    {
        Caller caller = Http.caller(ctx);
        JsonNode body = fields(Json.body(ctx), Set.of("name", "query"));
        SavedTable table = tables.save(caller, Json.text(body, "name", false), Json.text(body, "query", false));
        ctx.status(201).json(json(table));
    }

    public void get(Context ctx)
    {
        ctx.json(json(tables.get(Http.caller(ctx), id(ctx))));
    }

    /** PATCH {"name"}: renames the caller's table. */
    public void rename(Context ctx)
    {
        Caller caller = Http.caller(ctx);
        long id = id(ctx);
        JsonNode body = fields(Json.body(ctx), Set.of("name"));
        ctx.json(json(tables.rename(caller, id, Json.text(body, "name", false))));
    }

    public void delete(Context ctx)
    {
        tables.delete(Http.caller(ctx), id(ctx));
        ctx.status(204);
    }

    /** GET ?format=csv|xlsx|json-stat|sdmx-csv (default csv): the caller's table rendered now from the newest version. */
    public void data(Context ctx)
    {
        Caller caller = Http.caller(ctx);
        long id = id(ctx);
        String code = ctx.queryParam("format");
        ExportFormat format = ExportFormat.parse(code == null ? "csv" : code)
                .orElseThrow(() -> ApiException.badParameter("format", "'" + code + "' is not allowed", ExportFormat.codes()));
        SavedTableRenderer.Rendered rendered = tables.render(caller, id, format);
        SavedTableQuery query = SavedTableQuery.parse("query", tables.own(caller, id).query());
        Http.audit(ctx, query.cube(), rendered.cells());
        ctx.header("Cache-Control", "private, no-cache");
        ctx.header("Content-Disposition", "attachment; filename=\"" + rendered.fileName() + "\"");
        ctx.contentType(rendered.contentType());
        ctx.result(rendered.bytes());
    }

    public static long id(Context ctx)
    {
        String text = ctx.pathParam("id");
        if (!text.matches("\\d{1,18}")) {
            throw ApiException.badParameter("id", "'" + text + "' is not a number", List.of());
        }
        return Long.parseLong(text);
    }

    public static JsonNode fields(JsonNode body, Set<String> allowed)
    {
        for (java.util.Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ApiException.badParameter(name, "unknown field", List.copyOf(new java.util.TreeSet<>(allowed)));
            }
        }
        return body;
    }

    private static Map<String, Object> json(SavedTable table)
    {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", table.id());
        json.put("owner", table.owner());
        json.put("name", table.name());
        json.put("query", table.query());
        json.put("createdAt", table.createdAt().toString());
        json.put("updatedAt", table.updatedAt().toString());
        json.put("dataUrl", "/api/v1/saved-tables/" + table.id() + "/data");
        return json;
    }
}
