package vn.dancu.datasets.idnumber;

/** What can be wrong with a 12-digit personal ID number, checked against the person's sex and birth date. */
public enum IdNumberViolation
{
    /** Not exactly 12 ASCII digits. */
    NOT_12_DIGITS,
    /** Digits 1–3 are not a province code of Circular 07/2016/TT-BCA Appendix 1. */
    UNKNOWN_PROVINCE,
    /** Digit 4 says another sex, or another century than the birth year's. */
    CENTURY_SEX_MISMATCH,
    /** Digits 5–6 are not the last two digits of the birth year. */
    BIRTH_YEAR_MISMATCH
}
