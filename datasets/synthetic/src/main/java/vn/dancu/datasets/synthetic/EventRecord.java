package vn.dancu.datasets.synthetic;

import java.time.LocalDate;

import static java.util.Objects.requireNonNull;

/**
 * One row of {@code events} (see docs/architecture.md), without its {@code record_id}. {@code eventType} is text
 * because an injected fault may put an unknown type there; {@code eventDate} is null only when a fault removed it.
 */
public record EventRecord(
        String eventType,
        LocalDate eventDate,
        String idNumber,
        String communeCode,
        String fromCommuneCode,
        String motherIdNumber,
        String otherPlace,
        LocalDate registeredDate)
{
    public EventRecord
    {
        requireNonNull(eventType, "eventType is null");
        requireNonNull(idNumber, "idNumber is null");
        requireNonNull(communeCode, "communeCode is null");
        requireNonNull(registeredDate, "registeredDate is null");
    }

    public EventRecord withEventDate(LocalDate newDate)
    {
        return new EventRecord(eventType, newDate, idNumber, communeCode, fromCommuneCode, motherIdNumber, otherPlace, registeredDate);
    }

    public EventRecord withIdNumber(String newIdNumber)
    {
        return new EventRecord(eventType, eventDate, newIdNumber, communeCode, fromCommuneCode, motherIdNumber, otherPlace, registeredDate);
    }

    public EventRecord withCommuneCode(String newCode)
    {
        return new EventRecord(eventType, eventDate, idNumber, newCode, fromCommuneCode, motherIdNumber, otherPlace, registeredDate);
    }
}
