package vn.dancu.datasets.synthetic;

import vn.dancu.datasets.geo.AdminCatalogue;
import vn.dancu.datasets.geo.Reorganisation2025;
import vn.dancu.datasets.synthetic.RegisterFiles.Row;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Demographic measures computed from a generated extract the way a statistician would: residence from the events
 * (entry by birth or move in, exit by death or move out, otherwise present over the whole period), communes from
 * the chain of moves.
 */
final class RegisterAnalysis
{
    /** A person with their events in date order. */
    record Person(Row row, LocalDate birth, boolean female, LocalDate entry, LocalDate exit, String ethnicity, List<Row> events)
    {
        boolean residentOn(LocalDate day)
        {
            return (entry == null || !entry.isAfter(day)) && (exit == null || exit.isAfter(day)) && !birth.isAfter(day);
        }

        int age(LocalDate day)
        {
            return (int) ChronoUnit.YEARS.between(birth, day);
        }

        String id()
        {
            return row.get("id_number");
        }
    }

    /** Where a person lived from a day on (a commune code valid on {@code from}). */
    record Residence(LocalDate from, String commune) {}

    final List<Row> personRows;
    final List<Row> eventRows;
    final Map<String, Person> persons = new HashMap<>();
    private final AdminCatalogue catalogue;

    RegisterAnalysis(List<Row> personRows, List<Row> eventRows, AdminCatalogue catalogue)
    {
        this.personRows = personRows;
        this.eventRows = eventRows;
        this.catalogue = catalogue;
        Map<String, List<Row>> byPerson = new HashMap<>();
        for (Row event : eventRows) {
            byPerson.computeIfAbsent(event.get("id_number"), id -> new ArrayList<>()).add(event);
        }
        for (Row row : personRows) {
            String id = row.get("id_number");
            List<Row> events = byPerson.getOrDefault(id, List.of()).stream()
                    .sorted(Comparator.comparing((Row event) -> event.date("event_date")).thenComparing(event -> order(event.get("event_type"))))
                    .toList();
            LocalDate entry = null;
            LocalDate exit = null;
            for (Row event : events) {
                switch (event.get("event_type")) {
                    case "BIRTH", "MOVE_IN" -> entry = event.date("event_date");
                    case "DEATH", "MOVE_OUT" -> exit = event.date("event_date");
                    default -> { }
                }
            }
            persons.put(id, new Person(row, row.date("birth_date"), row.get("sex").equals("Nữ"), entry, exit,
                    row.get("ethnicity_code"), events));
        }
    }

    private static int order(String type)
    {
        return switch (type) {
            case "BIRTH", "MOVE_IN" -> 0;
            case "MOVE_WITHIN" -> 1;
            default -> 2;
        };
    }

    long residents(LocalDate day)
    {
        return residents(day, person -> true);
    }

    long residents(LocalDate day, Predicate<Person> filter)
    {
        return persons.values().stream().filter(person -> person.residentOn(day) && filter.test(person)).count();
    }

    /** Events of a type over calendar years per 1,000 mid-year residents. */
    double crudeRate(String type, int fromYear, int toYear)
    {
        long count = eventRows.stream()
                .filter(event -> event.get("event_type").equals(type))
                .filter(event -> event.date("event_date").getYear() >= fromYear && event.date("event_date").getYear() <= toYear)
                .count();
        long exposure = 0;
        for (int year = fromYear; year <= toYear; year++) {
            exposure += residents(LocalDate.of(year, 7, 1));
        }
        return 1000.0 * count / exposure;
    }

    /** Total fertility rate over calendar years: the sum over ages 15–49 of births per woman-year at that age. */
    double totalFertility(int fromYear, int toYear)
    {
        long[] womenYears = new long[50];
        long[] births = new long[50];
        for (int year = fromYear; year <= toYear; year++) {
            LocalDate midYear = LocalDate.of(year, 7, 1);
            for (Person person : persons.values()) {
                if (person.female() && person.residentOn(midYear)) {
                    int age = person.age(midYear);
                    if (age >= 15 && age <= 49) {
                        womenYears[age]++;
                    }
                }
            }
        }
        for (Row event : eventRows) {
            int year = event.date("event_date").getYear();
            if (event.get("event_type").equals("BIRTH") && year >= fromYear && year <= toYear) {
                int age = persons.get(event.get("mother_id_number")).age(event.date("event_date"));
                if (age >= 15 && age <= 49) {
                    births[age]++;
                }
            }
        }
        double total = 0;
        for (int age = 15; age <= 49; age++) {
            if (womenYears[age] > 0) {
                total += (double) births[age] / womenYears[age];
            }
        }
        return total;
    }

    /**
     * The person's residences in order, rebuilt from the events and the person record: where they started (the
     * entry event, the origin of the first move, or the commune of the record, pre-reform codes taken from
     * former_commune_code), then every move. Throws when the chain is broken.
     */
    List<Residence> residences(Person person, LocalDate periodStart, LocalDate extractDate)
    {
        List<Residence> residences = new ArrayList<>();
        List<Row> events = person.events();
        LocalDate start = person.entry() != null ? person.entry() : periodStart;
        String first;
        if (!events.isEmpty() && (events.get(0).get("event_type").equals("BIRTH") || events.get(0).get("event_type").equals("MOVE_IN"))) {
            first = events.get(0).get("commune_code");
        }
        else {
            Row firstMove = events.stream().filter(event -> event.get("event_type").equals("MOVE_WITHIN")).findFirst().orElse(null);
            Row exit = events.stream().filter(event -> event.get("event_type").equals("DEATH") || event.get("event_type").equals("MOVE_OUT")).findFirst().orElse(null);
            if (firstMove != null) {
                first = backToStart(firstMove.get("from_commune_code"), firstMove.date("event_date"), start, person);
            }
            else if (exit != null) {
                first = backToStart(exit.get("commune_code"), exit.date("event_date"), start, person);
            }
            else {
                first = backToStart(person.row().get("commune_code"), extractDate, start, person);
            }
        }
        residences.add(new Residence(start, first));
        for (Row event : events) {
            if (event.get("event_type").equals("MOVE_WITHIN")) {
                Residence current = residences.get(residences.size() - 1);
                LocalDate day = event.date("event_date");
                String expected = recast(current.commune(), current.from(), day);
                if (!expected.equals(event.get("from_commune_code"))) {
                    throw new IllegalStateException(person.id() + ": move on " + day + " starts in " + event.get("from_commune_code")
                            + " but the person lived in " + expected);
                }
                residences.add(new Residence(day, event.get("commune_code")));
            }
        }
        return residences;
    }

    private String backToStart(String code, LocalDate codeDate, LocalDate start, Person person)
    {
        if (Reorganisation2025.after(codeDate) && !Reorganisation2025.after(start)) {
            String former = person.row().get("former_commune_code");
            if (former == null) {
                throw new IllegalStateException(person.id() + " lived here before 01/07/2025 but has no former_commune_code");
            }
            return former;
        }
        return code;
    }

    /** A code recorded on {@code from}, as it reads on {@code to}. */
    String recast(String code, LocalDate from, LocalDate to)
    {
        if (!Reorganisation2025.after(from) && Reorganisation2025.after(to)) {
            return catalogue.successorCode(code);
        }
        return code;
    }

    /** The commune a person lived in on a day (code valid on that day), or null when not resident. */
    String communeOn(Person person, LocalDate day, LocalDate periodStart, LocalDate extractDate)
    {
        if (!person.residentOn(day)) {
            return null;
        }
        Residence found = null;
        for (Residence residence : residences(person, periodStart, extractDate)) {
            if (!residence.from().isAfter(day)) {
                found = residence;
            }
        }
        return found == null ? null : recast(found.commune(), found.from(), day);
    }
}
