package vn.dancu.engine.ingest;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.lit;

/**
 * Reads the files of one register table as raw records ({@link RawRecords}), each file apart so that every record
 * keeps its file and physical line (or row) number. Text files are read as lines of bytes (so invalid UTF-8 can be
 * told apart) and numbered with {@code zipWithIndex}; Parquet rows are numbered with the reader's
 * {@code _metadata.row_index}. Schemas are the declared ones: nothing is inferred.
 */
public final class RegisterReader
{
    private static final StructType RECORD_LINES_SCHEMA = new StructType()
            .add(RawRecords.LINE_NUMBER, DataTypes.LongType, false)
            .add("record_line", DataTypes.LongType, false);

    private final SparkSession spark;
    private final Map<String, List<InputFacts.LineRange>> multiLineRecords;

    /**
     * @param facts what inspection found in each input file: the CSV records spanning several lines are joined into
     *              one record, numbered by their first line
     */
    public RegisterReader(SparkSession spark, List<InputFacts> facts)
    {
        this.spark = requireNonNull(spark, "spark is null");
        Map<String, List<InputFacts.LineRange>> ranges = new HashMap<>();
        facts.forEach(file -> ranges.put(file.file(), file.multiLineRecords()));
        this.multiLineRecords = Map.copyOf(ranges);
    }

    public Dataset<Row> read(RegisterFile register)
    {
        StructType declared = register.table().schema();
        List<Dataset<Row>> parts = new ArrayList<>();
        for (RegisterFile.InputFile file : register.files()) {
            parts.add(switch (register.format()) {
                case PARQUET -> RawRecords.fromParquetRows(parquetRows(file, declared), declared);
                case CSV -> RawRecords.fromCsvLines(joinMultiLineRecords(lines(file).where(col(RawRecords.LINE_NUMBER).gt(1)),
                        multiLineRecords.getOrDefault(file.relativePath(), List.of())), declared);
                case JSONL -> RawRecords.fromJsonLines(lines(file), declared);
            });
        }
        Dataset<Row> all = parts.get(0);
        for (Dataset<Row> part : parts.subList(1, parts.size())) {
            all = all.union(part);
        }
        return all;
    }

    private Dataset<Row> parquetRows(RegisterFile.InputFile file, StructType declared)
    {
        List<Column> columns = new ArrayList<>(List.of(lit(file.relativePath()).as(RawRecords.SOURCE_FILE),
                col("_metadata.row_index").plus(1).cast("long").as(RawRecords.LINE_NUMBER)));
        for (String field : declared.fieldNames()) {
            columns.add(col(field));
        }
        return spark.read().schema(declared).parquet(file.path()).select(columns.toArray(Column[]::new));
    }

    /**
     * Joins the lines of each record that spans several (a quoted field holding line breaks) into one, with LF
     * between them, numbered by its first line. The ranges are few (inspection found them), so they are broadcast.
     */
    private Dataset<Row> joinMultiLineRecords(Dataset<Row> lines, List<InputFacts.LineRange> ranges)
    {
        if (ranges.isEmpty()) {
            return lines;
        }
        List<Row> recordLines = new ArrayList<>();
        for (InputFacts.LineRange range : ranges) {
            for (long line = range.first(); line <= range.last(); line++) {
                recordLines.add(RowFactory.create(line, range.first()));
            }
        }
        Dataset<Row> joined = lines.join(broadcast(spark.createDataFrame(recordLines, RECORD_LINES_SCHEMA)), RawRecords.LINE_NUMBER, "left");
        Dataset<Row> singles = joined.where(col("record_line").isNull()).select(RawRecords.SOURCE_FILE, RawRecords.LINE_NUMBER, "bytes");
        Dataset<Row> merged = joined.where(col("record_line").isNotNull())
                .groupBy(col(RawRecords.SOURCE_FILE), col("record_line").as(RawRecords.LINE_NUMBER))
                .agg(array_join(transform(array_sort(collect_list(struct(col(RawRecords.LINE_NUMBER), col("bytes").cast("string").as("text")))),
                        part -> part.getField("text")), "\n").cast("binary").as("bytes"));
        return singles.unionByName(merged);
    }

    /** The file's lines as bytes with their 1-based physical line numbers. */
    private Dataset<Row> lines(RegisterFile.InputFile file)
    {
        String name = file.relativePath();
        JavaRDD<Row> numbered = spark.read().text(file.path())
                .select(col("value").cast("binary"))
                .javaRDD()
                .zipWithIndex()
                .map(line -> RowFactory.create(name, line._2() + 1, line._1().get(0)));
        return spark.createDataFrame(numbered, RawRecords.LINES_SCHEMA);
    }
}
