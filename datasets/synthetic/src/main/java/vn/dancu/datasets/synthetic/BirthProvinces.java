package vn.dancu.datasets.synthetic;

import java.util.SplittableRandom;

/**
 * Where people who came from elsewhere were born, and where people who leave go (ID-number province codes, 3
 * digits; the 2-digit GSO code is the same number without the leading zero). Weights are assumed from the
 * history of settlement in Kon Tum (lowland Kinh from the central coast and the Red River delta, northern
 * minorities from the northern mountains, local minorities from neighbouring provinces).
 */
final class BirthProvinces
{
    static final String KON_TUM = "062";

    private static final WeightedList KINH_ORIGINS = WeightedList.of(
            "051", 15, "052", 12, "049", 10, "040", 10, "042", 8, "038", 8, "034", 8, "036", 5, "064", 6, "046", 4,
            "044", 3, "045", 2, "001", 3, "066", 3, "079", 2, "048", 2, "030", 2, "033", 1, "054", 2, "056", 1);
    private static final WeightedList NORTHERN_ORIGINS = WeightedList.of(
            "038", 15, "040", 10, "014", 10, "011", 5, "017", 15, "004", 10, "020", 12, "002", 8, "006", 5, "010", 3,
            "015", 4, "008", 3);
    private static final WeightedList HIGHLAND_ORIGINS = WeightedList.of("064", 40, "051", 30, "049", 20, "066", 10);
    private static final WeightedList DESTINATIONS = WeightedList.of(
            "079", 20, "074", 15, "075", 8, "048", 8, "064", 8, "066", 6, "051", 6, "001", 4, "052", 5, "056", 3, "080", 3);

    private BirthProvinces() {}

    /** The province of birth registration of someone born outside the area. */
    static String origin(SplittableRandom random, String ethnicityCode)
    {
        return switch (PersonNames.tradition(ethnicityCode)) {
            case LOWLAND -> KINH_ORIGINS.pick(random);
            case NORTHERN -> NORTHERN_ORIGINS.pick(random);
            case HIGHLAND_PREFIX, CLAN_FIRST -> HIGHLAND_ORIGINS.pick(random);
        };
    }

    /** Share of people of an ethnic group and age, present at the start, who were born outside Kon Tum (assumed). */
    static double bornElsewhere(String ethnicityCode, int age)
    {
        return switch (PersonNames.tradition(ethnicityCode)) {
            case LOWLAND -> age >= 30 ? 0.55 : age >= 15 ? 0.25 : 0.05;
            case NORTHERN -> age >= 20 ? 0.8 : 0.1;
            case HIGHLAND_PREFIX, CLAN_FIRST -> 0.03;
        };
    }

    /** Destination of someone who moves out (ID province code). */
    static String destination(SplittableRandom random)
    {
        return DESTINATIONS.pick(random);
    }
}
