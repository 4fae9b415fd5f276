package vn.dancu.datasets.synthetic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import vn.dancu.datasets.synthetic.RegisterColumns.Column;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/** JSON Lines: one object per line, the column names as keys, null values written as JSON null. */
final class JsonLinesRecordWriter implements RecordFileWriter
{
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final List<Column> columns;
    private final Writer out;
    private final JsonGenerator generator;
    private long records;

    JsonLinesRecordWriter(Path file, List<Column> columns) throws IOException
    {
        this.columns = List.copyOf(columns);
        this.out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16);
        this.generator = FACTORY.createGenerator(out);
        generator.setRootValueSeparator(null);
    }

    @Override
    public long write(String recordId, OutputRow row) throws IOException
    {
        if (row.fault() != null && row.fault().breaksLine()) {
            StringWriter line = new StringWriter();
            try (JsonGenerator single = FACTORY.createGenerator(line)) {
                writeObject(single, recordId, row.values());
            }
            generator.writeRaw(LineDamage.damageJson(line.toString(), row.fault()));
        }
        else {
            writeObject(generator, recordId, row.values());
        }
        generator.writeRaw('\n');
        return ++records;
    }

    private void writeObject(JsonGenerator json, String recordId, Object[] values) throws IOException
    {
        json.writeStartObject();
        json.writeStringField(columns.get(0).name(), recordId);
        for (int i = 0; i < values.length; i++) {
            String name = columns.get(i + 1).name();
            Object value = values[i];
            if (value == null) {
                json.writeNullField(name);
            }
            else if (value instanceof Integer number) {
                json.writeNumberField(name, number);
            }
            else if (value instanceof LocalDate date) {
                json.writeStringField(name, date.toString());
            }
            else {
                json.writeStringField(name, (String) value);
            }
        }
        json.writeEndObject();
    }

    @Override
    public long records()
    {
        return records;
    }

    @Override
    public void close() throws IOException
    {
        generator.close();
    }
}
