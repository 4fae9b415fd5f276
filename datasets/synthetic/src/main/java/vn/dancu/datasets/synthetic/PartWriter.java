package vn.dancu.datasets.synthetic;

import org.apache.commons.csv.CSVPrinter;
import vn.dancu.datasets.synthetic.RegisterColumns.Column;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Writes one part of the extract — {@code persons.<ext>} and {@code events.<ext>}, or {@code persons/part-NNNNN.<ext>}
 * and {@code events/part-NNNNN.<ext>} — on its own thread, from chunk outputs handed over in order with the numbers
 * of their first records, and lists the part's injected faults in a temporary file that the generator appends to
 * faults.csv in part order. Several parts are written at once, so writing uses every core.
 */
final class PartWriter implements Callable<PartWriter.Result>
{
    static final String FAULTS_FILE = "faults.csv";
    static final List<String> FAULT_COLUMNS = List.of("file", "record_id", "line_number", "fault", "expected_reason_code");
    static final String TEMPORARY_PREFIX = ".faults-part-";

    /** A chunk's rows and the record numbers (1-based) of its first person and first event in the extract. */
    record Batch(ChunkOutput chunk, long firstPerson, long firstEvent) {}

    /** The files written and how many faults the part holds. */
    record Result(ExtractMetadata.FileEntry persons, ExtractMetadata.FileEntry events, Path faults, long faultCount)
    {
        Result
        {
            requireNonNull(persons, "persons is null");
            requireNonNull(events, "events is null");
        }
    }

    private static final Batch END = new Batch(null, 0, 0);

    private final Path directory;
    private final RegisterFormat format;
    private final int part;
    private final boolean inFolders;
    private final boolean withFaults;
    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(2);

    /** {@code inFolders} false: the single files persons.ext and events.ext (then {@code part} must be 0). */
    PartWriter(Path directory, RegisterFormat format, int part, boolean inFolders, boolean withFaults)
    {
        this.directory = directory;
        this.format = format;
        this.part = part;
        this.inFolders = inFolders;
        this.withFaults = withFaults;
        if (!inFolders && part != 0) {
            throw new IllegalArgumentException("a single-file extract has one part");
        }
    }

    /** Hands a chunk over; false when the writer did not take it within the timeout (the caller checks the writer). */
    boolean offer(Batch batch, long timeoutMillis) throws InterruptedException
    {
        return queue.offer(requireNonNull(batch, "batch is null"), timeoutMillis, TimeUnit.MILLISECONDS);
    }

    boolean offerEnd(long timeoutMillis) throws InterruptedException
    {
        return queue.offer(END, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    static Path temporaryFaults(Path directory, int part)
    {
        return directory.resolve(String.format("%s%05d.tmp", TEMPORARY_PREFIX, part));
    }

    @Override
    public Result call() throws IOException, InterruptedException
    {
        String personsPath = relativePath("persons");
        String eventsPath = relativePath("events");
        Path faultsFile = temporaryFaults(directory, part);
        long personRecords;
        long eventRecords;
        long faults = 0;
        try (RecordFileWriter persons = open(personsPath, RegisterColumns.PERSONS);
                RecordFileWriter events = open(eventsPath, RegisterColumns.EVENTS);
                CSVPrinter faultPrinter = withFaults ? new CSVPrinter(new BufferedWriter(new OutputStreamWriter(
                        Files.newOutputStream(faultsFile), StandardCharsets.UTF_8)), CsvRecordWriter.FORMAT) : null) {
            while (true) {
                Batch batch = queue.take();
                if (batch == END) {
                    break;
                }
                faults += write(persons, personsPath, 'P', batch.firstPerson(), batch.chunk().persons(), faultPrinter);
                faults += write(events, eventsPath, 'E', batch.firstEvent(), batch.chunk().events(), faultPrinter);
            }
            personRecords = persons.records();
            eventRecords = events.records();
        }
        return new Result(new ExtractMetadata.FileEntry(personsPath, "persons", personRecords),
                new ExtractMetadata.FileEntry(eventsPath, "events", eventRecords), withFaults ? faultsFile : null, faults);
    }

    private static long write(RecordFileWriter writer, String path, char prefix, long first, List<OutputRow> rows, CSVPrinter faults)
            throws IOException
    {
        long number = first;
        long faultCount = 0;
        for (OutputRow row : rows) {
            String recordId = recordId(prefix, number++);
            long line = writer.write(recordId, row);
            if (row.fault() != null) {
                faults.printRecord(path, recordId, line, row.fault().name(), row.fault().expectedReasonCode());
                faultCount++;
            }
        }
        return faultCount;
    }

    private String relativePath(String content)
    {
        return inFolders
                ? String.format("%s/part-%05d.%s", content, part, format.extension())
                : content + "." + format.extension();
    }

    private RecordFileWriter open(String relativePath, List<Column> columns) throws IOException
    {
        Path file = directory.resolve(relativePath);
        Files.createDirectories(file.getParent());
        return switch (format) {
            case PARQUET -> new ParquetRecordWriter(file, columns);
            case CSV -> new CsvRecordWriter(file, columns);
            case JSONL -> new JsonLinesRecordWriter(file, columns);
        };
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
