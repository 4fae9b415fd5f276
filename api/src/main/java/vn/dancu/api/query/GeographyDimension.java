package vn.dancu.api.query;

import vn.dancu.datasets.geo.AdminCatalogue;
import vn.dancu.datasets.geo.AdminUnit;
import vn.dancu.datasets.geo.Area;
import vn.dancu.datasets.geo.Reorganisation2025;
import vn.dancu.datasets.geo.UnitLevel;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The administrative unit of a row, at a chosen level, on a chosen geography: the units in force on the reference
 * date ({@link Geography#ASOF}) or the units of 01/07/2025 ({@link Geography#Y2025}, old communes recast onto their
 * successors). Level {@code area} is the whole territory of the register.
 */
public final class GeographyDimension implements QueryDimension
{
    public enum Geography { Y2025, ASOF }

    public enum Level { COMMUNE, DISTRICT, PROVINCE, AREA }

    public static final String NAME = "unit";
    public static final String AREA_CODE = "AREA";

    private final String base;
    private final AdminCatalogue catalogue;
    private final Area area;
    private final LocalDate refDate;
    private final Geography geography;
    private final Level level;
    private final Map<String, String> mapped = new HashMap<>();

    public GeographyDimension(String base, AdminCatalogue catalogue, Area area, LocalDate refDate, Geography geography, Level level)
    {
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
        return geography == Geography.Y2025 && !Reorganisation2025.after(refDate) ? Reorganisation2025.EFFECTIVE_DATE : refDate;
    }

    @Override
    public String name()
    {
        return NAME;
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
        if (level == Level.AREA) {
            return AREA_CODE;
        }
        String code = geography == Geography.Y2025 ? catalogue.recastTo2025(communeCode, refDate) : communeCode;
        AdminUnit commune = catalogue.commune(code, unitsDate())
                .orElseThrow(() -> new IllegalStateException("cube holds commune " + communeCode + " unknown on " + refDate));
        return switch (level) {
            case COMMUNE -> commune.code();
            case DISTRICT -> catalogue.ancestor(commune, UnitLevel.DISTRICT, unitsDate()).map(AdminUnit::code).orElse(null);
            case PROVINCE -> catalogue.ancestor(commune, UnitLevel.PROVINCE, unitsDate()).map(AdminUnit::code).orElse(null);
            case AREA -> AREA_CODE;
        };
    }

    @Override
    public List<String> codes()
    {
        return List.of();
    }

    @Override
    public int order(String code)
    {
        return 0;
    }

    public Level level()
    {
        return level;
    }

    public Geography geography()
    {
        return geography;
    }

    @Override
    public String label(String code, String language)
    {
        if (AREA_CODE.equals(code)) {
            return area.label(language);
        }
        UnitLevel unitLevel = switch (level) {
            case COMMUNE, AREA -> UnitLevel.COMMUNE;
            case DISTRICT -> UnitLevel.DISTRICT;
            case PROVINCE -> UnitLevel.PROVINCE;
        };
        return catalogue.unit(unitLevel, code, unitsDate())
                .map(unit -> "en".equals(language) ? unit.englishName() : unit.name())
                .orElse(code);
    }

    @Override
    public String title(String language)
    {
        return "en".equals(language) ? "Administrative unit" : "Đơn vị hành chính";
    }
}
