package vn.dancu.api.indicator;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The demographic indicators, with the formula each is computed by (see docs/indicators.md for the definitions and
 * their sources). {@link Basis} says what the reference is: a month-end stock, a calendar year of flows, the
 * identity cube at a month end, or the households at the extract date.
 */
public enum Indicator
{
    POPULATION("population", "Dân số", "Total population", "người", "persons", "P", Basis.STOCK),
    SEX_RATIO("sexRatio", "Tỷ số giới tính", "Sex ratio", "nam/100 nữ", "males per 100 females", "100*P_M/P_F", Basis.STOCK),
    MEDIAN_AGE("medianAge", "Tuổi trung vị", "Median age", "tuổi", "years", "MEDIAN_LINEAR(single-year ages)", Basis.STOCK),
    CHILD_DEPENDENCY("childDependency", "Tỷ số phụ thuộc trẻ em (0–14/15–64)", "Child dependency ratio (0–14/15–64)", "%", "per 100", "100*P_0-14/P_15-64", Basis.STOCK),
    OLD_AGE_DEPENDENCY("oldAgeDependency", "Tỷ số phụ thuộc người già (65+/15–64)", "Old-age dependency ratio (65+/15–64)", "%", "per 100", "100*P_65+/P_15-64", Basis.STOCK),
    TOTAL_DEPENDENCY("totalDependency", "Tỷ số phụ thuộc chung (0–14 và 65+/15–64)", "Total dependency ratio (0–14 and 65+/15–64)", "%", "per 100", "100*(P_0-14+P_65+)/P_15-64", Basis.STOCK),
    CHILD_DEPENDENCY_60("childDependency60", "Tỷ số phụ thuộc trẻ em (0–14/15–59)", "Child dependency ratio (0–14/15–59)", "%", "per 100", "100*P_0-14/P_15-59", Basis.STOCK),
    OLD_AGE_DEPENDENCY_60("oldAgeDependency60", "Tỷ số phụ thuộc người già (60+/15–59)", "Old-age dependency ratio (60+/15–59)", "%", "per 100", "100*P_60+/P_15-59", Basis.STOCK),
    TOTAL_DEPENDENCY_60("totalDependency60", "Tỷ số phụ thuộc chung (0–14 và 60+/15–59)", "Total dependency ratio (0–14 and 60+/15–59)", "%", "per 100", "100*(P_0-14+P_60+)/P_15-59", Basis.STOCK),
    AGEING_INDEX("ageingIndex", "Chỉ số già hóa (60+/0–14)", "Ageing index (60+/0–14)", "%", "per 100", "100*P_60+/P_0-14", Basis.STOCK),
    WORKING_AGE("workingAge", "Dân số trong độ tuổi lao động (15–64)", "Working-age population (15–64)", "người", "persons", "P_15-64", Basis.STOCK),
    ELDERLY("elderly", "Người cao tuổi (60+)", "Elderly population (60+)", "người", "persons", "P_60+", Basis.STOCK),
    SCHOOL_PRESCHOOL("schoolAgePreschool", "Trẻ em tuổi mẫu giáo (3–5)", "Preschool-age children (3–5)", "người", "persons", "P_3-5 at 31/12", Basis.SCHOOL),
    SCHOOL_PRIMARY("schoolAgePrimary", "Trẻ em tuổi tiểu học (6–10)", "Primary-school-age children (6–10)", "người", "persons", "P_6-10 at 31/12", Basis.SCHOOL),
    SCHOOL_LOWER_SECONDARY("schoolAgeLowerSecondary", "Trẻ em tuổi trung học cơ sở (11–14)", "Lower-secondary-school-age children (11–14)", "người", "persons", "P_11-14 at 31/12", Basis.SCHOOL),
    SCHOOL_UPPER_SECONDARY("schoolAgeUpperSecondary", "Thanh thiếu niên tuổi trung học phổ thông (15–17)", "Upper-secondary-school-age youth (15–17)", "người", "persons", "P_15-17 at 31/12", Basis.SCHOOL),
    DENSITY("density", "Mật độ dân số", "Population density", "người/km²", "persons per km²", "P/AREA_KM2", Basis.STOCK),
    CRUDE_BIRTH_RATE("crudeBirthRate", "Tỷ suất sinh thô", "Crude birth rate", "‰", "per 1,000", "1000*B/PY", Basis.YEAR),
    CRUDE_DEATH_RATE("crudeDeathRate", "Tỷ suất chết thô", "Crude death rate", "‰", "per 1,000", "1000*D/PY", Basis.YEAR),
    NATURAL_INCREASE_RATE("naturalIncreaseRate", "Tỷ lệ tăng tự nhiên", "Rate of natural increase", "‰", "per 1,000", "1000*(B-D)/PY", Basis.YEAR),
    SEX_RATIO_AT_BIRTH("sexRatioAtBirth", "Tỷ số giới tính khi sinh", "Sex ratio at birth", "bé trai/100 bé gái", "boys per 100 girls", "100*B_M/B_F", Basis.YEAR),
    GENERAL_FERTILITY_RATE("generalFertilityRate", "Tỷ suất sinh chung", "General fertility rate", "‰", "per 1,000 women 15–49", "1000*B/PY_F15-49", Basis.YEAR),
    TOTAL_FERTILITY_RATE("totalFertilityRate", "Tổng tỷ suất sinh", "Total fertility rate", "con/phụ nữ", "children per woman", "5*SUM_a(B_a/PY_Fa), a=15-19..45-49", Basis.YEAR),
    IN_MIGRATION_RATE("inMigrationRate", "Tỷ suất nhập cư", "In-migration rate", "‰", "per 1,000", "1000*I/PY", Basis.YEAR),
    OUT_MIGRATION_RATE("outMigrationRate", "Tỷ suất xuất cư", "Out-migration rate", "‰", "per 1,000", "1000*O/PY", Basis.YEAR),
    NET_MIGRATION_RATE("netMigrationRate", "Tỷ suất di cư thuần", "Net migration rate", "‰", "per 1,000", "1000*(I-O)/PY", Basis.YEAR),
    HOUSEHOLD_SIZE("householdSize", "Quy mô hộ bình quân", "Average household size", "người/hộ", "persons per household", "MEMBERS/HOUSEHOLDS", Basis.HOUSEHOLDS),
    CHIP_CARD_HOLDERS("chipCardHolders", "Người có thẻ căn cước gắn chip", "Residents with a chip ID card", "người", "persons", "N_CHIP", Basis.IDENTITY),
    CHIP_CARD_SHARE("chipCardShare", "Tỷ lệ dân cư có thẻ căn cước gắn chip", "Share of residents with a chip ID card", "%", "%", "100*N_CHIP/P", Basis.IDENTITY),
    CHIP_CARD_SHARE_ELIGIBLE("chipCardShareEligible", "Tỷ lệ có thẻ căn cước gắn chip trong dân số từ 14 tuổi", "Share of the population aged 14+ with a chip ID card", "%", "%", "100*N_CHIP_14+/P_14+", Basis.IDENTITY),
    VNEID_LEVEL1_ACCOUNTS("vneidLevel1Accounts", "Tài khoản định danh điện tử mức 1", "VNeID level-1 accounts", "tài khoản", "accounts", "N_VNEID1", Basis.IDENTITY),
    VNEID_LEVEL1_SHARE("vneidLevel1Share", "Tỷ lệ dân cư có tài khoản VNeID mức 1", "Share of residents with a level-1 VNeID account", "%", "%", "100*N_VNEID1/P", Basis.IDENTITY),
    VNEID_LEVEL1_SHARE_ELIGIBLE("vneidLevel1ShareEligible", "Tỷ lệ có tài khoản VNeID mức 1 trong dân số từ 14 tuổi", "Share of the population aged 14+ with a level-1 VNeID account", "%", "%", "100*N_VNEID1_14+/P_14+", Basis.IDENTITY),
    VNEID_LEVEL2_ACCOUNTS("vneidLevel2Accounts", "Tài khoản định danh điện tử mức 2", "VNeID level-2 accounts", "tài khoản", "accounts", "N_VNEID2", Basis.IDENTITY),
    VNEID_LEVEL2_SHARE("vneidLevel2Share", "Tỷ lệ dân cư có tài khoản VNeID mức 2", "Share of residents with a level-2 VNeID account", "%", "%", "100*N_VNEID2/P", Basis.IDENTITY),
    VNEID_LEVEL2_SHARE_ELIGIBLE("vneidLevel2ShareEligible", "Tỷ lệ có tài khoản VNeID mức 2 trong dân số từ 14 tuổi", "Share of the population aged 14+ with a level-2 VNeID account", "%", "%", "100*N_VNEID2_14+/P_14+", Basis.IDENTITY);

    /** What an indicator's reference is. */
    public enum Basis
    {
        /** population_stock at a month end ({@code date}). */
        STOCK,
        /** population_stock at the latest 31 December at or before {@code date} (school years by year of birth). */
        SCHOOL,
        /** flows summed over a calendar year ({@code year}), over person-years lived in it. */
        YEAR,
        /** identity_coverage at a month end ({@code date}). */
        IDENTITY,
        /** households at the extract date. */
        HOUSEHOLDS
    }

    private final String id;
    private final String vi;
    private final String en;
    private final String unitVi;
    private final String unitEn;
    private final String formula;
    private final Basis basis;

    Indicator(String id, String vi, String en, String unitVi, String unitEn, String formula, Basis basis)
    {
        this.id = id;
        this.vi = vi;
        this.en = en;
        this.unitVi = unitVi;
        this.unitEn = unitEn;
        this.formula = formula;
        this.basis = basis;
    }

    public String id()
    {
        return id;
    }

    public String label(String language)
    {
        return "en".equals(language) ? en : vi;
    }

    public String unit(String language)
    {
        return "en".equals(language) ? unitEn : unitVi;
    }

    public String formula()
    {
        return formula;
    }

    public Basis basis()
    {
        return basis;
    }

    /** Decimals shown: counts 0, ratios and rates 1, median age 1, TFR and household size 2. */
    public int decimals()
    {
        return switch (this) {
            case POPULATION, WORKING_AGE, ELDERLY, SCHOOL_PRESCHOOL, SCHOOL_PRIMARY, SCHOOL_LOWER_SECONDARY, SCHOOL_UPPER_SECONDARY,
                    CHIP_CARD_HOLDERS, VNEID_LEVEL1_ACCOUNTS, VNEID_LEVEL2_ACCOUNTS -> 0;
            case TOTAL_FERTILITY_RATE, HOUSEHOLD_SIZE -> 2;
            default -> 1;
        };
    }

    public static Optional<Indicator> parse(String id)
    {
        return Arrays.stream(values()).filter(indicator -> indicator.id.equals(id)).findFirst();
    }

    public static List<String> ids()
    {
        return Arrays.stream(values()).map(Indicator::id).toList();
    }
}
