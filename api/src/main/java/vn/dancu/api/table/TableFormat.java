package vn.dancu.api.table;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The formats of a table: the JSON answer and the downloads, every one made from the same {@link PivotTable}. */
public enum TableFormat
{
    JSON("json", "application/json; charset=utf-8", "json"),
    CSV("csv", "text/csv; charset=utf-8", "csv"),
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    JSON_STAT("json-stat", "application/json; charset=utf-8", "json"),
    SDMX_CSV("sdmx-csv", "application/vnd.sdmx.data+csv; version=2.0.0; charset=utf-8", "csv"),
    PDF("pdf", "application/pdf", "pdf");

    private final String code;
    private final String contentType;
    private final String extension;

    TableFormat(String code, String contentType, String extension)
    {
        this.code = code;
        this.contentType = contentType;
        this.extension = extension;
    }

    public String code()
    {
        return code;
    }

    public String contentType()
    {
        return contentType;
    }

    public String extension()
    {
        return extension;
    }

    public static Optional<TableFormat> parse(String code)
    {
        return Arrays.stream(values()).filter(format -> format.code.equals(code)).findFirst();
    }

    public static List<String> codes()
    {
        return Arrays.stream(values()).map(TableFormat::code).toList();
    }
}
