package vn.dancu.engine.ingest;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Reads the files of one register table as raw records ({@link RawRecords}), each file apart so that every record
 * keeps its file and physical line (or row) number. Text files are read as lines of bytes (so invalid UTF-8 can be
 * told apart) and numbered with {@code zipWithIndex}; Parquet rows are numbered with the reader's
 * {@code _metadata.row_index}. Schemas are the declared ones: nothing is inferred.
 */
public final class RegisterReader
{
    private final SparkSession spark;

    public RegisterReader(SparkSession spark)
    {
        this.spark = requireNonNull(spark, "spark is null");
    }

    public Dataset<Row> read(RegisterFile register)
    {
        StructType declared = register.table().schema();
        List<Dataset<Row>> parts = new ArrayList<>();
        for (RegisterFile.InputFile file : register.files()) {
            parts.add(switch (register.format()) {
                case PARQUET -> RawRecords.fromParquetRows(parquetRows(file, declared), declared);
                case CSV -> RawRecords.fromCsvLines(lines(file).where(col(RawRecords.LINE_NUMBER).gt(1)), declared);
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
