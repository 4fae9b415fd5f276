package vn.dancu.api.sql;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import vn.dancu.model.sql.SqlJson;
import vn.dancu.model.sql.SqlResult;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A SQL result as a downloadable file: CSV (UTF-8 with a byte-order mark, for Excel) or XLSX with typed cells. */
public final class SqlExport
{
    private SqlExport() {}

    public static byte[] csv(SqlResult result)
    {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer out = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            out.write('\uFEFF');
            CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                    .setHeader(result.columns().stream().map(SqlResult.Column::name).toArray(String[]::new)).get());
            for (List<Object> row : result.rows()) {
                List<String> values = new java.util.ArrayList<>(row.size());
                for (Object value : row) {
                    values.add(csvText(value));
                }
                printer.printRecord(values);
            }
            printer.flush();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A value as CSV text: null as empty, numbers in plain notation, arrays and maps as JSON. */
    private static String csvText(Object value)
    {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof List<?> || value instanceof java.util.Map<?, ?>) {
            return new String(SqlJson.bytes(value), StandardCharsets.UTF_8);
        }
        return value.toString();
    }

    /** One sheet: the statement in the first row, the header, the rows; numbers and dates as typed cells. */
    public static byte[] xlsx(String statement, SqlResult result)
    {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("result");
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
            sheet.createRow(0).createCell(0).setCellValue(statement.replaceAll("\\s+", " ").strip());
            Row header = sheet.createRow(2);
            for (int c = 0; c < result.columns().size(); c++) {
                Cell cell = header.createCell(c);
                cell.setCellValue(result.columns().get(c).name());
                cell.setCellStyle(bold);
            }
            int r = 3;
            for (List<Object> values : result.rows()) {
                Row row = sheet.createRow(r++);
                for (int c = 0; c < values.size(); c++) {
                    Object value = values.get(c);
                    if (value == null) {
                        continue;
                    }
                    Cell cell = row.createCell(c);
                    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
                        cell.setCellValue(((Number) value).longValue());
                    }
                    else if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
                        cell.setCellValue(((Number) value).doubleValue());
                    }
                    else if (value instanceof Boolean bool) {
                        cell.setCellValue(bool);
                    }
                    else if (value instanceof LocalDate day) {
                        cell.setCellValue(day);
                        cell.setCellStyle(date);
                    }
                    else if (value instanceof Instant instant) {
                        cell.setCellValue(instant.toString());
                    }
                    else {
                        cell.setCellValue(value.toString());
                    }
                }
            }
            if (result.truncated()) {
                sheet.createRow(r + 1).createCell(0).setCellValue(String.format(java.util.Locale.ROOT, "%,d rows (%.1f s); ", result.rows().size(),
                        result.elapsed().toMillis() / 1000.0) + result.truncationNote());
            }
            workbook.write(bytes);
            return bytes.toByteArray();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
