package vn.dancu.api.export;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The download formats of a query: every one goes through the same disclosure control as the JSON answer. */
public enum ExportFormat
{
    CSV("csv", "text/csv; charset=utf-8", "csv"),
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    JSON_STAT("json-stat", "application/json; charset=utf-8", "json"),
    SDMX_CSV("sdmx-csv", "application/vnd.sdmx.data+csv; version=2.0.0; charset=utf-8", "csv");

    private final String code;
    private final String contentType;
    private final String extension;

    ExportFormat(String code, String contentType, String extension)
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

    public static Optional<ExportFormat> parse(String code)
    {
        return Arrays.stream(values()).filter(format -> format.code.equals(code)).findFirst();
    }

    public static List<String> codes()
    {
        return Arrays.stream(values()).map(ExportFormat::code).toList();
    }
}
