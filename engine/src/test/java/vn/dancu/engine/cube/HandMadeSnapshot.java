package vn.dancu.engine.cube;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import vn.dancu.engine.ingest.CuratedSchemas;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A curated snapshot written by hand, row by row, with the curated schemas; for tests of fact sources. */
final class HandMadeSnapshot
{
    private final List<Row> persons = new ArrayList<>();
    private final List<Row> events = new ArrayList<>();
    private final List<Row> spells = new ArrayList<>();
    private final List<Row> quality = new ArrayList<>();
    private final List<Row> quarantine = new ArrayList<>();
    private final Map<String, String> successors;
    private int eventNumber;

    HandMadeSnapshot(Map<String, String> successors)
    {
        this.successors = successors;
    }

    static Date date(String iso)
    {
        return iso == null ? null : Date.valueOf(iso);
    }

    HandMadeSnapshot person(String pid, String birthDate, String sex, String ethnicity, String status)
    {
        return person(pid, birthDate, sex, ethnicity, status, null, 0, null);
    }

    HandMadeSnapshot person(String pid, String birthDate, String sex, String ethnicity, String status, String chipCardIssued,
            int vneidLevel, String vneidActivated)
    {
        // a first snapshot: no earlier one to carry a status from, so the dead and the moved out were permanent residents
        String lastResidentStatus = status.equals("TEMPORARY") ? "TEMPORARY" : "PERMANENT";
        persons.add(RowFactory.create(pid, date(birthDate), sex, ethnicity, null, "00000", null, "h-" + pid, "HEAD", status,
                lastResidentStatus, date(chipCardIssued), vneidLevel, date(vneidActivated), "62"));
        return this;
    }

    HandMadeSnapshot spell(String pid, String commune, String from, String to)
    {
        spells.add(RowFactory.create(pid, commune, date(from), date(to), "PRESENT_AT_START", null));
        return this;
    }

    HandMadeSnapshot event(String type, String date, String pid, String commune, String fromCommune, String motherPid)
    {
        eventNumber++;
        events.add(RowFactory.create(String.format("E%08d", eventNumber), type, date(date), pid, commune, fromCommune, motherPid,
                null, date(date), LocalDate.parse(date).getYear()));
        return this;
    }

    /** Puts the person added last in {@code household} (null: in none); by default each person heads a household of their own. */
    HandMadeSnapshot inHousehold(String household)
    {
        Row last = persons.remove(persons.size() - 1);
        Object[] values = new Object[last.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = last.get(i);
        }
        values[CuratedSchemas.PERSONS_SCHEMA.fieldIndex("household_pid")] = household;
        persons.add(RowFactory.create(values));
        return this;
    }

    HandMadeSnapshot quality(String commune, String indicator, long value)
    {
        quality.add(RowFactory.create(commune, indicator, value));
        return this;
    }

    HandMadeSnapshot quarantined(String recordType, String reason)
    {
        quarantine.add(RowFactory.create(recordType, reason));
        return this;
    }

    CuratedSnapshot build(SparkSession spark, String periodStart, String periodEnd)
    {
        List<Row> successorRows = successors.entrySet().stream().map(e -> RowFactory.create(e.getKey(), e.getValue())).toList();
        return new CuratedSnapshot("s-test", LocalDate.parse(periodStart), LocalDate.parse(periodEnd), LocalDate.parse(periodEnd), "konray",
                spark.createDataFrame(persons, CuratedSchemas.PERSONS_SCHEMA),
                spark.createDataFrame(events, CuratedSchemas.EVENTS_SCHEMA),
                spark.createDataFrame(spells, CuratedSchemas.RESIDENCE_SPELLS_SCHEMA),
                spark.createDataFrame(quality, SnapshotReader.QUALITY_SCHEMA),
                spark.createDataFrame(quarantine, SnapshotReader.QUARANTINE_SCHEMA),
                spark.createDataFrame(successorRows, SnapshotReader.SUCCESSORS_SCHEMA),
                java.util.Optional.empty());
    }

    static BuildInputs inputs(CuratedSnapshot snapshot)
    {
        return new BuildInputs(snapshot, ResidenceSegments.residentSpells(snapshot.residenceSpells(), snapshot.persons()),
                LocalDate.of(2025, 7, 1));
    }
}
