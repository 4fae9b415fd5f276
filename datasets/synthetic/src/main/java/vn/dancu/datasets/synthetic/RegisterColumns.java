package vn.dancu.datasets.synthetic;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** The columns of the raw register files, in order (docs/architecture.md, "Raw register"). */
final class RegisterColumns
{
    enum Type { STRING, DATE, INT }

    record Column(String name, Type type)
    {
        Column
        {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
        }
    }

    static final String RECORD_ID = "record_id";

    static final List<Column> PERSONS = List.of(
            new Column(RECORD_ID, Type.STRING),
            new Column("person_key", Type.STRING),
            new Column("id_number", Type.STRING),
            new Column("full_name", Type.STRING),
            new Column("birth_date", Type.DATE),
            new Column("sex", Type.STRING),
            new Column("ethnicity_code", Type.STRING),
            new Column("religion", Type.STRING),
            new Column("commune_code", Type.STRING),
            new Column("former_commune_code", Type.STRING),
            new Column("household_id", Type.STRING),
            new Column("relation_to_head", Type.STRING),
            new Column("residence_status", Type.STRING),
            new Column("chip_card_issue_date", Type.DATE),
            new Column("vneid_level", Type.INT),
            new Column("vneid_activation_date", Type.DATE));

    static final List<Column> EVENTS = List.of(
            new Column(RECORD_ID, Type.STRING),
            new Column("event_type", Type.STRING),
            new Column("event_date", Type.DATE),
            new Column("id_number", Type.STRING),
            new Column("commune_code", Type.STRING),
            new Column("from_commune_code", Type.STRING),
            new Column("mother_id_number", Type.STRING),
            new Column("other_place", Type.STRING),
            new Column("registered_date", Type.DATE));

    /** Index in {@code values} (which has no record_id) of a person column. */
    static final int PERSON_BIRTH_DATE = 3;
    static final int EVENT_TYPE = 0;
    static final int EVENT_DATE = 1;

    private RegisterColumns() {}

    static Object[] values(PersonRecord person)
    {
        return new Object[] {person.personKey(), person.idNumber(), person.fullName(), person.birthDate(), person.sex(),
                person.ethnicityCode(), person.religion(), person.communeCode(), person.formerCommuneCode(),
                person.householdId(), person.relationToHead(), person.residenceStatus(), person.chipCardIssueDate(),
                person.vneidLevel(), person.vneidActivationDate()};
    }

    static Object[] values(EventRecord event)
    {
        return new Object[] {event.eventType(), event.eventDate(), event.idNumber(), event.communeCode(),
                event.fromCommuneCode(), event.motherIdNumber(), event.otherPlace(), event.registeredDate()};
    }
}
