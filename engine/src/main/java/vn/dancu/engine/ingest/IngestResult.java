package vn.dancu.engine.ingest;

import java.util.Map;

/** What an ingest run produced: the snapshot and, per input file, how many records went where. */
public record IngestResult(String snapshotId, String runId, Map<String, FileCounts> files)
{
    public IngestResult
    {
        files = Map.copyOf(files);
    }

    public record FileCounts(long read, long accepted, long quarantined)
    {
        public boolean reconciles()
        {
            return read == accepted + quarantined;
        }
    }
}
