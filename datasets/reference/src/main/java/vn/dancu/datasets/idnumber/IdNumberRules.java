package vn.dancu.datasets.idnumber;

import org.apache.commons.csv.CSVRecord;
import vn.dancu.datasets.ReferenceFiles;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of the 12-digit personal ID number (Decree 137/2015/NĐ-CP Art. 13, Circular 07/2016/TT-BCA Art. 7,
 * Circular 59/2021/TT-BCA Art. 4): digits 1–3 the province where the birth was registered, digit 4 century and sex
 * (0/1 = male/female born 1900–1999, 2/3 = 2000–2099, …), digits 5–6 the last two digits of the birth year,
 * digits 7–12 a random number.
 */
public final class IdNumberRules
{
    public enum Sex { MALE, FEMALE }

    private static final IdNumberRules INSTANCE = load();

    private final Map<String, String> provinceNames;

    private IdNumberRules(Map<String, String> provinceNames)
    {
        this.provinceNames = provinceNames;
    }

    public static IdNumberRules instance()
    {
        return INSTANCE;
    }

    private static IdNumberRules load()
    {
        Map<String, String> names = new LinkedHashMap<>();
        for (CSVRecord row : ReferenceFiles.readCsv("id_province_codes.csv")) {
            names.put(row.get("id_province_code"), row.get("province_name_tt07"));
        }
        for (CSVRecord row : ReferenceFiles.readCsv("id_century_sex_codes.csv")) {
            int digit = Integer.parseInt(row.get("digit4_code"));
            int century = Integer.parseInt(row.get("century"));
            if (centuryOf(digit) != century) {
                throw new IllegalStateException("id_century_sex_codes.csv disagrees with the rule for digit " + digit);
            }
        }
        return new IdNumberRules(Map.copyOf(names));
    }

    public Set<String> provinceCodes()
    {
        return provinceNames.keySet();
    }

    public boolean isProvinceCode(String code)
    {
        return provinceNames.containsKey(code);
    }

    /** Digit 4 for a sex and birth year: 2 × (century − 20) + (0 male, 1 female). */
    public static int centurySexDigit(Sex sex, int birthYear)
    {
        if (birthYear < 1900 || birthYear > 2399) {
            throw new IllegalArgumentException("birth year outside 1900–2399: " + birthYear);
        }
        int centuryIndex = (birthYear - 1900) / 100;
        return 2 * centuryIndex + (sex == Sex.FEMALE ? 1 : 0);
    }

    /** The century (20 = 1900s) digit 4 stands for. */
    public static int centuryOf(int digit)
    {
        return 20 + digit / 2;
    }

    public static Sex sexOf(int digit)
    {
        return digit % 2 == 0 ? Sex.MALE : Sex.FEMALE;
    }

    /** Builds a number; {@code serial} is the 6-digit random part. */
    public String compose(String provinceCode, Sex sex, int birthYear, int serial)
    {
        if (!isProvinceCode(provinceCode)) {
            throw new IllegalArgumentException("unknown ID province code " + provinceCode);
        }
        if (serial < 0 || serial > 999_999) {
            throw new IllegalArgumentException("serial outside 0–999999: " + serial);
        }
        char[] digits = new char[12];
        provinceCode.getChars(0, 3, digits, 0);
        digits[3] = (char) ('0' + centurySexDigit(sex, birthYear));
        int year = birthYear % 100;
        digits[4] = (char) ('0' + year / 10);
        digits[5] = (char) ('0' + year % 10);
        for (int i = 11, rest = serial; i >= 6; i--, rest /= 10) {
            digits[i] = (char) ('0' + rest % 10);
        }
        return new String(digits);
    }

    /** Every rule the number breaks, given the sex and birth date the register records; empty when valid. */
    public List<IdNumberViolation> check(String idNumber, Sex sex, LocalDate birthDate)
    {
        List<IdNumberViolation> violations = new ArrayList<>();
        if (idNumber == null || idNumber.length() != 12 || !idNumber.chars().allMatch(c -> c >= '0' && c <= '9')) {
            violations.add(IdNumberViolation.NOT_12_DIGITS);
            return violations;
        }
        if (!isProvinceCode(idNumber.substring(0, 3))) {
            violations.add(IdNumberViolation.UNKNOWN_PROVINCE);
        }
        int digit = idNumber.charAt(3) - '0';
        if (birthDate != null && sex != null) {
            int year = birthDate.getYear();
            boolean centuryMatches = year >= 1900 && year <= 2399 && centuryOf(digit) == 20 + (year - 1900) / 100;
            if (!centuryMatches || sexOf(digit) != sex) {
                violations.add(IdNumberViolation.CENTURY_SEX_MISMATCH);
            }
            if (Integer.parseInt(idNumber.substring(4, 6)) != year % 100) {
                violations.add(IdNumberViolation.BIRTH_YEAR_MISMATCH);
            }
        }
        return violations;
    }
}
