package vn.dancu.engine.cube;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import vn.dancu.engine.SparkTestSession;
import vn.dancu.model.cube.CodeLists;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FactSourcesTest
{
    private final SparkSession spark = SparkTestSession.get();

    private static List<String> rows(Dataset<Row> facts, String... order)
    {
        String[] rest = Arrays.copyOfRange(order, 1, order.length);
        return facts.orderBy(order[0], rest).collectAsList().stream().map(Row::toString).toList();
    }

    private static Dataset<Row> facts(String source, CuratedSnapshot snapshot, String from)
    {
        return FactSources.find(source).orElseThrow()
                .facts(HandMadeSnapshot.inputs(snapshot), new FactRequest(LocalDate.parse(from), Map.of()));
    }

    @Test
    void populationStockCountsEachMonthEndInsideASpellAtTheAgeCompletedThatDay()
    {
        CuratedSnapshot snapshot = new HandMadeSnapshot(Map.of())
                // left on 30/09: counted on 31/07 and 31/08 only; 26 on 31/08, her birthday
                .person("p", "2000-08-31", "F", "14", "DECEASED").spell("p", "23479", "2026-07-31", "2026-09-30")
                // arrived 15/08: counted from 31/08; 36 on 30/09
                .person("q", "1990-09-30", "M", "01", "TEMPORARY").spell("q", "23485", "2026-08-15", null)
                .build(spark, "2026-07-01", "2026-10-31");

        assertEquals(List.of(
                "[23479,F,14,PERMANENT,25,2026-07-31,1]",
                "[23479,F,14,PERMANENT,26,2026-08-31,1]",
                "[23485,M,01,TEMPORARY,35,2026-08-31,1]",
                "[23485,M,01,TEMPORARY,36,2026-09-30,1]",
                "[23485,M,01,TEMPORARY,36,2026-10-31,1]"),
                rows(facts("residents_at_month_end", snapshot, "2026-07-01"), "commune_code", "ref_date"));
    }

    @Test
    void populationStockAgesLeapDayBirthsOnFirstMarchAndCapsAgeAtOneHundred()
    {
        CuratedSnapshot snapshot = new HandMadeSnapshot(Map.of())
                .person("leap", "2004-02-29", "M", "01", "PERMANENT").spell("leap", "23479", "2024-12-15", null)
                .person("twin", "2004-02-29", "M", "01", "PERMANENT").spell("twin", "23479", "2025-02-01", "2025-04-01")
                .person("old", "1920-03-15", "F", "01", "PERMANENT").spell("old", "23485", "2025-01-31", "2025-03-01")
                .build(spark, "2024-11-01", "2025-04-30");

        assertEquals(List.of(
                "[23479,M,01,PERMANENT,20,2024-12-31,1]",
                "[23479,M,01,PERMANENT,20,2025-01-31,1]",
                "[23479,M,01,PERMANENT,20,2025-02-28,2]",
                "[23479,M,01,PERMANENT,21,2025-03-31,2]",
                "[23479,M,01,PERMANENT,21,2025-04-30,1]",
                "[23485,F,01,PERMANENT,100,2025-01-31,1]",
                "[23485,F,01,PERMANENT,100,2025-02-28,1]"),
                rows(facts("residents_at_month_end", snapshot, "2024-11-01"), "commune_code", "ref_date"));
    }

    @Test
    void populationStockOfAnIncrementalBuildStartsAtTheFirstMonthAsked()
    {
        CuratedSnapshot snapshot = new HandMadeSnapshot(Map.of())
                .person("q", "1990-09-30", "M", "01", "PERMANENT").spell("q", "23485", "2026-08-15", null)
                .build(spark, "2026-07-01", "2026-10-31");

        assertEquals(List.of("[23485,M,01,PERMANENT,36,2026-10-31,1]"),
                rows(facts("residents_at_month_end", snapshot, "2026-10-01"), "ref_date"));
    }

    @Test
    void identityCoverageFollowsCardIssueAndVneidActivationWithinASpell()
    {
        CuratedSnapshot snapshot = new HandMadeSnapshot(Map.of())
                .person("card", "2008-05-01", "F", "01", "PERMANENT", "2025-02-10", 2, "2025-03-20").spell("card", "23479", "2024-12-15", null)
                // turns 14 on 15/02/2025: from the group 0-13 to 14-17
                .person("teen", "2011-02-15", "M", "01", "PERMANENT", "2025-03-31", 0, null).spell("teen", "23479", "2025-01-01", null)
                // a level without an activation date is counted as level 0
                .person("undated", "1980-01-01", "M", "01", "PERMANENT", null, 1, null).spell("undated", "23485", "2025-04-01", null)
                .build(spark, "2024-11-01", "2025-04-30");

        assertEquals(List.of(
                "[23479,F,NO,0,14-17,2024-12-31,1]",
                "[23479,F,NO,0,14-17,2025-01-31,1]",
                "[23479,F,YES,0,14-17,2025-02-28,1]",
                "[23479,F,YES,2,14-17,2025-03-31,1]",
                "[23479,F,YES,2,14-17,2025-04-30,1]",
                "[23479,M,NO,0,0-13,2025-01-31,1]",
                "[23479,M,NO,0,14-17,2025-02-28,1]",
                "[23479,M,YES,0,14-17,2025-03-31,1]",
                "[23479,M,YES,0,14-17,2025-04-30,1]",
                "[23485,M,NO,0,40-59,2025-04-30,1]"),
                rows(facts("identity_at_month_end", snapshot, "2024-11-01"), "commune_code", "sex", "ref_date"));
    }

    @Test
    void identityCoverageCutsASpellOnceWhenCardAndAccountComeTheSameDayAndNeverOutsideTheSpell()
    {
        CuratedSnapshot snapshot = new HandMadeSnapshot(Map.of())
                // card and account on the same day: one cut, on 10/02/2025
                .person("same", "1980-01-01", "F", "01", "PERMANENT", "2025-02-10", 2, "2025-02-10").spell("same", "23479", "2024-12-15", null)
                // card before the spell (held from its first day), account after it ended (never counted)
                .person("outside", "1980-01-01", "M", "01", "PERMANENT", "2024-06-01", 1, "2025-03-05")
                .spell("outside", "23485", "2025-01-01", "2025-03-01")
                .build(spark, "2024-11-01", "2025-04-30");

        assertEquals(List.of(
                "[23479,F,NO,0,40-59,2024-12-31,1]",
                "[23479,F,NO,0,40-59,2025-01-31,1]",
                "[23479,F,YES,2,40-59,2025-02-28,1]",
                "[23479,F,YES,2,40-59,2025-03-31,1]",
                "[23479,F,YES,2,40-59,2025-04-30,1]",
                "[23485,M,YES,0,40-59,2025-01-31,1]",
                "[23485,M,YES,0,40-59,2025-02-28,1]"),
                rows(facts("identity_at_month_end", snapshot, "2024-11-01"), "commune_code", "sex", "ref_date"));
    }

    @Test
    void projectionChangeDigestsAreTheSumsOfPersonYearsAndTheThreeFlowCubes()
    {
        CuratedSnapshot snapshot = new HandMadeSnapshot(Map.of())
                .person("mother", "1995-06-10", "F", "01", "PERMANENT")
                .spell("mother", "23479", "2024-11-01", "2025-01-10").spell("mother", "23485", "2025-01-10", null)
                .person("c1", "2025-01-05", "M", "01", "PERMANENT").spell("c1", "23485", "2025-01-05", null)
                .event("BIRTH", "2025-01-05", "c1", "23485", null, "mother")
                .person("d", "1950-05-05", "M", "01", "DECEASED").spell("d", "23479", "2024-11-01", "2025-02-03")
                .event("DEATH", "2025-02-03", "d", "23479", null, null)
                .person("m", "2000-01-01", "F", "01", "MOVED_OUT").spell("m", "23479", "2025-01-20", "2025-03-05")
                .spell("m", "23485", "2025-03-05", "2025-04-30")
                .event("MOVE_IN", "2025-01-20", "m", "23479", null, null)
                .event("MOVE_WITHIN", "2025-03-05", "m", "23485", "23479", null)
                .event("MOVE_OUT", "2025-04-30", "m", "23485", null, null)
                .build(spark, "2024-11-01", "2025-04-30");
        BuildInputs inputs = HandMadeSnapshot.inputs(snapshot);
        FactSource projection = FactSources.find(vn.dancu.engine.projection.ProjectionSource.NAME).orElseThrow();
        Map<String, Dataset<Row>> parts = new java.util.LinkedHashMap<>();
        projection.changePointsOfSources().forEach(part -> parts.put(part, FactSources.find(part).orElseThrow().changePoints(inputs).orElseThrow()));

        List<String> ownPoints = ChangeDigests.dailyDigests(Map.of(projection.name(), projection.changePoints(inputs).orElseThrow()))
                .collectAsList().stream().map(Row::toString).sorted().toList();
        List<String> summed = ChangeDigests.withUnions(ChangeDigests.dailyDigests(parts).collectAsList(), Map.of(projection.name(),
                        projection.changePointsOfSources())).stream()
                .filter(row -> row.getString(0).equals(projection.name())).map(Row::toString).sorted().toList();

        assertEquals(List.of("births_by_month", "deaths_by_month", "exposure_by_year", "moves_by_month"), parts.keySet().stream().sorted().toList());
        assertEquals(7, ownPoints.size(), "days with points: " + ownPoints);
        assertEquals(ownPoints, summed);
    }

    @Test
    void personYearsSplitAtBirthdaysAndYearEndsAndRecastDaysBeforeTheReformOfTheReformYear()
    {
        CuratedSnapshot snapshot = new HandMadeSnapshot(Map.of("23482", "23485"))
                // 25 on 01/03/2025; the ingest cuts the spell at 01/07/2025 into the old and the new commune
                .person("p", "2000-03-01", "F", "01", "PERMANENT")
                .spell("p", "23482", "2024-11-01", "2025-07-01").spell("p", "23485", "2025-07-01", null)
                .build(spark, "2024-11-01", "2025-08-15");

        assertEquals(List.of(
                "[23482,F,20-24,2024-12-31,61]",
                "[23485,F,20-24,2025-08-15,59]",
                "[23485,F,25-29,2025-08-15,46]",
                "[23485,F,25-29,2025-08-15,122]"),
                rows(facts("exposure_by_year", snapshot, "2024-11-01"), "ref_date", "age_group", "person_days"));
    }

    @Test
    void birthsCountAtTheMothersCommuneOnTheDayWithHerAgeGroupOrUnknown()
    {
        CuratedSnapshot snapshot = new HandMadeSnapshot(Map.of())
                .person("mother", "1995-06-10", "F", "01", "PERMANENT")
                .spell("mother", "23479", "2024-11-01", "2025-01-10").spell("mother", "23485", "2025-01-10", null)
                .person("c1", "2025-01-05", "M", "01", "PERMANENT").spell("c1", "23485", "2025-01-05", null)
                .event("BIRTH", "2025-01-05", "c1", "23485", null, "mother")
                .person("c2", "2025-03-02", "F", "01", "PERMANENT").spell("c2", "23485", "2025-03-02", null)
                .event("BIRTH", "2025-03-02", "c2", "23485", null, "not-in-the-register")
                .build(spark, "2024-11-01", "2025-04-30");

        assertEquals(List.of(
                "[23479,M,25-29,2025-01-31,1]",
                "[23485,F,UNKNOWN,2025-03-31,1]"),
                rows(facts("births_by_month", snapshot, "2024-11-01"), "ref_date"));
    }

    @Test
    void deathsCountAtTheCommuneOfResidenceByAgeGroupAtDeath()
    {
        CuratedSnapshot snapshot = new HandMadeSnapshot(Map.of())
                .person("d", "1950-05-05", "M", "01", "DECEASED").spell("d", "23479", "2024-11-01", "2025-02-03")
                .event("DEATH", "2025-02-03", "d", "23479", null, null)
                .build(spark, "2024-11-01", "2025-04-30");

        assertEquals(List.of("[23479,M,70-74,2025-02-28,1]"), rows(facts("deaths_by_month", snapshot, "2024-11-01"), "ref_date"));
    }

    @Test
    void movesBetweenCommunesOfTheAreaCountAtBothEndsNamingTheOther()
    {
        CuratedSnapshot snapshot = new HandMadeSnapshot(Map.of())
                .person("m", "2000-01-01", "F", "01", "MOVED_OUT")
                .event("MOVE_IN", "2025-01-20", "m", "23479", null, null)
                .event("MOVE_WITHIN", "2025-03-05", "m", "23485", "23479", null)
                .event("MOVE_OUT", "2025-04-30", "m", "23485", null, null)
                .build(spark, "2024-11-01", "2025-04-30");

        assertEquals(List.of(
                "[23479,IN,OUTSIDE,F,25-29,2025-01-31,1]",
                "[23479,BETWEEN_OUT,23485,F,25-29,2025-03-31,1]",
                "[23485,BETWEEN_IN,23479,F,25-29,2025-03-31,1]",
                "[23485,OUT,OUTSIDE,F,25-29,2025-04-30,1]"),
                rows(facts("moves_by_month", snapshot, "2024-11-01"), "ref_date", "commune_code"));
    }

    @Test
    void householdsOfTenOrMoreAreStoredAsSizeTen()
    {
        HandMadeSnapshot register = new HandMadeSnapshot(Map.of());
        register.person("single", "1970-01-01", "F", "01", "PERMANENT").inHousehold("h1").spell("single", "23479", "2024-11-01", null);
        for (int member = 0; member < 12; member++) {
            register.person("big" + member, "1990-01-01", "M", "01", "PERMANENT").inHousehold("h3").spell("big" + member, "23485", "2024-11-01", null);
        }
        CuratedSnapshot snapshot = register.build(spark, "2024-11-01", "2025-04-30");

        assertEquals(List.of(
                "[23479,1,2025-04-30,1,1]",
                "[23485,10,2025-04-30,1,12]"),
                rows(facts("households_at_extract", snapshot, "2024-11-01"), "commune_code", "household_size"));
    }

    @Test
    void householdsCountTheirMembersResidentAtTheExtractDateByTheirSpellsWhateverTheStatusSays()
    {
        // Đắk Tờ Re (23494) became part of Kon Braih (23497) on 01/07/2025; the extract date is 31/10/2026.
        CuratedSnapshot snapshot = new HandMadeSnapshot(Map.of("23494", "23497", "23497", "23497"))
                .person("head", "1960-01-01", "M", "01", "PERMANENT").inHousehold("h1")
                .spell("head", "23494", "2024-11-01", "2025-07-01").spell("head", "23497", "2025-07-01", null)
                // died in 2024 in Đắk Tờ Re, still marked a permanent resident: not a member
                .person("dead", "1930-01-01", "F", "01", "PERMANENT").inHousehold("h1").spell("dead", "23494", "2024-11-01", "2024-12-10")
                .event("DEATH", "2024-12-10", "dead", "23494", null, null)
                // moved out in 2026, still marked a temporary resident: not a member
                .person("left", "1990-01-01", "F", "01", "TEMPORARY").inHousehold("h1").spell("left", "23497", "2025-07-01", "2026-03-01")
                .event("MOVE_OUT", "2026-03-01", "left", "23497", null, null)
                // marked moved out, but no event ends the spell: a member, as the population stock counts him
                .person("stays", "2000-01-01", "M", "01", "MOVED_OUT").inHousehold("h1").spell("stays", "23497", "2025-07-01", null)
                // resident without a household: in no household
                .person("alone", "1980-01-01", "M", "01", "PERMANENT").inHousehold(null).spell("alone", "23497", "2025-07-01", null)
                // a spell of an abolished commune still open at the extract date (a snapshot whose spells were not cut at
                // the reform): recast to the successor, never published under 23494
                .person("uncut", "1985-01-01", "F", "01", "PERMANENT").inHousehold("h1").spell("uncut", "23494", "2024-11-01", null)
                // born on the extract date: a spell starting that day covers it
                .person("new", "2026-10-31", "F", "01", "PERMANENT").inHousehold("h2").spell("new", "23479", "2026-10-31", null)
                .build(spark, "2024-11-01", "2026-10-31");

        assertEquals(List.of(
                "[23479,1,2026-10-31,1,1]",
                "[23497,3,2026-10-31,1,3]"),
                rows(facts("households_at_extract", snapshot, "2024-11-01"), "commune_code", "household_size"));
    }

    @Test
    void qualityAndQuarantineDescribeTheExtractDate()
    {
        CuratedSnapshot snapshot = new HandMadeSnapshot(Map.of())
                .quality("23479", "RECORDS_READ", 120).quality("23479", "RECORDS_QUARANTINED", 3)
                .quarantined("PERSON", "ID_NOT_12_DIGITS").quarantined("EVENT", "EVENT_AFTER_DEATH")
                .build(spark, "2024-11-01", "2025-04-30");

        assertEquals(List.of("[23479,RECORDS_QUARANTINED,2025-04-30,3]", "[23479,RECORDS_READ,2025-04-30,120]"),
                rows(facts("ingest_quality", snapshot, "2024-11-01"), "indicator"));
        assertEquals(List.of("[EVENT,EVENT_AFTER_DEATH,2025-04-30,1]", "[PERSON,ID_NOT_12_DIGITS,2025-04-30,1]"),
                rows(facts("ingest_quarantine", snapshot, "2024-11-01"), "record_type"));
    }

    @Test
    void qualityAfterTheReformIsOnTheUnitsOfTheExtractDateAndUnknownCommunesOnlyInTheArea()
    {
        // Đắk Pne (23491) and the town of Đắk Rve (23479) became the commune Đăk Rve (23479) on 01/07/2025.
        CuratedSnapshot snapshot = new HandMadeSnapshot(Map.of("23491", "23479", "23479", "23479"))
                .quality("23491", "RECORDS_READ", 40).quality("23479", "RECORDS_READ", 60).quality("UNKNOWN", "RECORDS_READ", 2)
                .build(spark, "2024-11-01", "2026-10-31");

        assertEquals(List.of("[,RECORDS_READ,2026-10-31,2]", "[23479,RECORDS_READ,2026-10-31,100]"),
                rows(facts("ingest_quality", snapshot, "2024-11-01"), "commune_code"));
    }

    @Test
    void ageGroupsComeFromTheRangesOfTheCodeList()
    {
        CodeRanges mothers = CodeRanges.of(CodeLists.builtIn().get("motherAgeGroup"));

        assertEquals(List.of(10, 15, 20, 25, 30, 35, 40, 45, 50), mothers.lowerBounds());
        assertEquals(null, mothers.valueOf(9));
        assertEquals("10-14", mothers.valueOf(10));
        assertEquals("50+", mothers.valueOf(63));
        assertEquals(100, CodeRanges.singleYears(100).valueOf(104));
    }
}
