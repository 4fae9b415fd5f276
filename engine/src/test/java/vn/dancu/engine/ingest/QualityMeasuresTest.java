package vn.dancu.engine.ingest;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import vn.dancu.engine.SparkTestSession;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The "sống" measures, worked by hand: who is marked resident although dead or gone, and who is marked dead or moved
 * out although no accepted event takes them out of the area. Checked tables here hold only the columns
 * {@link QualityMeasures} reads; the events carry their person's accepted record as {@link EventRules#check} does.
 */
class QualityMeasuresTest
{
    private static final StructType PERSONS = new StructType()
            .add("pid", DataTypes.StringType)
            .add("quality_commune_code", DataTypes.StringType)
            .add("reason_code", DataTypes.StringType)
            .add("residence_status", DataTypes.StringType)
            .add("religion", DataTypes.StringType)
            .add("household_pid", DataTypes.StringType)
            .add("relation_to_head", DataTypes.StringType)
            .add("chip_card_issue_date", DataTypes.DateType)
            .add("vneid_level", DataTypes.IntegerType);
    private static final StructType EVENTS = new StructType()
            .add("record_id", DataTypes.StringType)
            .add("quality_commune_code", DataTypes.StringType)
            .add("reason_code", DataTypes.StringType)
            .add("pid", DataTypes.StringType)
            .add("event_type", DataTypes.StringType)
            .add("event_date", DataTypes.DateType)
            .add("person_quality_commune_code", DataTypes.StringType)
            .add("person_resident", DataTypes.BooleanType);

    private final SparkSession spark = SparkTestSession.get();
    private final List<Row> persons = new ArrayList<>();
    private final List<Row> events = new ArrayList<>();

    @Test
    void residentsWhoDiedOrLeftAndExitsWithoutAnEventAreCountedInThePersonsCommune()
    {
        // Commune A
        person("p1", "A", "PERMANENT");
        event("p1", "DEATH", "2024-03-01", null);                    // dead, still marked resident
        person("p2", "A", "TEMPORARY");
        event("p2", "MOVE_IN", "2020-01-01", null);
        event("p2", "MOVE_OUT", "2023-05-01", null);                 // gone by a last move out, still marked resident
        person("p3", "A", "PERMANENT");
        event("p3", "MOVE_OUT", "2021-01-01", null);
        event("p3", "MOVE_IN", "2022-01-01", null);                  // came back: resident, rightly
        person("p4", "A", "DECEASED");                               // marked dead, no event: exit without event
        person("p5", "A", "DECEASED");
        event("p5", "DEATH", "2025-08-01", null);                    // marked dead and a death recorded: fine
        person("p6", "A", "MOVED_OUT");
        event("p6", "MOVE_OUT", "2024-02-01", "EVENT_COMMUNE_UNKNOWN"); // its only move out quarantined: exit without event
        person("p7", "A", "MOVED_OUT");
        event("p7", "MOVE_OUT", "2024-02-01", null);                 // fine
        person("p8", "A", "MOVED_OUT");
        event("p8", "MOVE_OUT", "2022-06-01", null);
        event("p8", "MOVE_IN", "2023-06-01", null);                  // came back, still marked moved out: exit without event
        person("p9", "A", "MOVED_OUT");
        event("p9", "MOVE_OUT", "2024-09-09", null);
        event("p9", "MOVE_IN", "2024-09-09", null);                  // same day: the move in comes first, so gone: fine
        // Commune B
        person("q1", "B", "PERMANENT");
        event("q1", "MOVE_OUT", "2023-01-01", null);
        event("q1", "DEATH", "2024-01-01", null);                    // dead (not "moved out") and marked resident
        person("q2", "B", "DECEASED");                               // exit without event
        personRejected("q3", "B", "DECEASED");                       // quarantined: in no measure but the records'
        person("q4", "B", "TEMPORARY");                              // resident, no events: fine

        Map<String, Long> measured = measure();

        Map<String, Long> expected = new TreeMap<>();
        expected.put("A DEAD_MARKED_RESIDENT", 1L);
        expected.put("A MOVED_OUT_MARKED_RESIDENT", 1L);
        expected.put("A EXIT_WITHOUT_EVENT", 3L);
        expected.put("A PERSONS_RESIDENT", 3L);
        expected.put("A PERSON_RECORDS_READ", 9L);
        expected.put("A RECORDS_READ", 9L + 12L);
        expected.put("A RECORDS_QUARANTINED", 1L);
        expected.put("B DEAD_MARKED_RESIDENT", 1L);
        expected.put("B MOVED_OUT_MARKED_RESIDENT", 0L);
        expected.put("B EXIT_WITHOUT_EVENT", 1L);
        expected.put("B PERSONS_RESIDENT", 2L);
        expected.put("B PERSON_RECORDS_READ", 4L);
        expected.put("B RECORDS_READ", 4L + 2L);
        expected.put("B RECORDS_QUARANTINED", 1L);
        Map<String, Long> found = new TreeMap<>();
        expected.keySet().forEach(key -> found.put(key, measured.get(key)));
        assertEquals(expected, found);
        // every indicator for every commune, nothing else
        assertEquals(2 * QualityMeasures.Indicator.values().length, measured.size());
    }

    private void person(String pid, String commune, String status)
    {
        persons.add(RowFactory.create(pid, commune, null, status, null, null, null, null, null));
    }

    private void personRejected(String pid, String commune, String status)
    {
        persons.add(RowFactory.create(pid, commune, ReasonCode.DUPLICATE_PERSON.name(), status, null, null, null, null, null));
    }

    private void event(String pid, String type, String date, String reason)
    {
        Row person = persons.stream().filter(row -> row.getString(0).equals(pid)).findFirst().orElseThrow();
        events.add(RowFactory.create("E" + (events.size() + 1), person.getString(1), reason, pid, type, Date.valueOf(date),
                person.getString(1), PersonRules.RESIDENT_STATUSES.contains(person.getString(3))));
    }

    private Map<String, Long> measure()
    {
        Map<String, Long> values = new TreeMap<>();
        for (Row row : QualityMeasures.measure(spark.createDataFrame(persons, PERSONS), spark.createDataFrame(events, EVENTS)).collectAsList()) {
            values.put(row.getAs("commune_code") + " " + row.getAs("indicator"), row.getAs("value"));
        }
        return values;
    }
}
