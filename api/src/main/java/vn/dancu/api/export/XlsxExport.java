package vn.dancu.api.export;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An Excel workbook (Apache POI): a title, the reference date and the source above the table, dimension labels and
 * values with thousands separators, withheld values shown as {@code x}, and the notes (what {@code x} means, the
 * disclosure rule, the version) under it.
 */
public final class XlsxExport
{
    public static final String WITHHELD = "x";

    private XlsxExport() {}

    public static byte[] write(ExportTable table)
    {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet(table.english() ? "Table" : "Bảng");
            Font bold = workbook.createFont();
            bold.setBold(true);
            CellStyle title = workbook.createCellStyle();
            Font titleFont = workbook.createFont();
            titleFont.setBold(true);
            titleFont.setFontHeightInPoints((short) 13);
            title.setFont(titleFont);
            CellStyle header = workbook.createCellStyle();
            header.setFont(bold);
            CellStyle number = workbook.createCellStyle();
            number.setDataFormat(workbook.createDataFormat().getFormat("#,##0"));
            CellStyle decimal = workbook.createCellStyle();
            decimal.setDataFormat(workbook.createDataFormat().getFormat("#,##0.0##"));
            CellStyle withheld = workbook.createCellStyle();
            withheld.setAlignment(HorizontalAlignment.RIGHT);

            int r = 0;
            text(sheet.createRow(r++), 0, table.title(), title);
            text(sheet.createRow(r++), 0, (table.english() ? "Reference: " : "Thời điểm: ") + table.reference(), null);
            text(sheet.createRow(r++), 0, (table.english() ? "Source: " : "Nguồn: ") + table.source(), null);
            r++;
            Row head = sheet.createRow(r++);
            int c = 0;
            for (ExportTable.Dimension dimension : table.dimensions()) {
                text(head, c++, dimension.title(), header);
            }
            for (ExportTable.Measure measure : table.measures()) {
                text(head, c++, measure.title() + (measure.unit().isEmpty() ? "" : " (" + measure.unit() + ")"), header);
            }
            for (ExportTable.Row row : table.rows()) {
                Row line = sheet.createRow(r++);
                c = 0;
                for (String label : row.labels()) {
                    text(line, c++, label, null);
                }
                for (int m = 0; m < table.measures().size(); m++) {
                    Cell cell = line.createCell(c++);
                    if (row.suppressed().get(m) || row.values().get(m) == null) {
                        cell.setCellValue(WITHHELD);
                        cell.setCellStyle(withheld);
                    }
                    else {
                        cell.setCellValue(row.values().get(m));
                        cell.setCellStyle(table.measures().get(m).decimals() == 0 ? number : decimal);
                    }
                }
            }
            r++;
            text(sheet.createRow(r++), 0, table.english() ? "Notes" : "Ghi chú", header);
            text(sheet.createRow(r++), 0, table.withheldNote(), null);
            for (String note : table.notes()) {
                text(sheet.createRow(r++), 0, note, null);
            }
            text(sheet.createRow(r), 0, (table.english() ? "Version: " : "Phiên bản: ") + table.version(), null);
            for (int i = 0; i < table.dimensions().size() + table.measures().size(); i++) {
                sheet.setColumnWidth(i, i < table.dimensions().size() ? 30 * 256 : 18 * 256);
            }
            sheet.createFreezePane(0, 5);
            workbook.write(out);
            return out.toByteArray();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void text(Row row, int column, String value, CellStyle style)
    {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        if (style != null) {
            cell.setCellStyle(style);
        }
    }
}
