package vn.dancu.datasets.synthetic;

import org.apache.commons.csv.CSVRecord;
import vn.dancu.datasets.ReferenceFiles;
import vn.dancu.datasets.ethnic.EthnicGroup;
import vn.dancu.datasets.ethnic.EthnicGroups;
import vn.dancu.datasets.geo.AdminCatalogue;
import vn.dancu.datasets.geo.AdminUnit;
import vn.dancu.datasets.geo.Area;
import vn.dancu.datasets.geo.Reorganisation2025;
import vn.dancu.datasets.geo.UnitLevel;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The calibration targets and the per-commune assumptions of the synthetic register (sources in
 * docs/synthetic-register.md and reference/SOURCES.md).
 */
final class AreaModel
{
    /** Census day 2019, the anchor of the calibration. */
    static final LocalDate CENSUS_2019 = LocalDate.of(2019, 4, 1);
    /** Kon Rẫy residents on 01/04/2019: the census gives 28,591 (S8); the target is rounded. */
    static final double KON_RAY_AT_CENSUS = 28_600;
    /** Kon Tum residents on 01/04/2019, census (S7). */
    static final double KON_TUM_AT_CENSUS = 540_438;
    /**
     * Annual growth of the simulated population (natural increase plus net migration), measured on the model
     * itself; used to size the population at the period start from the census anchor or from {@code --persons}.
     * The sources imply 28,591 (04/2019) → 31,071 (2022 average) for Kon Rẫy, about 2.5% a year.
     */
    static final double KON_RAY_ANNUAL_GROWTH = 0.0246;
    /** The same for the whole province (fewer arrivals from the rest of the province, which is inside the area). */
    static final double KON_TUM_ANNUAL_GROWTH = 0.024;
    /**
     * Annual growth over the burn-in before the period start (RegisterPlan#burnInStartDay), measured on the model: a
     * little faster than in the period, as the population built at the burn-in start is younger than the settled one.
     * Used to size that population so that the period start holds the calibrated residents.
     */
    static final double KON_RAY_BURN_IN_GROWTH = 0.0263;
    static final double KON_TUM_BURN_IN_GROWTH = 0.0261;

    /** Minority groups other than Xơ Đăng and Ba Na in Kon Rẫy, and how the small "other" share splits (assumed). */
    private static final Map<String, Double> KON_RAY_OTHER_GROUPS = orderedMap(
            "27", 0.30, "10", 0.20, "03", 0.20, "06", 0.15, "02", 0.08, "07", 0.07);

    private AreaModel() {}

    /** The pre-2025 communes of the area with their shares and ethnic mixes, ordered by code. */
    static List<CommuneProfile> communes(Area area)
    {
        AdminCatalogue catalogue = AdminCatalogue.kontum();
        return area.name().equals("konray") ? konRayCommunes(catalogue, 1.0) : konTumCommunes(catalogue);
    }

    /** Residents of one copy of the area ({@code konray} or {@code kontum}) on {@code day} under the calibration. */
    static double calibratedResidents(Area area, LocalDate day)
    {
        double atCensus = area.name().equals("konray") ? KON_RAY_AT_CENSUS : KON_TUM_AT_CENSUS;
        return atCensus * growthFactor(area, CENSUS_2019, day);
    }

    /** Growth of one copy of the area between two days under the model. */
    static double growthFactor(Area area, LocalDate from, LocalDate to)
    {
        return Math.exp(annualGrowth(area) * ChronoUnit.DAYS.between(from, to) / DemographicModel.DAYS_PER_YEAR);
    }

    /** The model's annual growth of the area over the period. */
    static double annualGrowth(Area area)
    {
        return area.name().equals("konray") ? KON_RAY_ANNUAL_GROWTH : KON_TUM_ANNUAL_GROWTH;
    }

    /** The model's annual growth of the area over the burn-in. */
    static double burnInGrowth(Area area)
    {
        return area.name().equals("konray") ? KON_RAY_BURN_IN_GROWTH : KON_TUM_BURN_IN_GROWTH;
    }

    /** Kon Rẫy: commune shares of the last census on citypopulation.de (S12, probably 2009); mixes assumed. */
    private static List<CommuneProfile> konRayCommunes(AdminCatalogue catalogue, double districtShare)
    {
        Map<String, Double> population = new LinkedHashMap<>();
        for (CSVRecord row : ReferenceFiles.readCsv("kon_ray_population.csv")) {
            if (row.get("area_level").equals("commune") && row.get("indicator").equals("population_total")) {
                population.put(row.get("area_code"), Double.parseDouble(row.get("value")));
            }
        }
        double total = population.values().stream().mapToDouble(Double::doubleValue).sum();
        List<CommuneProfile> communes = new ArrayList<>();
        for (AdminUnit unit : oldCommunesOf(catalogue, AdminCatalogue.KON_RAY)) {
            Double count = population.get(unit.code());
            if (count == null) {
                throw new IllegalStateException("kon_ray_population.csv has no population for commune " + unit.code());
            }
            EthnicMix mix = konRayMix(unit.code());
            communes.add(profile(catalogue, unit, districtShare * count / total, mix));
        }
        return communes;
    }

    /**
     * Kon Rẫy's ethnic mix by commune (assumed, constrained by 65.45% minorities in 12/2020 (S10) and Đắk Tơ Lung
     * over 95% Xơ Đăng (S13)): shares of Kinh, Xơ Đăng, Ba Na and other groups.
     */
    static EthnicMix konRayMix(String communeCode)
    {
        double[] kinhXoDangBaNaOther = switch (communeCode) {
            case "23479" -> new double[] {0.57, 0.14, 0.24, 0.05};  // TT Đắk Rve, the district town
            case "23482" -> new double[] {0.10, 0.80, 0.08, 0.02};  // Đắk Kôi
            case "23485" -> new double[] {0.005, 0.99, 0.005, 0.00};  // Đắk Tơ Lung: > 95% Xơ Đăng (S13)
            case "23488" -> new double[] {0.30, 0.07, 0.60, 0.03};  // Đắk Ruồng
            case "23491" -> new double[] {0.05, 0.90, 0.04, 0.01};  // Đắk Pne
            case "23494" -> new double[] {0.42, 0.07, 0.48, 0.03};  // Đắk Tờ Re
            case "23497" -> new double[] {0.52, 0.07, 0.38, 0.03};  // Tân Lập
            default -> throw new IllegalArgumentException("not a Kon Rẫy commune: " + communeCode);
        };
        Map<String, Double> shares = new LinkedHashMap<>();
        shares.put("01", kinhXoDangBaNaOther[0]);
        shares.put("14", kinhXoDangBaNaOther[1]);
        shares.put("13", kinhXoDangBaNaOther[2]);
        for (Map.Entry<String, Double> other : KON_RAY_OTHER_GROUPS.entrySet()) {
            shares.put(other.getKey(), kinhXoDangBaNaOther[3] * other.getValue());
        }
        shares.values().removeIf(share -> share == 0);
        return EthnicMix.of(shares);
    }

    /**
     * Kon Tum: district shares from the 2017 average population (S9); within a district, wards and townships weigh
     * twice a rural commune (assumed), except Kon Rẫy, which keeps its census shares. Ethnic mix: Kon Rẫy's
     * communes as above; every other commune the same mix, chosen so that the province matches the 2019 census (S7).
     */
    private static List<CommuneProfile> konTumCommunes(AdminCatalogue catalogue)
    {
        Map<String, Double> districtPopulation = new LinkedHashMap<>();
        for (CSVRecord row : ReferenceFiles.readCsv("kontum_population.csv")) {
            if (row.get("area_level").equals("district") && row.get("indicator").equals("population_total")
                    && row.get("reference").startsWith("2017")) {
                districtPopulation.put(row.get("area_code"), Double.parseDouble(row.get("value")));
            }
        }
        double provinceTotal = districtPopulation.values().stream().mapToDouble(Double::doubleValue).sum();
        LocalDate before = Reorganisation2025.LAST_DAY_BEFORE;
        Map<String, Double> shares = new HashMap<>();
        List<AdminUnit> communes = catalogue.units(UnitLevel.COMMUNE, before);
        for (AdminUnit district : catalogue.units(UnitLevel.DISTRICT, before)) {
            Double population = districtPopulation.get(district.code());
            if (population == null) {
                throw new IllegalStateException("kontum_population.csv has no 2017 population for district " + district.code());
            }
            List<AdminUnit> inDistrict = communes.stream().filter(c -> district.code().equals(c.parentCode())).toList();
            double weights = inDistrict.stream().mapToDouble(AreaModel::weight).sum();
            for (AdminUnit commune : inDistrict) {
                shares.put(commune.code(), population / provinceTotal * weight(commune) / weights);
            }
        }
        double konRayShare = districtPopulation.get(AdminCatalogue.KON_RAY) / provinceTotal;
        List<CommuneProfile> konRay = konRayCommunes(catalogue, konRayShare);

        Map<String, Double> census = new LinkedHashMap<>();
        double censusTotal = 0;
        for (EthnicGroup group : EthnicGroups.instance().all()) {
            census.put(group.code(), (double) group.censusKonTum2019());
            censusTotal += group.censusKonTum2019();
        }
        Map<String, Double> rest = new LinkedHashMap<>();
        for (Map.Entry<String, Double> entry : census.entrySet()) {
            double inKonRay = 0;
            for (CommuneProfile commune : konRay) {
                inKonRay += commune.share() * commune.ethnicMix().share(entry.getKey());
            }
            double share = (entry.getValue() / censusTotal - inKonRay) / (1 - konRayShare);
            if (share > 0) {
                rest.put(entry.getKey(), share);
            }
        }
        EthnicMix restMix = EthnicMix.of(rest);

        Map<String, CommuneProfile> konRayByCode = new HashMap<>();
        konRay.forEach(commune -> konRayByCode.put(commune.code(), commune));
        List<CommuneProfile> profiles = new ArrayList<>();
        for (AdminUnit commune : communes) {
            CommuneProfile profile = konRayByCode.get(commune.code());
            profiles.add(profile != null ? profile : profile(catalogue, commune, shares.get(commune.code()), restMix));
        }
        return profiles;
    }

    private static double weight(AdminUnit commune)
    {
        return commune.type().equals("Xã") ? 1 : 2;
    }

    private static CommuneProfile profile(AdminCatalogue catalogue, AdminUnit unit, double share, EthnicMix mix)
    {
        boolean urban = !unit.type().equals("Xã");
        return new CommuneProfile(unit.code(), unit.name(), catalogue.successorCode(unit.code()), share, mix, urban,
                !urban && mix.minorityShare() > 0.8);
    }

    private static List<AdminUnit> oldCommunesOf(AdminCatalogue catalogue, String districtCode)
    {
        return catalogue.units(UnitLevel.COMMUNE, Reorganisation2025.LAST_DAY_BEFORE).stream()
                .filter(commune -> districtCode.equals(commune.parentCode()))
                .toList();
    }

    private static Map<String, Double> orderedMap(Object... keysAndValues)
    {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (Double) keysAndValues[i + 1]);
        }
        return map;
    }
}
