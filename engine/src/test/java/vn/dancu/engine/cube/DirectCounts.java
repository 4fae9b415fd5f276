package vn.dancu.engine.cube;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import vn.dancu.datasets.geo.AdminCatalogue;
import vn.dancu.engine.ingest.CuratedSchemas;
import vn.dancu.engine.projection.CohortComponentStep;
import vn.dancu.engine.projection.JumpOff;
import vn.dancu.engine.projection.ProjectedYear;
import vn.dancu.engine.projection.ProjectionAssumptions;
import vn.dancu.engine.projection.RateWindows;
import vn.dancu.engine.projection.RegionCells;
import vn.dancu.engine.projection.RegionRates;
import vn.dancu.engine.projection.Scenario;
import vn.dancu.engine.projection.Shrinkage;
import vn.dancu.engine.projection.UnitSchedule;
import vn.dancu.model.cube.Code;
import vn.dancu.model.cube.CodeList;
import vn.dancu.model.cube.CodeLists;
import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.cube.Cuboid;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cells every cube should have, counted another way: plain Java loops over the curated rows, day by day and
 * month end by month end, with ages from {@link Period#between} and age groups from the code lists' {@code from/to}.
 * Nothing here shares code with the Spark fact sources.
 */
final class DirectCounts
{
    record Person(String pid, LocalDate birth, String sex, String ethnicity, String status, LocalDate chip, int vneidLevel, LocalDate vneidDate,
            String household) {}

    record Spell(String pid, String commune, LocalDate from, LocalDate to) {}

    record Event(String type, LocalDate date, String pid, String commune, String fromCommune, String motherPid) {}

    /** One counted thing: its dimension values by dimension name, its reference date and its measures. */
    record Fact(Map<String, String> dimensions, LocalDate refDate, long... measures) {}

    private final Map<String, Person> persons = new HashMap<>();
    private final Map<String, List<Spell>> spellsByPerson = new HashMap<>();
    private final List<Spell> spells = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();
    private final List<Row> quality;
    private final List<Row> quarantine;
    private final LocalDate periodStart;
    private final LocalDate periodEnd;
    private final LocalDate extractDate;
    private final AdminCatalogue catalogue;
    private static final LocalDate REFORM = LocalDate.of(2025, 7, 1);

    DirectCounts(SparkSession spark, Path snapshot, Path quarantineRecords, AdminCatalogue catalogue, LocalDate periodStart,
            LocalDate periodEnd, LocalDate extractDate)
    {
        this.catalogue = catalogue;
        this.periodStart = periodStart;
        this.periodEnd = periodEnd;
        this.extractDate = extractDate;
        for (Row row : spark.read().schema(CuratedSchemas.PERSONS_SCHEMA).parquet(snapshot.resolve("persons").toString()).collectAsList()) {
            persons.put(row.getAs("pid"), new Person(row.getAs("pid"), date(row, "birth_date"), row.getAs("sex"), row.getAs("ethnicity_code"),
                    row.getAs("residence_status"), date(row, "chip_card_issue_date"),
                    row.getAs("vneid_level") == null ? 0 : row.<Integer>getAs("vneid_level"), date(row, "vneid_activation_date"),
                    row.getAs("household_pid")));
        }
        for (Row row : spark.read().schema(CuratedSchemas.RESIDENCE_SPELLS_SCHEMA).parquet(snapshot.resolve("residence_spells").toString()).collectAsList()) {
            Spell spell = new Spell(row.getAs("pid"), row.getAs("commune_code"), date(row, "valid_from"), date(row, "valid_to"));
            spells.add(spell);
            spellsByPerson.computeIfAbsent(spell.pid(), pid -> new ArrayList<>()).add(spell);
        }
        for (Row row : spark.read().schema(CuratedSchemas.EVENTS_SCHEMA).parquet(snapshot.resolve("events").toString()).collectAsList()) {
            events.add(new Event(row.getAs("event_type"), date(row, "event_date"), row.getAs("pid"), row.getAs("commune_code"),
                    row.getAs("from_commune_code"), row.getAs("mother_pid")));
        }
        quality = Files.exists(snapshot.resolve("quality"))
                ? spark.read().schema(SnapshotReader.QUALITY_SCHEMA).parquet(snapshot.resolve("quality").toString()).collectAsList() : List.of();
        quarantine = Files.exists(quarantineRecords)
                ? spark.read().schema(SnapshotReader.QUARANTINE_SCHEMA).parquet(quarantineRecords.toString()).collectAsList() : List.of();
    }

    private static LocalDate date(Row row, String column)
    {
        java.sql.Date value = row.getAs(column);
        return value == null ? null : value.toLocalDate();
    }

    int persons()
    {
        return persons.size();
    }

    /** The month ends of the period, oldest first. */
    List<LocalDate> monthEnds()
    {
        List<LocalDate> ends = new ArrayList<>();
        for (YearMonth month = YearMonth.from(periodStart); !month.atEndOfMonth().isAfter(periodEnd); month = month.plusMonths(1)) {
            ends.add(month.atEndOfMonth());
        }
        return ends;
    }

    static int age(LocalDate birth, LocalDate day)
    {
        return Period.between(birth, day).getYears();
    }

    private static String group(String codeList, int value)
    {
        return CodeLists.builtIn().get(codeList).rangeOf(value).map(Code::code).orElse(null);
    }

    private static boolean covers(Spell spell, LocalDate day)
    {
        return !spell.from().isAfter(day) && (spell.to() == null || spell.to().isAfter(day));
    }

    private LocalDate monthRef(LocalDate day)
    {
        LocalDate end = YearMonth.from(day).atEndOfMonth();
        return end.isAfter(periodEnd) ? periodEnd : end;
    }

    List<Fact> facts(String cube)
    {
        List<Fact> facts = new ArrayList<>();
        switch (cube) {
            case "population_stock" -> {
                for (LocalDate day : monthEnds()) {
                    for (Spell spell : spells) {
                        if (covers(spell, day)) {
                            Person person = persons.get(spell.pid());
                            facts.add(new Fact(dimensions("commune", spell.commune(), "sex", person.sex(),
                                    "age", Integer.toString(Math.min(100, age(person.birth(), day))), "ethnicity", person.ethnicity(),
                                    "residenceStatus", "TEMPORARY".equals(person.status()) ? "TEMPORARY" : "PERMANENT"), day, 1));
                        }
                    }
                }
            }
            case "identity_coverage" -> {
                for (LocalDate day : monthEnds()) {
                    for (Spell spell : spells) {
                        if (covers(spell, day)) {
                            Person person = persons.get(spell.pid());
                            boolean card = person.chip() != null && !person.chip().isAfter(day);
                            boolean activated = person.vneidDate() != null && !person.vneidDate().isAfter(day);
                            facts.add(new Fact(dimensions("commune", spell.commune(), "sex", person.sex(),
                                    "ageGroup", group("identityAgeGroup", age(person.birth(), day)), "chipCard", card ? "YES" : "NO",
                                    "vneidLevel", Integer.toString(activated ? person.vneidLevel() : 0)), day, 1));
                        }
                    }
                }
            }
            case "births" -> {
                for (Event event : events) {
                    if (event.type().equals("BIRTH")) {
                        Person mother = persons.get(event.motherPid());
                        String commune = event.commune();
                        for (Spell spell : spellsByPerson.getOrDefault(event.motherPid(), List.of())) {
                            if (covers(spell, event.date())) {
                                commune = spell.commune();
                            }
                        }
                        String motherGroup = mother == null ? null : group("motherAgeGroup", age(mother.birth(), event.date()));
                        facts.add(new Fact(dimensions("commune", commune, "sex", persons.get(event.pid()).sex(),
                                "motherAgeGroup", motherGroup == null ? "UNKNOWN" : motherGroup), monthRef(event.date()), 1));
                    }
                }
            }
            case "deaths" -> {
                for (Event event : events) {
                    if (event.type().equals("DEATH")) {
                        Person person = persons.get(event.pid());
                        facts.add(new Fact(dimensions("commune", event.commune(), "sex", person.sex(),
                                "ageGroup", group("ageGroup5", age(person.birth(), event.date()))), monthRef(event.date()), 1));
                    }
                }
            }
            case "migration" -> {
                for (Event event : events) {
                    Person person = persons.get(event.pid());
                    List<String[]> rows = switch (event.type()) {
                        case "MOVE_IN" -> List.<String[]>of(new String[] {event.commune(), "IN", "OUTSIDE"});
                        case "MOVE_OUT" -> List.<String[]>of(new String[] {event.commune(), "OUT", "OUTSIDE"});
                        case "MOVE_WITHIN" -> List.of(new String[] {event.commune(), "BETWEEN_IN", event.fromCommune()},
                                new String[] {event.fromCommune(), "BETWEEN_OUT", event.commune()});
                        default -> List.<String[]>of();
                    };
                    for (String[] row : rows) {
                        facts.add(new Fact(dimensions("commune", row[0], "flow", row[1], "otherCommune", row[2], "sex", person.sex(),
                                "ageGroup", group("ageGroup5", age(person.birth(), event.date()))), monthRef(event.date()), 1));
                    }
                }
            }
            case "person_years" -> {
                Map<String, long[]> days = new HashMap<>();
                Map<String, Fact> keys = new HashMap<>();
                for (Spell spell : spells) {
                    Person person = persons.get(spell.pid());
                    LocalDate end = spell.to() == null || spell.to().isAfter(periodEnd) ? periodEnd.plusDays(1) : spell.to();
                    for (LocalDate day = spell.from(); day.isBefore(end); day = day.plusDays(1)) {
                        LocalDate ref = LocalDate.of(day.getYear(), 12, 31).isAfter(periodEnd) ? periodEnd : LocalDate.of(day.getYear(), 12, 31);
                        String commune = day.isBefore(REFORM) && !ref.isBefore(REFORM) ? catalogue.successorCode(spell.commune()) : spell.commune();
                        Map<String, String> dimensions = dimensions("commune", commune, "sex", person.sex(),
                                "ageGroup", group("ageGroup5", age(person.birth(), day)));
                        String key = dimensions + "|" + ref;
                        keys.putIfAbsent(key, new Fact(dimensions, ref));
                        days.computeIfAbsent(key, k -> new long[1])[0]++;
                    }
                }
                days.forEach((key, count) -> facts.add(new Fact(keys.get(key).dimensions(), keys.get(key).refDate(), count[0])));
            }
            case "households" -> {
                // Members: persons resident at the extract date (a spell covers it) with a household, by household and the
                // spell's commune on the units of the extract date. Not the ingest's households table.
                CodeList sizes = CodeLists.builtIn().get("householdSize");
                for (Map.Entry<String, Long> household : householdMembers().entrySet()) {
                    String commune = household.getKey().substring(household.getKey().indexOf('|') + 1);
                    int size = household.getValue().intValue();
                    facts.add(new Fact(dimensions("commune", commune,
                            "householdSize", Integer.toString(sizes.rangeOf(size).orElseThrow().from())), extractDate, 1, size));
                }
            }
            case "data_quality" -> {
                // On the units of the extract date; records of no valid commune in the area only (empty code).
                for (Row row : quality) {
                    String commune = row.getAs("commune_code");
                    commune = commune.equals("UNKNOWN") ? "" : extractDate.isBefore(REFORM) ? commune : catalogue.successorCode(commune);
                    facts.add(new Fact(dimensions("commune", commune, "indicator", row.getAs("indicator")),
                            extractDate, row.<Long>getAs("value")));
                }
            }
            case "quarantine_reasons" -> {
                for (Row row : quarantine) {
                    facts.add(new Fact(dimensions("recordType", row.getAs("record_type"), "reason", row.getAs("reason_code")), extractDate, 1));
                }
            }
            case "population_projection" -> facts.addAll(projection());
            default -> throw new IllegalArgumentException("no direct count for cube " + cube);
        }
        return facts;
    }

    /**
     * The published projection from the records: the Lexis cells counted here day by day on the 2025 units (records
     * dated before the reform in their successor commune; a move between two communes with one successor dropped),
     * then the engine's rates ({@link RegionRates}, empirical Bayes, tested on its own) and cohort-component step
     * ({@link CohortComponentStep}, tested on a hand-worked example), rounded to thousandths as the cube stores them.
     */
    private List<Fact> projection()
    {
        ProjectionAssumptions assumptions = ProjectionAssumptions.DEFAULT;
        java.util.Optional<JumpOff> found = JumpOff.of(periodStart, periodEnd, assumptions.rateYears());
        if (found.isEmpty()) {
            return List.of();
        }
        JumpOff jumpOff = found.get();
        int first = jumpOff.rateYears().first();
        int last = jumpOff.year();
        Map<String, RegionCells> regions = new TreeMap<>();
        java.util.function.Function<String, RegionCells> region = unit -> regions.computeIfAbsent(
                catalogue.ancestor(catalogue.commune(unit, REFORM).orElseThrow(), vn.dancu.datasets.geo.UnitLevel.PROVINCE, REFORM).orElseThrow().code(),
                code -> new RegionCells(jumpOff.rateYears()));
        java.util.function.BiFunction<String, LocalDate, String> unitOf = (code, day) -> day.isBefore(REFORM) ? catalogue.successorCode(code) : code;

        Map<String, Long> days = new TreeMap<>();
        Map<String, Long> stock = new TreeMap<>();
        LocalDate yearEnd = LocalDate.of(last, 12, 31);
        for (Spell spell : spells) {
            Person person = persons.get(spell.pid());
            String unit = unitOf.apply(spell.commune(), spell.from());
            LocalDate end = spell.to() == null || spell.to().isAfter(periodEnd) ? periodEnd.plusDays(1) : spell.to();
            for (LocalDate day = spell.from(); day.isBefore(end); day = day.plusDays(1)) {
                if (day.getYear() >= first && day.getYear() <= last) {
                    days.merge(unit + "|" + person.sex() + "|" + day.getYear() + "|" + Math.min(100, day.getYear() - person.birth().getYear()), 1L, Long::sum);
                }
            }
            if (covers(spell, yearEnd)) {
                stock.merge(unit + "|" + person.sex() + "|" + Math.min(100, last - person.birth().getYear()), 1L, Long::sum);
            }
        }
        days.forEach((key, count) -> {
            String[] cell = key.split("\\|");
            int year = Integer.parseInt(cell[2]);
            region.apply(cell[0]).add(cell[0], cell[1], year, Integer.parseInt(cell[3]), (double) count / java.time.Year.of(year).length(),
                    0, 0, 0, 0, 0, 0);
        });
        stock.forEach((key, count) -> {
            String[] cell = key.split("\\|");
            region.apply(cell[0]).add(cell[0], cell[1], last, Integer.parseInt(cell[2]), 0, count, 0, 0, 0, 0, 0);
        });
        for (Event event : events) {
            int year = event.date().getYear();
            if (year < first || year > last) {
                continue;
            }
            Person person = persons.get(event.pid());
            int age = Math.min(100, year - person.birth().getYear());
            switch (event.type()) {
                case "DEATH" -> {
                    String unit = unitOf.apply(event.commune(), event.date());
                    region.apply(unit).add(unit, person.sex(), year, age, 0, 0, 1, 0, 0, 0, 0);
                }
                case "MOVE_IN", "MOVE_OUT", "MOVE_WITHIN" -> {
                    String to = event.type().equals("MOVE_OUT") ? null : unitOf.apply(event.commune(), event.date());
                    String from = event.type().equals("MOVE_IN") ? null
                            : unitOf.apply(event.type().equals("MOVE_OUT") ? event.commune() : event.fromCommune(), event.date());
                    if (to != null && to.equals(from)) {
                        continue;
                    }
                    if (to != null) {
                        region.apply(to).add(to, person.sex(), year, age, 0, 0, 0, 1, 0, 0, 0);
                    }
                    if (from != null) {
                        region.apply(from).add(from, person.sex(), year, age, 0, 0, 0, 0, 1, 0, 0);
                    }
                }
                case "BIRTH" -> {
                    Person mother = persons.get(event.motherPid());
                    String commune = event.commune();
                    for (Spell spell : spellsByPerson.getOrDefault(event.motherPid(), List.of())) {
                        if (covers(spell, event.date())) {
                            commune = spell.commune();
                        }
                    }
                    String unit = unitOf.apply(commune, event.date());
                    int motherAge = mother == null ? -1 : Math.max(15, Math.min(49, year - mother.birth().getYear()));
                    boolean boy = "M".equals(person.sex());
                    region.apply(unit).add(unit, "F", year, motherAge, 0, 0, 0, 0, 0, boy ? 1 : 0, boy ? 0 : 1);
                }
                default -> { }
            }
        }

        List<Fact> facts = new ArrayList<>();
        for (RegionCells cells : regions.values()) {
            Map<String, UnitSchedule> schedules = RegionRates.schedules(cells, RateWindows.all(jumpOff.rateYears()), Shrinkage.EMPIRICAL_BAYES);
            for (Map.Entry<String, UnitSchedule> unit : schedules.entrySet()) {
                ProjectedYear observed = cells.observed(unit.getKey(), last);
                for (Scenario scenario : assumptions.scenarios()) {
                    addProjected(facts, unit.getKey(), scenario, last, observed);
                    double multiplier = scenario.fertilityMultiplier(unit.getValue().totalFertility(), assumptions.fertilityOffset());
                    double[][] population = observed.population();
                    for (int step = 1; step <= assumptions.horizonYears(); step++) {
                        ProjectedYear year = CohortComponentStep.step(population, unit.getValue(), multiplier, scenario.migration());
                        addProjected(facts, unit.getKey(), scenario, last + step, year);
                        population = year.population();
                    }
                }
            }
        }
        facts.addAll(oldCommunes(facts, last));
        return facts;
    }

    /**
     * The old communes' facts (geography PRE2025), shared from the 2025 facts by the residents of 30/06/2025 counted
     * here from the spells (docs/projections.md, "Units"): the same sex and year of birth; 85 and over for 100+; women
     * 15–49 for cohorts born after the jump-off year; everyone when the successor had nobody of the cohort. Every old
     * commune but the one with the largest weight (lowest code on a tie) gets its share truncated toward zero; that one
     * the rest.
     */
    private List<Fact> oldCommunes(List<Fact> units2025, int jumpOffYear)
    {
        java.util.Optional<LocalDate> found = vn.dancu.engine.projection.OldUnitApportionment.shareDay(periodStart, periodEnd, REFORM);
        if (found.isEmpty()) {
            return List.of();
        }
        LocalDate day = found.get();
        Map<String, Long> cohort = new HashMap<>();
        Map<String, Long> open = new HashMap<>();
        Map<String, Long> mothers = new HashMap<>();
        Map<String, Long> everyone = new HashMap<>();
        Map<String, java.util.SortedSet<String>> olds = new HashMap<>();
        for (Spell spell : spells) {
            if (!covers(spell, day)) {
                continue;
            }
            Person person = persons.get(spell.pid());
            String old = spell.commune();
            olds.computeIfAbsent(catalogue.successorCode(old), code -> new java.util.TreeSet<>()).add(old);
            int cohortAge = jumpOffYear - person.birth().getYear();
            cohort.merge(old + "|" + person.sex() + "|" + cohortAge, 1L, Long::sum);
            if (cohortAge >= vn.dancu.engine.projection.OldUnitApportionment.OPEN_GROUP_FROM) {
                open.merge(old + "|" + person.sex(), 1L, Long::sum);
            }
            if (person.sex().equals("F") && cohortAge >= 15 && cohortAge <= 49) {
                mothers.merge(old, 1L, Long::sum);
            }
            everyone.merge(old, 1L, Long::sum);
        }
        List<Fact> out = new ArrayList<>();
        for (Fact fact : units2025) {
            String sex = fact.dimensions().get("sex");
            int age = Integer.parseInt(fact.dimensions().get("age"));
            int cohortAge = age - (fact.refDate().getYear() - jumpOffYear);
            List<String> communes = List.copyOf(olds.getOrDefault(fact.dimensions().get("commune"), new java.util.TreeSet<>()));
            long[] weights = new long[communes.size()];
            long total = 0;
            for (int i = 0; i < weights.length; i++) {
                String old = communes.get(i);
                weights[i] = age == 100 ? open.getOrDefault(old + "|" + sex, 0L)
                        : cohortAge < 0 ? mothers.getOrDefault(old, 0L) : cohort.getOrDefault(old + "|" + sex + "|" + cohortAge, 0L);
                total += weights[i];
            }
            if (total == 0) {
                for (int i = 0; i < weights.length; i++) {
                    weights[i] = everyone.get(communes.get(i));
                    total += weights[i];
                }
            }
            int largest = 0;
            for (int i = 1; i < weights.length; i++) {
                largest = weights[i] > weights[largest] ? i : largest;
            }
            long[][] shares = new long[weights.length][fact.measures().length];
            for (int m = 0; m < fact.measures().length; m++) {
                long rest = fact.measures()[m];
                for (int i = 0; i < weights.length; i++) {
                    if (i != largest) {
                        shares[i][m] = fact.measures()[m] * weights[i] / total;
                        rest -= shares[i][m];
                    }
                }
                shares[largest][m] = rest;
            }
            for (int i = 0; i < weights.length; i++) {
                if (java.util.Arrays.stream(shares[i]).allMatch(value -> value == 0)) {
                    continue;
                }
                Map<String, String> dimensions = new LinkedHashMap<>(fact.dimensions());
                dimensions.put("commune", communes.get(i));
                dimensions.put("geography", "PRE2025");
                out.add(new Fact(dimensions, fact.refDate(), shares[i]));
            }
        }
        return out;
    }

    private static void addProjected(List<Fact> facts, String unit, Scenario scenario, int year, ProjectedYear values)
    {
        for (int sex = 0; sex < 2; sex++) {
            for (int age = 0; age <= 100; age++) {
                long[] measures = {thousandths(values.population()[sex][age]), thousandths(values.births()[sex][age]),
                        thousandths(values.deaths()[sex][age]), thousandths(values.netMigration()[sex][age])};
                if (java.util.Arrays.stream(measures).allMatch(value -> value == 0)) {
                    continue;
                }
                facts.add(new Fact(dimensions("commune", unit, "geography", "2025", "scenario", scenario.code(), "sex", sex == 0 ? "M" : "F",
                        "age", Integer.toString(age)), LocalDate.of(year, 12, 31), measures));
            }
        }
    }

    /** Thousandths of a person, rounded half away from zero on the shortest decimal form of the double (as Spark's round). */
    private static long thousandths(double value)
    {
        return new java.math.BigDecimal(Double.toString(value * 1000)).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
    }

    /**
     * The cells of every cuboid: {@code cuboid|ref_date|value…} (values of the cuboid's dimensions in descriptor
     * order) → measures.
     */
    static Map<String, List<Long>> cells(CubeDescriptor descriptor, List<Fact> facts)
    {
        Map<String, List<Long>> cells = new TreeMap<>();
        for (Cuboid cuboid : descriptor.cuboids()) {
            for (Fact fact : facts) {
                StringBuilder key = new StringBuilder(cuboid.name()).append('|').append(fact.refDate());
                for (String dimension : cuboid.dimensions()) {
                    key.append('|').append(fact.dimensions().get(dimension));
                }
                List<Long> sums = cells.computeIfAbsent(key.toString(), k -> new ArrayList<>(java.util.Collections.nCopies(fact.measures().length, 0L)));
                for (int i = 0; i < fact.measures().length; i++) {
                    sums.set(i, sums.get(i) + fact.measures()[i]);
                }
            }
        }
        return cells;
    }

    private static Map<String, String> dimensions(String... namesAndValues)
    {
        Map<String, String> dimensions = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            dimensions.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return dimensions;
    }

    /** Members of each household at the extract date: {@code household|commune} → resident members. */
    Map<String, Long> householdMembers()
    {
        Map<String, Long> members = new TreeMap<>();
        for (Spell spell : spells) {
            Person person = persons.get(spell.pid());
            if (covers(spell, extractDate) && person.household() != null) {
                String commune = extractDate.isBefore(REFORM) ? spell.commune() : catalogue.successorCode(spell.commune());
                members.merge(person.household() + "|" + commune, 1L, Long::sum);
            }
        }
        return members;
    }

    /** Persons resident at {@code day} who have a household (direct, from the spells and the persons). */
    long residentsWithAHousehold(LocalDate day)
    {
        return spells.stream().filter(spell -> covers(spell, day) && persons.get(spell.pid()).household() != null).count();
    }

    /** Residents at {@code day} by their commune (direct, from the spells). */
    Map<String, Long> residentsByCommune(LocalDate day)
    {
        Map<String, Long> counts = new TreeMap<>();
        for (Spell spell : spells) {
            if (covers(spell, day)) {
                counts.merge(spell.commune(), 1L, Long::sum);
            }
        }
        return counts;
    }
}
