package vn.dancu.datasets;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads the reference files shipped in this module (see {@code reference/SOURCES.md} beside them for their
 * sources, licences and doubts).
 */
public final class ReferenceFiles
{
    public static final String FOLDER = "/vn/dancu/datasets/reference/";

    private ReferenceFiles() {}

    public static List<CSVRecord> readCsv(String fileName)
    {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader reader = new InputStreamReader(open(fileName), StandardCharsets.UTF_8)) {
            return format.parse(reader).getRecords();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read reference file " + fileName, e);
        }
    }

    public static InputStream open(String fileName)
    {
        InputStream stream = ReferenceFiles.class.getResourceAsStream(FOLDER + fileName);
        if (stream == null) {
            throw new IllegalStateException("reference file missing from the classpath: " + FOLDER + fileName);
        }
        return stream;
    }
}
