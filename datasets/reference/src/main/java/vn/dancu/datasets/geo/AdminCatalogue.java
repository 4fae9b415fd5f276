package vn.dancu.datasets.geo;

import org.apache.commons.csv.CSVRecord;
import vn.dancu.datasets.ReferenceFiles;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;
import static vn.dancu.datasets.geo.Reorganisation2025.EFFECTIVE_DATE;

/**
 * Effective-dated administrative units of Kon Tum province: the province, its 10 districts and 102 communes as in
 * force until 30/06/2025, and the 40 communes of Quảng Ngãi province that replaced them on 01/07/2025, with the
 * old→new mapping of Resolution 1677/NQ-UBTVQH15. Any date resolves to the units in force on it, and every old
 * commune maps to exactly one successor.
 *
 * <p>For benchmarks at national scale the catalogue can be replicated ({@link #withReplicas}): copy r ≥ 2 is the
 * same structure with every code prefixed {@code R<r>.} and every name suffixed {@code (bản sao r)}.
 */
public final class AdminCatalogue
{
    public static final String KON_TUM = "62";
    public static final String QUANG_NGAI = "51";
    public static final String KON_RAY = "614";

    private final List<AdminUnit> units;
    private final Map<String, List<AdminUnit>> byLevelAndCode = new HashMap<>();
    private final Map<String, String> successors;
    private final int replicas;

    private AdminCatalogue(List<AdminUnit> units, Map<String, String> successors, int replicas)
    {
        this.units = List.copyOf(units);
        this.successors = Map.copyOf(successors);
        this.replicas = replicas;
        for (AdminUnit unit : this.units) {
            byLevelAndCode.computeIfAbsent(key(unit.level(), unit.code()), k -> new ArrayList<>()).add(unit);
        }
    }

    /** The real catalogue of Kon Tum (before 01/07/2025) and its successors in Quảng Ngãi (from 01/07/2025). */
    public static AdminCatalogue kontum()
    {
        return Loaded.CATALOGUE;
    }

    private static final class Loaded
    {
        static final AdminCatalogue CATALOGUE = load();
    }

    private static AdminCatalogue load()
    {
        Map<String, Double> districtAreas = new HashMap<>();
        Double provinceArea = null;
        for (CSVRecord row : ReferenceFiles.readCsv("kontum_population.csv")) {
            if (!"area".equals(row.get("indicator")) || !row.get("reference").startsWith("2022")) {
                continue;
            }
            double value = Double.parseDouble(row.get("value"));
            if ("district".equals(row.get("area_level"))) {
                districtAreas.put(row.get("area_code"), value);
            }
            else if ("province".equals(row.get("area_level"))) {
                provinceArea = value;
            }
        }
        // Đắk Hà and Sa Thầy have no 2022 area (faulty source rows): take 2017, the only other yearbook figure.
        for (CSVRecord row : ReferenceFiles.readCsv("kontum_population.csv")) {
            if ("area".equals(row.get("indicator")) && "district".equals(row.get("area_level"))) {
                districtAreas.putIfAbsent(row.get("area_code"), Double.parseDouble(row.get("value")));
            }
        }

        Map<String, AdminUnit> units = new LinkedHashMap<>();
        for (CSVRecord row : ReferenceFiles.readCsv("administrative_units.csv")) {
            String province = row.get("province_code");
            String district = row.get("district_code");
            units.putIfAbsent("P" + province, new AdminUnit(UnitLevel.PROVINCE, province, row.get("province_name"),
                    row.get("province_type"), null, null, EFFECTIVE_DATE, provinceArea));
            units.putIfAbsent("D" + district, new AdminUnit(UnitLevel.DISTRICT, district, row.get("district_name"),
                    row.get("district_type"), province, null, EFFECTIVE_DATE, districtAreas.get(district)));
            units.put("C" + row.get("commune_code"), new AdminUnit(UnitLevel.COMMUNE, row.get("commune_code"),
                    row.get("commune_name"), row.get("unit_type"), district, null, EFFECTIVE_DATE, null));
        }
        Map<String, String> successors = new LinkedHashMap<>();
        Map<String, AdminUnit> newUnits = new LinkedHashMap<>();
        for (CSVRecord row : ReferenceFiles.readCsv("admin_reorg_2025.csv")) {
            String newProvince = row.get("new_province_code");
            newUnits.putIfAbsent("P" + newProvince, new AdminUnit(UnitLevel.PROVINCE, newProvince,
                    row.get("new_province_name"), "Tỉnh", null, EFFECTIVE_DATE, null, null));
            String newCode = row.get("new_commune_code");
            String newName = row.get("new_commune_name");
            newUnits.putIfAbsent("C" + newCode, new AdminUnit(UnitLevel.COMMUNE, newCode, newName, unitType(newName),
                    newProvince, EFFECTIVE_DATE, null, null));
            String previous = successors.put(row.get("old_commune_code"), newCode);
            if (previous != null && !previous.equals(newCode)) {
                throw new IllegalStateException("old commune " + row.get("old_commune_code") + " maps to two successors");
            }
        }
        List<AdminUnit> all = new ArrayList<>(units.values());
        all.addAll(newUnits.values());
        AdminCatalogue catalogue = new AdminCatalogue(all, successors, 1);
        for (AdminUnit commune : catalogue.units(UnitLevel.COMMUNE, EFFECTIVE_DATE.minusDays(1))) {
            if (!successors.containsKey(commune.code())) {
                throw new IllegalStateException("commune " + commune.code() + " has no successor in admin_reorg_2025.csv");
            }
        }
        return catalogue;
    }

    private static String unitType(String name)
    {
        for (String type : List.of("Phường", "Thị trấn", "Xã", "Đặc khu")) {
            if (name.startsWith(type + " ")) {
                return type;
            }
        }
        return "Xã";
    }

    /**
     * This catalogue repeated {@code copies} times: copy 1 is the real one, copy r ≥ 2 has codes prefixed
     * {@code R<r>.} and names suffixed {@code (bản sao r)}. Used only for national-scale synthetic registers.
     */
    public AdminCatalogue withReplicas(int copies)
    {
        if (copies < 1) {
            throw new IllegalArgumentException("copies must be at least 1, was " + copies);
        }
        if (replicas != 1) {
            throw new IllegalStateException("catalogue is already replicated");
        }
        if (copies == 1) {
            return this;
        }
        List<AdminUnit> all = new ArrayList<>(units);
        Map<String, String> allSuccessors = new HashMap<>(successors);
        for (int r = 2; r <= copies; r++) {
            String prefix = replicaPrefix(r);
            String suffix = " (bản sao " + r + ")";
            for (AdminUnit unit : units) {
                all.add(new AdminUnit(unit.level(), prefix + unit.code(), unit.name() + suffix, unit.type(),
                        unit.parentCode() == null ? null : prefix + unit.parentCode(),
                        unit.validFrom(), unit.validTo(), unit.areaKm2()));
            }
            for (Map.Entry<String, String> entry : successors.entrySet()) {
                allSuccessors.put(prefix + entry.getKey(), prefix + entry.getValue());
            }
        }
        return new AdminCatalogue(all, allSuccessors, copies);
    }

    public static String replicaPrefix(int replica)
    {
        return replica == 1 ? "" : "R" + replica + ".";
    }

    public int replicas()
    {
        return replicas;
    }

    public List<AdminUnit> all()
    {
        return units;
    }

    public Optional<AdminUnit> unit(UnitLevel level, String code, LocalDate date)
    {
        requireNonNull(date, "date is null");
        List<AdminUnit> candidates = byLevelAndCode.get(key(level, code));
        if (candidates == null) {
            return Optional.empty();
        }
        for (AdminUnit unit : candidates) {
            if (unit.validOn(date)) {
                return Optional.of(unit);
            }
        }
        return Optional.empty();
    }

    public Optional<AdminUnit> commune(String code, LocalDate date)
    {
        return unit(UnitLevel.COMMUNE, code, date);
    }

    /** Every version of a code at one level, oldest first. */
    public List<AdminUnit> versions(UnitLevel level, String code)
    {
        return byLevelAndCode.getOrDefault(key(level, code), List.of());
    }

    public List<AdminUnit> units(UnitLevel level, LocalDate date)
    {
        return units.stream()
                .filter(unit -> unit.level() == level && unit.validOn(date))
                .sorted(Comparator.comparing(AdminUnit::code))
                .toList();
    }

    /** The unit directly above, in force on the same date; empty for a province. */
    public Optional<AdminUnit> parent(AdminUnit unit, LocalDate date)
    {
        if (unit.parentCode() == null) {
            return Optional.empty();
        }
        UnitLevel parentLevel = unit.level() == UnitLevel.COMMUNE && unit.validFrom() == null ? UnitLevel.DISTRICT : UnitLevel.PROVINCE;
        return unit(parentLevel, unit.parentCode(), date);
    }

    /** The ancestor of a commune at {@code level} on {@code date}; empty when that level did not exist then. */
    public Optional<AdminUnit> ancestor(AdminUnit commune, UnitLevel level, LocalDate date)
    {
        AdminUnit current = commune;
        while (current != null && current.level() != level) {
            current = parent(current, date).orElse(null);
        }
        return Optional.ofNullable(current);
    }

    /** The 01/07/2025 commune that replaced an old commune. */
    public String successorCode(String oldCommuneCode)
    {
        String successor = successors.get(oldCommuneCode);
        if (successor == null) {
            throw new IllegalArgumentException("no successor for commune " + oldCommuneCode);
        }
        return successor;
    }

    public Optional<String> findSuccessorCode(String oldCommuneCode)
    {
        return Optional.ofNullable(successors.get(oldCommuneCode));
    }

    /** Old communes merged into a new one, ordered by code. */
    public List<AdminUnit> predecessors(String newCommuneCode)
    {
        return successors.entrySet().stream()
                .filter(entry -> entry.getValue().equals(newCommuneCode))
                .map(entry -> commune(entry.getKey(), Reorganisation2025.LAST_DAY_BEFORE).orElseThrow())
                .sorted(Comparator.comparing(AdminUnit::code))
                .toList();
    }

    /** Old commune → successor, for every old commune. */
    public Map<String, String> successors()
    {
        return successors;
    }

    /**
     * The code a commune, recorded on {@code refDate}, has on the units of 01/07/2025: its successor when
     * {@code refDate} is before the reform, the code itself otherwise.
     */
    public String recastTo2025(String communeCode, LocalDate refDate)
    {
        return Reorganisation2025.after(refDate) ? communeCode : successorCode(communeCode);
    }

    public Collection<AdminUnit> communesOf(AdminUnit parent, LocalDate date)
    {
        return units(UnitLevel.COMMUNE, date).stream()
                .filter(commune -> ancestor(commune, parent.level(), date).map(a -> a.code().equals(parent.code())).orElse(false))
                .toList();
    }

    private static String key(UnitLevel level, String code)
    {
        return level.name().charAt(0) + code;
    }
}
