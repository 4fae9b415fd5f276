package vn.dancu.engine.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What an ingest run produced.
 *
 * @param reused           true when the extract had already been ingested into this snapshot: nothing was recomputed,
 *                         the report is the earlier run's, and the snapshot was made current again
 * @param removedLeftovers temporary folders of killed runs that this run deleted ({@code curated/snapshots/.tmp-…},
 *                         {@code quarantine/.tmp-…}), relative to the data folder
 */
public record IngestResult(IngestReport report, boolean reused, String snapshotFolder, String quarantineFolder, List<String> removedLeftovers)
{
    public IngestResult
    {
        requireNonNull(report, "report is null");
        requireNonNull(snapshotFolder, "snapshotFolder is null");
        requireNonNull(quarantineFolder, "quarantineFolder is null");
        removedLeftovers = List.copyOf(removedLeftovers);
    }

    public String snapshotId()
    {
        return report.snapshotId();
    }

    public String runId()
    {
        return report.runId();
    }

    /** Per input file: read, accepted, quarantined. */
    public Map<String, FileCounts> files()
    {
        Map<String, FileCounts> counts = new LinkedHashMap<>();
        for (IngestReport.FileReport file : report.files()) {
            counts.put(file.file(), new FileCounts(file.read(), file.accepted(), file.quarantined()));
        }
        return counts;
    }

    public record FileCounts(long read, long accepted, long quarantined)
    {
        public boolean reconciles()
        {
            return read == accepted + quarantined;
        }
    }
}
