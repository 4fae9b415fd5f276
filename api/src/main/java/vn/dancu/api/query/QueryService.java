package vn.dancu.api.query;

import vn.dancu.api.error.ApiException;
import vn.dancu.api.access.Caller;
import vn.dancu.api.cube.CuboidSlice;
import vn.dancu.api.cube.PublishedCubes;
import vn.dancu.api.disclosure.DisclosureControl;
import vn.dancu.datasets.geo.AdminCatalogue;
import vn.dancu.datasets.geo.Area;
import vn.dancu.datasets.geo.Reorganisation2025;
import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.cube.DimensionKind;
import vn.dancu.model.cube.DimensionSpec;
import vn.dancu.model.cube.TimeGrain;
import vn.dancu.model.publish.CubeEntry;
import vn.dancu.model.publish.CubeManifest;
import vn.dancu.model.publish.CuboidEntry;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Answers cube queries from the published cubes, each partition from the smallest pre-computed cuboid that can,
 * with the caller's disclosure control and unit scope applied.
 */
public final class QueryService
{
    public static final int MAX_ROWS = 20_000;
    /** Combinations of the asked dimensions above which a query is refused (the table is held in memory). */
    public static final long MAX_COMBINATIONS = 8_000_000;
    private static final List<String> GEOGRAPHIES = List.of("2025", "asof");
    private static final List<String> LEVELS = List.of("commune", "district", "province", "area");
    private static final List<String> LANGUAGES = List.of("vi", "en");
    private static final List<String> PARAMETERS = List.of("dims", "measures", "filter", "date", "period", "geo", "level", "lang", "format");

    private final PublishedCubes cubes;
    private final AdminCatalogue catalogue;
    private final Area area;
    private final DisclosureControl disclosure;
    private final Map<String, List<String>> unitCodes = new java.util.concurrent.ConcurrentHashMap<>();
    private final ProtectedCells protectedCells;

    public QueryService(PublishedCubes cubes, Area area, DisclosureControl disclosure)
    {
        this.cubes = requireNonNull(cubes, "cubes is null");
        this.area = requireNonNull(area, "area is null");
        this.catalogue = area.catalogue();
        this.disclosure = requireNonNull(disclosure, "disclosure is null");
        this.protectedCells = new ProtectedCells(cubes, area, disclosure, unitCodes, this::coverage);
    }

    public PublishedCubes cubes()
    {
        return cubes;
    }

    public Area area()
    {
        return area;
    }

    public AdminCatalogue catalogue()
    {
        return catalogue;
    }

    public DisclosureControl disclosure()
    {
        return disclosure;
    }

    /**
     * Computes the disclosure pattern of every block of the published version (each once; later answers look their
     * cells up), newest first; returns the number of blocks.
     */
    public int computeAllPatterns()
    {
        return protectedCells.warmAll(cubes.manifest());
    }

    ProtectedCells protectedCells()
    {
        return protectedCells;
    }

    public CubeDescriptor descriptor(String cube)
    {
        CubeManifest manifest = cubes.manifest();
        return cubes.descriptor(cube)
                .orElseThrow(() -> ApiException.notFound("cube '" + cube + "'", manifest.cubes().stream().map(CubeEntry::name).toList()));
    }

    /** Parses raw request parameters into a query; every problem is a 400 naming the parameter and the allowed values. */
    public CubeQuery parse(String cube, Map<String, List<String>> parameters)
    {
        for (String name : parameters.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw ApiException.badParameter(name, "unknown parameter", PARAMETERS);
            }
        }
        CubeManifest manifest = cubes.manifest();
        CubeDescriptor descriptor = descriptor(cube);
        QueryAccess.checkServed(descriptor);
        String language = choice(parameters, "lang", LANGUAGES, "vi");
        GeographyDimension.Geography geography = choice(parameters, "geo", GEOGRAPHIES, "2025").equals("2025")
                ? GeographyDimension.Geography.Y2025 : GeographyDimension.Geography.ASOF;
        GeographyDimension.Level level = GeographyDimension.Level.valueOf(choice(parameters, "level", LEVELS, "commune").toUpperCase(Locale.ROOT));
        List<String> available = queryDimensionNames(descriptor);

        List<String> dimensions = new ArrayList<>();
        for (String name : list(parameters, "dims")) {
            if (LEVELS.contains(name) && available.contains(GeographyDimension.NAME)) {
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
        for (String grouping : List.of("age", "ageBand", "ageBroad")) {
            if (dimensions.contains(grouping) && dimensions.stream().filter(List.of("age", "ageBand", "ageBroad")::contains).count() > 1) {
                throw ApiException.badParameter("dims", "ask for one grouping of age at a time", List.of("age", "ageBand", "ageBroad"));
            }
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
        if (dates.isEmpty()) {
            throw ApiException.unavailable("cube " + cube + " has no data in version " + manifest.versionId());
        }
        QueryPeriod period = null;
        List<LocalDate> refDates;
        String periodText = single(parameters, "period");
        String dateText = single(parameters, "date");
        if (periodText != null && dateText != null) {
            throw ApiException.badParameter("period", "give either date or period, not both", List.of());
        }
        boolean additiveOverTime = descriptor.time() == TimeGrain.MONTH || descriptor.time() == TimeGrain.YEAR;
        Coverage coverage = coverage();
        if (periodText != null) {
            if (!additiveOverTime) {
                throw ApiException.badParameter("period", "cube " + cube + " counts a stock at a date; ask for one reference date with date=",
                        dates.stream().map(LocalDate::toString).toList());
            }
            QueryPeriod asked = QueryPeriod.parse("period", periodText);
            if (descriptor.time() == TimeGrain.YEAR && asked.kind() != QueryPeriod.Kind.YEAR) {
                throw ApiException.badParameter("period", "cube " + cube + " has yearly figures only; ask for a year yyyy", coverage.years());
            }
            period = asked.clip(coverage.from(), coverage.to()).orElseThrow(() -> ApiException.badParameter("period", "no data for '"
                    + periodText + "'; the data cover " + coverage.from() + " to " + coverage.to(), coverage.years()));
            refDates = partitions(dates, period);
        }
        else if (dateText == null && descriptor.time() == TimeGrain.MONTH) {
            period = QueryPeriod.year(coverage.to().getYear()).clip(coverage.from(), coverage.to()).orElseThrow();
            refDates = partitions(dates, period);
        }
        else {
            refDates = List.of(parseDate(dateText, dates));
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
            List<String> items = Arrays.asList(filter.substring(colon + 1).split(",", -1));
            if (items.stream().anyMatch(String::isBlank)) {
                throw ApiException.badParameter("filter", "'" + filter + "' has an empty code; give dimension:code[,code…]", List.of());
            }
            Set<String> codes = new LinkedHashSet<>(items);
            List<String> allowed = dimension(descriptor, name, refDate, geography, level).codes();
            for (String code : codes) {
                if (!allowed.contains(code)) {
                    throw ApiException.badParameter("filter", "unknown code '" + code + "' of dimension " + name, allowed);
                }
            }
            filters.computeIfAbsent(name, key -> new LinkedHashSet<>()).addAll(codes);
        }
        return new CubeQuery(cube, dimensions, measures, filters, refDates, period, geography, level, language);
    }

    /** The partitions of a flow cube that fall in a period's covered months. */
    private static List<LocalDate> partitions(List<LocalDate> dates, QueryPeriod period)
    {
        return dates.stream().filter(period::holds).toList();
    }

    /**
     * The days the published data cover: from the first day of the earliest month with monthly figures (stocks or
     * flows) to the extract date. A period is partial where it reaches outside them.
     */
    public record Coverage(LocalDate from, LocalDate to)
    {
        /** The calendar years the data touch. */
        public List<String> years()
        {
            List<String> years = new ArrayList<>();
            for (int year = from.getYear(); year <= to.getYear(); year++) {
                years.add(Integer.toString(year));
            }
            return years;
        }

        /** A period of flows cut to the data; a 400 naming {@code period} when the data cover none of it. */
        public QueryPeriod clip(QueryPeriod period)
        {
            return period.clip(from, to).orElseThrow(() -> ApiException.badParameter("period", "no data for '" + period.code()
                    + "'; the data cover " + from + " to " + to, years()));
        }

        /**
         * Whether a period is made of whole blocks: calendar quarters, cut where the data start and end. Roles without
         * exact counts see flows summed over such periods only (a quarter, the year to a quarter's end, the year), so
         * that no single month can be had by subtracting one published period from another.
         */
        public boolean wholeQuarters(QueryPeriod period)
        {
            java.time.YearMonth start = java.time.YearMonth.from(period.from());
            java.time.YearMonth end = java.time.YearMonth.from(period.to());
            // A parsed period is made of whole months, cut to the data: it starts on a month's first day or the data's.
            boolean startsBlock = start.getMonthValue() % 3 == 1 || start.equals(java.time.YearMonth.from(from));
            boolean endsBlock = end.getMonthValue() % 3 == 0 || end.equals(java.time.YearMonth.from(to));
            return startsBlock && endsBlock;
        }
    }

    private final Map<String, Coverage> coverages = new java.util.concurrent.ConcurrentHashMap<>();

    /** The data coverage of the published version. */
    public Coverage coverage()
    {
        CubeManifest manifest = cubes.manifest();
        return coverages.computeIfAbsent(manifest.versionId(), version -> {
            LocalDate first = manifest.extractDate();
            for (CubeEntry cube : manifest.cubes()) {
                Optional<CubeDescriptor> descriptor = cubes.descriptor(cube.name());
                boolean monthly = descriptor.map(d -> d.time() == TimeGrain.MONTH || d.time() == TimeGrain.MONTH_END).orElse(false);
                if (monthly && !cube.refDates().isEmpty() && cube.refDates().get(0).isBefore(first)) {
                    first = cube.refDates().get(0);
                }
            }
            return new Coverage(first.withDayOfMonth(1), manifest.extractDate());
        });
    }

    /** The value of a parameter given at most once; null when absent or empty (a repeated or empty one is refused at the edge). */
    private static String single(Map<String, List<String>> parameters, String name)
    {
        List<String> values = parameters.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw ApiException.badParameter(name, "given " + values.size() + " times; give it once", List.of());
        }
        return values.isEmpty() || values.get(0).isBlank() ? null : values.get(0).strip();
    }

    private static List<String> withLevels(List<String> available)
    {
        List<String> names = new ArrayList<>(available);
        if (available.contains(GeographyDimension.NAME)) {
            names.addAll(LEVELS);
        }
        return names;
    }

    private static LocalDate parseDate(String text, List<LocalDate> dates)
    {
        if (text == null) {
            return dates.get(dates.size() - 1);
        }
        String range = "reference dates from " + dates.get(0) + " to " + dates.get(dates.size() - 1);
        LocalDate date;
        try {
            date = LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
        }
        catch (DateTimeParseException e) {
            throw ApiException.badParameter("date", "'" + text + "' is not a date (yyyy-MM-dd); " + range, List.of());
        }
        if (!dates.contains(date)) {
            throw ApiException.badParameter("date", "no data for " + date + "; " + range, dates.stream().map(LocalDate::toString).toList());
        }
        return date;
    }

    private static String choice(Map<String, List<String>> parameters, String name, List<String> allowed, String fallback)
    {
        String value = single(parameters, name);
        if (value == null) {
            return fallback;
        }
        if (!allowed.contains(value)) {
            throw ApiException.badParameter(name, "'" + value + "' is not allowed", allowed);
        }
        return value;
    }

    /** The items of a comma-separated parameter (it may be repeated); an empty item (dims=unit,,sex) is refused. */
    private static List<String> list(Map<String, List<String>> parameters, String name)
    {
        List<String> items = new ArrayList<>();
        for (String value : parameters.getOrDefault(name, List.of())) {
            if (value.isBlank()) {
                continue;
            }
            for (String item : value.split(",", -1)) {
                if (item.isBlank()) {
                    throw ApiException.badParameter(name, "'" + value + "' has an empty item; give names separated by commas", List.of());
                }
                items.add(item.strip());
            }
        }
        return items;
    }

    /** Dimension names a query of this cube may use: stored ones (geographies as {@code unit}, {@code otherUnit}) and derived ones. */
    public static List<String> queryDimensionNames(CubeDescriptor descriptor)
    {
        List<String> names = new ArrayList<>();
        boolean firstGeography = true;
        for (DimensionSpec dimension : descriptor.dimensions()) {
            switch (dimension.kind()) {
                case GEOGRAPHY -> {
                    names.add(firstGeography ? GeographyDimension.NAME : GeographyDimension.OTHER_NAME);
                    firstGeography = false;
                }
                case AGE -> {
                    names.add("age");
                    names.add("ageBand");
                    names.add("ageBroad");
                }
                case AGE_GROUP, CATEGORY, SIZE -> names.add(dimension.name());
            }
        }
        return names;
    }

    QueryDimension dimension(CubeDescriptor descriptor, String name, LocalDate refDate,
            GeographyDimension.Geography geography, GeographyDimension.Level level)
    {
        boolean firstGeography = true;
        for (DimensionSpec spec : descriptor.dimensions()) {
            switch (spec.kind()) {
                case GEOGRAPHY -> {
                    String geographyName = firstGeography ? GeographyDimension.NAME : GeographyDimension.OTHER_NAME;
                    firstGeography = false;
                    if (name.equals(geographyName)) {
                        return new GeographyDimension(geographyName, spec.name(), catalogue, area, refDate, geography, level, unitCodes);
                    }
                }
                case AGE -> {
                    for (AgeDimension.Grouping grouping : AgeDimension.Grouping.values()) {
                        if (name.equals(grouping.queryName())) {
                            return AgeDimension.of(grouping, spec.name());
                        }
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

    /** Answers a query for a caller: the rows, with disclosure control when the caller's role does not see exact counts. */
    public CubeTable table(Caller caller, CubeQuery query)
    {
        CubeManifest manifest = cubes.manifest();
        CubeDescriptor descriptor = descriptor(query.cube());
        QueryAccess.check(caller, descriptor, query, coverage());
        CubeEntry entry = manifest.cube(query.cube()).orElseThrow();
        LocalDate refDate = query.refDate();

        // The table's axes: the output dimensions, then the filtered ones that are not output (summed over their codes).
        List<String> axisNames = new ArrayList<>(query.dimensions());
        Map<String, Set<String>> filters = new LinkedHashMap<>(query.filters());
        boolean hasGeography = queryDimensionNames(descriptor).contains(GeographyDimension.NAME);
        if (caller.scoped() && hasGeography) {
            QueryAccess.checkScope(caller, query, filters.getOrDefault(GeographyDimension.NAME, Set.of()).stream()
                    .map(code -> to2025(code, query)).toList());
            Set<String> inScope = new LinkedHashSet<>();
            for (String code : dimension(descriptor, GeographyDimension.NAME, refDate, query.geography(), query.level()).codes()) {
                if (caller.scope().contains(to2025(code, query))) {
                    inScope.add(code);
                }
            }
            filters.merge(GeographyDimension.NAME, inScope, (asked, scope) -> {
                Set<String> both = new LinkedHashSet<>(asked);
                both.retainAll(scope);
                return both;
            });
        }
        for (String name : filters.keySet()) {
            if (!axisNames.contains(name)) {
                axisNames.add(name);
            }
        }
        List<QueryDimension> axes = new ArrayList<>();
        for (String name : axisNames) {
            QueryDimension axis = dimension(descriptor, name, refDate, query.geography(), query.level());
            if (axis instanceof GeographyDimension geography && holdsUnplaced(descriptor, entry, manifest, query, name)) {
                // Codes the catalogue cannot place are counted in a row of their own, never dropped from the totals.
                axis = geography.withUnplaced();
            }
            axes.add(axis);
        }
        int k = axes.size();
        List<List<String>> leafCodes = new ArrayList<>();
        long combinations = 1;
        for (QueryDimension axis : axes) {
            leafCodes.add(axis.codes());
            combinations *= Math.max(1, axis.codes().size());
        }
        if (combinations > MAX_COMBINATIONS) {
            throw ApiException.badParameter("dims", "the question has " + combinations + " combinations of codes, more than the limit of "
                    + MAX_COMBINATIONS + "; ask for fewer dimensions", List.of());
        }
        int cells = (int) combinations;
        int[] strides = new int[k];
        int stride = 1;
        for (int d = k - 1; d >= 0; d--) {
            strides[d] = stride;
            stride *= leafCodes.get(d).size();
        }
        List<String> measures = query.measures();
        String counted = disclosure.countedMeasure(descriptor.name()).orElse(null);
        boolean control = !caller.role().seesExactCounts() && counted != null;
        List<String> summed = new ArrayList<>(measures);
        if (control && !summed.contains(counted)) {
            summed.add(counted);
        }
        long[][] values = new long[summed.size()][cells];

        List<String> cuboidsRead = new ArrayList<>();
        for (LocalDate date : query.refDates()) {
            cuboidsRead.add(accumulate(descriptor, entry, manifest, query, date, axisNames, leafCodes, strides, summed, values));
        }

        BitSet suppressed = new BitSet();
        CubeTable.Disclosure disclosureInfo = CubeTable.Disclosure.none(caller.role().seesExactCounts()
                ? "exact counts (role " + caller.role().code() + ")" : "counts of records, not of people: shown whole");
        if (control) {
            suppressed = protectedCells.suppressed(manifest, descriptor, query, axes, leafCodes, cells);
        }

        // Rows: output combinations, summed over the filtered codes of the other axes.
        int outputs = query.dimensions().size();
        boolean[][] kept = new boolean[k][];
        for (int d = 0; d < k; d++) {
            kept[d] = new boolean[leafCodes.get(d).size()];
            Set<String> allowed = filters.get(axisNames.get(d));
            for (int i = 0; i < kept[d].length; i++) {
                kept[d][i] = allowed == null || allowed.contains(leafCodes.get(d).get(i));
            }
        }
        Map<Long, long[]> sums = new LinkedHashMap<>();
        Map<Long, Boolean> withheld = new LinkedHashMap<>();
        int[] position = new int[k];
        for (int cell = 0; cell < cells; cell++) {
            boolean keep = true;
            long key = 0;
            for (int d = 0; d < k && keep; d++) {
                keep = kept[d][position[d]];
                if (d < outputs) {
                    key = key * leafCodes.get(d).size() + position[d];
                }
            }
            if (keep) {
                long[] row = sums.computeIfAbsent(key, x -> new long[measures.size()]);
                for (int m = 0; m < measures.size(); m++) {
                    row[m] += values[m][cell];
                }
                if (suppressed.get(cell)) {
                    withheld.put(key, true);
                }
            }
            for (int d = k - 1; d >= 0; d--) {
                if (++position[d] < leafCodes.get(d).size()) {
                    break;
                }
                position[d] = 0;
            }
        }
        List<CubeTable.Row> rows = new ArrayList<>();
        int suppressedRows = 0;
        for (Map.Entry<Long, long[]> sum : sums.entrySet()) {
            boolean hidden = withheld.getOrDefault(sum.getKey(), false);
            if (!hidden && Arrays.stream(sum.getValue()).allMatch(value -> value == 0)) {
                continue;
            }
            List<String> codes = new ArrayList<>(outputs);
            long rest = sum.getKey();
            String[] reversed = new String[outputs];
            for (int d = outputs - 1; d >= 0; d--) {
                int size = leafCodes.get(d).size();
                reversed[d] = leafCodes.get(d).get((int) (rest % size));
                rest /= size;
            }
            codes.addAll(Arrays.asList(reversed));
            rows.add(new CubeTable.Row(codes, hidden ? new long[measures.size()] : sum.getValue(), hidden));
            suppressedRows += hidden ? 1 : 0;
        }
        if (rows.size() > MAX_ROWS) {
            throw ApiException.badParameter("dims", "the result would have " + rows.size() + " rows, more than the limit of "
                    + MAX_ROWS + "; add filters or ask for fewer dimensions", List.of());
        }
        if (control) {
            disclosureInfo = new CubeTable.Disclosure(disclosure.thresholdFor(descriptor.name()), counted, suppressedRows, disclosure.rule(query.language()));
        }
        return new CubeTable(descriptor, manifest, query, axes.subList(0, outputs), rows, cuboidsRead, disclosureInfo);
    }

    private String to2025(String code, CubeQuery query)
    {
        if (query.geography() == GeographyDimension.Geography.ASOF && !Reorganisation2025.after(query.refDate())) {
            return catalogue.findSuccessorCode(code).orElse(code);
        }
        return code;
    }

    private final Map<String, Boolean> unplaced = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Whether the partitions a query reads hold a code of this geography the catalogue cannot place on the asked
     * units (then the table lists {@link GeographyDimension#UNPLACED_CODE}). Read from the smallest cuboid holding the
     * geography, once per version, partition, geography and level.
     */
    private boolean holdsUnplaced(CubeDescriptor descriptor, CubeEntry entry, CubeManifest manifest, CubeQuery query, String axisName)
    {
        if (query.level() == GeographyDimension.Level.AREA) {
            return false;
        }
        for (LocalDate date : query.refDates()) {
            String key = manifest.versionId() + "|" + descriptor.name() + "|" + axisName + "|" + date + "|" + query.geography() + "|" + query.level();
            boolean holds = unplaced.computeIfAbsent(key, k -> {
                GeographyDimension geography = (GeographyDimension) dimension(descriptor, axisName, date, query.geography(), query.level());
                Optional<CuboidEntry> smallest = entry.cuboids().stream()
                        .filter(candidate -> candidate.dimensions().contains(geography.base()))
                        .filter(candidate -> candidate.partition(date).isPresent())
                        .min(Comparator.comparingLong((CuboidEntry candidate) -> candidate.partition(date).orElseThrow().rows()));
                if (smallest.isEmpty()) {
                    return false;
                }
                CuboidSlice slice = cubes.slice(manifest, descriptor, smallest.get(), date).orElseThrow();
                for (String code : slice.dictionaries().get(slice.dimensionIndex(geography.base()))) {
                    if (!geography.places(code)) {
                        return true;
                    }
                }
                return false;
            });
            if (holds) {
                return true;
            }
        }
        return false;
    }

    /** Adds one partition into the table; returns the cuboid read. */
    private String accumulate(CubeDescriptor descriptor, CubeEntry entry, CubeManifest manifest, CubeQuery query, LocalDate date,
            List<String> axisNames, List<List<String>> leafCodes, int[] strides, List<String> measures, long[][] values)
    {
        int k = axisNames.size();
        List<QueryDimension> axes = new ArrayList<>();
        for (String name : axisNames) {
            axes.add(dimension(descriptor, name, date, query.geography(), query.level()));
        }
        Set<String> needed = new LinkedHashSet<>();
        axes.forEach(axis -> needed.add(axis.base()));
        boolean migration = "migration".equals(descriptor.name());
        GeographyDimension unit = null;
        GeographyDimension other = null;
        if (migration) {
            unit = (GeographyDimension) dimension(descriptor, GeographyDimension.NAME, date, query.geography(), query.level());
            other = (GeographyDimension) dimension(descriptor, GeographyDimension.OTHER_NAME, date, query.geography(), query.level());
            needed.add(unit.base());
            needed.add(other.base());
            needed.add("flow");
        }
        Optional<CuboidEntry> found = entry.cuboids().stream()
                .filter(candidate -> candidate.dimensions().containsAll(needed))
                .filter(candidate -> candidate.partition(date).isPresent())
                .min(Comparator.comparingLong((CuboidEntry candidate) -> candidate.partition(date).orElseThrow().rows())
                        .thenComparingInt(candidate -> candidate.dimensions().size()));
        if (found.isEmpty()) {
            throw ApiException.badParameter("dims", "no pre-computed cuboid of " + query.cube() + " has all of " + needed,
                    entry.cuboids().stream().map(CuboidEntry::name).toList());
        }
        CuboidEntry cuboid = found.get();
        CuboidSlice slice = cubes.slice(manifest, descriptor, cuboid, date).orElseThrow();

        int[][] leafOf = new int[k][];
        int[][] columns = new int[k][];
        for (int d = 0; d < k; d++) {
            QueryDimension axis = axes.get(d);
            int column = slice.dimensionIndex(axis.base());
            String[] dictionary = slice.dictionaries().get(column);
            Map<String, Integer> index = new LinkedHashMap<>();
            for (int i = 0; i < leafCodes.get(d).size(); i++) {
                index.put(leafCodes.get(d).get(i), i);
            }
            leafOf[d] = new int[dictionary.length];
            for (int i = 0; i < dictionary.length; i++) {
                String mapped = axis.map(dictionary[i]);
                Integer leaf = mapped == null ? null : index.get(mapped);
                leafOf[d][i] = leaf == null ? -1 : leaf;
            }
            columns[d] = slice.codes().get(column);
        }
        // Moves within one unit of the asked geography are not migration at that level (a merged commune, the area).
        boolean[] internal = null;
        int[] unitColumn = null;
        int[] otherColumn = null;
        int[] flowColumn = null;
        String[] unitDictionary = null;
        String[] otherDictionary = null;
        if (migration) {
            unitColumn = slice.codes().get(slice.dimensionIndex(unit.base()));
            otherColumn = slice.codes().get(slice.dimensionIndex(other.base()));
            flowColumn = slice.codes().get(slice.dimensionIndex("flow"));
            String[] flows = slice.dictionaries().get(slice.dimensionIndex("flow"));
            internal = new boolean[flows.length];
            for (int i = 0; i < flows.length; i++) {
                internal[i] = flows[i].startsWith("BETWEEN");
            }
            unitDictionary = slice.dictionaries().get(slice.dimensionIndex(unit.base()));
            otherDictionary = slice.dictionaries().get(slice.dimensionIndex(other.base()));
        }
        long[][] measureColumns = new long[measures.size()][];
        for (int m = 0; m < measures.size(); m++) {
            measureColumns[m] = slice.values().get(slice.measureIndex(measures.get(m)));
        }
        rows:
        for (int row = 0; row < slice.rows(); row++) {
            int cell = 0;
            for (int d = 0; d < k; d++) {
                int leaf = leafOf[d][columns[d][row]];
                if (leaf < 0) {
                    continue rows;
                }
                cell += leaf * strides[d];
            }
            if (migration && internal[flowColumn[row]]) {
                String otherCode = otherDictionary[otherColumn[row]];
                String from = unit.map(unitDictionary[unitColumn[row]]);
                String to = otherCode.isEmpty() || GeographyDimension.OUTSIDE_CODE.equals(otherCode) ? null : unit.map(otherCode);
                if (from != null && !GeographyDimension.UNPLACED_CODE.equals(from) && from.equals(to)) {
                    continue;
                }
            }
            for (int m = 0; m < measureColumns.length; m++) {
                values[m][cell] += measureColumns[m][row];
            }
        }
        return cuboid.name();
    }

    /** The answer as JSON writes it: rows with codes, labels, values and the status of each value. */
    public QueryResult result(CubeTable table)
    {
        CubeQuery query = table.query();
        String language = query.language();
        CubeDescriptor descriptor = table.descriptor();
        CubeManifest manifest = table.manifest();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CubeTable.Row row : table.rows()) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (int d = 0; d < table.dimensions().size(); d++) {
                QueryDimension dimension = table.dimensions().get(d);
                out.put(dimension.name(), row.codes().get(d));
                out.put(dimension.name() + "Label", dimension.label(row.codes().get(d), language));
            }
            Map<String, String> status = new LinkedHashMap<>();
            for (int m = 0; m < query.measures().size(); m++) {
                out.put(query.measures().get(m), row.suppressed() ? null : row.value(m));
                status.put(query.measures().get(m), row.suppressed() ? "suppressed" : "ok");
            }
            out.put("status", status);
            rows.add(out);
        }
        List<QueryResult.Column> columns = new ArrayList<>();
        for (QueryDimension dimension : table.dimensions()) {
            columns.add(new QueryResult.Column(dimension.name(), dimension.title(language), "dimension"));
        }
        for (String measure : query.measures()) {
            columns.add(new QueryResult.Column(measure, descriptor.measure(measure).orElseThrow().title().in(language), "measure"));
        }
        QueryResult.Period period = null;
        if (query.period() != null) {
            QueryPeriod asked = query.period();
            period = new QueryResult.Period(asked.year(), asked.from(), asked.to(), query.refDates().size(), asked.code(), asked.kind().code(),
                    asked.partial(), asked.monthsCovered(), asked.label(language));
        }
        return new QueryResult(descriptor.name(), descriptor.title().in(language), manifest.versionId(), query.refDate(), period,
                query.geography().code(), query.level().code(), String.join(",", new LinkedHashSet<>(table.cuboids())), columns, rows,
                new QueryResult.Disclosure(table.disclosure().threshold(), table.disclosure().measure(), table.disclosure().suppressedRows(),
                        table.disclosure().rule()),
                source(descriptor, manifest, language));
    }

    public QueryResult.Source source(CubeDescriptor descriptor, CubeManifest manifest, String language)
    {
        String sourceText = "en".equals(language)
                ? "dancu, cube " + descriptor.name() + ", version " + manifest.versionId() + ", population register extract of " + manifest.extractDate()
                : "dancu, khối " + descriptor.name() + ", phiên bản " + manifest.versionId() + ", trích xuất CSDL dân cư ngày "
                        + manifest.extractDate().format(DateTimeFormatter.ofPattern("dd/MM/yyyy"));
        return new QueryResult.Source(sourceText, manifest.versionId(), manifest.snapshotId(), manifest.extractDate(), manifest.area());
    }

    public static boolean hasDimension(CubeDescriptor descriptor, DimensionKind kind)
    {
        return descriptor.dimensions().stream().anyMatch(spec -> spec.kind() == kind);
    }
}
