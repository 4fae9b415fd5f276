package vn.dancu.api.report;

import vn.dancu.api.export.PdfFonts;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A report as a file. XLSX: a contents sheet, then one sheet per table with its title, period, date, source,
 * header, rows and footnotes. PDF: the same tables one after the other. CSV: one UTF-8 file with one section per
 * table (title, period, date and source lines, the header and rows, the footnotes, a blank line).
 */
public final class ReportFiles
{

    private ReportFiles() {}

    public static byte[] write(Report report, ReportRequest.Format format)
    {
        return switch (format) {
            case XLSX -> xlsx(report);
            case PDF -> pdf(report);
            case CSV -> csv(report);
        };
    }

    static String generated(Report report)
    {
        String when = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(ZoneId.of("Asia/Ho_Chi_Minh")).format(report.createdAt());
        return ("en".equals(report.language()) ? "Created " + when + " (Vietnam time) from cube version " + report.version()
                + ", register extract of " + report.extractDate()
                : "Lập lúc " + when + " (giờ Việt Nam) từ phiên bản khối " + report.version() + ", trích xuất CSDL dân cư ngày "
                + report.extractDate().format(DateTimeFormatter.ofPattern("dd/MM/yyyy")));
    }

    private static String label(Report report, String vi, String en)
    {
        return "en".equals(report.language()) ? en : vi;
    }

    static String text(ReportTable.Cell cell)
    {
        if (cell.withheld() != null) {
            return ReportService.WITHHELD_MARK;
        }
        if (cell.number() == null) {
            return cell.text();
        }
        return cell.decimals() == 0 ? Long.toString(Math.round(cell.number()))
                : String.format(Locale.ROOT, "%." + cell.decimals() + "f", cell.number());
    }

    /** Sheet names: at most 31 characters, unique. */
    static String sheetName(int index, ReportTable table)
    {
        String name = (index + 1) + " " + table.id();
        return name.length() <= 31 ? name : name.substring(0, 31);
    }

    private static byte[] xlsx(Report report)
    {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            XSSFFont boldFont = workbook.createFont();
            boldFont.setBold(true);
            XSSFFont titleFont = workbook.createFont();
            titleFont.setBold(true);
            titleFont.setFontHeightInPoints((short) 13);
            CellStyle title = workbook.createCellStyle();
            title.setFont(titleFont);
            CellStyle header = workbook.createCellStyle();
            header.setFont(boldFont);
            header.setBorderBottom(BorderStyle.THIN);
            header.setWrapText(true);
            CellStyle integer = workbook.createCellStyle();
            integer.setDataFormat(workbook.createDataFormat().getFormat("#,##0"));
            CellStyle decimal1 = workbook.createCellStyle();
            decimal1.setDataFormat(workbook.createDataFormat().getFormat("#,##0.0"));
            CellStyle decimal2 = workbook.createCellStyle();
            decimal2.setDataFormat(workbook.createDataFormat().getFormat("#,##0.00"));
            CellStyle withheld = workbook.createCellStyle();
            withheld.setAlignment(HorizontalAlignment.RIGHT);

            Sheet contents = workbook.createSheet(label(report, "Mục lục", "Contents"));
            contents.createRow(0).createCell(0).setCellValue(report.title());
            contents.getRow(0).getCell(0).setCellStyle(title);
            contents.createRow(1).createCell(0).setCellValue(report.area());
            contents.createRow(2).createCell(0).setCellValue(generated(report));
            for (int t = 0; t < report.tables().size(); t++) {
                Row row = contents.createRow(4 + t);
                row.createCell(0).setCellValue(sheetName(t, report.tables().get(t)));
                row.createCell(1).setCellValue(report.tables().get(t).title());
            }
            contents.setColumnWidth(0, 22 * 256);
            contents.setColumnWidth(1, 90 * 256);

            for (int t = 0; t < report.tables().size(); t++) {
                ReportTable table = report.tables().get(t);
                Sheet sheet = workbook.createSheet(sheetName(t, table));
                int r = 0;
                Cell titleCell = sheet.createRow(r++).createCell(0);
                titleCell.setCellValue(table.title());
                titleCell.setCellStyle(title);
                sheet.createRow(r++).createCell(0).setCellValue(report.area() + " — " + table.period());
                sheet.createRow(r++).createCell(0).setCellValue(label(report, "Ngày tham chiếu: ", "Reference date: ")
                        + table.refDate().format(DateTimeFormatter.ofPattern("dd/MM/yyyy")));
                sheet.createRow(r++).createCell(0).setCellValue(label(report, "Nguồn: ", "Source: ") + table.source());
                r++;
                if (table.unavailable() != null) {
                    sheet.createRow(r).createCell(0).setCellValue(table.unavailable());
                    continue;
                }
                Row headerRow = sheet.createRow(r++);
                for (int c = 0; c < table.header().size(); c++) {
                    Cell cell = headerRow.createCell(c);
                    cell.setCellValue(table.header().get(c));
                    cell.setCellStyle(header);
                }
                for (List<ReportTable.Cell> values : table.rows()) {
                    Row row = sheet.createRow(r++);
                    for (int c = 0; c < values.size(); c++) {
                        ReportTable.Cell value = values.get(c);
                        Cell cell = row.createCell(c);
                        if (value.withheld() != null) {
                            cell.setCellValue(ReportService.WITHHELD_MARK);
                            cell.setCellStyle(withheld);
                        }
                        else if (value.number() != null) {
                            cell.setCellValue(value.number());
                            cell.setCellStyle(value.decimals() == 0 ? integer : value.decimals() == 1 ? decimal1 : decimal2);
                        }
                        else {
                            cell.setCellValue(value.text());
                        }
                    }
                }
                r++;
                for (String footnote : table.footnotes()) {
                    sheet.createRow(r++).createCell(0).setCellValue(footnote);
                }
                sheet.setColumnWidth(0, 34 * 256);
                for (int c = 1; c < table.header().size(); c++) {
                    sheet.setColumnWidth(c, 16 * 256);
                }
            }
            workbook.write(bytes);
            return bytes.toByteArray();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] csv(Report report)
    {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer out = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
             CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
            out.write('\uFEFF');
            printer.printRecord(report.title());
            printer.printRecord(report.area());
            printer.printRecord(generated(report));
            printer.println();
            for (ReportTable table : report.tables()) {
                printer.printRecord(table.title());
                printer.printRecord(table.period());
                printer.printRecord(label(report, "Ngày tham chiếu: ", "Reference date: ") + table.refDate());
                printer.printRecord(label(report, "Nguồn: ", "Source: ") + table.source());
                if (table.unavailable() != null) {
                    printer.printRecord(table.unavailable());
                }
                else {
                    printer.printRecord(table.header());
                    for (List<ReportTable.Cell> row : table.rows()) {
                        List<String> values = new ArrayList<>();
                        row.forEach(cell -> values.add(text(cell)));
                        printer.printRecord(values);
                    }
                    for (String footnote : table.footnotes()) {
                        printer.printRecord(footnote);
                    }
                }
                printer.println();
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] pdf(Report report)
    {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 36, 36, 36, 36);
        try {
            PdfWriter.getInstance(document, bytes);
            document.addTitle(report.title());
            document.addCreator("dancu");
            BaseFont base = PdfFonts.regular();
            BaseFont heavy = PdfFonts.bold();
            Font titleFont = new Font(heavy, 14);
            Font tableTitle = new Font(heavy, 11);
            Font body = new Font(base, 8);
            Font bold = new Font(heavy, 8);
            Font small = new Font(base, 7);
            document.open();
            document.add(new Paragraph(report.title(), titleFont));
            document.add(new Paragraph(report.area(), body));
            document.add(new Paragraph(generated(report), small));
            for (ReportTable table : report.tables()) {
                Paragraph heading = new Paragraph(table.title(), tableTitle);
                heading.setSpacingBefore(14);
                document.add(heading);
                document.add(new Paragraph(table.period() + " — " + label(report, "ngày tham chiếu ", "reference date ")
                        + table.refDate().format(DateTimeFormatter.ofPattern("dd/MM/yyyy")), body));
                if (table.unavailable() != null) {
                    document.add(new Paragraph(table.unavailable(), body));
                    continue;
                }
                // The label column twice as wide as a figure's, so that wide tables (two periods and their comparisons) stay readable.
                float[] widths = new float[table.header().size()];
                java.util.Arrays.fill(widths, 1f);
                widths[0] = 2f;
                PdfPTable grid = new PdfPTable(widths);
                grid.setWidthPercentage(100);
                grid.setSpacingBefore(4);
                grid.setHeaderRows(1);
                for (String name : table.header()) {
                    grid.addCell(new PdfPCell(new Phrase(name, bold)));
                }
                for (List<ReportTable.Cell> row : table.rows()) {
                    for (ReportTable.Cell value : row) {
                        String shown = value.number() != null ? grouped(value) : text(value);
                        PdfPCell cell = new PdfPCell(new Phrase(shown, body));
                        if (value.number() != null || value.withheld() != null) {
                            cell.setHorizontalAlignment(Element.ALIGN_RIGHT);
                        }
                        grid.addCell(cell);
                    }
                }
                document.add(grid);
                for (String footnote : table.footnotes()) {
                    document.add(new Paragraph(footnote, small));
                }
                document.add(new Paragraph(label(report, "Nguồn: ", "Source: ") + table.source(), small));
            }
            document.close();
        }
        catch (DocumentException e) {
            throw new IllegalStateException("cannot write the PDF report: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    /** Numbers as printed in Vietnamese tables: 1.234.567 and 12,5. */
    static String grouped(ReportTable.Cell cell)
    {
        String text = String.format(Locale.ROOT, "%,." + cell.decimals() + "f", cell.number());
        return text.replace(',', ' ').replace('.', ',').replace(' ', '.');
    }
}
