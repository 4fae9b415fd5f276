package vn.dancu.datasets.synthetic;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import vn.dancu.datasets.synthetic.RegisterColumns.Column;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Parquet through a direct {@link WriteSupport} (no example Group objects): strings as BINARY (STRING), dates as
 * DATE, integers as INT32, every column optional, Snappy. The footer holds only the parquet-mr version and the
 * schema, so equal rows give byte-identical files.
 */
final class ParquetRecordWriter implements RecordFileWriter
{
    /**
     * Columns whose values are (nearly) all different: no dictionary (it would overflow and fall back anyway) and no
     * min/max statistics, which cost more than they help a reader.
     */
    private static final Set<String> UNIQUE_COLUMNS = Set.of("record_id", "person_key", "id_number", "full_name",
            "household_id", "mother_id_number");

    /** Columns with few distinct values. */
    private static final Set<String> FEW_VALUES_COLUMNS = Set.of("sex", "ethnicity_code", "religion", "commune_code",
            "former_commune_code", "relation_to_head", "residence_status", "event_type", "from_commune_code", "other_place");

    private final ParquetWriter<Object[]> writer;
    private long records;

    ParquetRecordWriter(Path file, List<Column> columns) throws IOException
    {
        MessageType schema = schema(columns);
        Builder builder = new Builder(new LocalOutputFile(file), schema)
                .withConf(new PlainParquetConfiguration())
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withDictionaryEncoding(true)
                .withPageWriteChecksumEnabled(false)
                .withSizeStatisticsEnabled(false);
        for (Column column : columns) {
            if (UNIQUE_COLUMNS.contains(column.name())) {
                builder.withDictionaryEncoding(column.name(), false).withStatisticsEnabled(column.name(), false);
            }
        }
        this.writer = builder.build();
    }

    static MessageType schema(List<Column> columns)
    {
        Types.MessageTypeBuilder builder = Types.buildMessage();
        for (Column column : columns) {
            switch (column.type()) {
                case STRING -> builder.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(column.name());
                case DATE -> builder.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(column.name());
                case INT -> builder.optional(PrimitiveTypeName.INT32).named(column.name());
            }
        }
        return builder.named("register");
    }

    @Override
    public long write(String recordId, OutputRow row) throws IOException
    {
        if (row.fault() != null && !row.fault().appliesTo(RegisterFormat.PARQUET)) {
            throw new IllegalArgumentException("fault " + row.fault() + " cannot be written in Parquet");
        }
        Object[] values = row.values();
        Object[] full = new Object[values.length + 1];
        full[0] = recordId;
        System.arraycopy(values, 0, full, 1, values.length);
        writer.write(full);
        return ++records;
    }

    @Override
    public long records()
    {
        return records;
    }

    @Override
    public void close() throws IOException
    {
        writer.close();
    }

    private static final class Builder extends ParquetWriter.Builder<Object[], Builder>
    {
        private final MessageType schema;

        Builder(OutputFile file, MessageType schema)
        {
            super(file);
            this.schema = schema;
        }

        @Override
        protected Builder self()
        {
            return this;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(Configuration conf)
        {
            return new RowWriteSupport(schema);
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(ParquetConfiguration conf)
        {
            return new RowWriteSupport(schema);
        }
    }

    /**
     * Writes an array of values in schema order; null values are left out (optional columns). Values of columns
     * with few distinct values (codes, statuses) are encoded to UTF-8 once and reused.
     */
    private static final class RowWriteSupport extends WriteSupport<Object[]>
    {
        private static final int MAX_CACHED = 100_000;

        private final MessageType schema;
        private final boolean[] cached;
        private final Map<String, Binary> encoded = new HashMap<>();
        private RecordConsumer consumer;

        RowWriteSupport(MessageType schema)
        {
            this.schema = schema;
            this.cached = new boolean[schema.getFieldCount()];
            for (int i = 0; i < cached.length; i++) {
                cached[i] = FEW_VALUES_COLUMNS.contains(schema.getFieldName(i));
            }
        }

        private Binary binary(int column, String text)
        {
            if (!cached[column]) {
                return Binary.fromString(text);
            }
            Binary binary = encoded.get(text);
            if (binary == null) {
                binary = Binary.fromConstantByteArray(text.getBytes(StandardCharsets.UTF_8));
                if (encoded.size() < MAX_CACHED) {
                    encoded.put(text, binary);
                }
            }
            return binary;
        }

        @Override
        public WriteContext init(Configuration configuration)
        {
            return new WriteContext(schema, Map.of());
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration)
        {
            return new WriteContext(schema, Map.of());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer)
        {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(Object[] values)
        {
            consumer.startMessage();
            for (int i = 0; i < values.length; i++) {
                Object value = values[i];
                if (value == null) {
                    continue;
                }
                String name = schema.getFieldName(i);
                consumer.startField(name, i);
                if (value instanceof String text) {
                    consumer.addBinary(binary(i, text));
                }
                else if (value instanceof LocalDate date) {
                    consumer.addInteger((int) date.toEpochDay());
                }
                else if (value instanceof Integer number) {
                    consumer.addInteger(number);
                }
                else {
                    throw new IllegalArgumentException("cannot write " + value.getClass() + " to column " + name);
                }
                consumer.endField(name, i);
            }
            consumer.endMessage();
        }
    }
}
