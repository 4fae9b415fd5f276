package vn.dancu.engine.ingest;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What ingest established about one input file before reading it with Spark: its checksum, and how many records it
 * holds (for CSV the records after the header row, a record spanning several lines counted once; lines for JSON
 * Lines; the footer's row count for Parquet). The record count is counted apart from the Spark job, so that the
 * reconciliation compares two independent counts.
 *
 * @param records          records to check, repeated header rows included (each is quarantined)
 * @param repeatedHeaders  CSV lines that repeat the header row (files joined with their headers)
 * @param multiLineRecords CSV records whose quoted fields hold line breaks, by the physical lines they span
 */
public record InputFacts(String file, RegisterTable table, RegisterFile.Format format, long bytes, String sha256, long records,
        long repeatedHeaders, List<LineRange> multiLineRecords)
{
    public InputFacts
    {
        requireNonNull(file, "file is null");
        requireNonNull(table, "table is null");
        requireNonNull(format, "format is null");
        requireNonNull(sha256, "sha256 is null");
        multiLineRecords = List.copyOf(multiLineRecords);
        if (records < 0) {
            throw new IllegalArgumentException("records must not be negative, was " + records);
        }
        if (repeatedHeaders < 0 || repeatedHeaders > records) {
            throw new IllegalArgumentException("repeated headers must be between 0 and " + records + ", was " + repeatedHeaders);
        }
    }

    public InputFacts(String file, RegisterTable table, RegisterFile.Format format, long bytes, String sha256, long records)
    {
        this(file, table, format, bytes, sha256, records, 0, List.of());
    }

    /** The records of the extract proper: without repeated header rows (what {@code extract.json} declares). */
    public long dataRecords()
    {
        return records - repeatedHeaders;
    }

    /** A CSV record spanning physical lines {@code first} to {@code last} (1-based, inclusive). */
    public record LineRange(long first, long last)
    {
        public LineRange
        {
            if (first < 1 || last <= first) {
                throw new IllegalArgumentException("a multi-line record spans lines " + first + " to " + last);
            }
        }
    }
}
