package vn.dancu.api.query;

import vn.dancu.datasets.geo.AdminCatalogue;
import vn.dancu.datasets.geo.Area;
import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.cube.DimensionKind;
import vn.dancu.model.cube.DimensionSpec;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The dimensions a question of a cube may name, read from its descriptor: each stored dimension by its query name
 * ({@link DimensionSpec#queryName()}: the geographies are {@code unit} and {@code otherUnit}), and the levels its
 * hierarchy derives (an age as {@code ageBand} and {@code ageBroad}; a geography at the {@code level=} of its
 * hierarchy, or the whole area).
 */
public final class QueryDimensions
{
    private final AdminCatalogue catalogue;
    private final Area area;
    private final Map<String, List<String>> unitCodes;

    /** @param unitCodes a cache of the units of each geography, level and date, shared by every geography dimension */
    public QueryDimensions(Area area, Map<String, List<String>> unitCodes)
    {
        this.area = requireNonNull(area, "area is null");
        this.catalogue = area.catalogue();
        this.unitCodes = requireNonNull(unitCodes, "unitCodes is null");
    }

    /** Dimension names a query of this cube may use: stored ones by their query names, and the derived levels of an age. */
    public static List<String> names(CubeDescriptor descriptor)
    {
        List<String> names = new ArrayList<>();
        for (DimensionSpec dimension : descriptor.dimensions()) {
            if (dimension.kind() == DimensionKind.AGE) {
                names.addAll(ageLevels(descriptor, dimension));
            }
            else {
                names.add(dimension.queryName());
            }
        }
        return names;
    }

    /** The levels an age can be read at: its hierarchy's levels that the server knows how to derive. */
    static List<String> ageLevels(CubeDescriptor descriptor, DimensionSpec age)
    {
        List<String> known = java.util.Arrays.stream(AgeDimension.Grouping.values()).map(AgeDimension.Grouping::queryName).toList();
        return descriptor.levels(age).stream().filter(known::contains).toList();
    }

    /** The groupings of an age that exclude one another in a question (one grouping of age at a time). */
    public static List<String> ageLevels(CubeDescriptor descriptor)
    {
        return descriptor.dimensions().stream().filter(spec -> spec.kind() == DimensionKind.AGE).findFirst()
                .map(spec -> ageLevels(descriptor, spec)).orElse(List.of());
    }

    /** The cube's (first) geography, whose query name is the unit of every answer; empty for a cube without one. */
    public static Optional<DimensionSpec> unit(CubeDescriptor descriptor)
    {
        return descriptor.dimensions().stream().filter(spec -> spec.kind() == DimensionKind.GEOGRAPHY).findFirst();
    }

    /** The query name of the cube's unit dimension; empty for a cube without a geography. */
    public static Optional<String> unitName(CubeDescriptor descriptor)
    {
        return unit(descriptor).map(DimensionSpec::queryName);
    }

    /** The levels of the cube's geography, finest first, then the whole area; empty for a cube without a geography. */
    public static List<String> geographyLevels(CubeDescriptor descriptor)
    {
        return unit(descriptor).map(spec -> {
            // Stored codes are communes: without a hierarchy, a geography is read as communes or as the whole area.
            List<String> declared = descriptor.hierarchies().stream().anyMatch(hierarchy -> hierarchy.dimension().equals(spec.name()))
                    ? descriptor.levels(spec) : List.of(GeographyDimension.Level.COMMUNE.code());
            List<String> levels = new ArrayList<>(declared.stream().filter(QueryRequestParser.LEVELS::contains).toList());
            levels.add(GeographyDimension.Level.AREA.code());
            return List.copyOf(levels);
        }).orElse(List.of());
    }

    /** The query name of the geography at the other end of a move (moves between pairs of units), if the cube has one. */
    public static Optional<String> pairedUnitName(CubeDescriptor descriptor)
    {
        return descriptor.policy().moves().flatMap(moves -> descriptor.dimension(moves.to())).map(DimensionSpec::queryName);
    }

    /** A dimension of the cube as a question reads it at a date, on a geography and at a level. */
    public QueryDimension dimension(CubeDescriptor descriptor, String name, LocalDate refDate, GeographyDimension.Geography geography,
            GeographyDimension.Level level)
    {
        for (DimensionSpec spec : descriptor.dimensions()) {
            switch (spec.kind()) {
                case GEOGRAPHY -> {
                    if (name.equals(spec.queryName())) {
                        return new GeographyDimension(spec.queryName(), spec.name(), catalogue, area, refDate, geography, level, unitCodes);
                    }
                }
                case AGE -> {
                    for (AgeDimension.Grouping grouping : AgeDimension.Grouping.values()) {
                        if (name.equals(grouping.queryName()) && ageLevels(descriptor, spec).contains(name)) {
                            return AgeDimension.of(grouping, spec.name());
                        }
                    }
                }
                case AGE_GROUP, CATEGORY, SIZE -> {
                    if (name.equals(spec.queryName())) {
                        return new CategoryDimension(spec);
                    }
                }
            }
        }
        throw new IllegalArgumentException("no dimension " + name + " in cube " + descriptor.name());
    }
}
