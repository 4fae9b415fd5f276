package vn.dancu.datasets.synthetic;

import vn.dancu.datasets.synthetic.RegisterFiles.Row;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Demographic measures computed from a generated extract the way a statistician would: residence from the events
 * (entry by birth or move in, exit by death or move out, otherwise present over the whole period).
 */
final class RegisterAnalysis
{
    record Person(Row row, LocalDate birth, boolean female, LocalDate entry, LocalDate exit, String ethnicity)
    {
        boolean residentOn(LocalDate day)
        {
            return (entry == null || !entry.isAfter(day)) && (exit == null || exit.isAfter(day)) && !birth.isAfter(day);
        }

        int age(LocalDate day)
        {
            return (int) ChronoUnit.YEARS.between(birth, day);
        }
    }

    final List<Row> personRows;
    final List<Row> eventRows;
    final Map<String, Person> persons = new HashMap<>();

    RegisterAnalysis(List<Row> personRows, List<Row> eventRows)
    {
        this.personRows = personRows;
        this.eventRows = eventRows;
        Map<String, LocalDate> entries = new HashMap<>();
        Map<String, LocalDate> exits = new HashMap<>();
        for (Row event : eventRows) {
            String type = event.get("event_type");
            String id = event.get("id_number");
            if (type.equals("BIRTH") || type.equals("MOVE_IN")) {
                entries.put(id, event.date("event_date"));
            }
            else if (type.equals("DEATH") || type.equals("MOVE_OUT")) {
                exits.put(id, event.date("event_date"));
            }
        }
        for (Row row : personRows) {
            String id = row.get("id_number");
            persons.put(id, new Person(row, row.date("birth_date"), row.get("sex").equals("Nữ"), entries.get(id), exits.get(id),
                    row.get("ethnicity_code")));
        }
    }

    long residents(LocalDate day)
    {
        return residents(day, person -> true);
    }

    long residents(LocalDate day, Predicate<Person> filter)
    {
        return persons.values().stream().filter(person -> person.residentOn(day) && filter.test(person)).count();
    }

    /** Events of a type in a calendar year per 1,000 mid-year residents. */
    double crudeRate(String type, int year)
    {
        long count = eventRows.stream()
                .filter(event -> event.get("event_type").equals(type) && event.date("event_date").getYear() == year)
                .count();
        return 1000.0 * count / residents(LocalDate.of(year, 7, 1));
    }

    /** Total fertility rate of a year: the sum over ages 15–49 of births to mothers of that age per mid-year woman. */
    double totalFertility(int year)
    {
        LocalDate midYear = LocalDate.of(year, 7, 1);
        long[] women = new long[50];
        for (Person person : persons.values()) {
            if (person.female() && person.residentOn(midYear)) {
                int age = person.age(midYear);
                if (age >= 15 && age <= 49) {
                    women[age]++;
                }
            }
        }
        long[] births = new long[50];
        for (Row event : eventRows) {
            if (event.get("event_type").equals("BIRTH") && event.date("event_date").getYear() == year) {
                Person mother = persons.get(event.get("mother_id_number"));
                int age = mother.age(event.date("event_date"));
                if (age >= 15 && age <= 49) {
                    births[age]++;
                }
            }
        }
        double total = 0;
        for (int age = 15; age <= 49; age++) {
            if (women[age] > 0) {
                total += (double) births[age] / women[age];
            }
        }
        return total;
    }
}
