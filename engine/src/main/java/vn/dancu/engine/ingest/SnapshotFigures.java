package vn.dancu.engine.ingest;

import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;

/**
 * What the plausibility gate compares of a snapshot: the records read and accepted per table, and the residents at
 * the extract date (persons whose residence spell covers it) by commune, as the population cube counts them.
 */
public record SnapshotFigures(String snapshotId, LocalDate extractDate, String area, long personsRead, long personsAccepted, long eventsRead,
        long eventsAccepted, Map<String, Long> residentsByCommune)
{
    public SnapshotFigures
    {
        requireNonNull(snapshotId, "snapshotId is null");
        requireNonNull(extractDate, "extractDate is null");
        requireNonNull(area, "area is null");
        residentsByCommune = Collections.unmodifiableMap(new TreeMap<>(residentsByCommune));
    }

    /** The figures of a run's report with the residents counted from its residence spells. */
    public static SnapshotFigures of(IngestReport report, Map<String, Long> residentsByCommune)
    {
        long personsRead = 0;
        long personsAccepted = 0;
        long eventsRead = 0;
        long eventsAccepted = 0;
        for (IngestReport.FileReport file : report.files()) {
            if (file.table().equals(RegisterTable.PERSONS.fileName())) {
                personsRead += file.read();
                personsAccepted += file.accepted();
            }
            else {
                eventsRead += file.read();
                eventsAccepted += file.accepted();
            }
        }
        return new SnapshotFigures(report.snapshotId(), LocalDate.parse(report.extractDate()), report.area(), personsRead, personsAccepted,
                eventsRead, eventsAccepted, residentsByCommune);
    }

    /** The same figures with each commune code mapped by {@code units} (e.g. to its 2025 successor), residents added up. */
    public SnapshotFigures onUnits(UnaryOperator<String> units)
    {
        Map<String, Long> recast = new TreeMap<>();
        residentsByCommune.forEach((code, residents) -> recast.merge(units.apply(code), residents, Long::sum));
        return new SnapshotFigures(snapshotId, extractDate, area, personsRead, personsAccepted, eventsRead, eventsAccepted, recast);
    }

    public long residents()
    {
        return residentsByCommune.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Accepted person records per 100 read; empty when none was read. */
    public OptionalDouble personsAcceptedShare()
    {
        return share(personsAccepted, personsRead);
    }

    /** Accepted event records per 100 read; empty when none was read. */
    public OptionalDouble eventsAcceptedShare()
    {
        return share(eventsAccepted, eventsRead);
    }

    private static OptionalDouble share(long accepted, long read)
    {
        return read == 0 ? OptionalDouble.empty() : OptionalDouble.of(100.0 * accepted / read);
    }
}
