package vn.dancu.engine.ingest;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_csv;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.is_valid_utf8;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.make_valid_utf8;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

/**
 * Turns what the readers produce into raw records, one row per physical record of an input file, whatever the
 * format: {@code source_file}, {@code line_number}, {@code raw} (the line as read; null for Parquet, whose raw text
 * {@link #rawText} builds from the values when a record is rejected), {@code malformed} (why the line could not be
 * parsed, or null) and every declared field as text, untouched (null when the line is malformed). Validation parses the text itself, so that a bad date or number is a
 * rule with its own reason code rather than a parse failure.
 *
 * <p>CSV and JSON Lines are parsed line by line with the declared schema (Spark's {@code from_csv} and
 * {@code from_json}, mode PERMISSIVE with a corrupt-record column), so each record keeps its physical line number.
 * A CSV record whose quoted field holds line breaks reaches here joined into one line by {@link RegisterReader}.
 */
public final class RawRecords
{
    public static final String SOURCE_FILE = "source_file";
    public static final String LINE_NUMBER = "line_number";
    public static final String RAW = "raw";
    public static final String MALFORMED = "malformed";
    /** The {@value #MALFORMED} detail of a CSV line that repeats the header row ({@link ReasonCode#REPEATED_HEADER}). */
    public static final String REPEATED_HEADER = "the header row again (column names instead of values): files joined with their headers?";
    /** Lines as read: {@code source_file}, {@code line_number} (1-based, physical), {@code bytes} (the line's bytes). */
    public static final StructType LINES_SCHEMA = new StructType()
            .add(SOURCE_FILE, DataTypes.StringType, false)
            .add(LINE_NUMBER, DataTypes.LongType, false)
            .add("bytes", DataTypes.BinaryType, false);

    /** A struct of a record's declared fields as read (see {@link #originalValues}). */
    public static final String ORIGINAL = "original";
    private static final String CORRUPT = "_corrupt_record";

    private RawRecords() {}

    /** The declared schema with every field as text, as validation receives it. */
    public static StructType textSchema(StructType declared)
    {
        StructType text = new StructType();
        for (StructField field : declared.fields()) {
            text = text.add(field.name(), DataTypes.StringType, true);
        }
        return text;
    }

    /**
     * CSV records (header already removed; a record whose quoted field holds line breaks already joined into one by
     * the reader): RFC 4180 quoting, comma-separated, exactly the declared columns. A line that is the header row
     * again (compared without quotes and white space, as {@link TextScan} does) is malformed with the detail
     * {@link #REPEATED_HEADER}; a line with a quote that is never closed says so.
     */
    public static Dataset<Row> fromCsvLines(Dataset<Row> lines, StructType declared)
    {
        Map<String, String> options = Map.of("sep", ",", "quote", "\"", "escape", "\"", "mode", "PERMISSIVE",
                "columnNameOfCorruptRecord", CORRUPT);
        Column parsed = from_csv(col("line"), lit(withCorruptColumn(declared).toDDL()), options);
        Column line = col("line");
        Column quotes = length(line).minus(length(regexp_replace(line, "\"", "")));
        Column headerAgain = regexp_replace(line, TextScan.HEADER_NOISE, "").equalTo(lit(String.join(",", declared.fieldNames())));
        Column detail = when(headerAgain, lit(REPEATED_HEADER))
                .when(quotes.mod(2).equalTo(1), lit("has a quote that is never closed (a quoted field may hold line breaks, but must close within "
                        + TextScan.MAX_LINES_PER_RECORD + " lines and give " + declared.size() + " fields)"))
                .otherwise(lit("cannot be read as " + declared.size()
                        + " comma-separated fields (wrong column count, unbalanced quotes or another delimiter)"));
        return fromLines(lines, declared, parsed, headerAgain.or(col("parsed." + CORRUPT).isNotNull()), detail);
    }

    /** JSON Lines: one JSON object per line, double-quoted as JSON requires. */
    public static Dataset<Row> fromJsonLines(Dataset<Row> lines, StructType declared)
    {
        Map<String, String> options = Map.of("mode", "PERMISSIVE", "columnNameOfCorruptRecord", CORRUPT,
                "allowSingleQuotes", "false", "allowUnquotedFieldNames", "false");
        Column parsed = from_json(col("line"), withCorruptColumn(declared), options);
        Column text = trim(col("line"));
        Column notAnObject = text.startsWith("{").and(text.endsWith("}")).unary_$bang();
        return fromLines(lines, declared, parsed, col("parsed." + CORRUPT).isNotNull().or(notAnObject),
                lit("is not one JSON object (truncated, single-quoted or not JSON)"));
    }

    private static Dataset<Row> fromLines(Dataset<Row> lines, StructType declared, Column parsed, Column unparseable,
            Column unparseableDetail)
    {
        Column line = col("line");
        Column malformed = when(is_valid_utf8(line).unary_$bang(), lit("line is not valid UTF-8"))
                .when(trim(line).equalTo(""), lit("empty line"))
                .when(unparseable, unparseableDetail);
        List<Column> columns = new ArrayList<>(List.of(col(SOURCE_FILE), col(LINE_NUMBER),
                when(is_valid_utf8(line), line).otherwise(make_valid_utf8(line)).as(RAW),
                col(MALFORMED)));
        for (String field : declared.fieldNames()) {
            columns.add(when(col(MALFORMED).isNull(), col("parsed." + field)).as(field));
        }
        return lines
                .withColumn("line", col("bytes").cast("string"))
                .withColumn("parsed", parsed)
                .withColumn(MALFORMED, malformed)
                .select(columns.toArray(Column[]::new));
    }

    /**
     * Parquet rows read with the declared schema plus {@code source_file} and {@code line_number} (the 1-based row
     * number in the file). Parquet has no malformed lines: a file that cannot be decoded stops the run. {@code raw}
     * is null here: {@link #rawText} makes it from the values, for rejected records only.
     */
    public static Dataset<Row> fromParquetRows(Dataset<Row> rows, StructType declared)
    {
        List<Column> columns = new ArrayList<>(List.of(col(SOURCE_FILE), col(LINE_NUMBER),
                lit(null).cast("string").as(RAW),
                lit(null).cast("string").as(MALFORMED)));
        for (String field : declared.fieldNames()) {
            columns.add(col(field).cast("string").as(field));
        }
        return rows.select(columns.toArray(Column[]::new));
    }

    /**
     * The record's declared fields, untouched, as one struct column {@value #ORIGINAL}: validation replaces the
     * fields by cleaned values, and {@link #rawText} still needs them for a rejected Parquet row.
     */
    public static Column originalValues(StructType declared)
    {
        return when(col(RAW).isNull(), struct(Arrays.stream(declared.fieldNames()).map(name -> col(name)).toArray(Column[]::new)))
                .as(ORIGINAL);
    }

    /**
     * The raw text a quarantined record keeps: the line as read for CSV and JSON Lines, a JSON object of the raw
     * values (nulls included) for Parquet. Built only where it is used, for rejected records.
     */
    public static Column rawText()
    {
        return coalesce(col(RAW), to_json(col(ORIGINAL), Map.of("ignoreNullFields", "false")));
    }

    private static StructType withCorruptColumn(StructType declared)
    {
        return textSchema(declared).add(CORRUPT, DataTypes.StringType, true);
    }
}
