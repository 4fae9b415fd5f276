package vn.dancu.api.query;

import vn.dancu.api.cube.PublishedCubes;
import vn.dancu.api.error.ApiException;
import vn.dancu.datasets.geo.Reorganisation2025;
import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.cube.TimeGrain;
import vn.dancu.model.publish.CubeEntry;
import vn.dancu.model.publish.CubeManifest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The second stage of a cube question: a typed {@link QueryRequest} checked against the cube's descriptor and the
 * published version (its dimensions, measures, codes, reference dates and the reorganisation of 2025) into a
 * {@link CubeQuery}. Each problem is a 400 naming the parameter and the allowed values; an unknown cube is a 404.
 */
public final class QueryResolver
{
    private final PublishedCubes cubes;
    private final QueryDimensions dimensions;
    private final Supplier<QueryService.Coverage> coverage;

    public QueryResolver(PublishedCubes cubes, QueryDimensions dimensions, Supplier<QueryService.Coverage> coverage)
    {
        this.cubes = requireNonNull(cubes, "cubes is null");
        this.dimensions = requireNonNull(dimensions, "dimensions is null");
        this.coverage = requireNonNull(coverage, "coverage is null");
    }

    /** The descriptor of a published cube; a 404 listing the published cubes otherwise. */
    public CubeDescriptor descriptor(String cube)
    {
        CubeManifest manifest = cubes.manifest();
        return cubes.descriptor(cube)
                .orElseThrow(() -> ApiException.notFound("cube '" + cube + "'", manifest.cubes().stream().map(CubeEntry::name).toList()));
    }

    public CubeQuery resolve(String cube, QueryRequest request)
    {
        CubeManifest manifest = cubes.manifest();
        CubeDescriptor descriptor = descriptor(cube);
        QueryAccess.checkServed(descriptor);
        List<String> available = QueryDimensions.names(descriptor);
        Optional<String> unit = QueryDimensions.unitName(descriptor);
        List<String> levels = QueryDimensions.geographyLevels(descriptor);
        GeographyDimension.Geography geography = request.geography();
        GeographyDimension.Level level = request.level().orElse(GeographyDimension.Level.COMMUNE);

        List<String> asked = new ArrayList<>();
        for (String name : request.dimensions()) {
            if (unit.isPresent() && levels.contains(name)) {
                // dims=district: the unit at that level.
                level = GeographyDimension.Level.valueOf(name.toUpperCase(java.util.Locale.ROOT));
                name = unit.get();
            }
            if (!available.contains(name)) {
                throw ApiException.badParameter("dims", "unknown dimension '" + name + "' of cube " + cube, withLevels(available, levels));
            }
            if (asked.contains(name)) {
                throw ApiException.badParameter("dims", "dimension '" + name + "' is listed twice", withLevels(available, levels));
            }
            asked.add(name);
        }
        List<String> ages = QueryDimensions.ageLevels(descriptor);
        if (asked.stream().filter(ages::contains).count() > 1) {
            throw ApiException.badParameter("dims", "ask for one grouping of age at a time", ages);
        }
        if (unit.isPresent() && !levels.contains(level.code())) {
            throw ApiException.badParameter("level", "'" + level.code() + "' is not a level of cube " + cube, levels);
        }
        if (geography == GeographyDimension.Geography.Y2025 && level == GeographyDimension.Level.DISTRICT) {
            throw ApiException.badParameter("level", "the district level does not exist on the units of 01/07/2025 (geo=2025)",
                    levels.stream().filter(code -> !code.equals("district")).toList());
        }

        List<String> measures = request.measures().isEmpty() ? descriptor.measureNames() : request.measures();
        for (String measure : measures) {
            if (descriptor.measure(measure).isEmpty()) {
                throw ApiException.badParameter("measures", "unknown measure '" + measure + "' of cube " + cube, descriptor.measureNames());
            }
        }

        CubeEntry entry = manifest.cube(cube).orElseThrow();
        List<LocalDate> dates = entry.refDates();
        if (dates.isEmpty()) {
            throw ApiException.unavailable("cube " + cube + " has no data in version " + manifest.versionId());
        }
        QueryPeriod period = null;
        List<LocalDate> refDates;
        boolean additiveOverTime = descriptor.time() == TimeGrain.MONTH || descriptor.time() == TimeGrain.YEAR;
        QueryService.Coverage covered = coverage.get();
        if (request.period().isPresent()) {
            QueryPeriod askedPeriod = request.period().get().resolve(covered.to()).get(0);
            if (!additiveOverTime) {
                throw ApiException.badParameter("period", "cube " + cube + " counts a stock at a date; ask for one reference date with date=",
                        dates.stream().map(LocalDate::toString).toList());
            }
            if (descriptor.time() == TimeGrain.YEAR && askedPeriod.kind() != QueryPeriod.Kind.YEAR) {
                throw ApiException.badParameter("period", "cube " + cube + " has yearly figures only; ask for a year yyyy", covered.years());
            }
            period = askedPeriod.clip(covered.from(), covered.to()).orElseThrow(() -> ApiException.badParameter("period", "no data for '"
                    + askedPeriod.code() + "'; the data cover " + covered.from() + " to " + covered.to(), covered.years()));
            refDates = partitions(dates, period);
        }
        else if (request.date().isEmpty() && descriptor.time() == TimeGrain.MONTH) {
            period = QueryPeriod.year(covered.to().getYear()).clip(covered.from(), covered.to()).orElseThrow();
            refDates = partitions(dates, period);
        }
        else {
            refDates = List.of(request.date().map(date -> date.resolve("date", dates)).orElse(dates.get(dates.size() - 1)));
        }
        LocalDate firstDate = period != null ? period.from() : refDates.get(0);
        LocalDate refDate = period != null ? period.to() : refDates.get(refDates.size() - 1);
        if (geography == GeographyDimension.Geography.ASOF && !Reorganisation2025.after(firstDate) && Reorganisation2025.after(refDate)
                && level != GeographyDimension.Level.AREA) {
            throw ApiException.badParameter("geo", (period == null ? refDate.toString() : period.code()) + " spans the reorganisation of 01/07/2025:"
                    + " its units changed during the period; ask on the units of 01/07/2025 (geo=2025), at level=area, or for a period on one side of it",
                    List.of("2025"));
        }
        if (level == GeographyDimension.Level.DISTRICT && Reorganisation2025.after(refDate)) {
            throw ApiException.badParameter("level", "districts were abolished on 01/07/2025; " + refDate + " has no district level",
                    levels.stream().filter(code -> !code.equals("district")).toList());
        }

        Map<String, Set<String>> filters = new LinkedHashMap<>();
        for (QueryRequest.Filter filter : request.filters()) {
            String name = filter.dimension();
            if (!available.contains(name)) {
                throw ApiException.badParameter("filter", "unknown dimension '" + name + "' of cube " + cube, available);
            }
            List<String> allowed = dimensions.dimension(descriptor, name, refDate, geography, level).codes();
            for (String code : filter.codes()) {
                if (!allowed.contains(code)) {
                    throw ApiException.badParameter("filter", "unknown code '" + code + "' of dimension " + name, allowed);
                }
            }
            filters.computeIfAbsent(name, key -> new LinkedHashSet<>()).addAll(filter.codes());
        }
        return new CubeQuery(cube, asked, measures, filters, refDates, period, geography, level, request.language());
    }

    /** The partitions of a flow cube that fall in a period's covered months. */
    static List<LocalDate> partitions(List<LocalDate> dates, QueryPeriod period)
    {
        return dates.stream().filter(period::holds).toList();
    }

    private static List<String> withLevels(List<String> available, List<String> levels)
    {
        List<String> names = new ArrayList<>(available);
        names.addAll(levels);
        return names;
    }
}
