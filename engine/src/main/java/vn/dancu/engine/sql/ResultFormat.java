package vn.dancu.engine.sql;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import vn.dancu.model.sql.SqlResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How the shell and batch mode print a result: an aligned text table, CSV (RFC 4180, header row) or JSON. */
public enum ResultFormat
{
    TABLE, CSV, JSON;

    private static final ObjectMapper JSON_MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    public void write(SqlResult result, Writer out)
    {
        try {
            switch (this) {
                case TABLE -> table(result, out);
                case CSV -> csv(result, out);
                case JSON -> json(result, out);
            }
            out.flush();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A value as text: null as empty in CSV and {@code NULL} in tables, numbers in plain notation. */
    static String text(Object value, String nullText)
    {
        if (value == null) {
            return nullText;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return value.toString();
    }

    private static void table(SqlResult result, Writer out) throws IOException
    {
        int width = result.columns().size();
        int[] widths = new int[width];
        List<String[]> cells = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            widths[c] = result.columns().get(c).name().length();
        }
        for (List<Object> row : result.rows()) {
            String[] line = new String[width];
            for (int c = 0; c < width; c++) {
                line[c] = text(row.get(c), "NULL").replace("\n", "\\n");
                widths[c] = Math.max(widths[c], line[c].codePointCount(0, line[c].length()));
            }
            cells.add(line);
        }
        StringBuilder separator = new StringBuilder("+");
        for (int w : widths) {
            separator.append("-".repeat(w + 2)).append('+');
        }
        out.write(separator + "\n");
        String[] header = result.columns().stream().map(SqlResult.Column::name).toArray(String[]::new);
        out.write(line(header, widths, new boolean[width]) + "\n");
        out.write(separator + "\n");
        boolean[] right = new boolean[width];
        for (int c = 0; c < width; c++) {
            right[c] = List.of("tinyint", "smallint", "int", "bigint", "float", "double").contains(result.columns().get(c).type())
                    || result.columns().get(c).type().startsWith("decimal");
        }
        for (String[] line : cells) {
            out.write(line(line, widths, right) + "\n");
        }
        if (!cells.isEmpty()) {
            out.write(separator + "\n");
        }
        out.write(footer(result) + "\n");
    }

    /** {@code 3 rows (0.4 s)}, and what was cut when the row or size limit was reached. */
    public static String footer(SqlResult result)
    {
        int rows = result.rows().size();
        String count = rows == 1 ? "1 row" : String.format(java.util.Locale.ROOT, "%,d rows", rows);
        String time = String.format(java.util.Locale.ROOT, "%.1f s", result.elapsed().toMillis() / 1000.0);
        return result.truncated() ? count + " (" + time + "); " + result.truncationNote() : count + " (" + time + ")";
    }

    private static String line(String[] values, int[] widths, boolean[] right)
    {
        StringBuilder line = new StringBuilder("|");
        for (int c = 0; c < values.length; c++) {
            int pad = widths[c] - values[c].codePointCount(0, values[c].length());
            line.append(' ');
            if (right[c]) {
                line.append(" ".repeat(pad)).append(values[c]);
            }
            else {
                line.append(values[c]).append(" ".repeat(pad));
            }
            line.append(" |");
        }
        return line.toString();
    }

    private static void csv(SqlResult result, Writer out) throws IOException
    {
        CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                .setHeader(result.columns().stream().map(SqlResult.Column::name).toArray(String[]::new)).get());
        for (List<Object> row : result.rows()) {
            List<String> values = new ArrayList<>();
            for (Object value : row) {
                values.add(value instanceof List<?> || value instanceof Map<?, ?> ? JSON_MAPPER.writeValueAsString(value) : text(value, ""));
            }
            printer.printRecord(values);
        }
        printer.flush();
    }

    private static void json(SqlResult result, Writer out) throws IOException
    {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (List<Object> row : result.rows()) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (int c = 0; c < result.columns().size(); c++) {
                object.put(result.columns().get(c).name(), row.get(c));
            }
            rows.add(object);
        }
        JSON_MAPPER.writeValue(out, rows);
        out.write("\n");
    }
}
