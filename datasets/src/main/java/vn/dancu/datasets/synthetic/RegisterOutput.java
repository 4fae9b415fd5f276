package vn.dancu.datasets.synthetic;

import org.apache.commons.csv.CSVPrinter;
import vn.dancu.datasets.synthetic.RegisterColumns.Column;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes chunk outputs, in chunk order, to {@code persons} and {@code events} files: one file each, or (for large
 * registers) folders of {@code part-NNNNN} files cut at chunk boundaries. Numbers the records ({@code P00000001},
 * {@code E00000001}) in file order and lists every injected fault in faults.csv.
 */
final class RegisterOutput implements Closeable
{
    static final String FAULTS_FILE = "faults.csv";
    static final String[] FAULT_COLUMNS = {"file", "record_id", "line_number", "fault", "expected_reason_code"};

    /** Person records per part file in folder mode (a part is closed at the first chunk boundary past this). */
    private final long recordsPerPart;
    private final Path directory;
    private final RegisterFormat format;
    private final boolean parts;
    private final List<ExtractMetadata.FileEntry> files = new ArrayList<>();
    private final Part persons;
    private final Part events;
    private CSVPrinter faults;
    private long faultCount;

    RegisterOutput(Path directory, RegisterFormat format, boolean parts, long recordsPerPart, boolean withFaults) throws IOException
    {
        this.directory = directory;
        this.format = format;
        this.parts = parts;
        this.recordsPerPart = recordsPerPart;
        this.persons = new Part("persons", 'P', RegisterColumns.PERSONS);
        this.events = new Part("events", 'E', RegisterColumns.EVENTS);
        if (withFaults) {
            this.faults = new CSVPrinter(new BufferedWriter(new OutputStreamWriter(
                    Files.newOutputStream(directory.resolve(FAULTS_FILE)), StandardCharsets.UTF_8)), CsvRecordWriter.FORMAT);
            faults.printRecord((Object[]) FAULT_COLUMNS);
        }
    }

    void write(ChunkOutput chunk) throws IOException
    {
        persons.write(chunk.persons());
        events.write(chunk.events());
    }

    long personRecords()
    {
        return persons.total;
    }

    long eventRecords()
    {
        return events.total;
    }

    long faults()
    {
        return faultCount;
    }

    /** The files written with their record counts, in the order written (faults.csv last). */
    List<ExtractMetadata.FileEntry> files()
    {
        return files;
    }

    @Override
    public void close() throws IOException
    {
        persons.finish();
        events.finish();
        if (faults != null) {
            faults.close(true);
            files.add(new ExtractMetadata.FileEntry(FAULTS_FILE, "faults", faultCount));
        }
    }

    private final class Part
    {
        private final String name;
        private final char prefix;
        private final List<Column> columns;
        private RecordFileWriter writer;
        private String relativePath;
        private int partNumber;
        private long total;

        Part(String name, char prefix, List<Column> columns)
        {
            this.name = name;
            this.prefix = prefix;
            this.columns = columns;
        }

        void write(List<OutputRow> rows) throws IOException
        {
            if (writer != null && parts && writer.records() >= recordsPerPart) {
                closeWriter();
            }
            if (writer == null) {
                openWriter();
            }
            for (OutputRow row : rows) {
                total++;
                String recordId = recordId(prefix, total);
                long line = writer.write(recordId, row);
                if (row.fault() != null) {
                    faults.printRecord(relativePath, recordId, line, row.fault().name(), row.fault().expectedReasonCode());
                    faultCount++;
                }
            }
        }

        private void openWriter() throws IOException
        {
            Path file;
            if (parts) {
                Path folder = directory.resolve(name);
                Files.createDirectories(folder);
                String fileName = String.format("part-%05d.%s", partNumber++, format.extension());
                file = folder.resolve(fileName);
                relativePath = name + "/" + fileName;
            }
            else {
                relativePath = name + "." + format.extension();
                file = directory.resolve(relativePath);
            }
            writer = switch (format) {
                case PARQUET -> new ParquetRecordWriter(file, columns);
                case CSV -> new CsvRecordWriter(file, columns);
                case JSONL -> new JsonLinesRecordWriter(file, columns);
            };
        }

        private void closeWriter() throws IOException
        {
            writer.close();
            files.add(new ExtractMetadata.FileEntry(relativePath, name, writer.records()));
            writer = null;
        }

        void finish() throws IOException
        {
            if (writer == null && total == 0) {
                openWriter();
            }
            if (writer != null) {
                closeWriter();
            }
        }
    }

    /** {@code P00000001}: a letter and at least eight digits. */
    static String recordId(char prefix, long number)
    {
        String digits = Long.toString(number);
        StringBuilder id = new StringBuilder(Math.max(9, digits.length() + 1)).append(prefix);
        for (int i = digits.length(); i < 8; i++) {
            id.append('0');
        }
        return id.append(digits).toString();
    }
}
