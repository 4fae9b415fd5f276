package vn.dancu.engine.ingest;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import vn.dancu.engine.storage.Storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Looks at every input file before Spark reads it, in one pass over its bytes ({@link TextScan}): the SHA-256
 * checksum, the number of records, and whether the file can be read at all. A Parquet file must have a readable
 * footer (a file cut short has none) and the declared columns with the declared types; a text file must be UTF-8 as
 * a whole (a file in UTF-16 or Windows-1258 is named with its encoding); a CSV file must start with the declared
 * header. A file that fails stops the run with a message naming it, before anything is written.
 */
public final class InputInspection
{
    private final Storage storage;
    private final Configuration configuration;

    public InputInspection(Storage storage, Configuration configuration)
    {
        this.storage = requireNonNull(storage, "storage is null");
        this.configuration = requireNonNull(configuration, "configuration is null");
    }

    public List<InputFacts> inspect(RegisterFile register)
    {
        List<InputFacts> facts = new ArrayList<>();
        for (RegisterFile.InputFile file : register.files()) {
            facts.add(inspect(register, file));
        }
        return facts;
    }

    private InputFacts inspect(RegisterFile register, RegisterFile.InputFile file)
    {
        StructType schema = register.table().schema();
        return switch (register.format()) {
            case PARQUET -> {
                Checksum checksum = checksum(file);
                yield new InputFacts(file.relativePath(), register.table(), register.format(), checksum.bytes(), checksum.sha256(),
                        parquetRecords(schema, file));
            }
            case CSV -> {
                TextScan.Result scan = scan(file, TextScan.csv(List.of(schema.fieldNames())));
                if (scan.lines() == 0) {
                    throw new IngestFailure(file.relativePath() + " is empty: a CSV extract starts with a header row");
                }
                checkEncoding(file, scan);
                checkCsvHeader(schema, file, scan);
                yield new InputFacts(file.relativePath(), register.table(), register.format(), scan.bytes(), scan.sha256(), scan.records(),
                        scan.repeatedHeaders(), scan.multiLineRecords());
            }
            case JSONL -> {
                TextScan.Result scan = scan(file, TextScan.jsonLines());
                checkEncoding(file, scan);
                yield new InputFacts(file.relativePath(), register.table(), register.format(), scan.bytes(), scan.sha256(), scan.records());
            }
        };
    }

    /** One pass over the file's bytes (see {@link TextScan}). */
    private TextScan.Result scan(RegisterFile.InputFile file, TextScan scan)
    {
        try (InputStream in = storage.fileSystem(file.path()).open(new Path(file.path()))) {
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                scan.update(buffer, read);
            }
            return scan.finish();
        }
        catch (IOException e) {
            throw new IngestFailure("cannot read " + file.relativePath() + ": " + e.getMessage(), e);
        }
    }

    private record Checksum(long bytes, String sha256) {}

    private Checksum checksum(RegisterFile.InputFile file)
    {
        try (InputStream in = storage.fileSystem(file.path()).open(new Path(file.path()))) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            long bytes = 0;
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
                bytes += read;
            }
            return new Checksum(bytes, HexFormat.of().formatHex(digest.digest()));
        }
        catch (IOException e) {
            throw new IngestFailure("cannot read " + file.relativePath() + ": " + e.getMessage(), e);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A text file that is not UTF-8 as a whole (UTF-16, Windows-1258, …) stops the run, naming the encoding found. */
    private static void checkEncoding(RegisterFile.InputFile file, TextScan.Result scan)
    {
        scan.encodingProblem(file.relativePath()).ifPresent(problem -> {
            throw new IngestFailure(problem);
        });
    }

    private static void checkCsvHeader(StructType schema, RegisterFile.InputFile file, TextScan.Result scan)
    {
        byte[] header = scan.firstLine();
        if (header.length >= 3 && (header[0] & 0xFF) == 0xEF && (header[1] & 0xFF) == 0xBB && (header[2] & 0xFF) == 0xBF) {
            header = Arrays.copyOfRange(header, 3, header.length);
        }
        List<String> names = Arrays.stream(new String(header, StandardCharsets.UTF_8).split(",", -1))
                .map(name -> name.strip().replace("\"", ""))
                .toList();
        List<String> expected = Arrays.asList(schema.fieldNames());
        if (!names.equals(expected)) {
            throw new IngestFailure(file.relativePath() + ": the header row is not the declared one; expected "
                    + String.join(",", expected) + " but found " + String.join(",", names));
        }
    }

    /** The footer's row count, after checking that the file has every declared column with its declared type. */
    private long parquetRecords(StructType schema, RegisterFile.InputFile file)
    {
        MessageType fileSchema;
        long rows;
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file.path()), configuration))) {
            fileSchema = reader.getFileMetaData().getSchema();
            rows = reader.getRecordCount();
        }
        catch (IOException | RuntimeException e) {
            throw new IngestFailure(file.relativePath() + " is not a readable Parquet file (truncated or corrupt): "
                    + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        for (StructField field : schema.fields()) {
            if (!fileSchema.containsField(field.name())) {
                problems.add("column " + field.name() + " is missing");
                continue;
            }
            Type type = fileSchema.getType(field.name());
            if (!type.isPrimitive() || !matches(field.dataType(), type.asPrimitiveType())) {
                problems.add("column " + field.name() + " is " + describe(type) + ", declared " + describe(field.dataType()));
            }
        }
        if (!problems.isEmpty()) {
            throw new IngestFailure(file.relativePath() + " does not have the declared columns: " + String.join("; ", problems));
        }
        return rows;
    }

    /** Rows of a written Parquet table (a folder of part files, possibly partitioned), summed from the footers. */
    public long writtenRows(String folder)
    {
        long rows = 0;
        for (org.apache.hadoop.fs.FileStatus status : storage.listDataFiles(folder)) {
            if (!status.getPath().getName().endsWith(".parquet")) {
                continue;
            }
            try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(status, configuration))) {
                rows += reader.getRecordCount();
            }
            catch (IOException e) {
                throw new IngestFailure("cannot read back " + status.getPath() + ": " + e.getMessage(), e);
            }
        }
        return rows;
    }

    private static boolean matches(DataType declared, PrimitiveType type)
    {
        LogicalTypeAnnotation annotation = type.getLogicalTypeAnnotation();
        if (declared.equals(DataTypes.StringType)) {
            return type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY
                    && (annotation == null || annotation instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation);
        }
        if (declared.equals(DataTypes.DateType)) {
            return type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT32
                    && annotation instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation;
        }
        if (declared.equals(DataTypes.IntegerType)) {
            return type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT32
                    && (annotation == null || annotation instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation integer
                    && integer.getBitWidth() == 32 && integer.isSigned());
        }
        throw new IllegalArgumentException("no Parquet mapping for declared type " + declared);
    }

    private static String describe(Type type)
    {
        if (!type.isPrimitive()) {
            return "a group";
        }
        LogicalTypeAnnotation annotation = type.getLogicalTypeAnnotation();
        return type.asPrimitiveType().getPrimitiveTypeName() + (annotation == null ? "" : " (" + annotation + ")");
    }

    private static String describe(DataType type)
    {
        if (type.equals(DataTypes.StringType)) {
            return "BINARY (STRING)";
        }
        if (type.equals(DataTypes.DateType)) {
            return "INT32 (DATE)";
        }
        return "INT32";
    }
}
