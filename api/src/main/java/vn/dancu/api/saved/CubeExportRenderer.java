package vn.dancu.api.saved;

import com.fasterxml.jackson.databind.ObjectMapper;
import vn.dancu.api.access.Caller;
import vn.dancu.api.error.ApiException;
import vn.dancu.api.export.ExportFormat;
import vn.dancu.api.export.Exports;
import vn.dancu.api.query.CubeQuery;
import vn.dancu.api.query.CubeTable;
import vn.dancu.api.query.QueryRequestParser;
import vn.dancu.api.query.QueryResult;
import vn.dancu.api.query.QueryService;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Renders a saved query of the cube export ({@code cube=…} with the parameters of {@code /api/v1/cubes/{cube}/export}:
 * {@code dims, measures, filter, date, period, geo, level, lang}) exactly as that route answers it: the same parser,
 * the same access rules and disclosure control for the caller, the same file writers. A {@code format} in the saved
 * query is ignored (the format is chosen when the table is rendered).
 */
public final class CubeExportRenderer
        implements SavedTableRenderer
{
    private final QueryService queries;
    private final ObjectMapper json;

    public CubeExportRenderer(QueryService queries, ObjectMapper json)
    {
        this.queries = requireNonNull(queries, "queries is null");
        this.json = requireNonNull(json, "json is null");
    }

    @Override
    public Rendered render(String query, Caller caller, ExportFormat format)
    {
        SavedTableQuery saved = SavedTableQuery.parse("query", query);
        Map<String, List<String>> parameters = new LinkedHashMap<>(saved.parameters());
        parameters.remove("cube");
        parameters.remove("format");
        for (String name : List.of("rows", "cols")) {
            if (parameters.containsKey(name)) {
                throw ApiException.badParameter(name, "a table with rows and columns is rendered by the table builder, which this server does not have;"
                        + " the cube export takes dims", QueryRequestParser.PARAMETERS);
            }
        }
        CubeQuery cubeQuery = queries.parse(saved.cube(), QueryRequestParser.parse(parameters));
        CubeTable table = queries.table(caller, cubeQuery);
        QueryResult result = queries.result(table);
        byte[] bytes = Exports.write(format, Exports.of(table, result), json);
        return new Rendered(bytes, Exports.fileName(saved.cube(), result.refDate(), format), format.contentType(),
                (long) result.rows().size() * cubeQuery.measures().size());
    }
}
