package vn.dancu.api.export;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * CSV as Excel opens it: UTF-8 with a byte-order mark (so Vietnamese text shows right), RFC 4180 quoting, CRLF.
 * One column for each dimension's code and one for its label, one per measure, and one status column per measure
 * ({@code suppressed} where disclosure control withheld the value, which is then empty).
 */
public final class CsvExport
{
    private CsvExport() {}

    public static byte[] write(ExportTable table)
    {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        try (CSVPrinter printer = new CSVPrinter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), CSVFormat.RFC4180)) {
            List<String> header = new ArrayList<>();
            for (ExportTable.Dimension dimension : table.dimensions()) {
                header.add(dimension.name());
                header.add(dimension.title());
            }
            for (ExportTable.Measure measure : table.measures()) {
                header.add(measure.name());
            }
            for (ExportTable.Measure measure : table.measures()) {
                header.add(measure.name() + "_status");
            }
            printer.printRecord(header);
            for (ExportTable.Row row : table.rows()) {
                List<String> record = new ArrayList<>();
                for (int d = 0; d < table.dimensions().size(); d++) {
                    record.add(row.codes().get(d));
                    record.add(row.labels().get(d));
                }
                for (int m = 0; m < table.measures().size(); m++) {
                    record.add(row.suppressed().get(m) || row.values().get(m) == null ? "" : Numbers.plain(row.values().get(m), table.measures().get(m).decimals()));
                }
                for (int m = 0; m < table.measures().size(); m++) {
                    record.add(row.suppressed().get(m) ? "suppressed" : "ok");
                }
                printer.printRecord(record);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
