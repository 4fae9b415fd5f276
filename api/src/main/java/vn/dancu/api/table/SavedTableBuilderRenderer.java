package vn.dancu.api.table;

import vn.dancu.api.access.Caller;
import vn.dancu.api.error.ApiException;
import vn.dancu.api.export.ExportFormat;
import vn.dancu.api.saved.SavedTableQuery;
import vn.dancu.api.saved.SavedTableRenderer;

import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * Renders a saved table now, for its owner: a table of the table builder ({@code rows=}/{@code cols=}, the query string
 * of {@code GET /api/v1/tables}) through {@link TableService}; any other saved query (a cube export's {@code dims=})
 * through the given fallback. Relative periods in the query ({@code period=LAST_5_YEARS}, {@code date=LATEST})
 * resolve against the version published at the time of rendering.
 */
public final class SavedTableBuilderRenderer
        implements SavedTableRenderer
{
    private final TableService tables;
    private final SavedTableRenderer fallback;

    public SavedTableBuilderRenderer(TableService tables, SavedTableRenderer fallback)
    {
        this.tables = requireNonNull(tables, "tables is null");
        this.fallback = requireNonNull(fallback, "fallback is null");
    }

    @Override
    public Rendered render(String query, Caller caller, ExportFormat format)
    {
        SavedTableQuery saved = SavedTableQuery.parse("query", query);
        if (!saved.parameters().containsKey("rows") && !saved.parameters().containsKey("cols")) {
            return fallback.render(query, caller, format);
        }
        TableFormat tableFormat = Arrays.stream(TableFormat.values()).filter(candidate -> candidate.code().equals(format.code())).findFirst()
                .orElseThrow(() -> ApiException.badParameter("format", "'" + format.code() + "' is not a format of tables",
                        Arrays.stream(TableFormat.values()).map(TableFormat::code).toList()));
        PivotTable table = tables.table(saved.parameters(), caller);
        TableService.TableFile file = tables.render(table, tableFormat);
        return new Rendered(file.bytes(), file.fileName(), file.contentType(), table.cellCount());
    }
}
