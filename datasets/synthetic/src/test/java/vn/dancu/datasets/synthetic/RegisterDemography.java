package vn.dancu.datasets.synthetic;

import vn.dancu.datasets.synthetic.RegisterAnalysis.Person;
import vn.dancu.datasets.synthetic.RegisterFiles.Row;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Sex and age measures of a generated extract, from the files (residence from the events, as {@link RegisterAnalysis}
 * reads it): sex ratios of residents and of migrants, and the size of single-year birth cohorts.
 */
final class RegisterDemography
{
    private final RegisterAnalysis analysis;

    RegisterDemography(RegisterAnalysis analysis)
    {
        this.analysis = analysis;
    }

    /** Males per 100 females among residents on a day, optionally within an age range (inclusive). */
    double sexRatio(LocalDate day, int minAge, int maxAge)
    {
        long males = 0;
        long females = 0;
        for (Person person : analysis.persons.values()) {
            if (person.residentOn(day)) {
                int age = person.age(day);
                if (age >= minAge && age <= maxAge) {
                    if (person.female()) {
                        females++;
                    }
                    else {
                        males++;
                    }
                }
            }
        }
        return 100.0 * males / females;
    }

    double sexRatio(LocalDate day)
    {
        return sexRatio(day, 0, 200);
    }

    /** Males per 100 females among the persons of the events of a type (MOVE_IN, MOVE_OUT) dated in [from, to]. */
    double migrantSexRatio(String type, LocalDate from, LocalDate to, int minAge, int maxAge)
    {
        long males = 0;
        long females = 0;
        for (Row event : analysis.eventRows) {
            LocalDate day = event.date("event_date");
            if (!event.get("event_type").equals(type) || day.isBefore(from) || day.isAfter(to)) {
                continue;
            }
            Person person = analysis.persons.get(event.get("id_number"));
            int age = person.age(day);
            if (age < minAge || age > maxAge) {
                continue;
            }
            if (person.female()) {
                females++;
            }
            else {
                males++;
            }
        }
        return 100.0 * males / females;
    }

    /** Migrants of a type in [from, to] by five-year age group (0–4 … 80+) and sex: [group][0 = male, 1 = female]. */
    long[][] migrantsByAge(String type, LocalDate from, LocalDate to)
    {
        long[][] counts = new long[17][2];
        for (Row event : analysis.eventRows) {
            LocalDate day = event.date("event_date");
            if (!event.get("event_type").equals(type) || day.isBefore(from) || day.isAfter(to)) {
                continue;
            }
            Person person = analysis.persons.get(event.get("id_number"));
            counts[Math.min(16, person.age(day) / 5)][person.female() ? 1 : 0]++;
        }
        return counts;
    }

    /**
     * Residents on {@code day} born in the year ending on {@code cohortEnd} (that is, born after
     * {@code cohortEnd − 1 year} and on or before {@code cohortEnd}).
     */
    long cohort(LocalDate day, LocalDate cohortEnd)
    {
        LocalDate after = cohortEnd.minusYears(1);
        return analysis.persons.values().stream()
                .filter(person -> person.residentOn(day) && person.birth().isAfter(after) && !person.birth().isAfter(cohortEnd))
                .count();
    }

    /** Residents on {@code day} aged exactly {@code age}. */
    long atAge(LocalDate day, int age)
    {
        return analysis.persons.values().stream().filter(person -> person.residentOn(day) && person.age(day) == age).count();
    }

    static long days(LocalDate from, LocalDate to)
    {
        return ChronoUnit.DAYS.between(from, to);
    }
}
