package vn.dancu.datasets.synthetic;

import vn.dancu.datasets.geo.AdminCatalogue;
import vn.dancu.datasets.idnumber.IdNumberRules;
import vn.dancu.datasets.synthetic.ChunkSimulation.SimulatedEvent;
import vn.dancu.datasets.synthetic.FaultKind.RecordFile;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static vn.dancu.datasets.synthetic.SimulatedPerson.NONE;

/**
 * Turns a chunk's clean register into the rows to write, injecting faults at the options' bad rate: each fault kind
 * that applies to the format hits about {@code badRate × records} records of its file (persons or events of the
 * chunk), drawn with the chunk's own fault stream (so the clean data do not depend on the bad rate).
 *
 * <p>Rules that keep the ground truth exact: a record carries at most one fault; person faults (and the spurious
 * events of an isolated person) go only to persons with no events who are no one's mother, so no valid event is
 * rejected as a consequence; the original of a duplicate carries no fault; event faults add records (copies or
 * spurious events) instead of damaging real ones, except padded spaces, which ingest repairs.
 */
final class FaultInjector
{
    private static final List<String> UNKNOWN_SEXES = List.of("Không rõ", "Khác", "X");
    private static final List<String> UNKNOWN_ETHNICITIES = List.of("55", "56", "00", "99");
    private static final List<String> UNKNOWN_EVENT_TYPES = List.of("MARRIAGE", "DIVORCE", "NAME_CHANGE", "KET_HON");

    private final RegisterPlan plan;
    private final ChunkRegister register;
    private final SplittableRandom random;
    private final RegisterFormat format;
    private final double rate;
    private final IdNumberAllocator faultyIds;
    private final List<String> unknownProvinceCodes;
    private final List<String> provinceCodes;

    private FaultInjector(RegisterPlan plan, ChunkRegister register)
    {
        this.plan = plan;
        this.register = register;
        ChunkPlan chunk = register.chunk();
        this.random = new SplittableRandom(ChunkSimulation.streamSeed(plan.options.seed(), chunk.index(), 2));
        this.format = plan.options.format();
        this.rate = plan.options.badRate();
        this.faultyIds = new IdNumberAllocator(chunk.homeCode(), chunk.homeSlot(), plan.homeSlots(chunk.homeCode()),
                chunk.index(), plan.chunks.size());
        IdNumberRules rules = IdNumberRules.instance();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String code = String.format("0%02d", i);
            if (!rules.isProvinceCode(code)) {
                unknown.add(code);
            }
        }
        this.unknownProvinceCodes = List.copyOf(unknown);
        this.provinceCodes = rules.provinceCodes().stream().sorted().toList();
    }

    static ChunkOutput inject(RegisterPlan plan, ChunkRegister register)
    {
        if (plan.options.badRate() == 0) {
            List<OutputRow> persons = new ArrayList<>(register.persons().size());
            register.persons().forEach(person -> persons.add(OutputRow.clean(RegisterColumns.values(person))));
            List<OutputRow> events = new ArrayList<>(register.events().size());
            register.events().forEach(event -> events.add(OutputRow.clean(RegisterColumns.values(event))));
            return new ChunkOutput(persons, events, register.residentsAtEnd());
        }
        return new FaultInjector(plan, register).inject();
    }

    private ChunkOutput inject()
    {
        List<PersonRecord> persons = register.persons();
        List<SimulatedPerson> people = register.people();
        int personCount = persons.size();
        OutputRow[] personRows = new OutputRow[personCount];
        for (int i = 0; i < personCount; i++) {
            personRows[i] = OutputRow.clean(RegisterColumns.values(persons.get(i)));
        }
        List<List<OutputRow>> personInsertions = insertionSlots(personCount);

        // isolated persons (no event, no one's mother), in random order: a pool shared by person faults and
        // the spurious events of an isolated person
        List<Integer> isolated = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            SimulatedPerson person = people.get(i);
            if (!person.hasEvents && !person.isMother) {
                isolated.add(i);
            }
        }
        shuffle(isolated);
        int nextIsolated = 0;
        boolean[] personTaken = new boolean[personCount];

        List<SimulatedEvent> simulated = register.simulatedEvents();
        List<EventRecord> events = register.events();
        int eventCount = events.size();
        OutputRow[] eventRows = new OutputRow[eventCount];
        for (int i = 0; i < eventCount; i++) {
            eventRows[i] = OutputRow.clean(RegisterColumns.values(events.get(i)));
        }
        List<List<OutputRow>> eventInsertions = insertionSlots(eventCount);
        boolean[] eventTaken = new boolean[eventCount];

        for (FaultKind kind : FaultKind.values()) {
            if (!kind.appliesTo(format)) {
                continue;
            }
            int records = kind.file() == RecordFile.PERSONS ? personCount : eventCount;
            int count = stochasticRound(rate * records);
            for (int k = 0; k < count; k++) {
                switch (kind) {
                    case PERSON_TEXT_NFD, PERSON_PADDED_SPACES -> {
                        int person = untakenIndex(personTaken);
                        if (person == NONE) {
                            break;
                        }
                        personTaken[person] = true;
                        personRows[person] = new OutputRow(repairable(kind, personRows[person].values()), kind);
                    }
                    case EVENT_PADDED_SPACES -> {
                        int event = untakenIndex(eventTaken);
                        if (event == NONE) {
                            break;
                        }
                        eventTaken[event] = true;
                        Object[] values = eventRows[event].values().clone();
                        int field = random.nextBoolean() ? 3 : 0;
                        values[field] = pad((String) values[field]);
                        eventRows[event] = new OutputRow(values, kind);
                    }
                    case DUPLICATE_EVENT, EVENT_DATE_IMPOSSIBLE, EVENT_DATE_MISSING, EVENT_LINE_TRUNCATED,
                            EVENT_LINE_WRONG_DELIMITER, EVENT_TYPE_UNKNOWN -> {
                        int original = untakenIndex(eventTaken);
                        if (original == NONE) {
                            break;
                        }
                        eventTaken[original] = true;
                        Object[] copy = copyOfEvent(kind, eventRows[original].values());
                        insertAfter(eventInsertions, original, new OutputRow(copy, kind));
                    }
                    case EVENT_PERSON_UNKNOWN -> {
                        EventRecord death = deathOfUnknownPerson();
                        if (death != null) {
                            insertAnywhere(eventInsertions, new OutputRow(RegisterColumns.values(death), kind));
                        }
                    }
                    case EVENT_BEFORE_BIRTH, EVENT_AFTER_DEATH -> {
                        int event = eventOfType(simulated, eventTaken, kind == FaultKind.EVENT_BEFORE_BIRTH ? EventType.BIRTH : EventType.DEATH);
                        if (event == NONE) {
                            break;
                        }
                        eventTaken[event] = true;
                        EventRecord spurious = spuriousMove(kind, simulated.get(event), events.get(event));
                        if (spurious != null) {
                            insertAnywhere(eventInsertions, new OutputRow(RegisterColumns.values(spurious), kind));
                        }
                    }
                    case EVENT_COMMUNE_UNKNOWN -> {
                        if (nextIsolated >= isolated.size()) {
                            break;
                        }
                        int person = isolated.get(nextIsolated++);
                        personTaken[person] = true;
                        EventRecord move = moveToUnknownCommune(people.get(person), persons.get(person));
                        insertAnywhere(eventInsertions, new OutputRow(RegisterColumns.values(move), kind));
                    }
                    default -> {
                        if (nextIsolated >= isolated.size()) {
                            break;
                        }
                        int person = isolated.get(nextIsolated++);
                        personTaken[person] = true;
                        if (kind == FaultKind.DUPLICATE_PERSON) {
                            insertAfter(personInsertions, person, OutputRow.clean(personRows[person].values()).withFault(kind));
                        }
                        else {
                            Object[] faulty = faultyPerson(kind, persons.get(person));
                            if (faulty != null) {
                                personRows[person] = new OutputRow(faulty, kind);
                            }
                        }
                    }
                }
            }
        }
        return new ChunkOutput(merge(personRows, personInsertions), merge(eventRows, eventInsertions), register.residentsAtEnd());
    }

    // ---------------------------------------------------------------- persons

    private Object[] faultyPerson(FaultKind kind, PersonRecord person)
    {
        String id = person.idNumber();
        LocalDate birth = person.birthDate();
        int centurySex = id.charAt(3) - '0';
        int year = birth.getYear() % 100;
        String province = id.substring(0, 3);
        Object[] values = switch (kind) {
            case ID_LEADING_ZERO_LOST -> RegisterColumns.values(person.withIdNumber(id.substring(1)));
            case ID_PROVINCE_UNKNOWN -> withFaultyId(person, unknownProvinceCodes, centurySex, year);
            case ID_SEX_DIGIT_WRONG -> withFaultyId(person, provincesFrom(province), centurySex ^ 1, year);
            case ID_BIRTH_YEAR_WRONG -> withFaultyId(person, provincesFrom(province), centurySex, (year + 1 + random.nextInt(9)) % 100);
            case BIRTH_DATE_IMPOSSIBLE -> {
                Object[] faulty = RegisterColumns.values(person);
                faulty[RegisterColumns.PERSON_BIRTH_DATE] = impossibleDate(birth);
                yield faulty;
            }
            case BIRTH_DATE_IN_FUTURE -> {
                LocalDate future = plan.options.periodEnd().plusDays(30 + random.nextInt(3650));
                boolean female = person.sex().equals(PersonRecord.FEMALE);
                int digit = IdNumberRules.centurySexDigit(female ? IdNumberRules.Sex.FEMALE : IdNumberRules.Sex.MALE, future.getYear());
                String futureId = allocateFaulty(provincesFrom(province), digit, future.getYear() % 100);
                yield futureId == null ? null : RegisterColumns.values(person.withBirthDate(future, futureId));
            }
            case BIRTH_DATE_MISSING -> RegisterColumns.values(person.withBirthDate(null, id));
            case SEX_UNKNOWN -> RegisterColumns.values(person.withSex(pick(UNKNOWN_SEXES)));
            case COMMUNE_UNKNOWN -> RegisterColumns.values(person.withCommuneCode(unknownCommune(plan.endDay)));
            case ETHNICITY_UNKNOWN -> RegisterColumns.values(person.withEthnicityCode(pick(UNKNOWN_ETHNICITIES)));
            case PERSON_LINE_TRUNCATED, PERSON_LINE_WRONG_DELIMITER -> RegisterColumns.values(person);
            default -> throw new IllegalArgumentException(kind + " is not a fault of a person record");
        };
        return values;
    }

    private Object[] withFaultyId(PersonRecord person, List<String> provinces, int centurySex, int year)
    {
        String id = allocateFaulty(provinces, centurySex, year);
        return id == null ? null : RegisterColumns.values(person.withIdNumber(id));
    }

    /**
     * A number from the fault range of this chunk for the first province (in the given order) whose window still
     * has room; null when none has (possible only at national scale with many chunks, the fault is then skipped).
     */
    private String allocateFaulty(List<String> provinces, int centurySex, int year)
    {
        int start = random.nextInt(provinces.size());
        for (int i = 0; i < provinces.size(); i++) {
            String id = faultyIds.allocateFaulty(provinces.get((start + i) % provinces.size()), centurySex, year);
            if (id != null) {
                return id;
            }
        }
        return null;
    }

    /** The person's own province code first, then every other one. */
    private List<String> provincesFrom(String province)
    {
        List<String> provinces = new ArrayList<>(provinceCodes.size());
        provinces.add(province);
        provinceCodes.stream().filter(code -> !code.equals(province)).forEach(provinces::add);
        return provinces;
    }

    /** NFD for every text field, or spaces around one field: ingest must repair both. */
    private Object[] repairable(FaultKind kind, Object[] values)
    {
        Object[] repaired = values.clone();
        if (kind == FaultKind.PERSON_TEXT_NFD) {
            for (int i = 0; i < repaired.length; i++) {
                if (repaired[i] instanceof String text) {
                    repaired[i] = Normalizer.normalize(text, Normalizer.Form.NFD);
                }
            }
            return repaired;
        }
        // full_name, ethnicity_code, commune_code, relation_to_head (empty without a household book), residence_status
        int[] paddable = repaired[10] == null ? new int[] {2, 5, 7, 11} : new int[] {2, 5, 7, 10, 11};
        int field = paddable[random.nextInt(paddable.length)];
        repaired[field] = pad((String) repaired[field]);
        return repaired;
    }

    private String pad(String text)
    {
        return switch (random.nextInt(3)) {
            case 0 -> " " + text;
            case 1 -> text + " ";
            default -> "  " + text + " ";
        };
    }

    /** {@code 1987-02-30}, {@code 1987-13-05} or {@code 15/03/1987}: none is an ISO date. */
    private String impossibleDate(LocalDate date)
    {
        return switch (random.nextInt(3)) {
            case 0 -> date.getYear() + "-02-" + (30 + random.nextInt(2));
            case 1 -> String.format("%d-13-%02d", date.getYear(), date.getDayOfMonth());
            default -> String.format("%02d/%02d/%d", date.getDayOfMonth(), date.getMonthValue(), date.getYear());
        };
    }

    /** A commune code not in force on {@code day}: a pre-2025 commune abolished by the reform, or no commune at all. */
    private String unknownCommune(int day)
    {
        int replica = register.chunk().replica();
        if (day >= plan.reformDay) {
            List<String> abolished = plan.abolishedCommuneCodes(replica);
            if (!abolished.isEmpty()) {
                return pick(abolished);
            }
        }
        return AdminCatalogue.replicaPrefix(replica) + "00000";
    }

    // ---------------------------------------------------------------- events

    private Object[] copyOfEvent(FaultKind kind, Object[] original)
    {
        Object[] copy = original.clone();
        switch (kind) {
            case EVENT_DATE_IMPOSSIBLE -> copy[RegisterColumns.EVENT_DATE] = impossibleDate((LocalDate) original[RegisterColumns.EVENT_DATE]);
            case EVENT_DATE_MISSING -> copy[RegisterColumns.EVENT_DATE] = null;
            case EVENT_TYPE_UNKNOWN -> {
                copy[RegisterColumns.EVENT_TYPE] = pick(UNKNOWN_EVENT_TYPES);
                copy[4] = null;
                copy[5] = null;
                copy[6] = null;
            }
            default -> {
                // DUPLICATE_EVENT and the damaged lines: an exact copy
            }
        }
        return copy;
    }

    private EventRecord deathOfUnknownPerson()
    {
        int day = plan.startDay + random.nextInt(plan.endDay - plan.startDay + 1);
        int birthYear = LocalDate.ofEpochDay(day).getYear() - 20 - random.nextInt(60);
        boolean female = random.nextBoolean();
        int digit = IdNumberRules.centurySexDigit(female ? IdNumberRules.Sex.FEMALE : IdNumberRules.Sex.MALE, birthYear);
        String id = faultyIds.allocateFaulty(register.chunk().homeCode(), digit, birthYear % 100);
        if (id == null) {
            return null;
        }
        return new EventRecord(EventType.DEATH.name(), LocalDate.ofEpochDay(day), id,
                plan.communeCode(register.chunk().replica(), register.chunk().communeIndex(), day), null, null, null,
                LocalDate.ofEpochDay(Math.min(plan.endDay, day + random.nextInt(20))));
    }

    /** A move within the area dated before a birth or after a death, between communes in force on its date. */
    private EventRecord spuriousMove(FaultKind kind, SimulatedEvent anchor, EventRecord anchorRecord)
    {
        int from;
        int to;
        if (kind == FaultKind.EVENT_BEFORE_BIRTH) {
            to = anchor.commune();
            if (anchor.day() - plan.startDay < 2) {
                return null;
            }
            from = NONE;
        }
        else {
            from = anchor.commune();
            if (plan.endDay - anchor.day() < 2) {
                return null;
            }
            to = NONE;
        }
        int day = kind == FaultKind.EVENT_BEFORE_BIRTH
                ? plan.startDay + random.nextInt(anchor.day() - plan.startDay)
                : anchor.day() + 1 + random.nextInt(plan.endDay - anchor.day());
        if (day == plan.reformDay) {
            day++;
        }
        int fixed = from == NONE ? to : from;
        int other = otherCommune(fixed, day);
        if (other == NONE) {
            return null;
        }
        int replica = register.chunk().replica();
        int origin = from == NONE ? other : from;
        int destination = to == NONE ? other : to;
        return new EventRecord(EventType.MOVE_WITHIN.name(), LocalDate.ofEpochDay(day), anchorRecord.idNumber(),
                plan.communeCode(replica, destination, day), plan.communeCode(replica, origin, day), null, null,
                LocalDate.ofEpochDay(Math.min(plan.endDay, day + random.nextInt(10))));
    }

    /** A move of a person present all along to a commune not in force on the move's date. */
    private EventRecord moveToUnknownCommune(SimulatedPerson person, PersonRecord record)
    {
        int first = plan.reformDay < plan.endDay ? Math.max(plan.startDay, plan.reformDay + 1) : plan.startDay;
        int day = first + random.nextInt(plan.endDay - first + 1);
        int replica = register.chunk().replica();
        return new EventRecord(EventType.MOVE_WITHIN.name(), LocalDate.ofEpochDay(day), record.idNumber(),
                unknownCommune(day), plan.communeCode(replica, person.commune, day), null, null,
                LocalDate.ofEpochDay(Math.min(plan.endDay, day + random.nextInt(10))));
    }

    private int otherCommune(int commune, int day)
    {
        int start = random.nextInt(plan.communes.size());
        for (int i = 0; i < plan.communes.size(); i++) {
            int candidate = (start + i) % plan.communes.size();
            if (plan.isMove(commune, candidate, day)) {
                return candidate;
            }
        }
        return NONE;
    }

    private int eventOfType(List<SimulatedEvent> events, boolean[] taken, EventType type)
    {
        int start = random.nextInt(Math.max(1, events.size()));
        for (int i = 0; i < events.size(); i++) {
            int candidate = (start + i) % events.size();
            if (!taken[candidate] && events.get(candidate).type() == type) {
                return candidate;
            }
        }
        return NONE;
    }

    // ---------------------------------------------------------------- placement

    private int untakenIndex(boolean[] taken)
    {
        if (taken.length == 0) {
            return NONE;
        }
        for (int attempt = 0; attempt < 32; attempt++) {
            int candidate = random.nextInt(taken.length);
            if (!taken[candidate]) {
                return candidate;
            }
        }
        for (int i = 0; i < taken.length; i++) {
            if (!taken[i]) {
                return i;
            }
        }
        return NONE;
    }

    private static List<List<OutputRow>> insertionSlots(int rows)
    {
        List<List<OutputRow>> slots = new ArrayList<>(rows + 1);
        for (int i = 0; i <= rows; i++) {
            slots.add(null);
        }
        return slots;
    }

    /** Inserts a row somewhere after row {@code original} (slot i holds the rows that follow row i − 1). */
    private void insertAfter(List<List<OutputRow>> slots, int original, OutputRow row)
    {
        int rows = slots.size() - 1;
        add(slots, original + 1 + random.nextInt(rows - original), row);
    }

    private void insertAnywhere(List<List<OutputRow>> slots, OutputRow row)
    {
        add(slots, random.nextInt(slots.size()), row);
    }

    private static void add(List<List<OutputRow>> slots, int slot, OutputRow row)
    {
        if (slots.get(slot) == null) {
            slots.set(slot, new ArrayList<>(2));
        }
        slots.get(slot).add(row);
    }

    private static List<OutputRow> merge(OutputRow[] rows, List<List<OutputRow>> slots)
    {
        List<OutputRow> merged = new ArrayList<>(rows.length + 16);
        for (int i = 0; i <= rows.length; i++) {
            if (slots.get(i) != null) {
                merged.addAll(slots.get(i));
            }
            if (i < rows.length) {
                merged.add(rows[i]);
            }
        }
        return merged;
    }

    private int stochasticRound(double value)
    {
        int whole = (int) value;
        return whole + (random.nextDouble() < value - whole ? 1 : 0);
    }

    private void shuffle(List<Integer> values)
    {
        for (int i = values.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Integer swap = values.get(i);
            values.set(i, values.get(j));
            values.set(j, swap);
        }
    }

    private String pick(List<String> values)
    {
        return values.get(random.nextInt(values.size()));
    }
}
