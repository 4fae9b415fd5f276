package vn.dancu.datasets.synthetic;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

import static vn.dancu.datasets.synthetic.DemographicModel.DAYS_PER_YEAR;
import static vn.dancu.datasets.synthetic.SimulatedPerson.NONE;

/**
 * Simulates one chunk: the households living in its commune at the period start, then every birth, death, marriage,
 * move and arrival in date order (a discrete-event simulation: each person's next death, departure, marriage or
 * birth is drawn from the age-specific rates of {@link DemographicModel} and put in a queue). All randomness comes
 * from one stream seeded by (seed, chunk index), so a chunk's output depends on nothing else.
 */
final class ChunkSimulation
{
    static final String HEAD = "Chủ hộ";
    static final String SPOUSE = "Vợ/chồng";
    static final String CHILD = "Con";
    static final String PARENT = "Cha/mẹ";
    static final String GRANDCHILD = "Cháu";
    static final String SIBLING = "Anh/chị/em";
    static final String OTHER = "Khác";

    static final String PERMANENT = "Thường trú";
    static final String TEMPORARY = "Tạm trú";
    static final String DECEASED = "Đã chết";
    static final String MOVED_OUT = "Đã chuyển đi";

    private static final WeightedList RELIGION_KINH = WeightedList.of("Không", 80, "Phật giáo", 9, "Công giáo", 9, "Tin lành", 2);
    private static final WeightedList RELIGION_BA_NA = WeightedList.of("Không", 45, "Công giáo", 45, "Tin lành", 10);
    private static final WeightedList RELIGION_XO_DANG = WeightedList.of("Không", 55, "Công giáo", 35, "Tin lành", 10);
    private static final WeightedList RELIGION_HIGHLAND = WeightedList.of("Không", 65, "Công giáo", 25, "Tin lành", 10);
    private static final WeightedList RELIGION_CLAN = WeightedList.of("Không", 50, "Tin lành", 30, "Công giáo", 20);
    private static final WeightedList RELIGION_NORTHERN = WeightedList.of("Không", 93, "Tin lành", 5, "Phật giáo", 2);
    private static final WeightedList NORTHERN_ARRIVALS = WeightedList.of("03", 30, "06", 30, "02", 20, "07", 20);

    /**
     * Arrivals into a commune where minorities are a share m of the people are of the commune's own mix with
     * probability 0.8 m (from neighbouring districts), otherwise Kinh (85%) or northern minorities (assumed).
     */
    static final double ARRIVALS_LIKE_RESIDENTS = 0.8;
    /** The same in a remote commune (rural, over 80% minorities), where few settlers go (assumed). */
    static final double ARRIVALS_LIKE_RESIDENTS_REMOTE = 0.95;
    /** Mean size of an arriving household (measured on the model), to turn the arrival rate of persons into households. */
    static final double MEAN_ARRIVING_HOUSEHOLD = 2.3;



    private enum Action { REFORM_EVE, DEATH, MOVE_OUT, BIRTH, MARRIAGE, BRIDE_ARRIVAL, HOUSEHOLD_MOVE_OUT, HOUSEHOLD_MOVE_WITHIN, ARRIVAL, PERMANENT_REGISTRATION }

    private record Scheduled(int day, int priority, long sequence, Action action, int subject) implements Comparable<Scheduled>
    {
        @Override
        public int compareTo(Scheduled other)
        {
            if (day != other.day) {
                return Integer.compare(day, other.day);
            }
            if (priority != other.priority) {
                return Integer.compare(priority, other.priority);
            }
            return Long.compare(sequence, other.sequence);
        }
    }

    /** An event as simulated: communes are indices into the plan's communes, coded by date on output. */
    record SimulatedEvent(EventType type, int day, int person, int commune, int fromCommune, int mother, String otherPlace) {}

    private final RegisterPlan plan;
    private final ChunkPlan chunk;
    private final DemographicModel model;
    private final SplittableRandom random;
    /** The stream of the ordinary imperfections: drawing them leaves the simulated demography unchanged. */
    private final SplittableRandom imperfections;
    private final IdNumberAllocator ids;
    private final CommuneProfile home;
    private final List<SimulatedPerson> persons = new ArrayList<>();
    private final List<Household> households = new ArrayList<>();
    private final List<SimulatedEvent> events = new ArrayList<>();
    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>();
    private long sequence;

    ChunkSimulation(RegisterPlan plan, ChunkPlan chunk)
    {
        this.plan = plan;
        this.chunk = chunk;
        this.model = plan.model;
        this.random = new SplittableRandom(streamSeed(plan.options.seed(), chunk.index(), 0));
        this.imperfections = new SplittableRandom(streamSeed(plan.options.seed(), chunk.index(), 3));
        this.ids = new IdNumberAllocator(chunk.homeCode(), chunk.homeSlot(), plan.homeSlots(chunk.homeCode()),
                chunk.index(), plan.chunks.size());
        this.home = plan.communes.get(chunk.communeIndex());
    }

    /** A seed for one random stream of one chunk, well mixed so that neighbouring chunks are unrelated. */
    static long streamSeed(long seed, int chunkIndex, int stream)
    {
        long z = seed * 0x9E3779B97F4A7C15L + chunkIndex * 0xC2B2AE3D27D4EB4FL + stream * 0x165667B19E3779F9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Creates the start population at the burn-in start, simulates up to the period end, and returns what the
     * extract holds: the persons present on the period start or arriving later, and the events of the period.
     */
    ChunkRegister run()
    {
        int start = plan.burnInStartDay;
        long constructed = Math.max(1, Math.round(chunk.initialPersons() * plan.burnInShrink));
        while (persons.size() < constructed) {
            createStartHousehold(start);
        }
        if (plan.reformDay <= start) {
            persons.forEach(person -> person.communeOnReformEve = person.commune);
        }
        else if (plan.reformDay <= plan.endDay) {
            schedule(plan.reformDay, Action.REFORM_EVE, 0);
        }
        scheduleArrival(start);
        while (!queue.isEmpty()) {
            Scheduled next = queue.poll();
            process(next);
        }
        return ChunkRegister.of(plan, chunk, persons, events, new SplittableRandom(streamSeed(plan.options.seed(), chunk.index(), 1)),
                imperfections);
    }

    // ---------------------------------------------------------------- the start population

    private void createStartHousehold(int day)
    {
        String ethnicity = home.ethnicMix().sample(random);
        Household household = newHousehold(chunk.communeIndex());
        String religion = religion(ethnicity);
        boolean temporary = random.nextDouble() < 0.02;
        double kind = random.nextDouble();
        if (kind < 0.03) {
            boolean elderly = random.nextBoolean();
            int age = elderly ? 60 + random.nextInt(26) : 18 + random.nextInt(18);
            SimulatedPerson single = startPerson(random.nextDouble() < (elderly ? 0.65 : 0.4), age, ethnicity, religion,
                    NONE, NONE, household, day);
            single.temporaryResident = temporary || (!elderly && random.nextDouble() < 0.3);
            setHead(household, single);
            scheduleStartHousehold(household, day);
            if (single.temporaryResident) {
                schedulePermanentRegistration(household, day);
            }
            return;
        }
        int headAge = model.sampleHeadAge(random);
        int parent = NONE;
        if (headAge <= 60 && random.nextDouble() < 0.15) {
            int parentAge = Math.min(95, headAge + 20 + random.nextInt(12));
            if (random.nextDouble() < model.survival(parentAge, true) / model.survival(headAge, true)) {
                parent = startPerson(random.nextDouble() < 0.75, parentAge, ethnicity, religion, NONE, NONE, household, day).index;
            }
        }
        boolean singleMother = kind < 0.03 + SINGLE_MOTHERS;
        SimulatedPerson mother;
        SimulatedPerson head;
        if (singleMother) {
            int motherAge = Math.max(22, Math.min(headAge, 65));
            head = startPerson(true, motherAge, ethnicity, religion, motherOf(parent), fatherOf(parent), household, day);
            mother = head;
        }
        else {
            head = startPerson(false, Math.max(headAge, 19), ethnicity, religion, motherOf(parent), fatherOf(parent), household, day);
            int wifeAge = (int) Math.round(headAge - 3 - 2.5 * DemographicModel.gaussian(random));
            wifeAge = Math.max(16, Math.min(headAge + 6, wifeAge));
            mother = startPerson(true, wifeAge, ethnicity, religion, NONE, NONE, household, day);
            mother.spouse = head.index;
            head.spouse = mother.index;
            mother.partnered = true;
            head.partnered = true;
        }
        setHead(household, head);
        addChildren(mother, singleMother ? NONE : head.index, household, day);
        for (int member : household.members) {
            persons.get(member).temporaryResident = temporary;
        }
        scheduleStartHousehold(household, day);
        if (temporary) {
            schedulePermanentRegistration(household, day);
        }
    }

    /** Share of start households that are a mother with her children (widowed or separated; assumed). */
    static final double SINGLE_MOTHERS = 0.04;

    private void scheduleStartHousehold(Household household, int day)
    {
        for (int member : household.members) {
            scheduleLife(persons.get(member), day);
        }
        scheduleHousehold(household, day);
    }

    private int motherOf(int parent)
    {
        return parent != NONE && persons.get(parent).female ? parent : NONE;
    }

    private int fatherOf(int parent)
    {
        return parent != NONE && !persons.get(parent).female ? parent : NONE;
    }

    /** The mother's surviving children still at home, from her fertility since her marriage (at most to age 49). */
    private void addChildren(SimulatedPerson mother, int father, Household household, int day)
    {
        double marriageAge = model.sampleMarriageAge(random, mother.ethnicityCode.equals(EthnicMix.KINH));
        addChildren(mother, father, marriageAge, household, day);
    }

    /**
     * The mother's surviving children still at home, from her fertility since she married at {@code marriageAge}.
     * Grown children are where the simulation would have them: a daughter past her marriage age has married and lives
     * with her husband (elsewhere in the start population, or outside the area) unless she never marries; a son past
     * his marriage age is mostly married and then either lives here with his wife and their children (as couples do in
     * the simulation) or heads a household of his own. So the start population has the married shares the simulation
     * keeps, and no backlog of marriages and first births falls into the first years of the period. An unmarried
     * grown child is still at home with the probability of not having left alone since age 15 at the simulation's rates.
     */
    private void addChildren(SimulatedPerson mother, int father, double marriageAge, Household household, int day)
    {
        boolean kinh = mother.ethnicityCode.equals(EthnicMix.KINH);
        double motherAge = (day - mother.birthDay) / DAYS_PER_YEAR;
        double lastBirthAge = -10;
        for (double age = Math.min(marriageAge, motherAge); age < Math.min(motherAge, 50); age += 0.25) {
            if (age - lastBirthAge < MIN_BIRTH_INTERVAL_YEARS) {
                continue;
            }
            double yearsBefore = motherAge - age;
            double historical = Math.min(1.8, 1 + HISTORICAL_FERTILITY_DECLINE * yearsBefore);
            if (random.nextDouble() >= model.partneredFertility((int) age) * historical * 0.25) {
                continue;
            }
            lastBirthAge = age;
            double childAge = motherAge - age;
            boolean female = random.nextDouble() < FEMALE_AT_BIRTH;
            if (random.nextDouble() >= model.survival(childAge, female)) {
                continue;
            }
            double plannedMarriageAge = Double.NaN;
            double sonMarriedAt = Double.NaN;
            if (childAge >= 15) {
                double childMarriageAge = model.sampleMarriageAge(random, kinh);
                if (female) {
                    boolean marries = random.nextDouble() < DemographicModel.EVER_MARRIED_WOMEN;
                    if (marries && childAge >= childMarriageAge) {
                        continue;
                    }
                    plannedMarriageAge = marries ? childMarriageAge : Double.POSITIVE_INFINITY;
                }
                else if (childAge >= childMarriageAge + HUSBAND_AGE_GAP && random.nextDouble() < SONS_MARRIED) {
                    if (random.nextDouble() >= SON_STAYS_AFTER_MARRIAGE) {
                        continue;
                    }
                    sonMarriedAt = childMarriageAge + HUSBAND_AGE_GAP;
                }
            }
            if (childAge >= 15 && Double.isNaN(sonMarriedAt) && random.nextDouble() >= model.stayedUnmarried(childAge)) {
                continue;
            }
            int birthDay = day - (int) Math.round(childAge * DAYS_PER_YEAR) - 1;
            String family = father != NONE ? persons.get(father).fullName : mother.fullName;
            SimulatedPerson child = newPerson(female, birthDay, mother.ethnicityCode, mother.religion,
                    bornElsewhere(mother.ethnicityCode, (int) childAge), mother.index, father,
                    PersonNames.inheritedFamilyName(family, mother.ethnicityCode));
            child.plannedMarriageAge = plannedMarriageAge;
            join(child, household);
            mother.lastBirthDay = Math.max(mother.lastBirthDay, birthDay);
            if (!Double.isNaN(sonMarriedAt)) {
                addDaughterInLaw(child, childAge - sonMarriedAt, household, day);
            }
        }
    }

    /** The wife of a married son living with his parents, and their children. */
    private void addDaughterInLaw(SimulatedPerson son, double yearsMarried, Household household, int day)
    {
        int sonAge = son.age(day);
        int wifeAge = (int) Math.round(sonAge - HUSBAND_AGE_GAP - 2.5 * DemographicModel.gaussian(random));
        wifeAge = Math.max(16, Math.min(sonAge + 6, wifeAge));
        SimulatedPerson wife = startPerson(true, wifeAge, son.ethnicityCode, son.religion, NONE, NONE, household, day);
        wife.spouse = son.index;
        son.spouse = wife.index;
        wife.partnered = true;
        son.partnered = true;
        addChildren(wife, son.index, Math.max(15.5, wifeAge - yearsMarried), household, day);
    }

    /** Mean age difference between husband and wife, in years (assumed). */
    static final double HUSBAND_AGE_GAP = 3;
    /** Share of men past their marriage age who have married (assumed; the simulation keeps about this share). */
    static final double SONS_MARRIED = 0.85;
    /** Share of married sons who live with their parents, as in the simulation's marriages (assumed). */
    static final double SON_STAYS_AFTER_MARRIAGE = 0.55;

    /**
     * Fertility before the period was higher (Kon Tum's TFR fell from above 3.5 around 2000, assumed): children born
     * t years before the start are drawn at (1 + 0.04 t) times today's rates, at most 1.8 times.
     */
    static final double HISTORICAL_FERTILITY_DECLINE = 0.04;
    private static final double MIN_BIRTH_INTERVAL_YEARS = DemographicModel.MIN_BIRTH_INTERVAL_DAYS / DAYS_PER_YEAR;
    /** Sex ratio at birth of about 107 boys per 100 girls (assumed for the Highlands, below the national 111). */
    static final double FEMALE_AT_BIRTH = 100.0 / 207.0;

    private SimulatedPerson startPerson(boolean female, int age, String ethnicity, String religion, int mother, int father,
            Household household, int day)
    {
        int oldest = LocalDate.ofEpochDay(day).getYear() - 1902;
        if (age > oldest) {
            age = oldest;
        }
        int birthDay = day - (int) (age * DAYS_PER_YEAR) - random.nextInt(365) - 1;
        SimulatedPerson person = newPerson(female, birthDay, ethnicity, religion, bornElsewhere(ethnicity, age),
                mother, father, null);
        join(person, household);
        return person;
    }

    private String bornElsewhere(String ethnicity, int age)
    {
        return random.nextDouble() < BirthProvinces.bornElsewhere(ethnicity, age)
                ? BirthProvinces.origin(random, ethnicity)
                : chunk.homeCode();
    }

    // ---------------------------------------------------------------- people and households

    private SimulatedPerson newPerson(boolean female, int birthDay, String ethnicity, String religion, String birthProvince,
            int mother, int father, String familyName)
    {
        int birthYear = LocalDate.ofEpochDay(birthDay).getYear();
        String idNumber = ids.allocate(birthProvince, female, birthYear);
        String fullName = PersonNames.fullName(random, ethnicity, female, birthYear, familyName);
        SimulatedPerson person = new SimulatedPerson(persons.size(), female, birthDay, ethnicity, religion, idNumber,
                fullName, mother, father);
        persons.add(person);
        return person;
    }

    private Household newHousehold(int commune)
    {
        Household household = new Household(households.size(), householdId(chunk.index(), households.size() + 1), commune);
        households.add(household);
        return household;
    }

    /** A 12-digit household book number: the chunk (7 digits) and the household within it (5 digits). */
    static String householdId(int chunkIndex, int number)
    {
        if (chunkIndex > 9_999_999 || number > 99_999) {
            throw new IllegalStateException("household number out of range: chunk " + chunkIndex + ", household " + number);
        }
        long value = chunkIndex * 100_000L + number;
        String digits = Long.toString(value);
        return "0".repeat(12 - digits.length()) + digits;
    }

    /** Whether an imperfection happens this time (drawn from the imperfection stream). */
    private boolean happens(Imperfection imperfection)
    {
        return imperfections.nextDouble() < imperfection.rate();
    }

    /** Makes a person the head of a household, in the simulation and in the book. */
    private static void setHead(Household household, SimulatedPerson head)
    {
        household.head = head.index;
        household.recordedHead = head.index;
    }

    private void join(SimulatedPerson person, Household household)
    {
        person.household = household;
        person.commune = household.commune;
        household.members.add(person.index);
        if (household.members.size() > 1) {
            household.withoutBook = false;
        }
    }

    /**
     * A person leaves a household (dies, leaves the area, marries into another). When the head leaves, the next head
     * is chosen; the book records the new head, except for {@link Imperfection#HEAD_NOT_REPLACED}.
     */
    private void leave(SimulatedPerson person)
    {
        Household household = person.household;
        household.members.remove(Integer.valueOf(person.index));
        if (household.head == person.index) {
            household.head = chooseHead(household);
            if (household.head == NONE || !happens(Imperfection.HEAD_NOT_REPLACED)) {
                household.recordedHead = household.head;
            }
        }
    }

    /** The new head when the head leaves: the spouse, else the oldest member aged 15 or more, else the oldest. */
    private int chooseHead(Household household)
    {
        int best = NONE;
        for (int member : household.members) {
            SimulatedPerson candidate = persons.get(member);
            if (best == NONE) {
                best = member;
                continue;
            }
            SimulatedPerson current = persons.get(best);
            if (candidate.birthDay < current.birthDay) {
                best = member;
            }
        }
        for (int member : household.members) {
            SimulatedPerson candidate = persons.get(member);
            if (candidate.partnered && candidate.spouse != NONE && persons.get(candidate.spouse).household == household
                    && persons.get(candidate.spouse).resident()) {
                return persons.get(member).birthDay <= persons.get(candidate.spouse).birthDay ? member : candidate.spouse;
            }
        }
        return best;
    }

    /**
     * Relation to the head of the household as the book records it, from the family links: relative to the recorded
     * head (who may have died or left, {@link Imperfection#HEAD_NOT_REPLACED}); "Chủ hộ" for a head who kept the title
     * on joining ({@link Imperfection#HEAD_TITLE_KEPT}); none for a lodger without a household book.
     */
    static String relation(List<SimulatedPerson> persons, SimulatedPerson person, Household household)
    {
        if (household.withoutBook) {
            return null;
        }
        if (household.recordedHead == NONE || household.recordedHead == person.index || person.keepsHeadTitle) {
            return HEAD;
        }
        SimulatedPerson head = persons.get(household.recordedHead);
        if (person.spouse == head.index || head.spouse == person.index) {
            return SPOUSE;
        }
        if (isChildOf(person, head)) {
            return CHILD;
        }
        if (head.mother == person.index || head.father == person.index) {
            return PARENT;
        }
        for (int parent : new int[] {person.mother, person.father}) {
            if (parent != NONE && isChildOf(persons.get(parent), head)) {
                return GRANDCHILD;
            }
        }
        if ((person.mother != NONE && person.mother == head.mother) || (person.father != NONE && person.father == head.father)) {
            return SIBLING;
        }
        return OTHER;
    }

    private static boolean isChildOf(SimulatedPerson person, SimulatedPerson parent)
    {
        if (person.mother == parent.index || person.father == parent.index) {
            return true;
        }
        return parent.spouse != NONE && (person.mother == parent.spouse || person.father == parent.spouse);
    }

    private String religion(String ethnicity)
    {
        if (happens(Imperfection.RELIGION_MISSING)) {
            return null;
        }
        WeightedList religions = switch (PersonNames.tradition(ethnicity)) {
            case LOWLAND -> RELIGION_KINH;
            case NORTHERN -> RELIGION_NORTHERN;
            case CLAN_FIRST -> RELIGION_CLAN;
            case HIGHLAND_PREFIX -> ethnicity.equals("13") ? RELIGION_BA_NA : ethnicity.equals("14") ? RELIGION_XO_DANG : RELIGION_HIGHLAND;
        };
        return religions.pick(random);
    }

    // ---------------------------------------------------------------- scheduling

    private void schedule(int day, Action action, int subject)
    {
        queue.add(new Scheduled(day, priority(action), sequence++, action, subject));
    }

    /**
     * Order of actions on the same day: the reform's eve first, then arrivals and moves, then births (so a child is
     * born where the mother lives at the end of the day's moves), then deaths and departures.
     */
    private static int priority(Action action)
    {
        return switch (action) {
            case REFORM_EVE -> 0;
            case ARRIVAL, MARRIAGE, BRIDE_ARRIVAL, HOUSEHOLD_MOVE_WITHIN -> 1;
            case BIRTH -> 2;
            case DEATH, MOVE_OUT, HOUSEHOLD_MOVE_OUT, PERMANENT_REGISTRATION -> 3;
        };
    }

    /** Moves never fall on 01/07/2025 itself, so that the reform and a move are never the same day. */
    private void scheduleMove(int day, Action action, int subject)
    {
        int moveDay = day == plan.reformDay ? day + 1 : day;
        if (moveDay <= plan.endDay) {
            schedule(moveDay, action, subject);
        }
    }

    private void scheduleLife(SimulatedPerson person, int from)
    {
        int death = model.sampleDeathDay(random, person.birthDay, from, plan.endDay, person.female);
        if (death >= 0) {
            schedule(death, Action.DEATH, person.index);
        }
        // the rates are 0 outside their ages: the search is bounded by them (the same draw, the same day, less work)
        int moveOut = DemographicModel.sampleDay(random, person.birthDay, Math.max(from, person.birthDay + 15 * 365),
                Math.min(plan.endDay, birthday(person, 40)), model::individualMoveOut);
        if (moveOut >= 0) {
            scheduleMove(moveOut, Action.MOVE_OUT, person.index);
        }
        if (person.female && !person.partnered && person.spouse == NONE && !headOfFamily(person)) {
            scheduleMarriage(person, from);
        }
        if (!person.female && !person.partnered && person.spouse == NONE) {
            int bride = DemographicModel.sampleDay(random, person.birthDay, Math.max(from, birthday(person, 20)),
                    Math.min(plan.endDay, birthday(person, 40)), model::brideFromOutside);
            if (bride >= 0) {
                scheduleMove(bride, Action.BRIDE_ARRIVAL, person.index);
            }
        }
        if (person.partnered && person.female) {
            scheduleNextBirth(person, from);
        }
    }

    /** The first day on which the person is {@code age} years old (as {@link DemographicModel#ageInYears} counts). */
    private static int birthday(SimulatedPerson person, int age)
    {
        return person.birthDay + (int) Math.ceil(age * DAYS_PER_YEAR);
    }

    /** A head of a household with other members (a single mother, for instance) does not marry in the model. */
    private boolean headOfFamily(SimulatedPerson person)
    {
        return person.household.head == person.index && person.household.members.size() > 1;
    }

    private void scheduleMarriage(SimulatedPerson woman, int from)
    {
        double age = woman.plannedMarriageAge;
        if (Double.isNaN(age)) {
            if (random.nextDouble() >= DemographicModel.EVER_MARRIED_WOMEN) {
                return;
            }
            age = model.sampleMarriageAge(random, woman.ethnicityCode.equals(EthnicMix.KINH));
        }
        if (Double.isInfinite(age)) {
            return;
        }
        int day = woman.birthDay + (int) (age * DAYS_PER_YEAR);
        if (day < from) {
            if (woman.age(from) >= 40) {
                return;
            }
            day = from + random.nextInt(3 * 365);
        }
        scheduleMove(day, Action.MARRIAGE, woman.index);
    }

    private void scheduleNextBirth(SimulatedPerson mother, int from)
    {
        int start = Math.max(from, mother.lastBirthDay + DemographicModel.MIN_BIRTH_INTERVAL_DAYS);
        int end = Math.min(plan.endDay, mother.birthDay + (int) (50 * DAYS_PER_YEAR));
        if (start > end) {
            return;
        }
        int day = DemographicModel.sampleDay(random, mother.birthDay, start, end, model::partneredFertility);
        if (day >= 0) {
            schedule(day, Action.BIRTH, mother.index);
        }
    }

    /**
     * Temporary residents register permanently after a while: the household's members who are {@code Tạm trú} become
     * {@code Thường trú} on a day drawn at {@link #PERMANENT_REGISTRATION_RATE}. Those still waiting after two years
     * (the longest a temporary registration runs before renewal, Law on Residence 2020 art. 27) are the temporary
     * residents of long standing every register has.
     */
    private void schedulePermanentRegistration(Household household, int from)
    {
        int day = DemographicModel.sampleDay(random, from, plan.endDay, PERMANENT_REGISTRATION_RATE);
        if (day >= 0) {
            schedule(day, Action.PERMANENT_REGISTRATION, household.index);
        }
    }

    /** Annual rate at which a household of temporary residents registers permanently (assumed). */
    static final double PERMANENT_REGISTRATION_RATE = 0.3;

    private void registerPermanently(Household household)
    {
        for (int member : household.members) {
            persons.get(member).temporaryResident = false;
        }
    }

    private void scheduleHousehold(Household household, int from)
    {
        int out = DemographicModel.sampleDay(random, from, plan.endDay, DemographicModel.HOUSEHOLD_MOVE_OUT_RATE);
        if (out >= 0) {
            scheduleMove(out, Action.HOUSEHOLD_MOVE_OUT, household.index);
        }
        scheduleHouseholdMoveWithin(household.index, from);
    }

    private void scheduleHouseholdMoveWithin(int household, int from)
    {
        if (plan.communes.size() < 2) {
            return;
        }
        int within = DemographicModel.sampleDay(random, from, plan.endDay, DemographicModel.HOUSEHOLD_MOVE_WITHIN_RATE);
        if (within >= 0) {
            scheduleMove(within, Action.HOUSEHOLD_MOVE_WITHIN, household);
        }
    }

    /**
     * The next arrival of a household from outside: arrivals are a Poisson process proportional to the chunk's planned
     * residents (its residents at the period start, grown or shrunk at the model's growth rate), not to the residents
     * of the moment, so that chance does not compound over the burn-in and the period.
     */
    private void scheduleArrival(int from)
    {
        double arrivalsPerDay = DemographicModel.ARRIVAL_RATE * plan.plannedResidents(chunk, from) / MEAN_ARRIVING_HOUSEHOLD / DAYS_PER_YEAR;
        if (arrivalsPerDay <= 0) {
            return;
        }
        int day = from + (int) (DemographicModel.exponential(random) / arrivalsPerDay);
        if (day <= plan.endDay) {
            scheduleMove(day, Action.ARRIVAL, 0);
        }
    }

    // ---------------------------------------------------------------- processing

    private void process(Scheduled next)
    {
        int day = next.day();
        switch (next.action()) {
            case REFORM_EVE -> {
                for (SimulatedPerson person : persons) {
                    if (person.resident()) {
                        person.communeOnReformEve = person.commune;
                    }
                }
            }
            case DEATH -> die(persons.get(next.subject()), day);
            case MOVE_OUT -> moveOutAlone(persons.get(next.subject()), day);
            case BIRTH -> giveBirth(persons.get(next.subject()), day);
            case MARRIAGE -> marry(persons.get(next.subject()), day);
            case BRIDE_ARRIVAL -> marryBrideFromOutside(persons.get(next.subject()), day);
            case HOUSEHOLD_MOVE_OUT -> moveOutHousehold(households.get(next.subject()), day);
            case HOUSEHOLD_MOVE_WITHIN -> moveWithin(next.subject(), day);
            case ARRIVAL -> arrive(day);
            case PERMANENT_REGISTRATION -> registerPermanently(households.get(next.subject()));
        }
    }

    private void die(SimulatedPerson person, int day)
    {
        if (!person.resident()) {
            return;
        }
        events.add(new SimulatedEvent(EventType.DEATH, day, person.index, person.commune, NONE, NONE, null));
        exit(person, day, EventType.DEATH);
    }

    private void exit(SimulatedPerson person, int day, EventType type)
    {
        person.hasEvents = true;
        person.exitType = type;
        person.exitDay = day;
        person.householdIdAtExit = person.household.withoutBook ? null : person.household.id;
        person.relationAtExit = relation(persons, person, person.household);
        leave(person);
        if (person.spouse != NONE) {
            SimulatedPerson spouse = persons.get(person.spouse);
            spouse.partnered = false;
        }
    }

    private void moveOutAlone(SimulatedPerson person, int day)
    {
        if (!person.resident() || person.partnered || person.household.head == person.index
                || person.age(day) < 15 || person.age(day) > 39) {
            return;
        }
        events.add(new SimulatedEvent(EventType.MOVE_OUT, day, person.index, person.commune, NONE, NONE, destination(day)));
        exit(person, day, EventType.MOVE_OUT);
    }

    private void moveOutHousehold(Household household, int day)
    {
        if (household.members.isEmpty()) {
            return;
        }
        String destination = destination(day);
        for (int member : List.copyOf(household.members)) {
            SimulatedPerson person = persons.get(member);
            events.add(new SimulatedEvent(EventType.MOVE_OUT, day, member, person.commune, NONE, NONE, destination));
            exit(person, day, EventType.MOVE_OUT);
        }
    }

    /** GSO code of the province someone leaving the area goes to. */
    private String destination(int day)
    {
        String code = plan.area.name().equals("konray") && random.nextDouble() < 0.3
                ? chunk.homeCode()
                : BirthProvinces.destination(random);
        return provinceOnDay(code, day);
    }

    /** The 2-digit province code of an ID province code, Kon Tum being Quảng Ngãi (51) from 01/07/2025. */
    private String provinceOnDay(String idProvinceCode, int day)
    {
        String code = idProvinceCode.substring(1);
        return day >= plan.reformDay && code.equals("62") ? "51" : code;
    }

    private void moveWithin(int householdIndex, int day)
    {
        Household household = households.get(householdIndex);
        if (household.members.isEmpty()) {
            return;
        }
        for (int member : household.members) {
            if (persons.get(member).lastMoveWithinDay == day) {
                // a member already moved today (at marriage); the household moves tomorrow
                scheduleMove(day + 1, Action.HOUSEHOLD_MOVE_WITHIN, householdIndex);
                return;
            }
        }
        String ethnicity = persons.get(household.head).ethnicityCode;
        int destination = otherCommune(household.commune, day, ethnicity);
        if (destination != NONE) {
            int from = household.commune;
            household.commune = destination;
            for (int member : household.members) {
                SimulatedPerson person = persons.get(member);
                events.add(new SimulatedEvent(EventType.MOVE_WITHIN, day, member, destination, from, NONE, null));
                person.commune = destination;
                person.hasEvents = true;
                person.lastMoveWithinDay = day;
            }
        }
        scheduleHouseholdMoveWithin(householdIndex, day + 1);
    }

    /**
     * Another commune of the area for a household of the given ethnic group, or NONE: weighted by population
     * share (townships twice) and by the share of the group there (people move where their group lives).
     */
    private int otherCommune(int from, int day, String ethnicity)
    {
        double total = 0;
        for (int c = 0; c < plan.communes.size(); c++) {
            if (plan.isMove(from, c, day)) {
                total += communeWeight(c, ethnicity);
            }
        }
        if (total <= 0) {
            return NONE;
        }
        double u = random.nextDouble() * total;
        int last = NONE;
        for (int c = 0; c < plan.communes.size(); c++) {
            if (plan.isMove(from, c, day)) {
                last = c;
                u -= communeWeight(c, ethnicity);
                if (u < 0) {
                    return c;
                }
            }
        }
        return last;
    }

    private double communeWeight(int commune, String ethnicity)
    {
        CommuneProfile profile = plan.communes.get(commune);
        return profile.share() * (profile.urban() ? 2 : 1) * (0.01 + profile.ethnicMix().share(ethnicity));
    }

    private void giveBirth(SimulatedPerson mother, int day)
    {
        if (!mother.resident() || !mother.partnered) {
            return;
        }
        int father = mother.spouse != NONE && persons.get(mother.spouse).resident() ? mother.spouse : NONE;
        String ethnicity = mother.ethnicityCode;
        if (father != NONE && !persons.get(father).ethnicityCode.equals(ethnicity) && random.nextBoolean()) {
            ethnicity = persons.get(father).ethnicityCode;
        }
        String family = PersonNames.inheritedFamilyName(father != NONE ? persons.get(father).fullName : mother.fullName, ethnicity);
        boolean female = random.nextDouble() < FEMALE_AT_BIRTH;
        SimulatedPerson child = newPerson(female, day, ethnicity, mother.religion, chunk.homeCode(), mother.index, father,
                family);
        child.temporaryResident = mother.temporaryResident;
        join(child, mother.household);
        child.hasEvents = true;
        mother.isMother = true;
        mother.hasEvents = true;
        mother.lastBirthDay = day;
        events.add(new SimulatedEvent(EventType.BIRTH, day, child.index, mother.commune, NONE, mother.index, null));
        scheduleLife(child, day);
        scheduleNextBirth(mother, day);
    }

    /**
     * A woman marries: a local unmarried man (55%), a man from outside who moves in (25%), or she leaves the area to
     * live with her husband (20%). The couple starts a household of its own, or (30%) lives with the husband's family.
     */
    private void marry(SimulatedPerson woman, int day)
    {
        if (!woman.resident() || woman.partnered || woman.spouse != NONE || headOfFamily(woman)) {
            return;
        }
        if (woman.lastMoveWithinDay == day) {
            // she moved with her household today; a second move of hers the same day waits until tomorrow
            scheduleMove(day + 1, Action.MARRIAGE, woman.index);
            return;
        }
        double choice = random.nextDouble();
        SimulatedPerson husband = null;
        if (choice < MARRIES_LOCAL_MAN) {
            husband = findHusband(woman, day);
            if (husband == null) {
                // no local man to marry (a small chunk): one of the other two outcomes, in their proportions
                choice = MARRIES_LOCAL_MAN + random.nextDouble() * (1 - MARRIES_LOCAL_MAN);
            }
        }
        if (husband == null && choice < MARRIES_LOCAL_MAN + GROOM_FROM_OUTSIDE) {
            husband = husbandFromOutside(woman, day);
        }
        if (husband == null) {
            events.add(new SimulatedEvent(EventType.MOVE_OUT, day, woman.index, woman.commune, NONE, NONE, destination(day)));
            exit(woman, day, EventType.MOVE_OUT);
            return;
        }
        Household household = coupleHousehold(husband, day);
        if (woman.household != household) {
            int from = woman.commune;
            if (woman.household.recordedHead == woman.index && happens(Imperfection.HEAD_TITLE_KEPT)) {
                woman.keepsHeadTitle = true;
            }
            leave(woman);
            join(woman, household);
            if (plan.isMove(from, household.commune, day)) {
                events.add(new SimulatedEvent(EventType.MOVE_WITHIN, day, woman.index, household.commune, from, NONE, null));
                woman.hasEvents = true;
                woman.lastMoveWithinDay = day;
            }
        }
        woman.spouse = husband.index;
        husband.spouse = woman.index;
        woman.partnered = true;
        husband.partnered = true;
        woman.temporaryResident = husband.temporaryResident;
        scheduleNextBirth(woman, day);
    }

    /**
     * Where a newly married couple lives: the husband's household when he heads it, else his parents' household
     * (55%, assumed) or a new household headed by him.
     */
    private Household coupleHousehold(SimulatedPerson husband, int day)
    {
        if (husband.household.head == husband.index || random.nextDouble() < SON_STAYS_AFTER_MARRIAGE) {
            return husband.household;
        }
        leave(husband);
        Household household = newHousehold(husband.commune);
        join(husband, household);
        setHead(household, husband);
        scheduleHousehold(household, day + 1);
        if (husband.temporaryResident) {
            schedulePermanentRegistration(household, day + 1);
        }
        return household;
    }

    /**
     * An unmarried local man marries a woman from outside the area, who moves in (MOVE_IN): the mirror of the women
     * who leave the area when they marry, so that marriage migration does not tilt the sex ratio (Vietnamese
     * marriages are mostly patrilocal: it is mostly the wife who moves).
     */
    private void marryBrideFromOutside(SimulatedPerson man, int day)
    {
        if (!man.resident() || man.partnered || man.spouse != NONE) {
            return;
        }
        int age = Math.max(18, Math.min(man.age(day) + 2, (int) Math.round(man.age(day) - HUSBAND_AGE_GAP - 2.5 * DemographicModel.gaussian(random))));
        boolean likeResidents = arrivesLikeResidents(day);
        String ethnicity = likeResidents || random.nextDouble() < 0.8 ? man.ethnicityCode : EthnicMix.KINH;
        String origin = arrivalOrigin(ethnicity, age, likeResidents);
        int birthDay = day - (int) (age * DAYS_PER_YEAR) - random.nextInt(365) - 1;
        SimulatedPerson wife = newPerson(true, birthDay, ethnicity, man.religion, origin, NONE, NONE, null);
        join(wife, coupleHousehold(man, day));
        wife.spouse = man.index;
        man.spouse = wife.index;
        wife.partnered = true;
        man.partnered = true;
        wife.temporaryResident = man.temporaryResident;
        wife.hasEvents = true;
        events.add(new SimulatedEvent(EventType.MOVE_IN, day, wife.index, wife.commune, NONE, NONE, provinceOnDay(origin, day)));
        scheduleLife(wife, day + 1);
    }

    private SimulatedPerson findHusband(SimulatedPerson woman, int day)
    {
        int womanAge = woman.age(day);
        int count = persons.size();
        int start = random.nextInt(count);
        String tradition = PersonNames.tradition(woman.ethnicityCode).name();
        for (int i = 0; i < count; i++) {
            SimulatedPerson man = persons.get((start + i) % count);
            if (man.female || !man.resident() || man.partnered || man.spouse != NONE || man.household == woman.household) {
                continue;
            }
            int age = man.age(day);
            if (age < 18 || age < womanAge - 2 || age > womanAge + 12 || man.birthDay > day) {
                continue;
            }
            if (man.mother != NONE && man.mother == woman.mother) {
                continue;
            }
            if (!PersonNames.tradition(man.ethnicityCode).name().equals(tradition) && random.nextDouble() < 0.8) {
                continue;
            }
            return man;
        }
        return null;
    }

    private SimulatedPerson husbandFromOutside(SimulatedPerson woman, int day)
    {
        int age = Math.max(18, (int) Math.round(woman.age(day) + 3 + 3 * DemographicModel.gaussian(random)));
        boolean likeResidents = arrivesLikeResidents(day);
        String ethnicity = likeResidents || random.nextDouble() < 0.8 ? woman.ethnicityCode : EthnicMix.KINH;
        String origin = arrivalOrigin(ethnicity, age, likeResidents);
        int birthDay = day - (int) (age * DAYS_PER_YEAR) - random.nextInt(365) - 1;
        SimulatedPerson husband = newPerson(false, birthDay, ethnicity, woman.religion, origin, NONE, NONE, null);
        Household household = newHousehold(woman.commune);
        join(husband, household);
        setHead(household, husband);
        husband.temporaryResident = random.nextDouble() < 0.3;
        if (husband.temporaryResident) {
            schedulePermanentRegistration(household, day + 1);
        }
        husband.hasEvents = true;
        events.add(new SimulatedEvent(EventType.MOVE_IN, day, husband.index, household.commune, NONE, NONE, provinceOnDay(origin, day)));
        scheduleLife(husband, day + 1);
        scheduleHousehold(household, day + 1);
        return husband;
    }

    /**
     * ID province code of where an arriving person was born; an arrival "like the residents" (during the burn-in, see
     * {@link #arrive}) is born where the start population was.
     */
    private String arrivalOrigin(String ethnicity, int age, boolean likeResidents)
    {
        if (likeResidents) {
            return bornElsewhere(ethnicity, age);
        }
        if (plan.area.name().equals("konray") && random.nextDouble() < 0.35) {
            return chunk.homeCode();
        }
        String origin = BirthProvinces.origin(random, ethnicity);
        return origin.equals(chunk.homeCode()) ? BirthProvinces.origin(random, EthnicMix.KINH) : origin;
    }

    /** Arriving households: a young adult alone, a couple without children, a family (assumed). */
    static final double ARRIVING_SINGLES = 0.3;
    static final double ARRIVING_COUPLES = 0.2;
    static final double ARRIVING_FAMILIES = 0.5;
    /** Share of men among young adults who arrive alone (assumed: labour in-migration, see docs). */
    static final double ARRIVING_SINGLE_MEN = 0.8;

    /** Shares of a woman's marriages (assumed): a local man, a man from outside who moves in, else she leaves the area. */
    static final double MARRIES_LOCAL_MAN = 0.65;
    static final double GROOM_FROM_OUTSIDE = 0.15;

    /**
     * Share of the burn-in's arrivals (and brides and grooms) that follow the period's rules of origin (mostly Kinh
     * settlers, born outside the province); the others have the ethnic mix and places of birth of the residents. With
     * this share the ethnic composition and places of birth stay about where the start population puts them (the
     * local minorities' higher fertility offsets the settlers), so the calibration at the period start holds.
     */
    static final double BURN_IN_SETTLERS = 1.0 / 3;

    /** Whether an arrival on {@code day} takes the residents' ethnic mix and places of birth (see {@link #BURN_IN_SETTLERS}). */
    private boolean arrivesLikeResidents(int day)
    {
        return day < plan.startDay && random.nextDouble() >= BURN_IN_SETTLERS;
    }

    /**
     * A household arrives from outside the area: a family, a couple, or a young adult alone. Their sex, age and
     * household make-up follow the same rules in the burn-in and in the period; their ethnic group and place of birth
     * too, except for the arrivals of the burn-in that are "like the residents" ({@link #BURN_IN_SETTLERS}).
     */
    private void arrive(int day)
    {
        boolean likeResidents = arrivesLikeResidents(day);
        String ethnicity;
        double local = home.remote() ? ARRIVALS_LIKE_RESIDENTS_REMOTE : ARRIVALS_LIKE_RESIDENTS;
        if (likeResidents || random.nextDouble() < local * home.ethnicMix().minorityShare()) {
            ethnicity = home.ethnicMix().sample(random);
        }
        else {
            ethnicity = random.nextDouble() < 0.85 ? EthnicMix.KINH : NORTHERN_ARRIVALS.pick(random);
        }
        String origin = arrivalOrigin(ethnicity, 30, likeResidents);
        String religion = religion(ethnicity);
        boolean temporary = random.nextDouble() < 0.35;
        Household household = newHousehold(chunk.communeIndex());
        double kind = random.nextDouble();
        List<SimulatedPerson> arrived = new ArrayList<>();
        if (kind < ARRIVING_SINGLES) {
            int age = 18 + random.nextInt(15);
            household.withoutBook = happens(Imperfection.NO_HOUSEHOLD_BOOK);
            arrived.add(arrivingPerson(random.nextDouble() >= ARRIVING_SINGLE_MEN, age, ethnicity, religion, origin, NONE, NONE, null, household, day));
        }
        else {
            int headAge = 22 + (int) Math.min(28, DemographicModel.exponential(random) * 8);
            SimulatedPerson head = arrivingPerson(false, headAge, ethnicity, religion, origin, NONE, NONE, null, household, day);
            int wifeAge = Math.max(18, (int) Math.round(headAge - 3 - 2.5 * DemographicModel.gaussian(random)));
            SimulatedPerson wife = arrivingPerson(true, wifeAge, ethnicity, religion, origin, NONE, NONE, null, household, day);
            head.spouse = wife.index;
            wife.spouse = head.index;
            head.partnered = true;
            wife.partnered = true;
            arrived.add(head);
            arrived.add(wife);
            if (kind < ARRIVING_SINGLES + ARRIVING_COUPLES + ARRIVING_FAMILIES) {
                // the family's children, born from a year or two after the parents married, two to four years apart,
                // one to three of them; those over 17 have stayed behind
                double yearsMarried = wifeAge - model.sampleMarriageAge(random, ethnicity.equals(EthnicMix.KINH));
                int wanted = 1 + random.nextInt(3);
                int childAge = (int) Math.floor(yearsMarried - 1 - 2 * random.nextDouble());
                int youngest = -1;
                for (int born = 0; born < wanted && childAge >= 0; born++) {
                    if (childAge <= 17) {
                        arrived.add(arrivingPerson(random.nextDouble() < FEMALE_AT_BIRTH, childAge, ethnicity, religion, origin,
                                wife.index, head.index, PersonNames.inheritedFamilyName(head.fullName, ethnicity), household, day));
                        youngest = childAge;
                    }
                    childAge -= 2 + random.nextInt(3);
                }
                if (youngest >= 0) {
                    wife.lastBirthDay = day - youngest * 365;
                }
            }
        }
        setHead(household, arrived.get(0));
        int registeredFirst = happens(Imperfection.SAME_DAY_TRANSFER) ? transferCommune(household.commune, day) : NONE;
        for (SimulatedPerson person : arrived) {
            person.temporaryResident = temporary;
            person.hasEvents = true;
            if (registeredFirst == NONE) {
                events.add(new SimulatedEvent(EventType.MOVE_IN, day, person.index, household.commune, NONE, NONE,
                        provinceOnDay(origin, day)));
                continue;
            }
            events.add(new SimulatedEvent(EventType.MOVE_IN, day, person.index, registeredFirst, NONE, NONE, provinceOnDay(origin, day)));
            events.add(new SimulatedEvent(EventType.MOVE_WITHIN, day, person.index, household.commune, registeredFirst, NONE, null));
            person.lastMoveWithinDay = day;
        }
        for (SimulatedPerson person : arrived) {
            scheduleLife(person, day + 1);
        }
        scheduleHousehold(household, day + 1);
        if (temporary) {
            schedulePermanentRegistration(household, day + 1);
        }
        scheduleArrival(day + 1);
    }

    /**
     * For {@link Imperfection#SAME_DAY_TRANSFER}: another commune of the area, where the arriving household is
     * registered first before its transfer to {@code home} the same day, or NONE when there is none.
     */
    private int transferCommune(int home, int day)
    {
        List<Integer> candidates = new ArrayList<>();
        for (int c = 0; c < plan.communes.size(); c++) {
            if (plan.isMove(c, home, day)) {
                candidates.add(c);
            }
        }
        return candidates.isEmpty() ? NONE : candidates.get(imperfections.nextInt(candidates.size()));
    }

    private SimulatedPerson arrivingPerson(boolean female, int age, String ethnicity, String religion, String origin,
            int mother, int father, String familyName, Household household, int day)
    {
        int birthDay = day - (int) (age * DAYS_PER_YEAR) - random.nextInt(365) - 1;
        SimulatedPerson person = newPerson(female, birthDay, ethnicity, religion, origin, mother, father, familyName);
        join(person, household);
        return person;
    }
}
