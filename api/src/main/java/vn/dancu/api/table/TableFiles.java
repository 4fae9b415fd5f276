package vn.dancu.api.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import vn.dancu.api.export.PdfFonts;
import vn.dancu.api.export.CsvExport;
import vn.dancu.api.export.ExportTable;
import vn.dancu.api.export.Exports;
import vn.dancu.api.export.JsonStatExport;
import vn.dancu.api.export.SdmxCsvExport;
import vn.dancu.api.http.Json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;

/**
 * A {@link PivotTable} as a file. The formats for programs are long (one row per cell): CSV (UTF-8 with a byte-order
 * mark, the cube exports' columns, every total as a row whose code is {@link TableService#TOTAL}, and the title,
 * reference, source, version and notes as {@code #} lines after the data), JSON-stat 2.0 (the cells; totals are in
 * the other formats) and SDMX-CSV 2.0 (cells and totals). The formats for people show the pivot as the page does:
 * XLSX and PDF, with the title, reference, source, version and notes. Withheld values are {@code x} (XLSX, PDF), empty
 * with status {@code suppressed} (CSV), null with status {@code c} (JSON-stat), empty with {@code CONF_STATUS} C (SDMX).
 */
final class TableFiles
{
    private static final ObjectMapper JSON = Json.mapper();
    private static final String WITHHELD = "x";
    private static final String NOT_APPLICABLE = "—";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private TableFiles() {}

    static byte[] write(PivotTable table, TableFormat format)
    {
        return switch (format) {
            case JSON -> json(table);
            case CSV -> csv(table);
            case XLSX -> xlsx(table);
            case JSON_STAT -> JsonStatExport.write(exportTable(table, false, false), JSON);
            case SDMX_CSV -> SdmxCsvExport.write(exportTable(table, true, true));
            case PDF -> pdf(table);
        };
    }

    private static byte[] json(PivotTable table)
    {
        try {
            return JSON.writeValueAsBytes(table);
        }
        catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines that describe a table in a file: title, reference, source, version, the withheld mark and the notes. */
    private static List<String> description(PivotTable table)
    {
        boolean english = table.english();
        List<String> lines = new ArrayList<>();
        lines.add(table.title());
        lines.add((english ? "Reference: " : "Thời điểm: ") + table.reference());
        lines.add((english ? "Source: " : "Nguồn: ") + table.source().text());
        lines.add((english ? "Version: " : "Phiên bản: ") + table.version());
        lines.add(table.withheldNote());
        lines.addAll(table.notes());
        return lines;
    }

    private static byte[] csv(PivotTable table)
    {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(CsvExport.write(exportTable(table, true, false)));
        StringBuilder text = new StringBuilder();
        for (String line : description(table)) {
            text.append("# ").append(line.replace('\r', ' ').replace('\n', ' ')).append("\r\n");
        }
        bytes.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    /** The text of a figure as the page and the printed table show it: 1.234 (Vietnamese), 1,234 (English), x, —. */
    static String shown(PivotTable.Cell cell, boolean english)
    {
        if (cell.suppressed()) {
            return WITHHELD;
        }
        if (cell.value() == null) {
            return NOT_APPLICABLE;
        }
        String grouped = String.format(Locale.ROOT, "%,d", cell.value());
        return english ? grouped : grouped.replace(',', '.');
    }

    private static String totalLabel(PivotTable table)
    {
        return table.english() ? "Total" : "Tổng";
    }

    private static byte[] xlsx(PivotTable table)
    {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet(table.english() ? "Table" : "Bảng");
            XSSFFont bold = workbook.createFont();
            bold.setBold(true);
            XSSFFont titleFont = workbook.createFont();
            titleFont.setBold(true);
            titleFont.setFontHeightInPoints((short) 13);
            CellStyle title = workbook.createCellStyle();
            title.setFont(titleFont);
            CellStyle header = workbook.createCellStyle();
            header.setFont(bold);
            header.setWrapText(true);
            CellStyle number = workbook.createCellStyle();
            number.setDataFormat(workbook.createDataFormat().getFormat("#,##0"));
            CellStyle total = workbook.createCellStyle();
            total.setDataFormat(workbook.createDataFormat().getFormat("#,##0"));
            total.setFont(bold);
            CellStyle mark = workbook.createCellStyle();
            mark.setAlignment(HorizontalAlignment.RIGHT);

            boolean english = table.english();
            int r = 0;
            text(sheet.createRow(r++), 0, table.title(), title);
            text(sheet.createRow(r++), 0, (english ? "Reference: " : "Thời điểm: ") + table.reference(), null);
            text(sheet.createRow(r++), 0, (english ? "Source: " : "Nguồn: ") + table.source().text(), null);
            r++;
            int rowVariables = table.rows().variables().size();
            int left = Math.max(1, rowVariables);
            List<PivotTable.Header> columns = table.columns().headers();
            // One header line per column variable; the row variables' titles on the last one.
            int columnLines = Math.max(1, table.columns().variables().size());
            for (int line = 0; line < columnLines; line++) {
                Row head = sheet.createRow(r++);
                boolean last = line == columnLines - 1;
                if (last) {
                    for (int v = 0; v < rowVariables; v++) {
                        text(head, v, table.rows().variables().get(v).title(), header);
                    }
                }
                else if (!table.columns().variables().isEmpty()) {
                    text(head, 0, table.columns().variables().get(line).title(), header);
                }
                for (int c = 0; c < columns.size(); c++) {
                    String label = table.columns().variables().isEmpty() ? table.measure().title() : columns.get(c).labels().get(line);
                    text(head, left + c, label, header);
                }
                text(head, left + columns.size(), last ? totalLabel(table) : "", header);
            }
            int firstData = r;
            for (int i = 0; i < table.rows().headers().size(); i++) {
                Row line = sheet.createRow(r++);
                PivotTable.Header row = table.rows().headers().get(i);
                for (int v = 0; v < rowVariables; v++) {
                    text(line, v, row.labels().get(v), null);
                }
                if (rowVariables == 0) {
                    text(line, 0, table.measure().title(), null);
                }
                for (int c = 0; c < columns.size(); c++) {
                    figure(line, left + c, table.cells().get(i).get(c), number, mark);
                }
                figure(line, left + columns.size(), table.rowTotals().get(i), total, mark);
            }
            Row totals = sheet.createRow(r++);
            text(totals, 0, totalLabel(table), header);
            for (int c = 0; c < columns.size(); c++) {
                figure(totals, left + c, table.columnTotals().get(c), total, mark);
            }
            figure(totals, left + columns.size(), table.grandTotal(), total, mark);
            r++;
            text(sheet.createRow(r++), 0, english ? "Notes" : "Ghi chú", header);
            for (String note : description(table).subList(3, description(table).size())) {
                text(sheet.createRow(r++), 0, note, null);
            }
            for (int c = 0; c < left + columns.size() + 1; c++) {
                sheet.setColumnWidth(c, c < left ? 28 * 256 : 14 * 256);
            }
            sheet.createFreezePane(left, firstData);
            workbook.write(out);
            return out.toByteArray();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void figure(Row row, int column, PivotTable.Cell value, CellStyle number, CellStyle mark)
    {
        Cell cell = row.createCell(column);
        if (value.value() == null) {
            cell.setCellValue(value.suppressed() ? WITHHELD : NOT_APPLICABLE);
            cell.setCellStyle(mark);
            return;
        }
        cell.setCellValue(value.value());
        cell.setCellStyle(number);
    }

    private static void text(Row row, int column, String value, CellStyle style)
    {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        if (style != null) {
            cell.setCellStyle(style);
        }
    }

    private static byte[] pdf(PivotTable table)
    {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int rowVariables = table.rows().variables().size();
        int left = Math.max(1, rowVariables);
        int width = left + table.columns().headers().size() + 1;
        Document document = new Document(width > 8 ? PageSize.A4.rotate() : PageSize.A4, 30, 30, 30, 30);
        boolean english = table.english();
        try {
            PdfWriter.getInstance(document, bytes);
            document.addTitle(table.title());
            document.addCreator("dancu");
            BaseFont base = PdfFonts.regular();
            BaseFont heavy = PdfFonts.bold();
            Font titleFont = new Font(heavy, 13);
            Font body = new Font(base, width > 14 ? 6 : 8);
            Font bold = new Font(heavy, width > 14 ? 6 : 8);
            Font small = new Font(base, 7);
            document.open();
            document.add(new Paragraph(table.title(), titleFont));
            document.add(new Paragraph((english ? "Reference: " : "Thời điểm: ") + table.reference(), body));
            document.add(new Paragraph((english ? "Source: " : "Nguồn: ") + table.source().text(), small));
            float[] widths = new float[width];
            java.util.Arrays.fill(widths, 1f);
            for (int c = 0; c < left; c++) {
                widths[c] = 2f;
            }
            PdfPTable grid = new PdfPTable(widths);
            grid.setWidthPercentage(100);
            grid.setSpacingBefore(8);
            List<PivotTable.Header> columns = table.columns().headers();
            int columnLines = Math.max(1, table.columns().variables().size());
            grid.setHeaderRows(columnLines);
            for (int line = 0; line < columnLines; line++) {
                boolean last = line == columnLines - 1;
                for (int v = 0; v < left; v++) {
                    String label = last && v < rowVariables ? table.rows().variables().get(v).title()
                            : v == 0 && !last ? table.columns().variables().get(line).title() : "";
                    grid.addCell(cell(label, bold, false));
                }
                for (int c = 0; c < columns.size(); ) {
                    // Adjacent columns with the same outer labels share one header cell.
                    int span = 1;
                    while (!last && c + span < columns.size()
                            && columns.get(c + span).codes().subList(0, line + 1).equals(columns.get(c).codes().subList(0, line + 1))) {
                        span++;
                    }
                    PdfPCell header = cell(table.columns().variables().isEmpty() ? table.measure().title() : columns.get(c).labels().get(line), bold, true);
                    header.setColspan(span);
                    grid.addCell(header);
                    c += span;
                }
                grid.addCell(cell(last ? totalLabel(table) : "", bold, true));
            }
            for (int i = 0; i < table.rows().headers().size(); i++) {
                PivotTable.Header row = table.rows().headers().get(i);
                for (int v = 0; v < left; v++) {
                    grid.addCell(cell(rowVariables == 0 ? table.measure().title() : row.labels().get(v), body, false));
                }
                for (int c = 0; c < columns.size(); c++) {
                    grid.addCell(cell(shown(table.cells().get(i).get(c), english), body, true));
                }
                grid.addCell(cell(shown(table.rowTotals().get(i), english), bold, true));
            }
            for (int v = 0; v < left; v++) {
                grid.addCell(cell(v == 0 ? totalLabel(table) : "", bold, false));
            }
            for (int c = 0; c < columns.size(); c++) {
                grid.addCell(cell(shown(table.columnTotals().get(c), english), bold, true));
            }
            grid.addCell(cell(shown(table.grandTotal(), english), bold, true));
            document.add(grid);
            List<String> lines = description(table);
            for (String note : lines.subList(3, lines.size())) {
                document.add(new Paragraph(note, small));
            }
            document.close();
        }
        catch (DocumentException e) {
            throw new IllegalStateException("cannot write the PDF table: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    private static PdfPCell cell(String text, Font font, boolean number)
    {
        PdfPCell cell = new PdfPCell(new Phrase(text, font));
        cell.setBorder(Rectangle.BOX);
        cell.setBorderWidth(0.3f);
        if (number) {
            cell.setHorizontalAlignment(Element.ALIGN_RIGHT);
        }
        return cell;
    }

    /** The table as rows of a file: every cell, and (for the long formats) every total, a total's code being {@link #TableService.TOTAL}. */
    static ExportTable exportTable(PivotTable table, boolean totals, boolean sdmxTime)
    {
        boolean english = table.english();
        List<ExportTable.Dimension> dimensions = new ArrayList<>();
        List<PivotTable.Variable> variables = new ArrayList<>(table.rows().variables());
        variables.addAll(table.columns().variables());
        for (PivotTable.Variable variable : variables) {
            String sdmx = switch (variable.name()) {
                case TableService.PERIOD -> sdmxTime ? vn.dancu.api.export.SdmxCsvExport.TIME_PERIOD : Exports.TIME;
                case TableService.AGE_CUSTOM -> "AGE";
                default -> Exports.sdmxId(variable.name());
            };
            dimensions.add(new ExportTable.Dimension(variable.name(), variable.title(), sdmx));
        }
        List<ExportTable.Row> rows = new ArrayList<>();
        int rowVariables = table.rows().variables().size();
        int columnVariables = table.columns().variables().size();
        for (int r = 0; r < table.rows().headers().size(); r++) {
            PivotTable.Header row = table.rows().headers().get(r);
            for (int c = 0; c < table.columns().headers().size(); c++) {
                rows.add(row(table, row, table.columns().headers().get(c), table.cells().get(r).get(c), sdmxTime));
            }
        }
        if (totals) {
            if (columnVariables > 0) {
                for (int r = 0; r < table.rows().headers().size(); r++) {
                    rows.add(row(table, table.rows().headers().get(r), totalHeader(table, table.columns()), table.rowTotals().get(r), sdmxTime));
                }
            }
            if (rowVariables > 0) {
                for (int c = 0; c < table.columns().headers().size(); c++) {
                    rows.add(row(table, totalHeader(table, table.rows()), table.columns().headers().get(c), table.columnTotals().get(c), sdmxTime));
                }
            }
            if (rowVariables > 0 && columnVariables > 0) {
                rows.add(row(table, totalHeader(table, table.rows()), totalHeader(table, table.columns()), table.grandTotal(), sdmxTime));
            }
            rows.removeIf(java.util.Objects::isNull);
        }
        Map<String, String> partial = new LinkedHashMap<>();
        for (PivotTable.Period period : table.periods()) {
            if (period.partial()) {
                partial.put(period.code(), period.monthsLabel() != null ? period.monthsLabel() : period.refDate().format(DAY));
            }
        }
        PivotTable.Measure measure = table.measure();
        return new ExportTable("TABLE_" + table.cube(), table.title(), table.reference(), table.periods().get(0).sdmx(), table.source().text(),
                table.version(), table.language(), dimensions, List.of(new ExportTable.Measure(measure.name(), measure.title(), measure.unit(), 0)),
                rows, table.notes(), partial);
    }

    /** A header of one side that sums it: {@link #TableService.TOTAL} for every variable, the period itself for a table of one period. */
    private static PivotTable.Header totalHeader(PivotTable table, PivotTable.Axis axis)
    {
        List<String> codes = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (PivotTable.Variable variable : axis.variables()) {
            if (variable.name().equals(TableService.PERIOD) && table.periods().size() == 1) {
                codes.add(table.periods().get(0).code());
                labels.add(table.periods().get(0).label());
            }
            else {
                codes.add(TableService.TOTAL);
                labels.add(table.english() ? "Total" : "Tổng");
            }
        }
        return new PivotTable.Header(codes, labels);
    }

    /** A row of a file, or null for a total that is not given. */
    private static ExportTable.Row row(PivotTable table, PivotTable.Header row, PivotTable.Header column, PivotTable.Cell cell, boolean sdmxTime)
    {
        if (PivotTable.Cell.NOT_APPLICABLE.equals(cell.status())) {
            return null;
        }
        List<String> codes = new ArrayList<>(row.codes());
        codes.addAll(column.codes());
        List<String> labels = new ArrayList<>(row.labels());
        labels.addAll(column.labels());
        if (sdmxTime) {
            List<PivotTable.Variable> variables = new ArrayList<>(table.rows().variables());
            variables.addAll(table.columns().variables());
            for (int i = 0; i < variables.size(); i++) {
                if (variables.get(i).name().equals(TableService.PERIOD)) {
                    String code = codes.get(i);
                    codes.set(i, table.periods().stream().filter(period -> period.code().equals(code)).findFirst().map(PivotTable.Period::sdmx).orElse(code));
                }
            }
        }
        List<Double> values = new ArrayList<>();
        values.add(cell.value() == null ? null : cell.value().doubleValue());
        return new ExportTable.Row(codes, labels, values, List.of(cell.suppressed()));
    }
}
