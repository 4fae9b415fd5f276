package vn.dancu.api.query;

import vn.dancu.datasets.geo.AdminCatalogue;
import vn.dancu.datasets.geo.AdminUnit;
import vn.dancu.datasets.geo.Area;
import vn.dancu.datasets.geo.Reorganisation2025;
import vn.dancu.datasets.geo.UnitLevel;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The administrative unit of a row, at a chosen level, on a chosen geography: the units in force on the reference
 * date ({@link Geography#ASOF}) or the units of 01/07/2025 ({@link Geography#Y2025}, old communes recast onto their
 * successors). Level {@code area} is the whole territory of the register. The same class reads the second
 * geography of the migration cube ({@code otherUnit}), where {@code OUTSIDE} (or an empty code) means outside the area.
 * <p>
 * A stored code is placed by the catalogue: a commune in force on the units' date, else the 01/07/2025 successor of an
 * abolished commune. A code the catalogue cannot place (unknown, or of a commune outside the area) is never a failure:
 * it is counted in the area's figures and, in a table by unit, in the pseudo-unit {@link #UNPLACED_CODE} (listed only
 * when a cube holds such codes, see {@link #withUnplaced()}).
 */
public final class GeographyDimension implements QueryDimension
{
    public enum Geography
    {
        Y2025, ASOF;

        public String code()
        {
            return this == Y2025 ? "2025" : "asof";
        }
    }

    public enum Level
    {
        COMMUNE, DISTRICT, PROVINCE, AREA;

        public String code()
        {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final String NAME = "unit";
    public static final String OTHER_NAME = "otherUnit";
    public static final String AREA_CODE = "AREA";
    public static final String OUTSIDE_CODE = "OUTSIDE";
    /** The row of figures whose stored commune code the catalogue cannot place on the asked units. */
    public static final String UNPLACED_CODE = "UNKNOWN";

    private final String name;
    private final String base;
    private final AdminCatalogue catalogue;
    private final Area area;
    private final LocalDate refDate;
    private final Geography geography;
    private final Level level;
    private final Map<String, String> mapped = new HashMap<>();
    private final Map<String, List<String>> codeCache;
    private final boolean unplaced;

    public GeographyDimension(String name, String base, AdminCatalogue catalogue, Area area, LocalDate refDate, Geography geography, Level level)
    {
        this(name, base, catalogue, area, refDate, geography, level, new java.util.concurrent.ConcurrentHashMap<>());
    }

    /** @param codeCache the units of each level and date, shared between queries (the catalogue never changes) */
    public GeographyDimension(String name, String base, AdminCatalogue catalogue, Area area, LocalDate refDate, Geography geography, Level level,
            Map<String, List<String>> codeCache)
    {
        this(name, base, catalogue, area, refDate, geography, level, codeCache, false);
    }

    private GeographyDimension(String name, String base, AdminCatalogue catalogue, Area area, LocalDate refDate, Geography geography, Level level,
            Map<String, List<String>> codeCache, boolean unplaced)
    {
        this.unplaced = unplaced && level != Level.AREA;
        this.codeCache = requireNonNull(codeCache, "codeCache is null");
        this.name = requireNonNull(name, "name is null");
        this.base = requireNonNull(base, "base is null");
        this.catalogue = requireNonNull(catalogue, "catalogue is null");
        this.area = requireNonNull(area, "area is null");
        this.refDate = requireNonNull(refDate, "refDate is null");
        this.geography = requireNonNull(geography, "geography is null");
        this.level = requireNonNull(level, "level is null");
    }

    /** The same dimension listing {@link #UNPLACED_CODE} among its codes: for a table whose cube holds codes the catalogue cannot place. */
    public GeographyDimension withUnplaced()
    {
        return new GeographyDimension(name, base, catalogue, area, refDate, geography, level, codeCache, true);
    }

    /** The date whose units the output codes are valid on. */
    public LocalDate unitsDate()
    {
        return unitsDate(geography, refDate);
    }

    public static LocalDate unitsDate(Geography geography, LocalDate refDate)
    {
        return geography == Geography.Y2025 && !Reorganisation2025.after(refDate) ? Reorganisation2025.EFFECTIVE_DATE : refDate;
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public String base()
    {
        return base;
    }

    @Override
    public synchronized String map(String communeCode)
    {
        return mapped.computeIfAbsent(communeCode, this::compute);
    }

    private String compute(String communeCode)
    {
        if (communeCode.isEmpty() || (name.equals(OTHER_NAME) && communeCode.equals(OUTSIDE_CODE))) {
            // Outside the area for the other end of a move (the engine writes OUTSIDE); for the data-quality cube,
            // records without a valid commune: part of the area's figures, of no commune's.
            if (name.equals(OTHER_NAME)) {
                return OUTSIDE_CODE;
            }
            return level == Level.AREA ? AREA_CODE : null;
        }
        if (name.equals(OTHER_NAME) && OUTSIDE_CODE.equals(communeCode)) {
            return OUTSIDE_CODE;
        }
        if (level == Level.AREA) {
            return AREA_CODE;
        }
        AdminUnit commune = place(communeCode).orElse(null);
        if (commune == null) {
            return UNPLACED_CODE;
        }
        return switch (level) {
            case COMMUNE -> commune.code();
            case DISTRICT -> catalogue.ancestor(commune, UnitLevel.DISTRICT, unitsDate()).map(AdminUnit::code).orElse(UNPLACED_CODE);
            case PROVINCE -> catalogue.ancestor(commune, UnitLevel.PROVINCE, unitsDate()).map(AdminUnit::code).orElse(UNPLACED_CODE);
            case AREA -> AREA_CODE;
        };
    }

    /** Whether the catalogue places a stored code on a unit of the area (itself, or its successor). */
    public boolean places(String communeCode)
    {
        return communeCode.isEmpty() || (name.equals(OTHER_NAME) && OUTSIDE_CODE.equals(communeCode)) || place(communeCode).isPresent();
    }

    /**
     * The commune of the area a stored code stands for on the units' date: the commune itself when it is in force
     * then, else the successor of an abolished commune (a code kept after 01/07/2025 by a record the register did not
     * recast, or any code before it on the units of 2025).
     */
    private java.util.Optional<AdminUnit> place(String communeCode)
    {
        LocalDate on = unitsDate();
        List<String> inArea = codeCache.computeIfAbsent("communes|" + on, key -> area.communes(catalogue, on).stream().map(AdminUnit::code).toList());
        if (inArea.contains(communeCode)) {
            return catalogue.commune(communeCode, on);
        }
        return catalogue.findSuccessorCode(communeCode).filter(inArea::contains).flatMap(successor -> catalogue.commune(successor, on));
    }

    /** The units of the area at this level on {@link #unitsDate()}, by code. */
    @Override
    public List<String> codes()
    {
        return codeCache.computeIfAbsent(name + "|" + level + "|" + unitsDate() + (unplaced ? "|unplaced" : ""), key -> computeCodes());
    }

    private List<String> computeCodes()
    {
        List<String> codes = new ArrayList<>();
        if (level == Level.AREA) {
            codes.add(AREA_CODE);
        }
        else {
            Set<String> units = new LinkedHashSet<>();
            for (AdminUnit commune : area.communes(catalogue, unitsDate())) {
                String code = switch (level) {
                    case COMMUNE -> commune.code();
                    case DISTRICT -> catalogue.ancestor(commune, UnitLevel.DISTRICT, unitsDate()).map(AdminUnit::code).orElse(null);
                    case PROVINCE -> catalogue.ancestor(commune, UnitLevel.PROVINCE, unitsDate()).map(AdminUnit::code).orElse(null);
                    case AREA -> AREA_CODE;
                };
                if (code != null) {
                    units.add(code);
                }
            }
            codes.addAll(units.stream().sorted().toList());
        }
        if (unplaced) {
            codes.add(UNPLACED_CODE);
        }
        if (name.equals(OTHER_NAME)) {
            codes.add(OUTSIDE_CODE);
        }
        return List.copyOf(codes);
    }

    @Override
    public int order(String code)
    {
        return OUTSIDE_CODE.equals(code) || UNPLACED_CODE.equals(code) ? 1 : 0;
    }

    private static UnitLevel unitLevel(Level level)
    {
        return switch (level) {
            case COMMUNE, AREA -> UnitLevel.COMMUNE;
            case DISTRICT -> UnitLevel.DISTRICT;
            case PROVINCE -> UnitLevel.PROVINCE;
        };
    }

    public Level level()
    {
        return level;
    }

    public Geography geography()
    {
        return geography;
    }

    public LocalDate refDate()
    {
        return refDate;
    }

    @Override
    public String label(String code, String language)
    {
        boolean english = "en".equals(language);
        if (AREA_CODE.equals(code)) {
            return area.label(language);
        }
        if (OUTSIDE_CODE.equals(code)) {
            return english ? "Outside the area" : "Ngoài địa bàn";
        }
        if (UNPLACED_CODE.equals(code)) {
            return english ? "Unit not identified (commune code not in the catalogue)" : "Không xác định được đơn vị (mã xã không có trong danh mục)";
        }
        return catalogue.unit(unitLevel(level), code, unitsDate())
                .map(unit -> english ? unit.englishName() : unit.name())
                .orElse(code);
    }

    @Override
    public String title(String language)
    {
        boolean english = "en".equals(language);
        if (name.equals(OTHER_NAME)) {
            return english ? "Unit at the other end" : "Đơn vị đầu kia";
        }
        return english ? "Administrative unit" : "Đơn vị hành chính";
    }
}
