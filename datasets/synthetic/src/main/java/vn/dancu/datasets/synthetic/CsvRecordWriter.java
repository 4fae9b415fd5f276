package vn.dancu.datasets.synthetic;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import vn.dancu.datasets.synthetic.RegisterColumns.Column;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** CSV, UTF-8, comma-separated, RFC 4180 quoting, a header row, empty field = null, lines ending in LF. */
final class CsvRecordWriter implements RecordFileWriter
{
    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

    private final Writer out;
    private final CSVPrinter printer;
    private long records;

    CsvRecordWriter(Path file, List<Column> columns) throws IOException
    {
        this.out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16);
        this.printer = new CSVPrinter(out, FORMAT);
        printer.printRecord(columns.stream().map(Column::name).toList());
    }

    @Override
    public long write(String recordId, OutputRow row) throws IOException
    {
        Object[] values = row.values();
        Object[] full = new Object[values.length + 1];
        full[0] = recordId;
        System.arraycopy(values, 0, full, 1, values.length);
        if (row.fault() != null && row.fault().breaksLine()) {
            String line = FORMAT.format(full);
            out.write(LineDamage.damageCsv(line, row.fault()));
            out.write('\n');
        }
        else {
            printer.printRecord(full);
        }
        records++;
        return records + 1;
    }

    @Override
    public long records()
    {
        return records;
    }

    @Override
    public void close() throws IOException
    {
        printer.close(true);
    }
}
