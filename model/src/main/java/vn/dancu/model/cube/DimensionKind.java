package vn.dancu.model.cube;

/** How a dimension's codes are interpreted when a cube is read. */
public enum DimensionKind
{
    /** A commune code valid on the row's reference date; districts, provinces and the 2025 units derive from it. */
    GEOGRAPHY,
    /** Completed years of age, 0–100 where 100 means 100 and over; bands derive from it. */
    AGE,
    /** A 5-year age group code such as {@code 15-19} or {@code 85+}. */
    AGE_GROUP,
    /** A code from a code list named by the dimension's {@code codes}. */
    CATEGORY,
    /** A count that is itself a category (household size 1, 2, … 10+). */
    SIZE
}
