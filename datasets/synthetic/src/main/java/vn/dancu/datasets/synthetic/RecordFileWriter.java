package vn.dancu.datasets.synthetic;

import java.io.Closeable;
import java.io.IOException;

/** Writes the records of one register file (persons or events) in one format. */
interface RecordFileWriter extends Closeable
{
    /**
     * Writes one record, damaged as its fault says, and returns its position as faults.csv counts it: the 1-based
     * physical line for CSV (header = line 1) and JSON Lines, the 1-based row for Parquet.
     */
    long write(String recordId, OutputRow row) throws IOException;

    /** Records written so far. */
    long records();
}
