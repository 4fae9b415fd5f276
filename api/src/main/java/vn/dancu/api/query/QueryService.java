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
import vn.dancu.model.cube.TimeGrain;
import vn.dancu.model.publish.CubeEntry;
import vn.dancu.model.publish.CubeManifest;
import vn.dancu.model.publish.CuboidEntry;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Answers cube queries from the published cubes, each partition from the smallest pre-computed cuboid that can,
 * with the caller's disclosure control and unit scope applied. It composes the stages of a question, each a class of
 * its own: {@link QueryRequestParser} (typed parameters, at the edge) → {@link QueryResolver} (checked against the
 * cube) → {@link CuboidPlanner} (the cuboid of each partition) → {@link SliceReader} (the cells) →
 * {@link ProtectedCells} and {@link ProtectedRows} (disclosure control, the rows) → {@link ResultPresenter} (the
 * answer). What differs between cubes is read from their descriptors' policy, never from their names.
 */
public final class QueryService
{
    public static final int MAX_ROWS = 20_000;
    /** Combinations of the asked dimensions above which a query is refused (the table is held in memory). */
    public static final long MAX_COMBINATIONS = 8_000_000;

    private final PublishedCubes cubes;
    private final AdminCatalogue catalogue;
    private final Area area;
    private final DisclosureControl disclosure;
    private final Map<String, List<String>> unitCodes = new java.util.concurrent.ConcurrentHashMap<>();
    private final ProtectedCells protectedCells;
    private final QueryDimensions dimensions;
    private final QueryResolver resolver;
    /** Work started for this service in the background (the warm-up): stopped with the server. */
    private final List<Thread> background = new java.util.concurrent.CopyOnWriteArrayList<>();

    public QueryService(PublishedCubes cubes, Area area, DisclosureControl disclosure)
    {
        this.cubes = requireNonNull(cubes, "cubes is null");
        this.area = requireNonNull(area, "area is null");
        this.catalogue = area.catalogue();
        this.disclosure = requireNonNull(disclosure, "disclosure is null");
        this.protectedCells = new ProtectedCells(cubes, area, disclosure, unitCodes, this::coverage);
        this.dimensions = new QueryDimensions(area, unitCodes);
        this.resolver = new QueryResolver(cubes, dimensions, this::coverage);
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
        return resolver.descriptor(cube);
    }

    /** Parses request parameters into a query: the edge's typed reading, then its check against the cube ({@link QueryResolver}). */
    public CubeQuery parse(String cube, Map<String, List<String>> parameters)
    {
        return resolver.resolve(cube, QueryRequestParser.parse(parameters));
    }

    /** Checks a typed request against the cube and the published version; every problem is a 400 naming the parameter. */
    public CubeQuery parse(String cube, QueryRequest request)
    {
        return resolver.resolve(cube, request);
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

    /** Starts work for this service in a daemon thread, stopped by {@link #stopBackground()}. */
    public Thread runInBackground(String name, Runnable work)
    {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        background.add(thread);
        thread.start();
        return thread;
    }

    /**
     * Stops the background work (the server stops): interrupts it and waits for the block it is computing (up to 60 s),
     * so that nothing writes in the data folder after the server is gone.
     */
    public void stopBackground()
    {
        for (Thread thread : background) {
            thread.interrupt();
        }
        for (Thread thread : background) {
            try {
                thread.join(60_000);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        background.clear();
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

    /** Dimension names a query of this cube may use ({@link QueryDimensions#names}). */
    public static List<String> queryDimensionNames(CubeDescriptor descriptor)
    {
        return QueryDimensions.names(descriptor);
    }

    /** A dimension of a cube as a question reads it at a date, geography and level: its codes and labels (the table builder's headers). */
    public QueryDimension dimension(CubeDescriptor descriptor, String name, LocalDate refDate,
            GeographyDimension.Geography geography, GeographyDimension.Level level)
    {
        return dimensions.dimension(descriptor, name, refDate, geography, level);
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
        Optional<String> unit = QueryDimensions.unitName(descriptor);
        if (caller.scoped() && unit.isPresent()) {
            String unitName = unit.get();
            QueryAccess.checkScope(caller, query, filters.getOrDefault(unitName, Set.of()).stream()
                    .map(code -> to2025(code, query)).toList());
            Set<String> inScope = new LinkedHashSet<>();
            for (String code : dimension(descriptor, unitName, refDate, query.geography(), query.level()).codes()) {
                if (caller.scope().contains(to2025(code, query))) {
                    inScope.add(code);
                }
            }
            filters.merge(unitName, inScope, (asked, scope) -> {
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
        String counted = disclosure.countedMeasure(descriptor).orElse(null);
        boolean control = !caller.role().seesExactCounts() && counted != null;
        List<String> summed = new ArrayList<>(measures);
        if (control && !summed.contains(counted)) {
            summed.add(counted);
        }
        long[][] values = new long[summed.size()][cells];

        List<String> cuboidsRead = new ArrayList<>();
        for (LocalDate date : query.refDates()) {
            CuboidPlanner.PartitionPlan plan = plan(descriptor, entry, query, date, axisNames);
            CuboidSlice slice = cubes.slice(manifest, descriptor, plan.cuboid(), date).orElseThrow();
            SliceReader.accumulate(slice, plan, leafCodes, strides, summed, values);
            cuboidsRead.add(plan.cuboid().name());
        }

        BitSet suppressed = new BitSet();
        CubeTable.Disclosure disclosureInfo = CubeTable.Disclosure.none(caller.role().seesExactCounts()
                ? "exact counts (role " + caller.role().code() + ")" : "counts of records, not of people: shown whole");
        if (control) {
            suppressed = protectedCells.suppressed(manifest, descriptor, query, axes, leafCodes, cells);
        }
        int outputs = query.dimensions().size();
        List<CubeTable.Row> rows = ProtectedRows.rows(leafCodes, outputs, filters, axisNames, values, measures.size(), suppressed);
        if (rows.size() > MAX_ROWS) {
            throw ApiException.badParameter("dims", "the result would have " + rows.size() + " rows, more than the limit of "
                    + MAX_ROWS + "; add filters or ask for fewer dimensions", List.of());
        }
        if (control) {
            int suppressedRows = (int) rows.stream().filter(CubeTable.Row::suppressed).count();
            disclosureInfo = new CubeTable.Disclosure(disclosure.thresholdFor(descriptor), counted, suppressedRows, disclosure.rule(query.language()));
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
                Optional<CuboidEntry> smallest = CuboidPlanner.smallest(entry, Set.of(geography.base()), date);
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

    /** The cuboid to read one partition from, the axes as read at its date, and for a cube of moves both ends of a move. */
    private CuboidPlanner.PartitionPlan plan(CubeDescriptor descriptor, CubeEntry entry, CubeQuery query, LocalDate date, List<String> axisNames)
    {
        List<QueryDimension> axes = new ArrayList<>();
        for (String name : axisNames) {
            axes.add(dimension(descriptor, name, date, query.geography(), query.level()));
        }
        Optional<CuboidPlanner.Moves> moves = descriptor.policy().moves().map(internal -> new CuboidPlanner.Moves(
                geography(descriptor, internal.from(), date, query), geography(descriptor, internal.to(), date, query), internal.flow(),
                internal.flows()));
        return CuboidPlanner.plan(descriptor, entry, date, axes, moves);
    }

    private GeographyDimension geography(CubeDescriptor descriptor, String stored, LocalDate date, CubeQuery query)
    {
        String name = descriptor.dimension(stored).orElseThrow().queryName();
        return (GeographyDimension) dimension(descriptor, name, date, query.geography(), query.level());
    }

    /** The answer as JSON writes it ({@link ResultPresenter}). */
    public QueryResult result(CubeTable table)
    {
        return ResultPresenter.present(table);
    }

    public QueryResult.Source source(CubeDescriptor descriptor, CubeManifest manifest, String language)
    {
        return ResultPresenter.source(descriptor, manifest, language);
    }

    public static boolean hasDimension(CubeDescriptor descriptor, DimensionKind kind)
    {
        return descriptor.dimensions().stream().anyMatch(spec -> spec.kind() == kind);
    }
}
