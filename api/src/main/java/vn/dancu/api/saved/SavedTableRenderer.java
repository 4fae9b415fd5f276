package vn.dancu.api.saved;

import vn.dancu.api.access.Caller;
import vn.dancu.api.export.ExportFormat;

import static java.util.Objects.requireNonNull;

/**
 * Turns a saved table's query string into a file, now, for a caller (their role, commune scope and disclosure control,
 * as any answer). The table builder implements it; {@link CubeExportRenderer} renders queries of the cube export.
 * A query that cannot be answered throws the API's error (a 400 naming the parameter, a 403 saying what would be).
 */
public interface SavedTableRenderer
{
    Rendered render(String query, Caller caller, ExportFormat format);

    /** A rendered file, with the number of cells it holds (for the audit log). */
    record Rendered(byte[] bytes, String fileName, String contentType, long cells)
    {
        public Rendered
        {
            requireNonNull(bytes, "bytes is null");
            requireNonNull(fileName, "fileName is null");
            requireNonNull(contentType, "contentType is null");
        }

        public Rendered(byte[] bytes, String fileName, String contentType)
        {
            this(bytes, fileName, contentType, 0);
        }
    }
}
