package vn.dancu.datasets.idnumber;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.dancu.datasets.idnumber.IdNumberRules.Sex.FEMALE;
import static vn.dancu.datasets.idnumber.IdNumberRules.Sex.MALE;

class IdNumberRulesTest
{
    private final IdNumberRules rules = IdNumberRules.instance();

    @Test
    void has63ProvinceCodesWithKonTum062()
    {
        assertEquals(63, rules.provinceCodes().size());
        assertTrue(rules.isProvinceCode("062"));
        assertTrue(rules.isProvinceCode("051"));
        assertFalse(rules.isProvinceCode("003"));
    }

    @Test
    void centurySexDigitFollowsTheCircular()
    {
        assertEquals(0, IdNumberRules.centurySexDigit(MALE, 1999));
        assertEquals(1, IdNumberRules.centurySexDigit(FEMALE, 1900));
        assertEquals(2, IdNumberRules.centurySexDigit(MALE, 2000));
        assertEquals(3, IdNumberRules.centurySexDigit(FEMALE, 2099));
        assertEquals(4, IdNumberRules.centurySexDigit(MALE, 2100));
    }

    @Test
    void composesNumbersThatPassTheCheck()
    {
        String number = rules.compose("062", FEMALE, 2007, 42);
        assertEquals("062307000042", number);
        assertEquals(List.of(), rules.check(number, FEMALE, LocalDate.of(2007, 5, 1)));
    }

    @Test
    void checkNamesEveryBrokenRule()
    {
        assertEquals(List.of(IdNumberViolation.NOT_12_DIGITS), rules.check("62307000042", FEMALE, LocalDate.of(2007, 5, 1)));
        assertEquals(List.of(IdNumberViolation.UNKNOWN_PROVINCE), rules.check("003307000042", FEMALE, LocalDate.of(2007, 5, 1)));
        assertEquals(List.of(IdNumberViolation.CENTURY_SEX_MISMATCH), rules.check("062307000042", MALE, LocalDate.of(2007, 5, 1)));
        assertEquals(List.of(IdNumberViolation.BIRTH_YEAR_MISMATCH), rules.check("062307000042", FEMALE, LocalDate.of(2008, 5, 1)));
    }
}
