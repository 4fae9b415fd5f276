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
 * geography of the migration cube ({@code otherUnit}), where an empty code means outside the area.
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

    private final String name;
    private final String base;
    private final AdminCatalogue catalogue;
    private final Area area;
    private final LocalDate refDate;
    private final Geography geography;
    private final Level level;
    private final Map<String, String> mapped = new HashMap<>();
    private final Map<String, List<String>> codeCache;

    public GeographyDimension(String name, String base, AdminCatalogue catalogue, Area area, LocalDate refDate, Geography geography, Level level)
    {
        this(name, base, catalogue, area, refDate, geography, level, new java.util.concurrent.ConcurrentHashMap<>());
    }

    /** @param codeCache the units of each level and date, shared between queries (the catalogue never changes) */
    public GeographyDimension(String name, String base, AdminCatalogue catalogue, Area area, LocalDate refDate, Geography geography, Level level,
            Map<String, List<String>> codeCache)
    {
        this.codeCache = requireNonNull(codeCache, "codeCache is null");
        this.name = requireNonNull(name, "name is null");
        this.base = requireNonNull(base, "base is null");
        this.catalogue = requireNonNull(catalogue, "catalogue is null");
        this.area = requireNonNull(area, "area is null");
        this.refDate = requireNonNull(refDate, "refDate is null");
        this.geography = requireNonNull(geography, "geography is null");
        this.level = requireNonNull(level, "level is null");
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
        if (level == Level.AREA) {
            return AREA_CODE;
        }
        String code = geography == Geography.Y2025 ? catalogue.recastTo2025(communeCode, refDate) : communeCode;
        Optional<AdminUnit> found = catalogue.commune(code, unitsDate());
        if (found.isEmpty() && Reorganisation2025.after(unitsDate())) {
            // A commune abolished on 01/07/2025 still named in a cube after that date stands for its successor.
            found = catalogue.findSuccessorCode(code).flatMap(successor -> catalogue.commune(successor, unitsDate()));
        }
        AdminUnit commune = found.orElseThrow(() -> new IllegalStateException("cube holds commune " + communeCode + " unknown on " + refDate));
        return switch (level) {
            case COMMUNE -> commune.code();
            case DISTRICT -> catalogue.ancestor(commune, UnitLevel.DISTRICT, unitsDate()).map(AdminUnit::code).orElse(null);
            case PROVINCE -> catalogue.ancestor(commune, UnitLevel.PROVINCE, unitsDate()).map(AdminUnit::code).orElse(null);
            case AREA -> AREA_CODE;
        };
    }

    /** The units of the area at this level on {@link #unitsDate()}, by code. */
    @Override
    public List<String> codes()
    {
        return codeCache.computeIfAbsent(name + "|" + level + "|" + unitsDate(), key -> computeCodes());
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
        if (name.equals(OTHER_NAME)) {
            codes.add(OUTSIDE_CODE);
        }
        return List.copyOf(codes);
    }

    @Override
    public int order(String code)
    {
        return OUTSIDE_CODE.equals(code) ? 1 : 0;
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
