package vn.dancu.datasets.geo;

import java.time.LocalDate;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * An administrative unit over the period it was in force. A GSO code is not unique over time (the 2025 reform
 * reused old commune codes for the new communes), so a unit is identified by its code together with a date.
 *
 * @param validFrom first day in force, inclusive; null = in force since before the catalogue begins
 * @param validTo   first day no longer in force, exclusive; null = still in force
 * @param parentCode code of the unit above (district before 2025, province after), null for a province
 * @param areaKm2 land area in km² where a source gives one, otherwise null
 */
public record AdminUnit(
        UnitLevel level,
        String code,
        String name,
        String type,
        String parentCode,
        LocalDate validFrom,
        LocalDate validTo,
        Double areaKm2)
{
    public AdminUnit
    {
        requireNonNull(level, "level is null");
        requireNonNull(code, "code is null");
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        if (validFrom != null && validTo != null && !validFrom.isBefore(validTo)) {
            throw new IllegalArgumentException("unit " + code + ": validFrom " + validFrom + " is not before validTo " + validTo);
        }
    }

    public boolean validOn(LocalDate date)
    {
        return (validFrom == null || !date.isBefore(validFrom)) && (validTo == null || date.isBefore(validTo));
    }

    public Optional<Double> area()
    {
        return Optional.ofNullable(areaKm2);
    }

    /** The name without the unit-type prefix ("Xã Đắk Kôi" → "Đắk Kôi"). */
    public String shortName()
    {
        return name.startsWith(type + " ") ? name.substring(type.length() + 1) : name;
    }

    /** English label: the short name with the level in English ("Đắk Kôi commune"). */
    public String englishName()
    {
        String kind = switch (type) {
            case "Tỉnh" -> "province";
            case "Thành phố" -> level == UnitLevel.PROVINCE ? "city" : "city";
            case "Huyện" -> "district";
            case "Thị xã" -> "town";
            case "Thị trấn" -> "township";
            case "Phường" -> "ward";
            default -> "commune";
        };
        return shortName() + " " + kind;
    }
}
