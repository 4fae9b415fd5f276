package vn.dancu.api.query;

import vn.dancu.api.ApiException;
import vn.dancu.api.cube.CuboidSlice;
import vn.dancu.api.cube.PublishedCubes;
import vn.dancu.datasets.geo.AdminCatalogue;
import vn.dancu.datasets.geo.Area;
import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.cube.DimensionKind;
import vn.dancu.model.cube.DimensionSpec;
import vn.dancu.model.publish.CubeEntry;
import vn.dancu.model.publish.CubeManifest;
import vn.dancu.model.publish.CuboidEntry;
import vn.dancu.model.publish.PartitionEntry;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** Answers cube queries from the published cubes, each from the smallest pre-computed cuboid that can. */
public final class QueryService
{
    public static final int MAX_ROWS = 20_000;
    private static final List<String> GEOGRAPHIES = List.of("2025", "asof");
    private static final List<String> LEVELS = List.of("commune", "district", "province", "area");
    private static final List<String> LANGUAGES = List.of("vi", "en");

    private final PublishedCubes cubes;
    private final AdminCatalogue catalogue;
    private final Area area;

    public QueryService(PublishedCubes cubes, Area area)
    {
        this.cubes = requireNonNull(cubes, "cubes is null");
        this.area = requireNonNull(area, "area is null");
        this.catalogue = area.catalogue();
    }

    public PublishedCubes cubes()
    {
        return cubes;
    }

    public Area area()
    {
        return area;
    }

    /** Parses raw request parameters into a query; every problem is a 400 naming the parameter and the allowed values. */
    public CubeQuery parse(String cube, Map<String, List<String>> parameters)
    {
        CubeManifest manifest = cubes.manifest();
        CubeDescriptor descriptor = cubes.descriptor(cube)
                .orElseThrow(() -> ApiException.notFound("cube '" + cube + "'", manifest.cubes().stream().map(CubeEntry::name).toList()));
        String language = choice(parameters, "lang", LANGUAGES, "vi");
        GeographyDimension.Geography geography = choice(parameters, "geo", GEOGRAPHIES, "2025").equals("2025")
                ? GeographyDimension.Geography.Y2025 : GeographyDimension.Geography.ASOF;
        GeographyDimension.Level level = GeographyDimension.Level.valueOf(choice(parameters, "level", LEVELS, "commune").toUpperCase(Locale.ROOT));
        List<String> available = queryDimensionNames(descriptor);

        List<String> dimensions = new ArrayList<>();
        for (String name : list(parameters, "dims")) {
            if (LEVELS.contains(name)) {
                level = GeographyDimension.Level.valueOf(name.toUpperCase(Locale.ROOT));
                name = GeographyDimension.NAME;
            }
            if (!available.contains(name)) {
                throw ApiException.badParameter("dims", "unknown dimension '" + name + "' of cube " + cube, withLevels(available));
            }
            if (dimensions.contains(name)) {
                throw ApiException.badParameter("dims", "dimension '" + name + "' is listed twice", withLevels(available));
            }
            dimensions.add(name);
        }
        if (geography == GeographyDimension.Geography.Y2025 && level == GeographyDimension.Level.DISTRICT) {
            throw ApiException.badParameter("level", "the district level does not exist on the units of 01/07/2025 (geo=2025)",
                    List.of("commune", "province", "area"));
        }

        List<String> measures = list(parameters, "measures");
        if (measures.isEmpty()) {
            measures = descriptor.measureNames();
        }
        for (String measure : measures) {
            if (descriptor.measure(measure).isEmpty()) {
                throw ApiException.badParameter("measures", "unknown measure '" + measure + "' of cube " + cube, descriptor.measureNames());
            }
        }

        CubeEntry entry = manifest.cube(cube).orElseThrow();
        List<LocalDate> dates = entry.refDates();
        LocalDate refDate = parseDate(parameters, dates);
        if (level == GeographyDimension.Level.DISTRICT && geography == GeographyDimension.Geography.ASOF
                && vn.dancu.datasets.geo.Reorganisation2025.after(refDate)) {
            throw ApiException.badParameter("level", "districts were abolished on 01/07/2025; " + refDate + " has no district level",
                    List.of("commune", "province", "area"));
        }

        Map<String, Set<String>> filters = new LinkedHashMap<>();
        for (String filter : parameters.getOrDefault("filter", List.of())) {
            int colon = filter.indexOf(':');
            if (colon <= 0 || colon == filter.length() - 1) {
                throw ApiException.badParameter("filter", "'" + filter + "' is not of the form dimension:code[,code…]", List.of());
            }
            String name = filter.substring(0, colon);
            if (!available.contains(name)) {
                throw ApiException.badParameter("filter", "unknown dimension '" + name + "' of cube " + cube, available);
            }
            Set<String> codes = new LinkedHashSet<>(Arrays.asList(filter.substring(colon + 1).split(",")));
            QueryDimension dimension = dimension(descriptor, name, refDate, geography, level);
            List<String> allowed = allowedCodes(dimension, descriptor, entry, refDate);
            for (String code : codes) {
                if (!allowed.contains(code)) {
                    throw ApiException.badParameter("filter", "unknown code '" + code + "' of dimension " + name, allowed);
                }
            }
            filters.computeIfAbsent(name, key -> new LinkedHashSet<>()).addAll(codes);
        }
        return new CubeQuery(cube, dimensions, measures, filters, refDate, geography, level, language);
    }

    private List<String> allowedCodes(QueryDimension dimension, CubeDescriptor descriptor, CubeEntry entry, LocalDate refDate)
    {
        if (!dimension.codes().isEmpty()) {
            return dimension.codes();
        }
        // Geography: the codes the cube holds at that date, on the requested level and geography.
        Set<String> codes = new java.util.TreeSet<>();
        CuboidEntry smallest = entry.cuboids().stream()
                .filter(cuboid -> cuboid.dimensions().contains(dimension.base()))
                .min(Comparator.comparingLong(cuboid -> cuboid.partition(refDate).map(PartitionEntry::rows).orElse(Long.MAX_VALUE)))
                .orElseThrow();
        Optional<CuboidSlice> slice = cubes.slice(cubes.manifest(), descriptor, smallest, refDate);
        if (slice.isPresent()) {
            int index = slice.get().dimensionIndex(dimension.base());
            for (String code : slice.get().dictionaries().get(index)) {
                String mapped = dimension.map(code);
                if (mapped != null) {
                    codes.add(mapped);
                }
            }
        }
        return List.copyOf(codes);
    }

    private static List<String> withLevels(List<String> available)
    {
        List<String> names = new ArrayList<>(available);
        names.addAll(LEVELS);
        return names;
    }

    private static LocalDate parseDate(Map<String, List<String>> parameters, List<LocalDate> dates)
    {
        List<String> values = parameters.getOrDefault("date", List.of());
        if (dates.isEmpty()) {
            throw ApiException.unavailable("the cube has no data");
        }
        if (values.isEmpty() || values.get(0).isBlank()) {
            return dates.get(dates.size() - 1);
        }
        String range = "reference dates from " + dates.get(0) + " to " + dates.get(dates.size() - 1);
        LocalDate date;
        try {
            date = LocalDate.parse(values.get(0), DateTimeFormatter.ISO_LOCAL_DATE);
        }
        catch (DateTimeParseException e) {
            throw ApiException.badParameter("date", "'" + values.get(0) + "' is not a date (yyyy-MM-dd); " + range, List.of());
        }
        if (!dates.contains(date)) {
            throw ApiException.badParameter("date", "no data for " + date + "; " + range,
                    dates.stream().map(LocalDate::toString).toList());
        }
        return date;
    }

    private static String choice(Map<String, List<String>> parameters, String name, List<String> allowed, String fallback)
    {
        List<String> values = parameters.getOrDefault(name, List.of());
        if (values.isEmpty() || values.get(0).isBlank()) {
            return fallback;
        }
        String value = values.get(0);
        if (!allowed.contains(value)) {
            throw ApiException.badParameter(name, "'" + value + "' is not allowed", allowed);
        }
        return value;
    }

    private static List<String> list(Map<String, List<String>> parameters, String name)
    {
        List<String> items = new ArrayList<>();
        for (String value : parameters.getOrDefault(name, List.of())) {
            for (String item : value.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.strip());
                }
            }
        }
        return items;
    }

    /** Dimension names a query of this cube may use: stored ones (the geography as {@code unit}) and derived ones. */
    public static List<String> queryDimensionNames(CubeDescriptor descriptor)
    {
        List<String> names = new ArrayList<>();
        for (DimensionSpec dimension : descriptor.dimensions()) {
            switch (dimension.kind()) {
                case GEOGRAPHY -> names.add(GeographyDimension.NAME);
                case AGE -> {
                    names.add("age");
                    names.add("ageBand");
                }
                case AGE_GROUP, CATEGORY, SIZE -> names.add(dimension.name());
            }
        }
        return names;
    }

    QueryDimension dimension(CubeDescriptor descriptor, String name, LocalDate refDate,
            GeographyDimension.Geography geography, GeographyDimension.Level level)
    {
        for (DimensionSpec spec : descriptor.dimensions()) {
            switch (spec.kind()) {
                case GEOGRAPHY -> {
                    if (name.equals(GeographyDimension.NAME)) {
                        return new GeographyDimension(spec.name(), catalogue, area, refDate, geography, level);
                    }
                }
                case AGE -> {
                    if (name.equals("age")) {
                        return AgeDimension.single(spec.name());
                    }
                    if (name.equals("ageBand")) {
                        return AgeDimension.fiveYearBands(spec.name());
                    }
                }
                case AGE_GROUP, CATEGORY, SIZE -> {
                    if (name.equals(spec.name())) {
                        return new CategoryDimension(spec);
                    }
                }
            }
        }
        throw new IllegalArgumentException("no dimension " + name + " in cube " + descriptor.name());
    }

    public QueryResult execute(CubeQuery query)
    {
        CubeManifest manifest = cubes.manifest();
        CubeDescriptor descriptor = cubes.descriptor(query.cube()).orElseThrow();
        CubeEntry entry = manifest.cube(query.cube()).orElseThrow();

        List<QueryDimension> output = new ArrayList<>();
        for (String name : query.dimensions()) {
            output.add(dimension(descriptor, name, query.refDate(), query.geography(), query.level()));
        }
        Map<QueryDimension, Set<String>> filters = new LinkedHashMap<>();
        Set<String> needed = new LinkedHashSet<>();
        output.forEach(dimension -> needed.add(dimension.base()));
        for (Map.Entry<String, Set<String>> filter : query.filters().entrySet()) {
            QueryDimension dimension = dimension(descriptor, filter.getKey(), query.refDate(), query.geography(), query.level());
            filters.put(dimension, filter.getValue());
            needed.add(dimension.base());
        }
        // The geography is mandatory in every cuboid: rows outside the chosen level (no district after the reform) drop.
        descriptor.dimensions().stream().filter(spec -> spec.kind() == DimensionKind.GEOGRAPHY).findFirst()
                .ifPresent(spec -> needed.add(spec.name()));
        QueryDimension geography = dimension(descriptor, GeographyDimension.NAME, query.refDate(), query.geography(), query.level());

        CuboidEntry cuboid = entry.cuboids().stream()
                .filter(candidate -> candidate.dimensions().containsAll(needed))
                .filter(candidate -> candidate.partition(query.refDate()).isPresent())
                .min(Comparator.comparingLong((CuboidEntry candidate) -> candidate.partition(query.refDate()).orElseThrow().rows())
                        .thenComparingInt(candidate -> candidate.dimensions().size()))
                .orElseThrow(() -> ApiException.badParameter("dims", "no pre-computed cuboid of " + query.cube()
                        + " has all of " + needed, entry.cuboids().stream().map(CuboidEntry::name).toList()));
        CuboidSlice slice = cubes.slice(manifest, descriptor, cuboid, query.refDate()).orElseThrow();

        // Per stored dimension of the slice: dictionary index → output code (or drop), for outputs and filters.
        int outputs = output.size();
        int[][] outputCodes = new int[outputs][];
        List<List<String>> outputDictionaries = new ArrayList<>();
        for (int o = 0; o < outputs; o++) {
            QueryDimension dimension = output.get(o);
            String[] dictionary = slice.dictionaries().get(slice.dimensionIndex(dimension.base()));
            Map<String, Integer> index = new HashMap<>();
            List<String> codes = new ArrayList<>();
            int[] mapping = new int[dictionary.length];
            for (int i = 0; i < dictionary.length; i++) {
                String mapped = dimension.map(dictionary[i]);
                if (mapped == null) {
                    mapping[i] = -1;
                    continue;
                }
                mapping[i] = index.computeIfAbsent(mapped, code -> {
                    codes.add(code);
                    return codes.size() - 1;
                });
            }
            outputCodes[o] = mapping;
            outputDictionaries.add(codes);
        }
        List<boolean[]> keep = new ArrayList<>();
        List<int[]> keepColumns = new ArrayList<>();
        Map<QueryDimension, Set<String>> allFilters = new LinkedHashMap<>(filters);
        if (!query.dimensions().contains(GeographyDimension.NAME)) {
            allFilters.put(geography, null);
        }
        for (Map.Entry<QueryDimension, Set<String>> filter : allFilters.entrySet()) {
            int column = slice.dimensionIndex(filter.getKey().base());
            String[] dictionary = slice.dictionaries().get(column);
            boolean[] pass = new boolean[dictionary.length];
            for (int i = 0; i < dictionary.length; i++) {
                String mapped = filter.getKey().map(dictionary[i]);
                pass[i] = mapped != null && (filter.getValue() == null || filter.getValue().contains(mapped));
            }
            keep.add(pass);
            keepColumns.add(slice.codes().get(column));
        }
        int[][] outputColumns = new int[outputs][];
        for (int o = 0; o < outputs; o++) {
            outputColumns[o] = slice.codes().get(slice.dimensionIndex(output.get(o).base()));
        }
        long[][] measureColumns = query.measures().stream().map(name -> slice.values().get(slice.measureIndex(name))).toArray(long[][]::new);

        Map<List<Integer>, long[]> groups = new HashMap<>();
        rows:
        for (int row = 0; row < slice.rows(); row++) {
            for (int f = 0; f < keep.size(); f++) {
                if (!keep.get(f)[keepColumns.get(f)[row]]) {
                    continue rows;
                }
            }
            Integer[] key = new Integer[outputs];
            for (int o = 0; o < outputs; o++) {
                int code = outputCodes[o][outputColumns[o][row]];
                if (code < 0) {
                    continue rows;
                }
                key[o] = code;
            }
            long[] sums = groups.computeIfAbsent(Arrays.asList(key), k -> new long[measureColumns.length]);
            for (int m = 0; m < measureColumns.length; m++) {
                sums[m] += measureColumns[m][row];
            }
        }
        if (groups.size() > MAX_ROWS) {
            throw ApiException.badParameter("dims", "the result would have " + groups.size() + " rows, more than the limit of "
                    + MAX_ROWS + "; add filters or ask for fewer dimensions", List.of());
        }

        List<Map.Entry<List<Integer>, long[]>> sorted = new ArrayList<>(groups.entrySet());
        sorted.sort((a, b) -> {
            for (int o = 0; o < outputs; o++) {
                String left = outputDictionaries.get(o).get(a.getKey().get(o));
                String right = outputDictionaries.get(o).get(b.getKey().get(o));
                int byOrder = Integer.compare(output.get(o).order(left), output.get(o).order(right));
                if (byOrder != 0) {
                    return byOrder;
                }
                int byText = left.compareTo(right);
                if (byText != 0) {
                    return byText;
                }
            }
            return 0;
        });
        String language = query.language();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map.Entry<List<Integer>, long[]> group : sorted) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int o = 0; o < outputs; o++) {
                String code = outputDictionaries.get(o).get(group.getKey().get(o));
                row.put(output.get(o).name(), code);
                row.put(output.get(o).name() + "Label", output.get(o).label(code, language));
            }
            Map<String, String> status = new LinkedHashMap<>();
            for (int m = 0; m < query.measures().size(); m++) {
                row.put(query.measures().get(m), group.getValue()[m]);
                status.put(query.measures().get(m), "ok");
            }
            row.put("status", status);
            rows.add(row);
        }

        List<QueryResult.Column> columns = new ArrayList<>();
        for (QueryDimension dimension : output) {
            columns.add(new QueryResult.Column(dimension.name(), dimension.title(language), "dimension"));
        }
        for (String measure : query.measures()) {
            columns.add(new QueryResult.Column(measure, descriptor.measure(measure).orElseThrow().title().in(language), "measure"));
        }
        String sourceText = "en".equals(language)
                ? "dancu, cube " + descriptor.name() + ", version " + manifest.versionId() + ", population register extract of " + manifest.extractDate()
                : "dancu, khối " + descriptor.name() + ", phiên bản " + manifest.versionId() + ", trích xuất CSDL dân cư ngày "
                        + manifest.extractDate().format(DateTimeFormatter.ofPattern("dd/MM/yyyy"));
        return new QueryResult(descriptor.name(), descriptor.title().in(language), manifest.versionId(), query.refDate(),
                query.geography() == GeographyDimension.Geography.Y2025 ? "2025" : "asof",
                query.level().name().toLowerCase(Locale.ROOT), cuboid.name(), columns, rows,
                new QueryResult.Source(sourceText, manifest.versionId(), manifest.snapshotId(), manifest.extractDate(), manifest.area()));
    }
}
