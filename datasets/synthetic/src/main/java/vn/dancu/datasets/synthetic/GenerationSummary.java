package vn.dancu.datasets.synthetic;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What a generation run wrote.
 *
 * @param persons        person records written (including injected duplicates)
 * @param events         event records written (including injected faulty events)
 * @param residentsAtEnd persons resident in the area at the end of the period
 * @param faults         faults listed in faults.csv
 * @param files          every file written, extract.json last
 */
public record GenerationSummary(long persons, long events, long residentsAtEnd, long faults, List<Path> files, Duration elapsed)
{
    public GenerationSummary
    {
        files = List.copyOf(files);
        requireNonNull(elapsed, "elapsed is null");
    }
}
