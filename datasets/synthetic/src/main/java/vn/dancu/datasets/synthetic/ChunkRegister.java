package vn.dancu.datasets.synthetic;

import vn.dancu.datasets.synthetic.ChunkSimulation.SimulatedEvent;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static vn.dancu.datasets.synthetic.SimulatedPerson.NONE;

/**
 * The clean register of one chunk as the extract holds it: one person record per simulated person (same order),
 * one event record per simulated event (date order), plus what fault injection needs to know about them.
 */
record ChunkRegister(ChunkPlan chunk, List<PersonRecord> persons, List<EventRecord> events, List<SimulatedPerson> people,
        List<SimulatedEvent> simulatedEvents, int residentsAtEnd)
{
    private static final int CHIP_CARD_START = (int) LocalDate.of(2021, 1, 1).toEpochDay();
    private static final int CAMPAIGN_END = (int) LocalDate.of(2021, 6, 30).toEpochDay();
    private static final int CHILD_CARD_START = (int) LocalDate.of(2024, 7, 1).toEpochDay();
    private static final int VNEID_START = (int) LocalDate.of(2022, 1, 1).toEpochDay();
    private static final int VNEID_LEVEL2_START = (int) LocalDate.of(2022, 7, 1).toEpochDay();
    private static final int AGE_14_DAYS = (int) Math.round(14 * DemographicModel.DAYS_PER_YEAR);

    /** Share of adults (14+) who get a chip ID card once eligible, by group (assumed, see docs). */
    static final double CHIP_COVERAGE_KINH = 0.96;
    static final double CHIP_COVERAGE_MINORITY = 0.9;
    /** Coverage factor in remote communes (assumed). */
    static final double REMOTE_FACTOR = 0.88;
    /** Share of card holders with a level-2 VNeID account, by group (assumed). */
    static final double VNEID2_KINH = 0.8;
    static final double VNEID2_MINORITY = 0.58;

    ChunkRegister
    {
        persons = List.copyOf(persons);
        events = List.copyOf(events);
        people = List.copyOf(people);
        simulatedEvents = List.copyOf(simulatedEvents);
    }

    /**
     * @param random        the chunk's output stream (chip cards, VNeID, registration delays)
     * @param imperfections the chunk's imperfection stream ({@link Imperfection})
     */
    static ChunkRegister of(RegisterPlan plan, ChunkPlan chunk, List<SimulatedPerson> people, List<SimulatedEvent> simulated,
            SplittableRandom random, SplittableRandom imperfections)
    {
        int replica = chunk.replica();
        // the extract covers the period: persons present on its first day or arriving later, and its events
        List<SimulatedPerson> extracted = new ArrayList<>(people.size());
        for (SimulatedPerson person : people) {
            if (person.exitDay >= plan.startDay) {
                person.hasEvents = false;
                person.isMother = false;
                extracted.add(person);
            }
        }
        List<SimulatedEvent> periodEvents = new ArrayList<>(simulated.size());
        for (SimulatedEvent event : simulated) {
            if (event.day() >= plan.startDay) {
                periodEvents.add(event);
                people.get(event.person()).hasEvents = true;
                if (event.mother() != NONE) {
                    people.get(event.mother()).isMother = true;
                }
            }
        }
        List<PersonRecord> persons = new ArrayList<>(extracted.size());
        int residents = 0;
        for (SimulatedPerson person : extracted) {
            boolean resident = person.resident();
            if (resident) {
                residents++;
            }
            String residentStatus = person.temporaryResident ? ChunkSimulation.TEMPORARY : ChunkSimulation.PERMANENT;
            String status;
            if (resident) {
                status = residentStatus;
            }
            else if (person.exitType == EventType.DEATH) {
                status = imperfections.nextDouble() < Imperfection.DEAD_MARKED_RESIDENT.rate() ? residentStatus : ChunkSimulation.DECEASED;
            }
            else {
                status = imperfections.nextDouble() < Imperfection.MOVED_OUT_MARKED_RESIDENT.rate() ? residentStatus : ChunkSimulation.MOVED_OUT;
            }
            // the commune as it reads on the record's date: the extract date, except for the dead (the day of death)
            // and for those marked as moved out (the day they left); one who left but is still marked resident keeps
            // the commune left, recast to the extract date like every resident's
            boolean markedResident = status.equals(residentStatus);
            int day = resident || (markedResident && person.exitType == EventType.MOVE_OUT) ? plan.endDay : person.exitDay;
            String commune = plan.communeCode(replica, person.commune, day);
            String former = day >= plan.reformDay && person.communeOnReformEve != NONE
                    ? plan.oldCommuneCode(replica, person.communeOnReformEve)
                    : null;
            String householdId = resident ? (person.household.withoutBook ? null : person.household.id) : person.householdIdAtExit;
            String relation = resident ? relation(people, person) : person.relationAtExit;
            LocalDate birthDate = LocalDate.ofEpochDay(person.birthDay);
            if (birthDate.getYear() < Imperfection.FIRST_OF_JANUARY_BEFORE) {
                Imperfection dayUnknown = switch (PersonNames.tradition(person.ethnicityCode)) {
                    case HIGHLAND_PREFIX, CLAN_FIRST -> Imperfection.BIRTH_DATE_FIRST_OF_JANUARY;
                    case LOWLAND, NORTHERN -> Imperfection.BIRTH_DATE_FIRST_OF_JANUARY_OTHERS;
                };
                if (imperfections.nextDouble() < dayUnknown.rate()) {
                    birthDate = LocalDate.of(birthDate.getYear(), 1, 1);
                }
            }

            int lastDay = Math.min(plan.endDay, person.exitDay - 1);
            boolean minority = !person.ethnicityCode.equals(EthnicMix.KINH);
            boolean remote = plan.communes.get(person.commune).remote();
            int chipDay = chipCardDay(random, person, lastDay, minority, remote);
            int vneidLevel = 0;
            int vneidDay = NONE;
            double level2 = (minority ? VNEID2_MINORITY : VNEID2_KINH) * (remote ? REMOTE_FACTOR : 1);
            double draw = random.nextDouble();
            int age14 = person.birthDay + AGE_14_DAYS;
            if (chipDay != NONE && person.birthDay + AGE_14_DAYS <= chipDay && draw < level2) {
                int activation = Math.max(chipDay, VNEID_LEVEL2_START) + (int) (DemographicModel.exponential(random) * 200);
                if (activation <= lastDay) {
                    vneidLevel = 2;
                    vneidDay = activation;
                }
            }
            else if (draw > 1 - (chipDay != NONE ? 0.08 : 0.05)) {
                int activation = Math.max(VNEID_START, age14) + (int) (DemographicModel.exponential(random) * 300);
                if (activation <= lastDay) {
                    vneidLevel = 1;
                    vneidDay = activation;
                }
            }
            persons.add(new PersonRecord(personKey(plan.options.seed(), chunk.index(), person.index), person.idNumber,
                    person.fullName, birthDate, person.female ? PersonRecord.FEMALE : PersonRecord.MALE,
                    person.ethnicityCode, person.religion, commune, former, householdId, relation, status,
                    chipDay == NONE ? null : LocalDate.ofEpochDay(chipDay), vneidLevel,
                    vneidDay == NONE ? null : LocalDate.ofEpochDay(vneidDay)));
        }
        List<EventRecord> events = new ArrayList<>(periodEvents.size());
        for (SimulatedEvent event : periodEvents) {
            SimulatedPerson person = people.get(event.person());
            int registered = Math.min(plan.endDay, event.day() + registrationDelay(random, event.type()));
            events.add(new EventRecord(event.type().name(), LocalDate.ofEpochDay(event.day()), person.idNumber,
                    plan.communeCode(replica, event.commune(), event.day()),
                    event.fromCommune() == NONE ? null : plan.communeCode(replica, event.fromCommune(), event.day()),
                    event.mother() == NONE ? null : people.get(event.mother()).idNumber,
                    event.otherPlace(), LocalDate.ofEpochDay(registered)));
        }
        return new ChunkRegister(chunk, persons, events, extracted, periodEvents, residents);
    }

    private static String relation(List<SimulatedPerson> people, SimulatedPerson person)
    {
        return ChunkSimulation.relation(people, person, person.household);
    }

    /**
     * Chip ID cards from 2021 (the rollout began in January 2021): most people aged 14 or more got one in the 2021
     * campaign, later ones soon after turning 14; children under 14 only on request since 01/07/2024 (Law on
     * Identification 2023). Coverage is assumed, lower among minorities and in remote communes.
     */
    private static int chipCardDay(SplittableRandom random, SimulatedPerson person, int lastDay, boolean minority, boolean remote)
    {
        double coverage = (minority ? CHIP_COVERAGE_MINORITY : CHIP_COVERAGE_KINH) * (remote ? REMOTE_FACTOR : 1);
        double draw = random.nextDouble();
        double delay = DemographicModel.exponential(random);
        int age14 = person.birthDay + AGE_14_DAYS;
        int day;
        if (age14 > lastDay) {
            if (draw >= 0.03) {
                return NONE;
            }
            day = Math.max(CHILD_CARD_START, person.birthDay + 30) + (int) (delay * 400);
        }
        else {
            if (draw >= coverage) {
                return NONE;
            }
            int eligible = Math.max(CHIP_CARD_START, age14);
            day = eligible <= CAMPAIGN_END
                    ? Math.max(eligible, CHIP_CARD_START + (int) (delay * 150))
                    : eligible + (int) (delay * 240);
        }
        return day <= lastDay && day >= person.birthDay ? day : NONE;
    }

    /** Days between an event and its registration (assumed: births are often registered late in remote areas). */
    private static int registrationDelay(SplittableRandom random, EventType type)
    {
        double u = random.nextDouble();
        return switch (type) {
            case BIRTH -> u < 0.6 ? random.nextInt(15) : u < 0.85 ? 15 + random.nextInt(46) : u < 0.97 ? 61 + random.nextInt(305) : 366 + random.nextInt(700);
            case DEATH -> u < 0.7 ? random.nextInt(16) : u < 0.95 ? 16 + random.nextInt(75) : 91 + random.nextInt(310);
            case MOVE_IN, MOVE_OUT, MOVE_WITHIN -> u < 0.8 ? random.nextInt(11) : 11 + random.nextInt(50);
        };
    }

    /** A pseudonymous, stable key: 32 hex digits from (seed, chunk, person), like the register's internal keys. */
    static String personKey(long seed, int chunkIndex, int personIndex)
    {
        long high = ChunkSimulation.streamSeed(seed, chunkIndex, 1_000_000 + personIndex);
        long low = ChunkSimulation.streamSeed(~seed, personIndex, chunkIndex);
        return hex16(high) + hex16(low);
    }

    private static String hex16(long value)
    {
        String hex = Long.toHexString(value);
        return hex.length() == 16 ? hex : "0".repeat(16 - hex.length()) + hex;
    }
}
