package vn.dancu.datasets.synthetic;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.dancu.datasets.ethnic.EthnicGroups;
import vn.dancu.datasets.geo.AdminCatalogue;
import vn.dancu.datasets.geo.Reorganisation2025;
import vn.dancu.datasets.idnumber.IdNumberRules;
import vn.dancu.datasets.synthetic.RegisterAnalysis.Person;
import vn.dancu.datasets.synthetic.RegisterFiles.Row;

import java.io.IOException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The default register (Kon Rẫy, calibrated size, Parquet, periodEnd 2026-10-31, {@link DemoRegister}) checked as a
 * reader of the files sees it: the ID rules, the consistency rules of docs/architecture.md, and the calibration
 * within the tolerances stated in docs/synthetic-register.md. The ordinary imperfections it holds on purpose are
 * counted by {@link OrdinaryImperfectionsTest}; the rules here allow exactly those.
 */
class KonRayRegisterTest
{
    static final LocalDate TODAY = DemoRegister.TODAY;
    static final LocalDate CENSUS = LocalDate.of(2019, 4, 1);
    static final AdminCatalogue CATALOGUE = AdminCatalogue.kontum();

    static Path folder;
    static GeneratorOptions options;
    static GenerationSummary summary;
    static List<Row> persons;
    static List<Row> events;
    static RegisterAnalysis analysis;

    @BeforeAll
    static void generate() throws IOException
    {
        DemoRegister demo = DemoRegister.get();
        folder = demo.folder;
        options = demo.options;
        summary = demo.summary;
        persons = demo.persons;
        events = demo.events;
        analysis = demo.analysis;
    }

    // ---------------------------------------------------------------- files

    @Test
    void defaultsCoverTheTenYearsUpToTheEndOfLastMonth()
    {
        assertEquals(LocalDate.of(2026, 10, 31), options.periodEnd());
        assertEquals(LocalDate.of(2016, 11, 1), options.periodStart());
    }

    @Test
    void writesPersonsEventsAndMetadataAsParquet()
    {
        assertEquals(List.of(folder.resolve("persons.parquet"), folder.resolve("events.parquet"), folder.resolve("extract.json")),
                summary.files());
        assertEquals(summary.persons(), persons.size());
        assertEquals(summary.events(), events.size());
        assertEquals(0, summary.faults());
        assertEquals(summary.residentsAtEnd(), analysis.residents(options.periodEnd()));
    }

    @Test
    void extractJsonDescribesTheExtract() throws IOException
    {
        JsonNode metadata = RegisterFiles.metadata(folder);
        assertEquals("synthetic-konray-2026-10-31-seed1", metadata.get("extractId").asText());
        assertEquals("2026-10-31", metadata.get("extractDate").asText());
        assertEquals("2016-11-01", metadata.get("periodStart").asText());
        assertEquals("2026-10-31", metadata.get("periodEnd").asText());
        assertEquals("konray", metadata.get("area").asText());
        assertEquals(1, metadata.get("seed").asLong());
        assertTrue(metadata.get("personsRequested").isNull());
        assertEquals(ExtractMetadata.GENERATOR, metadata.get("generator").asText());
        assertEquals("persons.parquet", metadata.get("files").get(0).get("path").asText());
        assertEquals(persons.size(), metadata.get("files").get(0).get("records").asLong());
        assertEquals("events.parquet", metadata.get("files").get(1).get("path").asText());
        assertEquals(events.size(), metadata.get("files").get(1).get("records").asLong());
    }

    @Test
    void recordIdsNumberTheRowsInOrder()
    {
        assertEquals("P00000001", persons.get(0).get("record_id"));
        assertEquals(String.format("P%08d", persons.size()), persons.get(persons.size() - 1).get("record_id"));
        assertEquals("E00000001", events.get(0).get("record_id"));
        assertEquals(String.format("E%08d", events.size()), events.get(events.size() - 1).get("record_id"));
    }

    // ---------------------------------------------------------------- persons

    @Test
    void everyIdNumberIsValidByTheRulesAndUnique()
    {
        IdNumberRules rules = IdNumberRules.instance();
        Set<String> seen = new HashSet<>();
        for (Row person : persons) {
            String id = person.get("id_number");
            IdNumberRules.Sex sex = person.get("sex").equals("Nữ") ? IdNumberRules.Sex.FEMALE : IdNumberRules.Sex.MALE;
            assertEquals(List.of(), rules.check(id, sex, person.date("birth_date")), id);
            assertTrue(seen.add(id), "duplicate " + id);
        }
        long konTum = persons.stream().filter(person -> person.get("id_number").startsWith("062")).count();
        assertTrue(konTum > 0.75 * persons.size() && konTum < 0.95 * persons.size(), "born in Kon Tum: " + konTum);
    }

    @Test
    void personKeysAreUniqueRandomLookingHex()
    {
        Set<String> keys = new HashSet<>();
        for (Row person : persons) {
            assertTrue(person.get("person_key").matches("[0-9a-f]{32}"), person.get("person_key"));
            keys.add(person.get("person_key"));
        }
        assertEquals(persons.size(), keys.size());
    }

    @Test
    void everyFieldHoldsAnAllowedValue()
    {
        EthnicGroups groups = EthnicGroups.instance();
        Set<String> relations = Set.of("Chủ hộ", "Vợ/chồng", "Con", "Cha/mẹ", "Cháu", "Anh/chị/em", "Khác");
        Set<String> statuses = Set.of("Thường trú", "Tạm trú", "Đã chết", "Đã chuyển đi");
        Set<String> religions = Set.of("Không", "Công giáo", "Phật giáo", "Tin lành");
        for (Row person : persons) {
            assertTrue(Set.of("Nam", "Nữ").contains(person.get("sex")));
            assertTrue(groups.isKnown(person.get("ethnicity_code")), person.get("ethnicity_code"));
            assertTrue(statuses.contains(person.get("residence_status")), person.get("residence_status"));
            assertTrue(person.get("religion") == null || religions.contains(person.get("religion")), person.get("religion"));
            // no household book: neither household nor relation
            assertEquals(person.get("household_id") == null, person.get("relation_to_head") == null, person.get("record_id"));
            assertTrue(person.get("relation_to_head") == null || relations.contains(person.get("relation_to_head")), person.get("relation_to_head"));
            assertTrue(person.get("household_id") == null || person.get("household_id").matches("\\d{12}"), person.get("household_id"));
            String name = person.get("full_name");
            assertEquals(Normalizer.normalize(name, Normalizer.Form.NFC), name, "name not in NFC");
            assertEquals(name.strip(), name);
        }
    }

    @Test
    void namesFollowTheNamingTraditionOfTheEthnicGroup()
    {
        long highland = 0;
        long prefixed = 0;
        for (Row person : persons) {
            String name = person.get("full_name");
            if (person.get("ethnicity_code").equals("14") || person.get("ethnicity_code").equals("13")) {
                highland++;
                String prefix = person.get("sex").equals("Nữ") ? "Y " : "A ";
                if (name.startsWith(prefix)) {
                    prefixed++;
                }
            }
            if (person.get("ethnicity_code").equals("01")) {
                assertTrue(name.split(" ").length >= 3, name);
            }
        }
        assertTrue(prefixed > 0.75 * highland && prefixed < 0.95 * highland, prefixed + " of " + highland);
    }

    /**
     * The record's date as ingest defines it (docs/ingest.md, "Rules"): the day of death when a DEATH event records
     * one, else for a person marked as moved out the day of leaving, else the extract date (a person who left but is
     * still marked resident included).
     */
    static LocalDate recordDate(Person person, LocalDate extractDate)
    {
        for (Row event : person.events()) {
            if (event.get("event_type").equals("DEATH")) {
                return event.date("event_date");
            }
        }
        if (person.row().get("residence_status").equals("Đã chuyển đi")) {
            return person.exit();
        }
        return extractDate;
    }

    @Test
    void personCommunesAreValidOnTheRecordsDate()
    {
        for (Person person : analysis.persons.values()) {
            LocalDate day = recordDate(person, options.periodEnd());
            String commune = person.row().get("commune_code");
            assertTrue(CATALOGUE.commune(commune, day).isPresent(), person.id() + " " + commune + " on " + day);
            String former = person.row().get("former_commune_code");
            boolean residentOnEve = person.residentOn(Reorganisation2025.LAST_DAY_BEFORE);
            if (Reorganisation2025.after(day) && residentOnEve) {
                assertNotNull(former, person.id());
                assertTrue(CATALOGUE.commune(former, Reorganisation2025.LAST_DAY_BEFORE).isPresent(), former);
            }
            else {
                assertNull(former, person.id());
            }
        }
    }

    @Test
    void residenceStatusAgreesWithTheEventsOrIsStillResident()
    {
        for (Person person : analysis.persons.values()) {
            String status = person.row().get("residence_status");
            String exitType = person.events().stream().map(event -> event.get("event_type"))
                    .filter(type -> type.equals("DEATH") || type.equals("MOVE_OUT")).findFirst().orElse(null);
            boolean markedResident = status.equals("Thường trú") || status.equals("Tạm trú");
            if (exitType == null) {
                assertTrue(markedResident, person.id() + " " + status);
            }
            else if (exitType.equals("MOVE_OUT")) {
                assertTrue(markedResident || status.equals("Đã chuyển đi"), person.id() + " " + status);
            }
            else {
                assertTrue(markedResident || status.equals("Đã chết"), person.id() + " " + status);
            }
        }
    }

    @Test
    void chipCardsAndVneidFollowTheRollout()
    {
        LocalDate rollout = LocalDate.of(2021, 1, 1);
        long adults = 0;
        long adultsWithCard = 0;
        for (Person person : analysis.persons.values()) {
            LocalDate card = person.row().date("chip_card_issue_date");
            LocalDate lastDay = person.exit() != null ? person.exit() : options.periodEnd();
            if (card != null) {
                assertFalse(card.isBefore(rollout), person.id());
                assertFalse(card.isAfter(lastDay), person.id());
                assertFalse(card.isBefore(person.birth()), person.id());
                if (card.isBefore(person.birth().plusYears(14))) {
                    assertFalse(card.isBefore(LocalDate.of(2024, 7, 1)), "child card before 01/07/2024: " + person.id());
                }
            }
            int level = Integer.parseInt(person.row().get("vneid_level"));
            LocalDate activation = person.row().date("vneid_activation_date");
            assertEquals(level == 0, activation == null, person.id());
            if (level == 2) {
                assertNotNull(card, "level 2 needs a chip card: " + person.id());
                assertFalse(activation.isBefore(card), person.id());
            }
            if (activation != null) {
                assertFalse(activation.isBefore(LocalDate.of(2022, 1, 1)), person.id());
                assertFalse(activation.isAfter(lastDay), person.id());
            }
            if (person.exit() == null && person.age(options.periodEnd()) >= 18) {
                adults++;
                if (card != null) {
                    adultsWithCard++;
                }
            }
        }
        double coverage = (double) adultsWithCard / adults;
        assertTrue(coverage > 0.75 && coverage < 0.97, "adult chip-card coverage " + coverage);
    }

    // ---------------------------------------------------------------- households

    @Test
    void almostEveryHouseholdOfResidentsHasOneHeadAndAboutFourMembers()
    {
        Map<String, Integer> heads = new HashMap<>();
        Map<String, Integer> sizes = new HashMap<>();
        for (Person person : analysis.persons.values()) {
            String household = person.row().get("household_id");
            if (person.exit() != null || household == null) {
                continue;
            }
            sizes.merge(household, 1, Integer::sum);
            heads.merge(household, "Chủ hộ".equals(person.row().get("relation_to_head")) ? 1 : 0, Integer::sum);
        }
        long oneHead = heads.values().stream().filter(count -> count == 1).count();
        assertTrue(oneHead >= 0.97 * heads.size(), oneHead + " of " + heads.size() + " households with one head");
        double meanSize = sizes.values().stream().mapToInt(Integer::intValue).average().orElseThrow();
        assertTrue(meanSize > 3.3 && meanSize < 4.5, "mean household size " + meanSize);
    }

    @Test
    void aHouseholdLivesInOneCommune()
    {
        Map<String, String> communes = new HashMap<>();
        for (Person person : analysis.persons.values()) {
            if (person.exit() == null && person.row().get("household_id") != null) {
                String previous = communes.putIfAbsent(person.row().get("household_id"), person.row().get("commune_code"));
                assertTrue(previous == null || previous.equals(person.row().get("commune_code")), person.row().get("household_id"));
            }
        }
    }

    // ---------------------------------------------------------------- events

    @Test
    void eventsAreConsistentWithThePersons()
    {
        Set<String> types = Set.of("BIRTH", "DEATH", "MOVE_IN", "MOVE_OUT", "MOVE_WITHIN");
        for (Row event : events) {
            String type = event.get("event_type");
            assertTrue(types.contains(type), type);
            Person person = analysis.persons.get(event.get("id_number"));
            assertNotNull(person, "event of an unknown person " + event.get("record_id"));
            LocalDate day = event.date("event_date");
            assertFalse(day.isBefore(options.periodStart()), event.get("record_id"));
            assertFalse(day.isAfter(options.periodEnd()), event.get("record_id"));
            assertFalse(day.isBefore(person.birth()), "event before birth " + event.get("record_id"));
            assertFalse(event.date("registered_date").isBefore(day), event.get("record_id"));
            assertFalse(event.date("registered_date").isAfter(options.periodEnd()), event.get("record_id"));
            assertTrue(CATALOGUE.commune(event.get("commune_code"), day).isPresent(), event.get("record_id") + " commune on " + day);
            assertEquals(type.equals("MOVE_WITHIN"), event.get("from_commune_code") != null, event.get("record_id"));
            if (type.equals("MOVE_WITHIN")) {
                assertTrue(CATALOGUE.commune(event.get("from_commune_code"), day).isPresent(), event.get("record_id"));
                assertFalse(event.get("from_commune_code").equals(event.get("commune_code")), event.get("record_id"));
            }
            assertEquals(type.equals("BIRTH"), event.get("mother_id_number") != null, event.get("record_id"));
            assertEquals(type.equals("MOVE_IN") || type.equals("MOVE_OUT"), event.get("other_place") != null, event.get("record_id"));
            if (type.equals("BIRTH")) {
                assertEquals(person.birth(), day, "birth event on the birth date " + event.get("record_id"));
            }
        }
    }

    @Test
    void nobodyIsBornOrDiesTwiceAndNothingHappensAfterDeathOrDeparture()
    {
        for (Person person : analysis.persons.values()) {
            List<String> types = person.events().stream().map(event -> event.get("event_type")).toList();
            assertTrue(types.stream().filter(type -> type.equals("BIRTH") || type.equals("MOVE_IN")).count() <= 1, person.id() + " " + types);
            assertTrue(types.stream().filter(type -> type.equals("DEATH") || type.equals("MOVE_OUT")).count() <= 1, person.id() + " " + types);
            for (int i = 0; i < types.size(); i++) {
                String type = types.get(i);
                if ((type.equals("BIRTH") || type.equals("MOVE_IN")) && i != 0) {
                    fail(person.id() + " enters after another event: " + types);
                }
                if ((type.equals("DEATH") || type.equals("MOVE_OUT")) && i != types.size() - 1) {
                    fail(person.id() + " has events after leaving: " + types);
                }
            }
        }
    }

    @Test
    void mothersGiveBirthBetweenTwelveYearsOldAndTheirDeathWhileResident()
    {
        long births = 0;
        for (Row event : events) {
            if (!event.get("event_type").equals("BIRTH")) {
                continue;
            }
            births++;
            Person mother = analysis.persons.get(event.get("mother_id_number"));
            assertNotNull(mother, "mother not in persons: " + event.get("record_id"));
            assertTrue(mother.female(), event.get("record_id"));
            LocalDate day = event.date("event_date");
            assertFalse(day.isBefore(mother.birth().plusYears(12)), event.get("record_id"));
            assertTrue(mother.exit() == null || !day.isAfter(mother.exit()), "born after the mother's death " + event.get("record_id"));
            assertTrue(mother.residentOn(day) || day.equals(mother.exit()), event.get("record_id"));
            String motherCommune = analysis.communeOn(mother, day, options.periodStart(), options.periodEnd());
            assertTrue(motherCommune == null || motherCommune.equals(event.get("commune_code")), "child born where the mother lives " + event.get("record_id"));
        }
        assertTrue(births > 0);
    }

    @Test
    void movesFormAnUnbrokenChainThatEndsInThePersonsCommune()
    {
        for (Person person : analysis.persons.values()) {
            List<RegisterAnalysis.Residence> residences = analysis.residences(person, options.periodStart(), options.periodEnd());
            RegisterAnalysis.Residence last = residences.get(residences.size() - 1);
            LocalDate end = recordDate(person, options.periodEnd());
            assertEquals(analysis.recast(last.commune(), last.from(), end), person.row().get("commune_code"), person.id());
            for (Row event : person.events()) {
                String type = event.get("event_type");
                if (type.equals("DEATH") || type.equals("MOVE_OUT")) {
                    assertEquals(analysis.recast(last.commune(), last.from(), event.date("event_date")), event.get("commune_code"), person.id());
                }
            }
        }
    }

    @Test
    void residentsOnTheEveOfTheReformLiveInTheSuccessorOfTheirCommuneTheNextDay()
    {
        LocalDate eve = Reorganisation2025.LAST_DAY_BEFORE;
        LocalDate first = Reorganisation2025.EFFECTIVE_DATE;
        long checked = 0;
        for (Person person : analysis.persons.values()) {
            if (person.residentOn(eve) && person.residentOn(first)) {
                String before = analysis.communeOn(person, eve, options.periodStart(), options.periodEnd());
                String after = analysis.communeOn(person, first, options.periodStart(), options.periodEnd());
                assertEquals(CATALOGUE.successorCode(before), after, person.id());
                assertEquals(before, person.row().get("former_commune_code"), person.id());
                checked++;
            }
        }
        assertTrue(checked > 25_000, "checked " + checked);
    }

    // ---------------------------------------------------------------- calibration (tolerances: docs/synthetic-register.md)

    @Test
    void residentsOnCensusDayAreWithinThreePercentOf28600()
    {
        long residents = analysis.residents(CENSUS);
        assertTrue(Math.abs(residents - 28_600) <= 0.03 * 28_600, "residents on 2019-04-01: " + residents);
    }

    @Test
    void residentsInMid2022AreWithinThreePercentOf31000()
    {
        long residents = analysis.residents(LocalDate.of(2022, 7, 1));
        assertTrue(Math.abs(residents - 31_000) <= 0.03 * 31_000, "residents on 2022-07-01: " + residents);
    }

    @Test
    void communeSharesOnCensusDayAreWithinTwoPointsOfTheCensusShares()
    {
        Map<String, Double> census = Map.of("23479", 4861.0, "23482", 2233.0, "23485", 2010.0, "23488", 3742.0,
                "23491", 1620.0, "23494", 4771.0, "23497", 3385.0);
        double censusTotal = census.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Long> counts = new TreeMap<>();
        long total = 0;
        for (Person person : analysis.persons.values()) {
            if (person.residentOn(CENSUS)) {
                counts.merge(analysis.communeOn(person, CENSUS, options.periodStart(), options.periodEnd()), 1L, Long::sum);
                total++;
            }
        }
        assertEquals(census.keySet(), counts.keySet());
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            double share = (double) entry.getValue() / total;
            double expected = census.get(entry.getKey()) / censusTotal;
            assertTrue(Math.abs(share - expected) <= 0.02, entry.getKey() + ": " + share + " vs " + expected);
        }
    }

    @Test
    void minoritiesAreWithinThreePointsOf65PercentAtTheEndOf2020()
    {
        LocalDate day = LocalDate.of(2020, 12, 31);
        double share = (double) analysis.residents(day, person -> !person.ethnicity().equals("01")) / analysis.residents(day);
        assertTrue(Math.abs(share - 0.6545) <= 0.03, "minority share " + share);
        long baNa = analysis.residents(day, person -> person.ethnicity().equals("13"));
        long xoDang = analysis.residents(day, person -> person.ethnicity().equals("14"));
        assertTrue(baNa + xoDang > 0.9 * analysis.residents(day, person -> !person.ethnicity().equals("01")), "mostly Ba Na and Xơ Đăng");
    }

    @Test
    void dakToLungIsOver95PercentXoDang()
    {
        long all = 0;
        long xoDang = 0;
        for (Person person : analysis.persons.values()) {
            if (person.residentOn(CENSUS) && "23485".equals(analysis.communeOn(person, CENSUS, options.periodStart(), options.periodEnd()))) {
                all++;
                if (person.ethnicity().equals("14")) {
                    xoDang++;
                }
            }
        }
        assertTrue(xoDang > 0.95 * all, xoDang + " Xơ Đăng of " + all);
    }

    @Test
    void birthAndDeathRatesOf2019To2023AreThoseOfTheCentralHighlands()
    {
        double birthRate = analysis.crudeRate("BIRTH", 2019, 2023);
        double deathRate = analysis.crudeRate("DEATH", 2019, 2023);
        double fertility = analysis.totalFertility(2019, 2023);
        assertTrue(birthRate >= 15 && birthRate <= 21.5, "crude birth rate " + birthRate);
        assertTrue(deathRate >= 5 && deathRate <= 7.5, "crude death rate " + deathRate);
        assertTrue(fertility >= 2.3 && fertility <= 3.0, "total fertility rate " + fertility);
    }

    @Test
    void ageStructureIsYoung()
    {
        long residents = analysis.residents(CENSUS);
        double children = (double) analysis.residents(CENSUS, person -> person.age(CENSUS) < 15) / residents;
        double elderly = (double) analysis.residents(CENSUS, person -> person.age(CENSUS) >= 65) / residents;
        assertTrue(children > 0.24 && children < 0.34, "under 15: " + children);
        assertTrue(elderly > 0.04 && elderly < 0.10, "65 and over: " + elderly);
    }
}
