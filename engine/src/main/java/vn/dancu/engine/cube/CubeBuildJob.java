package vn.dancu.engine.cube;

import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;
import vn.dancu.datasets.geo.Reorganisation2025;
import vn.dancu.engine.StepProgress;
import vn.dancu.engine.projection.JumpOff;
import vn.dancu.engine.projection.ProjectionAssumptions;
import vn.dancu.engine.storage.Storage;
import vn.dancu.model.cube.CodeLists;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.cube.Cuboid;
import vn.dancu.model.cube.DimensionKind;
import vn.dancu.model.cube.DimensionSpec;
import vn.dancu.model.cube.InvalidDescriptorException;
import vn.dancu.model.cube.TimeGrain;
import vn.dancu.model.publish.CubeEntry;
import vn.dancu.model.publish.CubeManifest;
import vn.dancu.model.publish.CuboidEntry;
import vn.dancu.model.publish.DataLayout;
import vn.dancu.model.publish.PartitionEntry;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * {@code ./dancu build}: builds the cubes of the catalogue from a curated snapshot into a new version folder and
 * publishes it ({@link CubeVersions}).
 *
 * <p>Incremental by default: when the current version was built by this engine, with the same descriptors and code
 * lists, from a snapshot of the same area and period start, each cube keeps the partitions of the periods whose
 * inputs did not change and recomputes the others. A partition of period P is kept when every change point its fact
 * source depends on, up to the previous period end, is the same in both snapshots for every month up to P
 * ({@link ChangeDigests}); the new months, the last (partial) period of the previous build and the cubes of the
 * extract date are always recomputed. The result is the same as a full build's.
 */
public final class CubeBuildJob
{
    public static final String ENGINE_VERSION = "0.2.0";

    private final SparkSession spark;
    private final Storage storage;
    private final CubeCatalog catalog;

    public CubeBuildJob(SparkSession spark, Storage storage, CubeCatalog catalog)
    {
        this.spark = requireNonNull(spark, "spark is null");
        this.storage = requireNonNull(storage, "storage is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    public BuildReport run(BuildOptions options)
    {
        return run(options, StepProgress.NONE);
    }

    /** Builds and publishes, reporting to {@code progress} the preparation and then each cube as it is written. */
    public BuildReport run(BuildOptions options, StepProgress progress)
    {
        DataLayout layout = options.layout();
        CubeVersions versions = new CubeVersions(storage, layout);
        try (CubeVersions.BuildLock lock = versions.lock()) {
            StepProgress.Counter steps = new StepProgress.Counter(progress, selectCubes(options.cubes()).size() + 1);
            List<String> removed = new ArrayList<>(versions.removeLeftovers());
            String snapshotId = options.snapshotId() != null ? options.snapshotId()
                    : storage.readPointer(layout.curatedPointer()).orElseThrow(() -> new IllegalStateException(
                            "no curated snapshot in " + layout.curated() + "; run ./dancu ingest first"));
            CuratedSnapshot snapshot = new SnapshotReader(spark, storage).read(layout, snapshotId);
            List<CubeDescriptor> descriptors = selectCubes(options.cubes());
            Optional<CubeVersions.Published> previous = versions.current();
            List<CubeEntry> carried = carriedCubes(previous, descriptors, snapshotId);

            // the persons' attributes, hashed and sorted by pid once and kept: the spells and the events are joined
            // with them without shuffling or sorting the persons again
            int partitions = Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions"));
            Dataset<Row> persons = ResidenceSegments.personAttributes(snapshot.persons())
                    .repartition(partitions, col("pid"))
                    .sortWithinPartitions("pid")
                    .persist(StorageLevel.MEMORY_AND_DISK());
            Dataset<Row> residentSpells = ResidenceSegments.residentSpellsByPerson(snapshot.residenceSpells(), persons)
                    .persist(StorageLevel.MEMORY_AND_DISK());
            EventRecords eventRecords = EventRecords.of(snapshot, persons, residentSpells).persist();
            try {
                BuildInputs inputs = new BuildInputs(snapshot, residentSpells, eventRecords, Reorganisation2025.EFFECTIVE_DATE);
                long spells = residentSpells.count();
                Map<String, Map<String, CodeRanges>> ranges = new LinkedHashMap<>();
                for (CubeDescriptor descriptor : descriptors) {
                    ranges.put(descriptor.name(), ranges(descriptor));
                    validate(descriptor, inputs, ranges.get(descriptor.name()));
                }

                List<Row> dailyDigests = dailyDigests(descriptors, inputs);
                // the kept spells and the event records the digests read are computed: the persons are no longer read
                persons.unpersist();
                steps.done("snapshot, spells, digests");

                String versionId = versions.newVersionId(Instant.now());
                String versionFolder = layout.version(versionId);
                List<CubeEntry> cubes = new ArrayList<>();
                List<BuildReport.CubeBuild> builds = new ArrayList<>();
                boolean reusedAny = false;
                for (CubeDescriptor descriptor : descriptors) {
                    FactSource source = FactSources.find(descriptor.source()).orElseThrow();
                    Plan plan = plan(layout, descriptor, source, previous, snapshot, dailyDigests, options.full());
                    String cubeFolder = versionFolder + "/" + descriptor.name();
                    long started = System.nanoTime();
                    if (!plan.from().isAfter(snapshot.periodEnd()) || source.grain() == TimeGrain.SNAPSHOT) {
                        FactRequest request = new FactRequest(plan.factsFrom(), ranges.get(descriptor.name()), spells);
                        EncodedFacts facts;
                        if (plan.toDate() != null) {
                            Dataset<Row> decoded = source.facts(inputs, request);
                            facts = EncodedFacts.plain(decoded.unionByName(keptToDate(layout, descriptor, plan.toDate(), decoded, snapshot.periodEnd())));
                        }
                        else {
                            facts = source.encodedFacts(inputs, request);
                        }
                        writeCuboids(facts, descriptor, factsAreFinest(source, descriptor, facts.decoded()), cubeFolder,
                                tasks(periods(source.grain(), plan.from(), snapshot.periodEnd()), spells));
                    }
                    long written = System.nanoTime();
                    CubeEntry entry = describe(layout, versionId, descriptor, cubeFolder, plan);
                    cubes.add(entry);
                    int reused = plan.reused().values().stream().mapToInt(List::size).sum();
                    int total = entry.cuboids().stream().mapToInt(cuboid -> cuboid.partitions().size()).sum();
                    reusedAny |= reused > 0;
                    builds.add(new BuildReport.CubeBuild(descriptor.name(), plan.from(), plan.reason(), total - reused, reused,
                            (written - started) / 1e9, (System.nanoTime() - written) / 1e9));
                    steps.done(descriptor.name() + (reused > 0 ? " (kept " + reused + " of " + total + ")" : ""));
                }
                cubes.addAll(carried);

                Map<String, Map<String, ChangeDigests.Digest>> digests = new LinkedHashMap<>();
                ChangeDigests.monthly(dailyDigests, snapshot.periodEnd())
                        .forEach((source, months) -> digests.put(source, BuildState.byMonthText(months)));
                if (!carried.isEmpty()) {
                    previous.flatMap(CubeVersions.Published::state).ifPresent(state -> state.sources()
                            .forEach(digests::putIfAbsent));
                }
                BuildState state = new BuildState(ENGINE_VERSION, BuildState.currentCodeListsSha256(), snapshotId, snapshot.area(),
                        snapshot.periodStart(), snapshot.periodEnd(), digests);
                String previousVersion = reusedAny || !carried.isEmpty()
                        ? previous.map(published -> published.manifest().versionId()).orElse(null) : null;
                CubeManifest manifest = new CubeManifest(versionId, Instant.now(), ENGINE_VERSION, snapshotId,
                        snapshot.extractDate(), snapshot.area(), previousVersion, cubes);
                versions.publish(manifest, state);
                removed.addAll(versions.retain(options.keepVersions()));
                return new BuildReport(manifest, builds, removed);
            }
            finally {
                residentSpells.unpersist();
                eventRecords.unpersist();
                persons.unpersist();
            }
        }
    }

    /**
     * The daily change digests of the fact sources of {@code descriptors} ({@link ChangeDigests#dailyDigests}). The
     * points of a source are computed once even when several cubes read it, and a source whose points are those of
     * other sources together ({@link FactSource#changePointsOfSources}) is digested as the sum of theirs.
     */
    private static List<Row> dailyDigests(List<CubeDescriptor> descriptors, BuildInputs inputs)
    {
        Map<String, Dataset<Row>> points = new LinkedHashMap<>();
        Map<String, List<String>> unions = new LinkedHashMap<>();
        for (CubeDescriptor descriptor : descriptors) {
            FactSource source = FactSources.find(descriptor.source()).orElseThrow();
            List<FactSource> own = new ArrayList<>();
            if (source.changePointsOfSources().isEmpty()) {
                own.add(source);
            }
            else {
                unions.put(source.name(), source.changePointsOfSources());
                source.changePointsOfSources().forEach(part -> own.add(FactSources.find(part).orElseThrow()));
            }
            for (FactSource computed : own) {
                if (!points.containsKey(computed.name())) {
                    computed.changePoints(inputs).ifPresent(changePoints -> points.put(computed.name(), changePoints));
                }
            }
        }
        return points.isEmpty() ? List.of() : ChangeDigests.withUnions(ChangeDigests.dailyDigests(points).collectAsList(), unions);
    }

    /**
     * Computes every cuboid of a cube ({@link CuboidAggregator}) and writes them, partitioned by cuboid and month.
     * The aggregates other cuboids are computed from are cached for the write and released after it. For this write
     * only, adaptive execution is off: with it Spark no longer trusts the month partitioning of a cached aggregate and
     * shuffles every cuboid again. Nor is the first level of Spark's two-level hash map for aggregation used: the
     * cuboids' groups are millions, its 65,536 slots fill at once, and then every row probes it in vain before the
     * regular map. Each task holds whole months, so the writer's sort is local to the task and each partition folder
     * gets one file. Each cuboid is written by a job of its own into its {@code cuboid=} folder: the writer then sorts
     * by month alone, a radix sort on a date, where one write of all cuboids sorted by (cuboid, month) and compared
     * the cuboid names, whose first eight bytes are the same, in full. (Concurrent writers instead of the sort were
     * tried: parquet-hadoop's memory manager then spends most of the time re-balancing, with a log message formatted
     * for every open file.)
     *
     * <p>The number of tasks is {@link #tasks}.
     */
    private void writeCuboids(EncodedFacts facts, CubeDescriptor descriptor, boolean factsAreFinest, String cubeFolder, int tasks)
    {
        Map<String, String> settings = Map.of("spark.sql.adaptive.enabled", "false",
                "spark.sql.codegen.aggregate.map.twolevel.enabled", "false");
        Map<String, Optional<String>> before = new LinkedHashMap<>();
        settings.forEach((key, value) -> {
            before.put(key, spark.conf().getOption(key).isDefined() ? Optional.of(spark.conf().get(key)) : Optional.empty());
            spark.conf().set(key, value);
        });
        List<Dataset<Row>> cached = new ArrayList<>();
        try {
            int partitions = Math.max(Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions")), tasks);
            Map<String, Dataset<Row>> cuboids = CuboidAggregator.cuboids(facts, descriptor, factsAreFinest, partitions, rows -> {
                Dataset<Row> kept = rows.persist(StorageLevel.DISK_ONLY());
                cached.add(kept);
                return kept;
            });
            cuboids.forEach((name, rows) -> rows.drop(CuboidAggregator.CUBOID).write().mode(SaveMode.ErrorIfExists)
                    .partitionBy(CuboidAggregator.REF_DATE)
                    .parquet(cubeFolder + "/" + CuboidAggregator.CUBOID + "=" + name));
        }
        finally {
            cached.forEach(Dataset::unpersist);
            before.forEach((key, value) -> value.ifPresentOrElse(previous -> spark.conf().set(key, previous), () -> spark.conf().unset(key)));
        }
    }

    /**
     * The tasks a cube's aggregates are partitioned into, at least (beyond the shuffle partitions): twice the periods
     * to write, so that a task holds one to three months, but no more than one task per
     * {@link FactRequest#SPELLS_PER_TASK} (80,000) residence spells. With the eight shuffle partitions of a local session, a task of a ten-year build held fifteen months, and at 10
     * million persons the stock cube's aggregation in such a task spilled so often that the buffers of its spill
     * readers alone exhausted a 10 GiB heap; with 238 tasks it ran. For a small area, hundreds of nearly empty tasks
     * per cuboid only add scheduling time (the demo's build went from 52 to 90 s), hence the cap.
     */
    static int tasks(int periods, long spells)
    {
        return (int) Math.max(1, Math.min(2L * periods, (spells + FactRequest.SPELLS_PER_TASK - 1) / FactRequest.SPELLS_PER_TASK));
    }

    /** The number of periods (reference dates) a build of a cube writes from {@code from} to {@code periodEnd}. */
    static int periods(TimeGrain grain, LocalDate from, LocalDate periodEnd)
    {
        return switch (grain) {
            case SNAPSHOT -> 1;
            case YEAR -> Math.max(1, periodEnd.getYear() - from.getYear() + 1);
            case MONTH, MONTH_END -> (int) Math.max(1, ChronoUnit.MONTHS.between(YearMonth.from(from), YearMonth.from(periodEnd)) + 1);
            case PROJECTION_YEAR -> ProjectionAssumptions.DEFAULT.horizonYears() + 1;
        };
    }

    private List<CubeDescriptor> selectCubes(List<String> names)
    {
        if (names.isEmpty()) {
            return catalog.all();
        }
        List<CubeDescriptor> selected = new ArrayList<>();
        for (String name : names) {
            CubeDescriptor descriptor = catalog.find(name).orElseThrow(() -> new IllegalArgumentException(
                    "unknown cube '" + name + "'; allowed: " + String.join(", ", catalog.names())));
            if (!selected.contains(descriptor)) {
                selected.add(descriptor);
            }
        }
        return selected;
    }

    /**
     * The cubes of the current version a partial build ({@code --cube}) keeps as they are: allowed only when the
     * current version was built from the same snapshot, so that one version never mixes two snapshots.
     */
    private List<CubeEntry> carriedCubes(Optional<CubeVersions.Published> previous, List<CubeDescriptor> selected, String snapshotId)
    {
        if (previous.isEmpty() || selected.size() == catalog.all().size()) {
            return List.of();
        }
        CubeManifest manifest = previous.get().manifest();
        Set<String> selectedNames = new HashSet<>();
        selected.forEach(descriptor -> selectedNames.add(descriptor.name()));
        List<CubeEntry> others = manifest.cubes().stream()
                .filter(cube -> !selectedNames.contains(cube.name()) && catalog.find(cube.name()).isPresent()).toList();
        if (!others.isEmpty() && !manifest.snapshotId().equals(snapshotId)) {
            throw new IllegalArgumentException("the current version " + manifest.versionId() + " was built from snapshot "
                    + manifest.snapshotId() + ", not " + snapshotId + "; building only " + selectedNames
                    + " would publish cubes of two snapshots together: build every cube (leave out --cube)");
        }
        return others;
    }

    /** The ranges (age groups, sizes) each range dimension of a descriptor declares, by column. */
    private static Map<String, CodeRanges> ranges(CubeDescriptor descriptor)
    {
        Map<String, CodeRanges> ranges = new LinkedHashMap<>();
        for (DimensionSpec dimension : descriptor.dimensions()) {
            if (dimension.kind() == DimensionKind.AGE_GROUP || dimension.kind() == DimensionKind.SIZE) {
                try {
                    ranges.put(dimension.column(), CodeRanges.of(CodeLists.builtIn().get(dimension.codes())));
                }
                catch (IllegalArgumentException e) {
                    throw new InvalidDescriptorException(descriptor.name() + ".json",
                            List.of("dimension '" + dimension.name() + "': " + e.getMessage()));
                }
            }
        }
        return ranges;
    }

    /** Checks a descriptor against the schema of its fact source (Spark analysis only: nothing runs). */
    private static void validate(CubeDescriptor descriptor, BuildInputs inputs, Map<String, CodeRanges> ranges)
    {
        Optional<FactSource> source = FactSources.find(descriptor.source());
        if (source.isEmpty()) {
            throw new InvalidDescriptorException(descriptor.name() + ".json",
                    List.of("unknown fact source '" + descriptor.source() + "'; known sources are " + FactSources.names()));
        }
        if (source.get().grain() != descriptor.time()) {
            throw new InvalidDescriptorException(descriptor.name() + ".json", List.of("time " + descriptor.time()
                    + " does not match fact source " + descriptor.source() + ", whose rows are " + source.get().grain()));
        }
        Dataset<Row> facts = source.get().facts(inputs, new FactRequest(inputs.snapshot().periodStart(), ranges));
        List<String> problems = CuboidAggregator.problems(descriptor, facts.schema());
        if (!problems.isEmpty()) {
            throw new InvalidDescriptorException(descriptor.name() + ".json", problems);
        }
    }

    /**
     * Facts of a source that holds one row per cell ({@link FactSource#oneRowPerCell}: month-end stocks, the
     * projection) need no first grouping when the descriptor uses every column and each measure reads its own column.
     */
    private static boolean factsAreFinest(FactSource source, CubeDescriptor descriptor, Dataset<Row> facts)
    {
        if (!source.oneRowPerCell()) {
            return false;
        }
        Set<String> used = new HashSet<>();
        descriptor.dimensions().forEach(dimension -> used.add(dimension.column()));
        Set<String> measured = new HashSet<>();
        descriptor.measures().forEach(measure -> measured.add(measure.column()));
        used.addAll(measured);
        used.add(CuboidAggregator.REF_DATE);
        return used.containsAll(List.of(facts.columns())) && measured.size() == descriptor.measures().size();
    }

    /**
     * What to recompute of one cube.
     *
     * @param from   first day of the first period recomputed
     * @param reused per cuboid, the partitions kept from the current version
     * @param toDate for a source that sums over days, the kept period to date the new days are added to; else null
     */
    private record Plan(LocalDate from, String reason, Map<String, List<PartitionEntry>> reused, PeriodToDate toDate)
    {
        Plan(LocalDate from, String reason, Map<String, List<PartitionEntry>> reused)
        {
            this(from, reason, reused, null);
        }

        /** The first day whose facts are computed: the day after the kept period to date, else {@link #from}. */
        LocalDate factsFrom()
        {
            return toDate == null ? from : toDate.finest().refDate().plusDays(1);
        }
    }

    /** The partition of the finest cuboid for a partial period of the current version (its last day: the ref date). */
    private record PeriodToDate(PartitionEntry finest) {}

    /**
     * The kept period to date as facts: the finest cuboid's rows of that partition, dated with the new ref date of
     * their period (its last day, or the period end when the period is still partial), with the facts' columns and
     * types (a cuboid stores a measure under its name, the facts under its column), so that the cuboids sum them with
     * the facts of the new days.
     */
    private Dataset<Row> keptToDate(DataLayout layout, CubeDescriptor descriptor, PeriodToDate toDate, Dataset<Row> facts, LocalDate periodEnd)
    {
        Map<String, String> stored = new LinkedHashMap<>();
        descriptor.measures().forEach(measure -> stored.put(measure.column(), measure.name()));
        LocalDate yearEnd = toDate.finest().refDate().withDayOfYear(toDate.finest().refDate().lengthOfYear());
        LocalDate refDate = yearEnd.isBefore(periodEnd) ? yearEnd : periodEnd;
        Dataset<Row> kept = spark.read().parquet(layout.cubes() + "/" + toDate.finest().path());
        List<Column> columns = new ArrayList<>();
        for (StructField field : facts.schema().fields()) {
            columns.add(field.name().equals(CuboidAggregator.REF_DATE)
                    ? lit(refDate).as(field.name())
                    : col(stored.getOrDefault(field.name(), field.name())).cast(field.dataType()).as(field.name()));
        }
        return kept.select(columns.toArray(Column[]::new));
    }

    private Plan plan(DataLayout layout, CubeDescriptor descriptor, FactSource source, Optional<CubeVersions.Published> previous,
            CuratedSnapshot snapshot, List<Row> dailyDigests, boolean full)
    {
        LocalDate start = snapshot.periodStart();
        if (full) {
            return new Plan(start, "full build requested", Map.of());
        }
        if (previous.isEmpty()) {
            return new Plan(start, "no published version", Map.of());
        }
        if (source.grain() == TimeGrain.SNAPSHOT) {
            return new Plan(start, "describes the extract date", Map.of());
        }
        CubeManifest manifest = previous.get().manifest();
        Optional<BuildState> stateFound = previous.get().state();
        Optional<CubeEntry> cube = manifest.cube(descriptor.name());
        if (stateFound.isEmpty() || cube.isEmpty()) {
            return new Plan(start, "version " + manifest.versionId() + " has no " + (cube.isEmpty() ? "cube " + descriptor.name() : "build state"), Map.of());
        }
        BuildState state = stateFound.get();
        String incompatible = null;
        if (!state.engineVersion().equals(ENGINE_VERSION)) {
            incompatible = "built by engine " + state.engineVersion();
        }
        else if (!state.codeListsSha256().equals(BuildState.currentCodeListsSha256())) {
            incompatible = "built with other code lists";
        }
        else if (!cube.get().descriptorSha256().equals(catalog.descriptorSha256(descriptor.name()))) {
            incompatible = "built from another version of " + descriptor.name() + ".json";
        }
        else if (!state.area().equals(snapshot.area()) || !state.periodStart().equals(start)) {
            incompatible = "built from a snapshot of " + state.area() + " from " + state.periodStart();
        }
        else if (snapshot.periodEnd().isBefore(state.periodEnd())) {
            incompatible = "built from a snapshot ending later (" + state.periodEnd() + ")";
        }
        else if (!referencedFoldersExist(layout, manifest)) {
            incompatible = "some of its partitions are missing";
        }
        SortedMap<YearMonth, ChangeDigests.Digest> before = state.digests(source.name());
        if (incompatible == null && before == null) {
            incompatible = "has no digest of " + source.name();
        }
        if (incompatible != null) {
            return new Plan(start, "version " + manifest.versionId() + " was " + incompatible, Map.of());
        }
        if (source.grain() == TimeGrain.PROJECTION_YEAR) {
            return projectionPlan(cube.get(), state, before, snapshot, dailyDigests, source, manifest.versionId());
        }
        SortedMap<YearMonth, ChangeDigests.Digest> now = ChangeDigests.monthly(dailyDigests, state.periodEnd())
                .getOrDefault(source.name(), new TreeMap<>());
        LocalDate newPeriods = periodStart(source.grain(), state.periodEnd().plusDays(1));
        Optional<YearMonth> changed = ChangeDigests.firstDifference(before, now);
        LocalDate from = changed.map(month -> periodStart(source.grain(), month.atDay(1)))
                .filter(day -> day.isBefore(newPeriods)).orElse(newPeriods);
        String reason = changed.isPresent() && from.isBefore(newPeriods)
                ? "inputs changed in " + changed.get() + " since version " + manifest.versionId()
                : "new periods since version " + manifest.versionId();
        if (!from.isAfter(start)) {
            return new Plan(start, reason, Map.of());
        }
        Map<String, List<PartitionEntry>> reused = new LinkedHashMap<>();
        for (CuboidEntry cuboid : cube.get().cuboids()) {
            reused.put(cuboid.name(), cuboid.partitions().stream().filter(partition -> partition.refDate().isBefore(from)).toList());
        }
        Optional<PeriodToDate> toDate = changed.isEmpty() && source.sumsOverDays()
                ? periodToDate(descriptor, cube.get(), state.periodEnd(), from, snapshot.periodEnd()) : Optional.empty();
        if (toDate.isPresent()) {
            return new Plan(from, "new days since version " + manifest.versionId() + " added to its " + from + " … " + state.periodEnd(),
                    reused, toDate.get());
        }
        return new Plan(from, reason, reused);
    }

    /**
     * The kept period to date a source that sums over days can add the new days to: the finest cuboid's partition of
     * the previous period end, when that period is partial (the previous period end lies in the first period to
     * rebuild, on or after {@code from}) and the new facts are not stored on other units (the 2025 reform falls
     * after the previous period end and on or before the new one: the kept rows would need recasting).
     */
    private static Optional<PeriodToDate> periodToDate(CubeDescriptor descriptor, CubeEntry cube, LocalDate previousEnd, LocalDate from,
            LocalDate periodEnd)
    {
        LocalDate reform = Reorganisation2025.EFFECTIVE_DATE;
        if (previousEnd.isBefore(from) || previousEnd.isBefore(reform) && !periodEnd.isBefore(reform)) {
            return Optional.empty();
        }
        return descriptor.cuboids().stream()
                .filter(cuboid -> cuboid.dimensions().size() == descriptor.dimensions().size())
                .findFirst()
                .flatMap(finest -> cube.cuboid(finest.name()))
                .flatMap(entry -> entry.partitions().stream().filter(partition -> partition.refDate().equals(previousEnd)).findFirst())
                .map(PeriodToDate::new);
    }

    /**
     * A projection is computed whole from the register up to its jump-off year end: it is kept whole when the new
     * snapshot has the same jump-off year and none of its inputs changed up to the end of that year, and recomputed
     * whole otherwise. A kept cube's plan starts the day after the period end, so nothing is written.
     */
    private static Plan projectionPlan(CubeEntry cube, BuildState state, SortedMap<YearMonth, ChangeDigests.Digest> before,
            CuratedSnapshot snapshot, List<Row> dailyDigests, FactSource source, String versionId)
    {
        LocalDate start = snapshot.periodStart();
        Optional<Integer> previousJumpOff = JumpOff.lastCompleteYear(state.periodEnd());
        Optional<Integer> jumpOff = JumpOff.lastCompleteYear(snapshot.periodEnd());
        if (!previousJumpOff.equals(jumpOff)) {
            return new Plan(start, "the jump-off year is " + jumpOff.map(String::valueOf).orElse("none") + ", version " + versionId
                    + " projected from " + previousJumpOff.map(String::valueOf).orElse("none"), Map.of());
        }
        YearMonth lastMonth = YearMonth.of(jumpOff.get(), 12);
        SortedMap<YearMonth, ChangeDigests.Digest> now = ChangeDigests.monthly(dailyDigests, lastMonth.atEndOfMonth())
                .getOrDefault(source.name(), new TreeMap<>());
        Optional<YearMonth> changed = ChangeDigests.firstDifference(before.headMap(lastMonth.plusMonths(1)), now);
        if (changed.isPresent()) {
            return new Plan(start, "inputs up to the jump-off year " + jumpOff.get() + " changed in " + changed.get()
                    + " since version " + versionId, Map.of());
        }
        Map<String, List<PartitionEntry>> reused = new LinkedHashMap<>();
        for (CuboidEntry cuboid : cube.cuboids()) {
            reused.put(cuboid.name(), cuboid.partitions());
        }
        return new Plan(snapshot.periodEnd().plusDays(1), "same jump-off year " + jumpOff.get() + " and inputs as version " + versionId, reused);
    }

    /** The first day of the period of {@code grain} that contains {@code day}. */
    private static LocalDate periodStart(TimeGrain grain, LocalDate day)
    {
        return switch (grain) {
            case MONTH, MONTH_END -> day.withDayOfMonth(1);
            case YEAR -> day.withDayOfYear(1);
            case SNAPSHOT -> day;
            case PROJECTION_YEAR -> day.withDayOfYear(1);
        };
    }

    private boolean referencedFoldersExist(DataLayout layout, CubeManifest manifest)
    {
        return CubeVersions.referencedVersions(manifest).stream().allMatch(version -> storage.exists(layout.version(version)));
    }

    private CubeEntry describe(DataLayout layout, String versionId, CubeDescriptor descriptor, String cubeFolder, Plan plan)
    {
        List<CuboidEntry> cuboids = new ArrayList<>();
        for (Cuboid cuboid : descriptor.cuboids()) {
            List<PartitionEntry> partitions = new ArrayList<>(plan.reused().getOrDefault(cuboid.name(), List.of()));
            String cuboidFolder = cubeFolder + "/" + CuboidAggregator.CUBOID + "=" + cuboid.name();
            for (String folder : storage.listFolders(cuboidFolder)) {
                String refDate = folder.substring(folder.indexOf('=') + 1);
                String relative = DataLayout.partitionPath(versionId, descriptor.name(), cuboid.name(), refDate);
                List<PartitionEntry.FileEntry> files = new ArrayList<>();
                long rows = 0;
                for (FileStatus file : storage.listDataFiles(layout.cubes() + "/" + relative)) {
                    String path = file.getPath().toString();
                    rows += storage.parquetRows(path);
                    files.add(new PartitionEntry.FileEntry(file.getPath().getName(), file.getLen(), storage.sha256(path)));
                }
                partitions.add(new PartitionEntry(LocalDate.parse(refDate), relative, rows, files));
            }
            partitions.sort((a, b) -> a.refDate().compareTo(b.refDate()));
            long total = partitions.stream().mapToLong(PartitionEntry::rows).sum();
            cuboids.add(new CuboidEntry(cuboid.name(), cuboid.dimensions(), total, partitions));
        }
        return new CubeEntry(descriptor.name(), catalog.descriptorSha256(descriptor.name()), cuboids);
    }
}
