package vn.dancu.api.disclosure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the values of a downloaded file back, to compare them with the JSON answer: row key → one text per measure
 * (the number, or {@code x} when withheld). CSV and SDMX-CSV rows are keyed by their codes, XLSX rows (which show
 * labels) by their position ({@code #0}, {@code #1}, …), JSON-stat cells by their codes, zeros left out.
 */
final class ExportReader
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExportReader() {}

    static Map<String, List<String>> values(String format, byte[] body, List<String> dimensions, List<String> measures)
    {
        try {
            return switch (format) {
                case "csv" -> csv(body, dimensions, measures);
                case "sdmx-csv" -> sdmx(body, dimensions, measures);
                case "xlsx" -> xlsx(body, dimensions, measures);
                case "json-stat" -> jsonStat(body, dimensions, measures);
                default -> throw new IllegalArgumentException(format);
            };
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, List<String>> csv(byte[] body, List<String> dimensions, List<String> measures) throws IOException
    {
        String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        Map<String, List<String>> rows = new LinkedHashMap<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build())) {
            for (CSVRecord record : parser) {
                List<String> codes = new ArrayList<>();
                dimensions.forEach(dimension -> codes.add(record.get(dimension)));
                List<String> values = new ArrayList<>();
                for (String measure : measures) {
                    boolean withheld = record.get(measure + "_status").equals("suppressed");
                    values.add(withheld ? (record.get(measure).isEmpty() ? "x" : "x but shows " + record.get(measure)) : record.get(measure));
                }
                rows.put(String.join("|", codes), values);
            }
        }
        return rows;
    }

    private static Map<String, List<String>> sdmx(byte[] body, List<String> dimensions, List<String> measures) throws IOException
    {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(new String(body, StandardCharsets.UTF_8)),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build())) {
            List<String> header = parser.getHeaderNames();
            int first = header.indexOf("ACTION") + 1;
            for (CSVRecord record : parser) {
                List<String> codes = new ArrayList<>();
                for (int d = 0; d < dimensions.size(); d++) {
                    codes.add(record.get(first + d));
                }
                String key = String.join("|", codes);
                boolean withheld = record.get("CONF_STATUS").equals("C");
                String value = withheld ? (record.get("OBS_VALUE").isEmpty() ? "x" : "x but shows " + record.get("OBS_VALUE")) : record.get("OBS_VALUE");
                rows.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            }
        }
        rows.values().removeIf(values -> values.size() != measures.size() && values.add("wrong number of measures"));
        return rows;
    }

    private static Map<String, List<String>> xlsx(byte[] body, List<String> dimensions, List<String> measures) throws IOException
    {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(body))) {
            Sheet sheet = workbook.getSheetAt(0);
            // Title, reference, source, an empty row, the header; data rows until the empty row before the notes. The
            // measures are the header's last columns (a period column may come before them).
            int firstMeasure = sheet.getRow(4).getLastCellNum() - measures.size();
            for (int r = 5; ; r++) {
                Row row = sheet.getRow(r);
                if (row == null || row.getCell(0) == null || row.getCell(0).getCellType() == CellType.BLANK) {
                    break;
                }
                List<String> values = new ArrayList<>();
                for (int m = 0; m < measures.size(); m++) {
                    Cell cell = row.getCell(firstMeasure + m);
                    values.add(cell.getCellType() == CellType.NUMERIC ? Long.toString((long) cell.getNumericCellValue())
                            : cell.getStringCellValue());
                }
                rows.put("#" + (r - 5), values);
            }
        }
        return rows;
    }

    private static Map<String, List<String>> jsonStat(byte[] body, List<String> dimensions, List<String> measures) throws IOException
    {
        JsonNode root = JSON.readTree(body);
        List<List<String>> categories = new ArrayList<>();
        for (String dimension : dimensions) {
            List<String> codes = new ArrayList<>();
            root.get("dimension").get(dimension).get("category").get("index").forEach(code -> codes.add(code.asText()));
            categories.add(codes);
        }
        JsonNode values = root.get("value");
        JsonNode status = root.get("status");
        Map<String, List<String>> rows = new LinkedHashMap<>();
        int cells = values.size() / measures.size();
        for (int cell = 0; cell < cells; cell++) {
            List<String> codes = new ArrayList<>();
            int rest = cell;
            for (int d = categories.size() - 1; d >= 0; d--) {
                codes.add(0, categories.get(d).get(rest % categories.get(d).size()));
                rest /= categories.get(d).size();
            }
            List<String> texts = new ArrayList<>();
            boolean allZero = true;
            for (int m = 0; m < measures.size(); m++) {
                int at = cell * measures.size() + m;
                JsonNode value = values.get(at);
                boolean withheld = status != null && status.has(Integer.toString(at)) && status.get(Integer.toString(at)).asText().equals("c");
                String text = withheld ? (value.isNull() ? "x" : "x but shows " + value.asText()) : Long.toString(value.asLong());
                allZero &= text.equals("0");
                texts.add(text);
            }
            if (!allZero) {
                rows.put(String.join("|", codes), texts);
            }
        }
        return rows;
    }
}
