package vn.dancu.datasets.synthetic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a generated extract back with plain Java, whatever its format, as rows of text values (dates as ISO
 * text, null for empty), so tests check what a reader of the files would see.
 */
final class RegisterFiles
{
    private RegisterFiles() {}

    /** A row with its file (relative to the extract folder) and line/row number as faults.csv counts them. */
    record Row(String file, long line, Map<String, String> values)
    {
        String get(String column)
        {
            return values.get(column);
        }

        LocalDate date(String column)
        {
            String text = values.get(column);
            return text == null ? null : LocalDate.parse(text);
        }
    }

    static List<Row> read(Path extract, String content) throws IOException
    {
        List<Row> rows = new ArrayList<>();
        for (Path file : files(extract, content)) {
            String relative = extract.relativize(file).toString().replace('\\', '/');
            String name = file.getFileName().toString();
            if (name.endsWith(".parquet")) {
                readParquet(file, relative, rows);
            }
            else if (name.endsWith(".csv")) {
                readCsv(file, relative, rows);
            }
            else {
                readJsonLines(file, relative, rows);
            }
        }
        return rows;
    }

    static List<Path> files(Path extract, String content) throws IOException
    {
        Path folder = extract.resolve(content);
        if (Files.isDirectory(folder)) {
            try (Stream<Path> parts = Files.list(folder)) {
                return parts.sorted().toList();
            }
        }
        try (Stream<Path> all = Files.list(extract)) {
            return all.filter(path -> path.getFileName().toString().startsWith(content + ".")).sorted().toList();
        }
    }

    static JsonNode metadata(Path extract) throws IOException
    {
        return new ObjectMapper().readTree(extract.resolve("extract.json").toFile());
    }

    private static void readCsv(Path file, String relative, List<Row> rows) throws IOException
    {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Iterator<CSVRecord> records = format.parse(reader).iterator();
            while (records.hasNext()) {
                CSVRecord record = records.next();
                Map<String, String> values = new LinkedHashMap<>();
                if (record.isConsistent()) {
                    record.toMap().forEach((key, value) -> values.put(key, value.isEmpty() ? null : value));
                }
                rows.add(new Row(relative, record.getRecordNumber() + 1, values));
            }
        }
    }

    private static void readJsonLines(Path file, String relative, List<Row> rows) throws IOException
    {
        ObjectMapper mapper = new ObjectMapper();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                Map<String, String> values = new LinkedHashMap<>();
                try {
                    JsonNode node = mapper.readTree(line);
                    node.fields().forEachRemaining(field -> values.put(field.getKey(),
                            field.getValue().isNull() ? null : field.getValue().asText()));
                }
                catch (IOException malformed) {
                    values.clear();
                }
                rows.add(new Row(relative, number, values));
            }
        }
    }

    private static void readParquet(Path file, String relative, List<Row> rows) throws IOException
    {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            MessageColumnIO columnIO = new ColumnIOFactory().getColumnIO(schema);
            long number = 0;
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                RecordReader<Group> recordReader = columnIO.getRecordReader(pages, new GroupRecordConverter(schema));
                for (long i = 0; i < pages.getRowCount(); i++) {
                    Group group = recordReader.read();
                    Map<String, String> values = new LinkedHashMap<>();
                    for (Type field : schema.getFields()) {
                        String name = field.getName();
                        if (group.getFieldRepetitionCount(name) == 0) {
                            values.put(name, null);
                        }
                        else if (field.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                            values.put(name, LocalDate.ofEpochDay(group.getInteger(name, 0)).toString());
                        }
                        else if (field.asPrimitiveType().getPrimitiveTypeName() == org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32) {
                            values.put(name, Integer.toString(group.getInteger(name, 0)));
                        }
                        else {
                            values.put(name, group.getString(name, 0));
                        }
                    }
                    rows.add(new Row(relative, ++number, values));
                }
            }
        }
    }
}
