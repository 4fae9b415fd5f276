package vn.dancu.datasets.synthetic;

import java.time.LocalDate;

import static java.util.Objects.requireNonNull;

/**
 * One row of {@code persons} as the register extract holds it (see docs/architecture.md, "Raw register"), without
 * its {@code record_id}, which the writer numbers in file order. Text fields are as written, so an injected fault
 * (an impossible value, NFD text, padding) is carried here too; {@code birthDate} is null when the fault removed it;
 * {@code householdId} and {@code relationToHead} are null for a person registered without a household book.
 */
public record PersonRecord(
        String personKey,
        String idNumber,
        String fullName,
        LocalDate birthDate,
        String sex,
        String ethnicityCode,
        String religion,
        String communeCode,
        String formerCommuneCode,
        String householdId,
        String relationToHead,
        String residenceStatus,
        LocalDate chipCardIssueDate,
        int vneidLevel,
        LocalDate vneidActivationDate)
{
    public static final String MALE = "Nam";
    public static final String FEMALE = "Nữ";

    public PersonRecord
    {
        requireNonNull(personKey, "personKey is null");
        requireNonNull(idNumber, "idNumber is null");
        requireNonNull(fullName, "fullName is null");
        requireNonNull(sex, "sex is null");
        requireNonNull(ethnicityCode, "ethnicityCode is null");
        requireNonNull(communeCode, "communeCode is null");
        requireNonNull(residenceStatus, "residenceStatus is null");
        if (vneidLevel < 0 || vneidLevel > 2) {
            throw new IllegalArgumentException("vneidLevel must be 0, 1 or 2, was " + vneidLevel);
        }
    }

    public PersonRecord withIdNumber(String newIdNumber)
    {
        return new PersonRecord(personKey, newIdNumber, fullName, birthDate, sex, ethnicityCode, religion, communeCode,
                formerCommuneCode, householdId, relationToHead, residenceStatus, chipCardIssueDate, vneidLevel, vneidActivationDate);
    }

    public PersonRecord withBirthDate(LocalDate newBirthDate, String newIdNumber)
    {
        return new PersonRecord(personKey, newIdNumber, fullName, newBirthDate, sex, ethnicityCode, religion, communeCode,
                formerCommuneCode, householdId, relationToHead, residenceStatus, chipCardIssueDate, vneidLevel, vneidActivationDate);
    }

    public PersonRecord withSex(String newSex)
    {
        return new PersonRecord(personKey, idNumber, fullName, birthDate, newSex, ethnicityCode, religion, communeCode,
                formerCommuneCode, householdId, relationToHead, residenceStatus, chipCardIssueDate, vneidLevel, vneidActivationDate);
    }

    public PersonRecord withEthnicityCode(String newCode)
    {
        return new PersonRecord(personKey, idNumber, fullName, birthDate, sex, newCode, religion, communeCode,
                formerCommuneCode, householdId, relationToHead, residenceStatus, chipCardIssueDate, vneidLevel, vneidActivationDate);
    }

    public PersonRecord withCommuneCode(String newCode)
    {
        return new PersonRecord(personKey, idNumber, fullName, birthDate, sex, ethnicityCode, religion, newCode,
                formerCommuneCode, householdId, relationToHead, residenceStatus, chipCardIssueDate, vneidLevel, vneidActivationDate);
    }

    public PersonRecord withText(String newFullName, String newSex, String newReligion, String newRelation, String newStatus)
    {
        return new PersonRecord(personKey, idNumber, newFullName, birthDate, newSex, ethnicityCode, newReligion, communeCode,
                formerCommuneCode, householdId, newRelation, newStatus, chipCardIssueDate, vneidLevel, vneidActivationDate);
    }
}
