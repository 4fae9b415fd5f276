package vn.dancu.datasets.synthetic;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.dancu.datasets.geo.AdminCatalogue;
import vn.dancu.datasets.geo.Reorganisation2025;
import vn.dancu.datasets.synthetic.RegisterAnalysis.Person;
import vn.dancu.datasets.synthetic.RegisterFiles.Row;

import java.io.IOException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ordinary imperfections of the demo register (docs/synthetic-register.md, "Ordinary imperfections"), counted
 * from its files as a district statistician would find them, with no help from the generator's own bookkeeping:
 * every kind is there at least a few times, at the rate the docs state where the files show its base, and each
 * passes the rules ingest applies (so it must be handled as data, not quarantined).
 */
class OrdinaryImperfectionsTest
{
    private static final Set<String> RESIDENT = Set.of("Thường trú", "Tạm trú");
    private static final Set<String> MOVES = Set.of("MOVE_IN", "MOVE_WITHIN", "MOVE_OUT");
    /** The demo register must hold every kind at least this many times. */
    private static final int A_FEW = 5;

    private static DemoRegister demo;
    private static LocalDate extractDate;

    @BeforeAll
    static void generate() throws IOException
    {
        demo = DemoRegister.get();
        extractDate = demo.options.periodEnd();
    }

    /**
     * The count is the documented rate of its base, give or take four standard deviations of a binomial count (and
     * one unit), and at least a few.
     */
    private static void assertRate(String kind, long count, long base, double rate)
    {
        double expected = base * rate;
        double tolerance = 4 * Math.sqrt(expected * (1 - rate)) + 1;
        System.out.printf(Locale.ROOT, "%-44s %,6d of %,7d (%.2f%%; documented %.2f%%)%n", kind, count, base,
                100.0 * count / base, 100 * rate);
        assertTrue(Math.abs(count - expected) <= tolerance,
                kind + ": " + count + " of " + base + ", expected " + expected + " ± " + tolerance);
        assertTrue(count >= A_FEW, kind + ": only " + count);
    }

    private static void assertAFew(String kind, long count, long atMost)
    {
        System.out.printf(Locale.ROOT, "%-44s %,6d%n", kind, count);
        assertTrue(count >= A_FEW && count <= atMost, kind + ": " + count + ", expected " + A_FEW + " … " + atMost);
    }

    private static boolean markedResident(Person person)
    {
        return RESIDENT.contains(person.row().get("residence_status"));
    }

    private static List<String> types(Person person)
    {
        return person.events().stream().map(event -> event.get("event_type")).toList();
    }

    // ---------------------------------------------------------------- residence not struck off

    @Test
    void twoPercentOfTheDeadAreStillMarkedResident()
    {
        long dead = 0;
        long markedResident = 0;
        for (Person person : demo.analysis.persons.values()) {
            if (types(person).contains("DEATH")) {
                dead++;
                if (markedResident(person)) {
                    markedResident++;
                }
            }
        }
        assertRate("dead but marked resident", markedResident, dead, Imperfection.DEAD_MARKED_RESIDENT.rate());
    }

    @Test
    void threePercentOfThoseWhoLeftAreStillMarkedResident()
    {
        long left = 0;
        long markedResident = 0;
        for (Person person : demo.analysis.persons.values()) {
            List<String> types = types(person);
            if (types.contains("MOVE_OUT")) {
                left++;
                if (markedResident(person)) {
                    markedResident++;
                    // the commune left, as it reads on the extract date (ingest's record date for them)
                    assertTrue(AdminCatalogue.kontum().commune(person.row().get("commune_code"), extractDate).isPresent(), person.id());
                }
            }
        }
        assertRate("moved out but not de-registered", markedResident, left, Imperfection.MOVED_OUT_MARKED_RESIDENT.rate());
    }

    @Test
    void someRecordsMarkedResidentKeepTheCodeOfACommuneAbolishedOn1July2025()
    {
        long abolished = 0;
        for (Person person : demo.analysis.persons.values()) {
            String commune = person.row().get("commune_code");
            if (markedResident(person) && AdminCatalogue.kontum().commune(commune, extractDate).isEmpty()) {
                abolished++;
                // only where ingest's record date explains it: a death before the reform, in a commune in force then
                LocalDate death = person.events().stream().filter(event -> event.get("event_type").equals("DEATH"))
                        .map(event -> event.date("event_date")).findFirst().orElseThrow(() -> new AssertionError(person.id()));
                assertTrue(death.isBefore(Reorganisation2025.EFFECTIVE_DATE), person.id());
                assertTrue(AdminCatalogue.kontum().commune(commune, death).isPresent(), person.id());
            }
        }
        assertAFew("marked resident on an abolished commune", abolished, 200);
    }

    // ---------------------------------------------------------------- households

    /** Heads per household among the persons resident on the extract date by their events (not by their status). */
    private static Map<String, Integer> headsOfHouseholdsOfResidents()
    {
        Map<String, Integer> heads = new HashMap<>();
        for (Person person : demo.analysis.persons.values()) {
            String household = person.row().get("household_id");
            if (person.residentOn(extractDate) && household != null) {
                heads.merge(household, "Chủ hộ".equals(person.row().get("relation_to_head")) ? 1 : 0, Integer::sum);
            }
        }
        return heads;
    }

    @Test
    void someHouseholdsHaveNoHead()
    {
        Map<String, Integer> heads = headsOfHouseholdsOfResidents();
        long without = heads.values().stream().filter(count -> count == 0).count();
        assertAFew("households of residents without a head", without, (long) (0.03 * heads.size()));
    }

    @Test
    void someHouseholdsHaveTwoHeads()
    {
        Map<String, Integer> heads = headsOfHouseholdsOfResidents();
        long several = heads.values().stream().filter(count -> count >= 2).count();
        assertAFew("households of residents with two heads", several, (long) (0.01 * heads.size()));
    }

    @Test
    void someResidentsHaveNoHouseholdBook()
    {
        long without = 0;
        long residents = 0;
        for (Person person : demo.analysis.persons.values()) {
            if (person.residentOn(extractDate)) {
                residents++;
                if (person.row().get("household_id") == null) {
                    without++;
                    assertEquals(null, person.row().get("relation_to_head"), person.id());
                }
            }
        }
        assertAFew("residents without a household", without, (long) (0.01 * residents));
    }

    // ---------------------------------------------------------------- events

    @Test
    void somePersonsMoveTwiceOnOneDayButNeverTwiceTheSameWay()
    {
        long twice = 0;
        for (Person person : demo.analysis.persons.values()) {
            Map<LocalDate, Set<String>> movesByDay = new HashMap<>();
            boolean moreThanOne = false;
            for (Row event : person.events()) {
                if (MOVES.contains(event.get("event_type"))) {
                    Set<String> moves = movesByDay.computeIfAbsent(event.date("event_date"), day -> new HashSet<>());
                    // two events of one type, person and date: ingest would quarantine the second as DUPLICATE_EVENT
                    assertTrue(moves.add(event.get("event_type")), person.id() + " " + event.get("event_type") + " twice on " + event.get("event_date"));
                    moreThanOne |= moves.size() > 1;
                }
            }
            if (moreThanOne) {
                twice++;
            }
        }
        assertAFew("persons with two moves on one day", twice, 500);
    }

    @Test
    void birthsAreOftenRegisteredAfterTheSixtyDaysTheLawAllows()
    {
        long births = 0;
        long late = 0;
        long deaths = 0;
        long lateDeaths = 0;
        for (Row event : demo.events) {
            long delay = ChronoUnit.DAYS.between(event.date("event_date"), event.date("registered_date"));
            assertFalse(delay < 0, event.get("record_id"));
            // the deadline must have passed by the extract date for the registration to count as late or not
            if (event.get("event_type").equals("BIRTH") && event.date("event_date").plusDays(60).isBefore(extractDate)) {
                births++;
                late += delay > 60 ? 1 : 0;
            }
            if (event.get("event_type").equals("DEATH") && event.date("event_date").plusDays(15).isBefore(extractDate)) {
                deaths++;
                lateDeaths += delay > 15 ? 1 : 0;
            }
        }
        // births: 60% within 2 weeks, 25% within 2 months, 15% later; deaths: 70% within 15 days (docs)
        assertRate("births registered after 60 days", late, births, 0.15);
        assertRate("deaths registered after 15 days", lateDeaths, deaths, 0.30);
    }

    // ---------------------------------------------------------------- persons

    @Test
    void someTemporaryResidentsHaveBeenTemporaryForYears()
    {
        LocalDate twoYearsBefore = extractDate.minusYears(2);
        long temporary = 0;
        long forYears = 0;
        for (Person person : demo.analysis.persons.values()) {
            if (person.residentOn(extractDate) && person.row().get("residence_status").equals("Tạm trú")) {
                temporary++;
                if (person.entry() == null || person.entry().isBefore(twoYearsBefore)) {
                    forYears++;
                }
            }
        }
        assertAFew("temporary residents for over two years", forYears, temporary);
    }

    @Test
    void manyOlderMinorityPeopleHaveTheFirstOfJanuaryAsBirthDate()
    {
        long minorities = 0;
        long minoritiesFirstOfJanuary = 0;
        long others = 0;
        long othersFirstOfJanuary = 0;
        for (Row person : demo.persons) {
            LocalDate birth = person.date("birth_date");
            if (birth.getYear() >= Imperfection.FIRST_OF_JANUARY_BEFORE) {
                continue;
            }
            boolean firstOfJanuary = birth.getDayOfYear() == 1;
            boolean localMinority = switch (PersonNames.tradition(person.get("ethnicity_code"))) {
                case HIGHLAND_PREFIX, CLAN_FIRST -> true;
                case LOWLAND, NORTHERN -> false;
            };
            if (localMinority) {
                minorities++;
                minoritiesFirstOfJanuary += firstOfJanuary ? 1 : 0;
            }
            else {
                others++;
                othersFirstOfJanuary += firstOfJanuary ? 1 : 0;
            }
        }
        // 1 January by chance as well: 1 day in 365
        double chance = 1 / 365.0;
        assertRate("born before 1980 on 1 January (local minorities)", minoritiesFirstOfJanuary, minorities,
                Imperfection.BIRTH_DATE_FIRST_OF_JANUARY.rate() + (1 - Imperfection.BIRTH_DATE_FIRST_OF_JANUARY.rate()) * chance);
        assertRate("born before 1980 on 1 January (others)", othersFirstOfJanuary, others,
                Imperfection.BIRTH_DATE_FIRST_OF_JANUARY_OTHERS.rate() + (1 - Imperfection.BIRTH_DATE_FIRST_OF_JANUARY_OTHERS.rate()) * chance);
    }

    @Test
    void somePeopleHaveNoReligionRecorded()
    {
        long without = demo.persons.stream().filter(person -> person.get("religion") == null).count();
        // drawn per household (its members share a religion), so counted loosely per person
        assertAFew("persons without a religion", without, (long) (0.04 * demo.persons.size()));
    }

    @Test
    void thereAreNoInjectedFaults()
    {
        assertEquals(0, demo.summary.faults());
        assertFalse(demo.folder.resolve("faults.csv").toFile().exists());
    }
}
