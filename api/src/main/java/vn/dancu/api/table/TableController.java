package vn.dancu.api.table;

import io.javalin.http.Context;
import io.javalin.validation.Validator;
import vn.dancu.api.access.Caller;
import vn.dancu.api.error.ApiException;
import vn.dancu.api.http.Http;
import vn.dancu.api.query.QueryRequestParser;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/** HTTP only: {@code GET /api/v1/tables?cube=…&rows=…&cols=…&format=…} answers the table as JSON or as a file. */
public final class TableController
{
    private final TableService tables;

    public TableController(TableService tables)
    {
        this.tables = requireNonNull(tables, "tables is null");
    }

    public void table(Context ctx)
    {
        Caller caller = Http.caller(ctx);
        if (caller.anonymousVisitor()) {
            throw ApiException.unauthorized("tables need an account: log in (POST /api/v1/auth/login) or send an API token");
        }
        String formatCode = ctx.queryParam("format");
        TableFormat format = formatCode == null ? TableFormat.JSON : TableFormat.parse(formatCode)
                .orElseThrow(() -> ApiException.badParameter("format", "'" + formatCode + "' is not allowed", TableFormat.codes()));
        TableRequest request = TableRequestParser.parse(parameters(ctx));
        PivotTable table = tables.table(request, caller);
        Http.audit(ctx, table.cube(), table.cellCount());
        TableService.TableFile file = tables.render(table, format);
        ctx.header("Cache-Control", "private, no-cache");
        if (format != TableFormat.JSON) {
            ctx.header("Content-Disposition", "attachment; filename=\"" + file.fileName() + "\"");
        }
        ctx.contentType(file.contentType());
        ctx.result(file.bytes());
    }

    /** The table's parameters, read with Javalin's validators ({@code ctx.queryParamAsClass}); {@code format} is the controller's own. */
    private static QueryRequestParser.Parameters parameters(Context ctx)
    {
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
}
