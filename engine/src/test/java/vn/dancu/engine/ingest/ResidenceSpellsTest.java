package vn.dancu.engine.ingest;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import vn.dancu.engine.SparkTestSession;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ResidenceSpellsTest
{
    private static final LocalDate START = LocalDate.of(2016, 11, 1);
    private static final LocalDate REFORM = LocalDate.of(2025, 7, 1);
    private final SparkSession spark = SparkTestSession.get();

    private Dataset<Row> persons(Row... rows)
    {
        StructType schema = new StructType().add("pid", DataTypes.StringType).add("commune_code", DataTypes.StringType)
                .add("former_commune_code", DataTypes.StringType);
        return spark.createDataFrame(List.of(rows), schema);
    }

    private Dataset<Row> events(Row... rows)
    {
        StructType schema = new StructType().add("event_id", DataTypes.StringType).add("pid", DataTypes.StringType)
                .add("event_type", DataTypes.StringType).add("event_date", DataTypes.DateType).add("commune_code", DataTypes.StringType)
                .add("from_commune_code", DataTypes.StringType);
        List<Row> numbered = new java.util.ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            Object[] values = new Object[rows[i].size() + 1];
            values[0] = String.format("E%03d", i + 1);
            for (int j = 0; j < rows[i].size(); j++) {
                values[j + 1] = rows[i].get(j);
            }
            numbered.add(RowFactory.create(values));
        }
        return spark.createDataFrame(numbered, schema);
    }

    private Dataset<Row> successors()
    {
        StructType schema = new StructType().add("old_code", DataTypes.StringType).add("new_code", DataTypes.StringType);
        return spark.createDataFrame(List.of(RowFactory.create("23482", "23485"), RowFactory.create("23485", "23485"),
                RowFactory.create("23491", "23479"), RowFactory.create("23479", "23479")), schema);
    }

    private static Date d(String iso)
    {
        return Date.valueOf(iso);
    }

    private List<String> spellsOf(Dataset<Row> persons, Dataset<Row> events)
    {
        return ResidenceSpells.derive(persons, events, successors(), START, REFORM)
                .orderBy("pid", "valid_from")
                .collectAsList().stream()
                .map(row -> row.getString(0) + " " + row.getString(1) + " " + row.getDate(2) + ".." + row.getDate(3)
                        + " " + row.getString(4) + "→" + row.getString(5))
                .toList();
    }

    @Test
    void personWithoutEventsLivesInFormerCommuneUntilTheReformThenInItsSuccessor()
    {
        List<String> spells = spellsOf(persons(RowFactory.create("a", "23485", "23482")), events());

        assertEquals(List.of(
                "a 23482 2016-11-01..2025-07-01 PRESENT_AT_START→REORGANISATION",
                "a 23485 2025-07-01..null REORGANISATION→null"), spells);
    }

    @Test
    void birthMoveAndDeathMakeConsecutiveSpellsCutAtTheReform()
    {
        List<String> spells = spellsOf(
                persons(RowFactory.create("b", "23479", null)),
                events(RowFactory.create("b", "BIRTH", d("2018-03-10"), "23482", null),
                        RowFactory.create("b", "MOVE_WITHIN", d("2020-05-02"), "23491", "23482"),
                        RowFactory.create("b", "DEATH", d("2026-01-15"), "23479", null)));

        assertEquals(List.of(
                "b 23482 2018-03-10..2020-05-02 BIRTH→MOVE_WITHIN",
                "b 23491 2020-05-02..2025-07-01 MOVE_WITHIN→REORGANISATION",
                "b 23479 2025-07-01..2026-01-15 REORGANISATION→DEATH"), spells);
    }

    @Test
    void personPresentAtStartWhoMovesAfterTheReformTakesTheFormerCommuneBeforeIt()
    {
        List<String> spells = spellsOf(
                persons(RowFactory.create("c", "23479", "23482")),
                events(RowFactory.create("c", "MOVE_WITHIN", d("2026-02-01"), "23479", "23485")));

        assertEquals(List.of(
                "c 23482 2016-11-01..2025-07-01 PRESENT_AT_START→REORGANISATION",
                "c 23485 2025-07-01..2026-02-01 REORGANISATION→MOVE_WITHIN",
                "c 23479 2026-02-01..null MOVE_WITHIN→null"), spells);
    }

    @Test
    void personWhoMovedOutBeforeTheReformHasOneSpellFromTheStart()
    {
        List<String> spells = spellsOf(
                persons(RowFactory.create("d", "23491", null)),
                events(RowFactory.create("d", "MOVE_OUT", d("2019-08-31"), "23491", null)));

        assertEquals(List.of("d 23491 2016-11-01..2019-08-31 PRESENT_AT_START→MOVE_OUT"), spells);
    }

    @Test
    void twoMovesOfOneDayFollowTheirRecordIdsAndAMissingFormerCommuneFallsBackOnTheFirstOrigin()
    {
        List<String> spells = spellsOf(
                persons(RowFactory.create("e", "23485", null)),
                events(RowFactory.create("e", "MOVE_WITHIN", d("2026-02-01"), "23497", "23479"),
                        RowFactory.create("e", "MOVE_WITHIN", d("2026-02-01"), "23485", "23497")));

        assertEquals(List.of(
                "e 23479 2016-11-01..2025-07-01 PRESENT_AT_START→REORGANISATION",
                "e 23479 2025-07-01..2026-02-01 REORGANISATION→MOVE_WITHIN",
                "e 23485 2026-02-01..null MOVE_WITHIN→null"), spells);
    }

    @Test
    void eventsDatedBeforeThePeriodStartStillDecideWhetherAndWhereAPersonWasPresentAtTheStart()
    {
        List<String> spells = spellsOf(
                persons(RowFactory.create("g", "23485", "23482"), RowFactory.create("h", "23485", null)),
                events(RowFactory.create("g", "BIRTH", d("2016-05-01"), "23482", null),
                        RowFactory.create("g", "MOVE_WITHIN", d("2020-03-01"), "23485", "23482"),
                        RowFactory.create("h", "MOVE_OUT", d("2016-03-01"), "23479", null),
                        RowFactory.create("h", "MOVE_IN", d("2018-01-01"), "23485", null)));

        // g was born before the start: not present at the start, the birth's spell ends at the move.
        // h's first event (a move out before the start) makes the start's commune its origin, not the later move in's
        assertEquals(List.of(
                "g 23482 2016-05-01..2020-03-01 BIRTH→MOVE_WITHIN",
                "g 23485 2020-03-01..2025-07-01 MOVE_WITHIN→REORGANISATION",
                "g 23485 2025-07-01..null REORGANISATION→null",
                "h 23479 2016-11-01..2018-01-01 PRESENT_AT_START→MOVE_IN",
                "h 23485 2018-01-01..2025-07-01 MOVE_IN→REORGANISATION",
                "h 23485 2025-07-01..null REORGANISATION→null"), spells);
    }
}
