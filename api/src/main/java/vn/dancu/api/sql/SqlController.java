package vn.dancu.api.sql;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import vn.dancu.api.error.ApiException;
import vn.dancu.model.sql.SqlResult;
import vn.dancu.model.sql.ViewColumn;
import vn.dancu.model.sql.ViewDefinition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** HTTP only: the SQL page's endpoints under {@code /api/v1/sql}; {@link SqlService} does the work. */
public final class SqlController
{
    private final SqlService sql;
    private final SqlCaller caller;

    public SqlController(SqlService sql, SqlCaller caller)
    {
        this.sql = requireNonNull(sql, "sql is null");
        this.caller = requireNonNull(caller, "caller is null");
    }

    public void views(Context ctx)
    {
        caller.user(ctx);
        List<Map<String, Object>> views = new ArrayList<>();
        for (ViewDefinition view : sql.views()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", view.name());
            body.put("kind", view.kind().label());
            body.put("description", view.description());
            body.put("source", view.source());
            List<Map<String, String>> columns = new ArrayList<>();
            for (ViewColumn column : view.columns()) {
                columns.add(Map.of("name", column.name(), "type", column.type(), "description", column.description()));
            }
            body.put("columns", columns);
            views.add(body);
        }
        ctx.json(Map.of("views", views));
    }

    public void query(Context ctx)
    {
        String user = caller.user(ctx);
        String statement = statement(ctx);
        SqlResult result = sql.execute(user, ctx.ip(), statement);
        vn.dancu.api.http.Http.audit(ctx, "sql", (long) result.rows().size() * result.columns().size());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("statement", statement);
        body.put("columns", result.columns());
        body.put("rows", result.rows());
        body.put("rowCount", result.rows().size());
        body.put("truncated", result.truncated());
        body.put("truncation", result.truncation().name().toLowerCase(java.util.Locale.ROOT));
        if (result.truncated()) {
            body.put("note", result.truncationNote());
        }
        body.put("rowLimit", result.rowLimit());
        body.put("byteLimit", result.byteLimit());
        body.put("timeLimitSeconds", sql.limits().timeLimit().toSeconds());
        body.put("elapsedMs", result.elapsed().toMillis());
        ctx.json(body);
    }

    private static String statement(Context ctx)
    {
        String contentType = ctx.contentType() == null ? "" : ctx.contentType();
        if (contentType.startsWith("application/json")) {
            JsonNode body;
            try {
                body = vn.dancu.api.http.Json.mapper().readTree(ctx.body());
            }
            catch (java.io.IOException e) {
                throw ApiException.badParameter("statement", "the body is not JSON; send {\"statement\": \"SELECT …\"}", List.of());
            }
            JsonNode statement = body.path("statement");
            if (!statement.isTextual()) {
                throw ApiException.badParameter("statement", "missing; send {\"statement\": \"SELECT …\"}", List.of());
            }
            return statement.asText();
        }
        return ctx.body();
    }

    public void cancel(Context ctx)
    {
        ctx.json(Map.of("cancelled", sql.cancel(caller.user(ctx))));
    }

    public void progress(Context ctx)
    {
        String user = caller.user(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        sql.progress(user).ifPresentOrElse(progress -> {
            body.put("running", true);
            body.put("stagesDone", progress.stagesDone());
            body.put("stagesTotal", progress.stagesTotal());
            body.put("tasksDone", progress.tasksDone());
            body.put("tasksTotal", progress.tasksTotal());
        }, () -> body.put("running", false));
        ctx.json(body);
    }

    /** The user's last result as a file: {@code ?format=csv} (default) or {@code xlsx}. */
    public void download(Context ctx)
    {
        String user = caller.user(ctx);
        String format = ctx.queryParamMap().getOrDefault("format", List.of("csv")).get(0);
        if (!List.of("csv", "xlsx").contains(format)) {
            throw ApiException.badParameter("format", "'" + format + "' is not allowed", List.of("csv", "xlsx"));
        }
        SqlService.LastResult last = sql.lastResult(user)
                .orElseThrow(() -> new ApiException(404, "not-found", "no result to download: run a statement first", List.of()));
        if (format.equals("csv")) {
            ctx.contentType("text/csv; charset=utf-8");
            ctx.header("Content-Disposition", "attachment; filename=\"dancu-sql-result.csv\"");
            ctx.result(SqlExport.csv(last.result()));
            return;
        }
        ctx.contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        ctx.header("Content-Disposition", "attachment; filename=\"dancu-sql-result.xlsx\"");
        ctx.result(SqlExport.xlsx(last.statement(), last.result()));
    }
}
