package vn.dancu.engine.ingest;

import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import vn.dancu.engine.storage.Storage;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One table of an extract: {@code <table>.<ext>} or a folder {@code <table>/} of part files, in one of the three
 * formats.
 */
public record RegisterFile(String table, String path, Format format, List<FileStatus> files)
{
    public enum Format { PARQUET, CSV, JSONL }

    public RegisterFile
    {
        requireNonNull(table, "table is null");
        requireNonNull(path, "path is null");
        requireNonNull(format, "format is null");
        files = List.copyOf(files);
    }

    public String name()
    {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    public static RegisterFile find(Storage storage, String folder, String table)
    {
        for (Format format : Format.values()) {
            String extension = extension(format);
            String single = folder + "/" + table + "." + extension;
            if (storage.exists(single)) {
                return new RegisterFile(table, single, format, storage.listDataFiles(single));
            }
            String parts = folder + "/" + table;
            if (storage.exists(parts)) {
                List<FileStatus> files = storage.listDataFiles(parts).stream()
                        .filter(status -> status.getPath().getName().endsWith("." + extension)).toList();
                if (!files.isEmpty()) {
                    return new RegisterFile(table, parts, format, files);
                }
            }
        }
        throw new IllegalArgumentException("no " + table + " file in " + folder + " (expected " + table
                + ".parquet, .csv or .jsonl, or a folder " + table + "/ of part files)");
    }

    public static String extension(Format format)
    {
        return switch (format) {
            case PARQUET -> "parquet";
            case CSV -> "csv";
            case JSONL -> "jsonl";
        };
    }

    public Dataset<Row> read(SparkSession spark, StructType schema)
    {
        return switch (format) {
            case PARQUET -> spark.read().schema(schema).parquet(path);
            case CSV -> spark.read().schema(schema).option("header", "true").option("mode", "PERMISSIVE").csv(path);
            case JSONL -> spark.read().schema(schema).json(path);
        };
    }
}
