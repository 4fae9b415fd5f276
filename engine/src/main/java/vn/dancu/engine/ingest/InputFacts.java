package vn.dancu.engine.ingest;

import static java.util.Objects.requireNonNull;

/**
 * What ingest established about one input file before reading it with Spark: its checksum, and how many records it
 * physically holds (lines for CSV, without the header, and JSON Lines; the footer's row count for Parquet). The
 * record count is counted apart from the Spark job, so that the reconciliation compares two independent counts.
 */
public record InputFacts(String file, RegisterTable table, RegisterFile.Format format, long bytes, String sha256, long records)
{
    public InputFacts
    {
        requireNonNull(file, "file is null");
        requireNonNull(table, "table is null");
        requireNonNull(format, "format is null");
        requireNonNull(sha256, "sha256 is null");
        if (records < 0) {
            throw new IllegalArgumentException("records must not be negative, was " + records);
        }
    }
}
