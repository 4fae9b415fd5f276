package vn.dancu.engine.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.dancu.datasets.ethnic.EthnicGroup;
import vn.dancu.datasets.ethnic.EthnicGroups;
import vn.dancu.datasets.geo.AdminCatalogue;
import vn.dancu.datasets.geo.Area;
import vn.dancu.datasets.geo.Reorganisation2025;
import vn.dancu.datasets.idnumber.IdNumberRules;
import vn.dancu.engine.StepProgress;
import vn.dancu.engine.storage.ProcessLock;
import vn.dancu.engine.storage.Storage;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.publish.DataLayout;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

/**
 * {@code ./dancu ingest}: turns a raw register extract into a curated, pseudonymised snapshot and proves that every
 * input record is accounted for (docs/ingest.md).
 *
 * <ol>
 *   <li>Inspect every input file (checksum, physical record count, readable footer or header) and check the counts
 *       against {@code extract.json}; a bad file stops the run here, naming the file.</li>
 *   <li>Check persons, then events (which need the checked persons), writing each checked table once to a work
 *       folder inside the quarantine area (it holds the raw text of rejected records, never of accepted ones).</li>
 *   <li>Write the curated tables, the quarantine and the quality measures from the checked tables, and the
 *       residence spells and households from the curated tables as written.</li>
 *   <li>Reconcile from what was written, read back: per file, records read (counted apart from Spark) = accepted +
 *       quarantined; the curated and quality totals agree. A run that does not reconcile fails and publishes
 *       nothing.</li>
 *   <li>Move the snapshot and the quarantine into place and switch {@code curated/CURRENT}.</li>
 * </ol>
 *
 * <p>The snapshot id is derived from the input checksums, {@code extract.json}, the key's fingerprint and the rules
 * version, so running ingest again on the same extract finds its snapshot and only makes it current again; a newer
 * extract gets a new snapshot, and earlier snapshots stay readable. Until the pointer switches, every output lives
 * in hidden temporary folders, removed when the run fails.
 */
public final class IngestJob
{
    /** Bumped whenever a rule changes what a snapshot holds, so that old snapshots are not taken for new ones. */
    public static final String RULES_VERSION = "3";

    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String WORK = "work";
    private static final String CHECKED_PERSONS = "persons_checked";
    private static final String CHECKED_EVENTS = "events_checked";
    private static final String HUGE_METHOD_LIMIT = "spark.sql.codegen.hugeMethodLimit";
    /** Folders of a run until it publishes: {@code curated/snapshots/.tmp-<run>}, {@code quarantine/.tmp-<run>}. */
    static final String TEMPORARY_PREFIX = ".tmp-";
    private static final String LOCK_FILE = ".ingest.lock";

    /** The steps a run reports: the two checked tables, the six outputs, reconciliation and plausibility. */
    private static final int STEPS = 10;

    private final SparkSession spark;
    private final Storage storage;
    private final StepProgress progress;
    private StepProgress.Counter steps;

    public IngestJob(SparkSession spark, Storage storage)
    {
        this(spark, storage, StepProgress.NONE);
    }

    public IngestJob(SparkSession spark, Storage storage, StepProgress progress)
    {
        this.spark = requireNonNull(spark, "spark is null");
        this.storage = requireNonNull(storage, "storage is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    public IngestResult run(IngestOptions options)
    {
        DataLayout layout = options.layout();
        try (ProcessLock lock = ProcessLock.take(storage, layout.curated() + "/" + LOCK_FILE, "ingest")) {
            List<String> removed = removeLeftovers(layout);
            return run(options, removed);
        }
    }

    /**
     * Deletes the temporary folders of runs that were killed before they could clean up ({@code kill -9}, a power cut):
     * they may hold raw lines of rejected records, with names and ID numbers. Safe because this run holds the lock.
     */
    private List<String> removeLeftovers(DataLayout layout)
    {
        List<String> removed = new ArrayList<>();
        for (String folder : List.of(layout.curated() + "/snapshots", quarantineRoot(layout))) {
            for (String name : storage.listHiddenFolders(folder)) {
                if (name.startsWith(TEMPORARY_PREFIX)) {
                    storage.delete(folder + "/" + name);
                    removed.add(folder.substring(layout.root().length() + 1) + "/" + name);
                }
            }
        }
        return removed;
    }

    private static String quarantineRoot(DataLayout layout)
    {
        return layout.root() + "/quarantine";
    }

    private IngestResult run(IngestOptions options, List<String> removedLeftovers)
    {
        Instant startedAt = Instant.now();
        DataLayout layout = options.layout();
        String metadataText = storage.readText(options.input() + "/extract.json")
                .orElseThrow(() -> new IngestFailure("no extract.json in " + options.input()
                        + "; run ./dancu generate, or copy an extract there"));
        ExtractMetadata extract = ExtractMetadata.parse(metadataText);
        Area area = parseArea(extract.area());
        AdminCatalogue catalogue = area.catalogue();
        Pseudonymiser pseudonymiser = new Pseudonymiser(options.key());

        RegisterFile personsFile = RegisterFile.find(storage, options.input(), RegisterTable.PERSONS);
        RegisterFile eventsFile = RegisterFile.find(storage, options.input(), RegisterTable.EVENTS);
        InputInspection inspection = new InputInspection(storage, spark.sparkContext().hadoopConfiguration());
        List<InputFacts> facts = new ArrayList<>(inspection.inspect(personsFile));
        facts.addAll(inspection.inspect(eventsFile));
        checkDeclaredRecords(extract, facts);
        checkPersonsPresent(facts);

        Optional<LastResidentStatus.Base> base = LastResidentStatus.base(storage, layout, extract.area(), extract.extractDate(),
                pseudonymiser.keyFingerprint());
        String snapshotId = snapshotId(extract, metadataText, facts, pseudonymiser, base);
        String snapshotFolder = layout.snapshot(snapshotId);
        String quarantineFolder = layout.quarantine(snapshotId);
        if (storage.exists(snapshotFolder + "/" + CuratedSchemas.REPORT_JSON)) {
            IngestReport earlier = IngestReport.fromJson(storage.readText(snapshotFolder + "/" + CuratedSchemas.REPORT_JSON).orElseThrow());
            storage.writePointer(layout.curatedPointer(), snapshotId);
            return new IngestResult(earlier, true, snapshotFolder, quarantineFolder, removedLeftovers);
        }

        String runId = RUN_TIME.format(startedAt) + "-" + UUID.randomUUID().toString().substring(0, 8);
        steps = new StepProgress.Counter(progress, STEPS);
        String snapshotTemporary = layout.curated() + "/snapshots/" + TEMPORARY_PREFIX + runId;
        String quarantineTemporary = layout.quarantine(TEMPORARY_PREFIX + runId);
        // The validation stages generate Java methods longer than 8,000 bytes of bytecode, which HotSpot never
        // compiles (-XX:HugeMethodLimit): they would run interpreted, several times slower. Spark's documented remedy
        // is to let such stages fall back from whole-stage code generation; set for this run, then restored.
        String hugeMethodLimit = spark.conf().get(HUGE_METHOD_LIMIT, null);
        spark.conf().set(HUGE_METHOD_LIMIT, "8000");
        try {
            // Raw lines of rejected records (names, ID numbers) are written only below this folder, readable by its owner alone
            storage.createPrivateFolder(quarantineRoot(layout));
            storage.createPrivateFolder(quarantineTemporary);
            RegisterReference reference = new RegisterReference(extract.extractDate(),
                    List.copyOf(IdNumberRules.instance().provinceCodes()),
                    EthnicGroups.instance().all().stream().map(EthnicGroup::code).toList(),
                    CommuneValidity.of(ReferenceTables.communeCalendar(spark, catalogue, area)),
                    Reorganisation2025.LAST_DAY_BEFORE);
            RegisterReader reader = new RegisterReader(spark, facts);
            String work = quarantineTemporary + "/" + WORK;

            Dataset<Row> exitDates = PersonRules.exitDates(reader.read(eventsFile), pseudonymiser);
            Dataset<Row> checkedPersons = writeAndReadBack(PersonRules.check(reader.read(personsFile), exitDates, reference, pseudonymiser),
                    work + "/" + CHECKED_PERSONS);
            Dataset<Row> checkedEvents = writeAndReadBack(EventRules.check(reader.read(eventsFile), PersonRules.index(checkedPersons),
                    reference, pseudonymiser), work + "/" + CHECKED_EVENTS);

            String personsPath = snapshotTemporary + "/" + CuratedSchemas.PERSONS;
            String eventsPath = snapshotTemporary + "/" + CuratedSchemas.EVENTS;
            String recordsPath = quarantineTemporary + "/" + Quarantine.RECORDS;
            Dataset<Row> earlierTemporary = base.map(found -> LastResidentStatus.temporaryResidents(spark, layout, found))
                    .orElseGet(() -> spark.createDataFrame(List.of(), new StructType().add("pid", DataTypes.StringType)));
            write(RegisterCuration.persons(checkedPersons, ReferenceTables.provinces(spark, catalogue), earlierTemporary), personsPath,
                    "province_code");
            write(RegisterCuration.events(checkedEvents), eventsPath, "event_year");
            write(Quarantine.records(checkedPersons, RegisterTable.PERSONS).union(Quarantine.records(checkedEvents, RegisterTable.EVENTS))
                    .coalesce(1), recordsPath);
            Dataset<Row> curatedPersons = spark.read().schema(CuratedSchemas.PERSONS_SCHEMA).parquet(personsPath);
            Dataset<Row> curatedEvents = spark.read().schema(CuratedSchemas.EVENTS_SCHEMA).parquet(eventsPath);
            Dataset<Row> successors = ReferenceTables.successors(spark, catalogue);
            String spellsPath = snapshotTemporary + "/" + CuratedSchemas.RESIDENCE_SPELLS;
            write(ResidenceSpells.derive(curatedPersons, curatedEvents, successors, extract.periodStart(), Reorganisation2025.EFFECTIVE_DATE),
                    spellsPath);
            Dataset<Row> spells = spark.read().schema(CuratedSchemas.RESIDENCE_SPELLS_SCHEMA).parquet(spellsPath);
            write(RegisterCuration.households(curatedPersons, spells, extract.extractDate(), successors, Reorganisation2025.EFFECTIVE_DATE),
                    snapshotTemporary + "/" + CuratedSchemas.HOUSEHOLDS);
            write(QualityMeasures.measure(checkedPersons, checkedEvents).coalesce(1), snapshotTemporary + "/" + CuratedSchemas.QUALITY);

            spark.sparkContext().setJobDescription("ingest: reconcile");
            IngestReport report = reconcile(extract, snapshotId, runId, startedAt, pseudonymiser, facts, checkedPersons, checkedEvents,
                    snapshotTemporary, recordsPath, inspection);
            steps.done("reconcile");
            // The checked tables hold the raw lines of every rejected record: gone as soon as they are not needed
            storage.delete(work);
            storage.restrictToOwner(quarantineTemporary);

            spark.sparkContext().setJobDescription("ingest: plausibility");
            report = report.withPlausibility(judge(layout, options.limits(), report, spells, catalogue));
            steps.done("plausibility");
            spark.sparkContext().setJobDescription(null);
            storage.writeText(snapshotTemporary + "/" + CuratedSchemas.REPORT_JSON, report.toJson());
            storage.writeText(snapshotTemporary + "/" + CuratedSchemas.SNAPSHOT_JSON, snapshotJson(extract, snapshotId, runId, report, base));
            storage.writeText(quarantineTemporary + "/summary.csv", quarantineSummary(report));
            storage.restrictToOwner(quarantineTemporary);

            if (storage.exists(quarantineFolder)) {
                storage.delete(quarantineFolder);
            }
            storage.rename(quarantineTemporary, quarantineFolder);
            if (storage.exists(snapshotFolder)) {
                storage.delete(snapshotFolder);
            }
            storage.rename(snapshotTemporary, snapshotFolder);
            storage.writePointer(layout.curatedPointer(), snapshotId);
            return new IngestResult(report, false, snapshotFolder, quarantineFolder, removedLeftovers);
        }
        catch (Exception e) {
            // Spark's SparkException is a checked exception that Scala code throws undeclared: catch it here too
            storage.delete(snapshotTemporary);
            storage.delete(quarantineTemporary);
            throw failure(e, facts, personsFile, eventsFile);
        }
        finally {
            spark.sparkContext().setJobDescription(null);
            if (hugeMethodLimit == null) {
                spark.conf().unset(HUGE_METHOD_LIMIT);
            }
            else {
                spark.conf().set(HUGE_METHOD_LIMIT, hugeMethodLimit);
            }
        }
    }

    /**
     * The plausibility gate ({@link PublicationGate}): compares the new snapshot with the current one, if any, on the
     * units of the later extract date. Throws an {@link IngestFailure} of category {@code REFUSED} naming what was
     * refused and how to override it; otherwise returns what the report records.
     */
    private IngestReport.Plausibility judge(DataLayout layout, PlausibilityLimits limits, IngestReport report, Dataset<Row> spells,
            AdminCatalogue catalogue)
    {
        SnapshotFigures candidate = SnapshotFigures.of(report, residentsByCommune(spells, LocalDate.parse(report.extractDate())));
        Optional<SnapshotFigures> current = currentFigures(layout);
        SnapshotFigures compared = candidate;
        Optional<SnapshotFigures> comparedWith = current;
        if (current.isPresent()) {
            boolean reformBetween = !candidate.extractDate().isBefore(Reorganisation2025.EFFECTIVE_DATE)
                    || !current.get().extractDate().isBefore(Reorganisation2025.EFFECTIVE_DATE);
            if (reformBetween) {
                Map<String, String> successors = catalogue.successors();
                UnaryOperator<String> units = code -> successors.getOrDefault(code, code);
                compared = candidate.onUnits(units);
                comparedWith = current.map(figures -> figures.onUnits(units));
            }
        }
        PublicationGate.Verdict verdict = PublicationGate.judge(compared, comparedWith, limits);
        if (!verdict.publishable()) {
            throw new IngestFailure(IngestFailure.Category.REFUSED, verdict.message());
        }
        return new IngestReport.Plausibility(candidate.residents(), candidate.residentsByCommune(), verdict.comparison(), limits,
                verdict.overridden().stream().map(PublicationGate.Finding::text).toList());
    }

    /** The figures of the snapshot {@code curated/CURRENT} names, if it names one that can be read. */
    private Optional<SnapshotFigures> currentFigures(DataLayout layout)
    {
        Optional<String> current = storage.readPointer(layout.curatedPointer());
        if (current.isEmpty()) {
            return Optional.empty();
        }
        String folder = layout.snapshot(current.get());
        Optional<String> reportText = storage.readText(folder + "/" + CuratedSchemas.REPORT_JSON);
        if (reportText.isEmpty() || !storage.exists(folder + "/" + CuratedSchemas.RESIDENCE_SPELLS)) {
            return Optional.empty();
        }
        IngestReport report = IngestReport.fromJson(reportText.get());
        Dataset<Row> spells = spark.read().schema(CuratedSchemas.RESIDENCE_SPELLS_SCHEMA).parquet(folder + "/" + CuratedSchemas.RESIDENCE_SPELLS);
        return Optional.of(SnapshotFigures.of(report, residentsByCommune(spells, LocalDate.parse(report.extractDate()))));
    }

    /** Persons resident on {@code day} (a spell covers it, as the population cube counts them) by commune. */
    private static Map<String, Long> residentsByCommune(Dataset<Row> spells, LocalDate day)
    {
        Map<String, Long> residents = new TreeMap<>();
        Column covers = col("valid_from").leq(lit(day)).and(col("valid_to").isNull().or(col("valid_to").gt(lit(day))));
        for (Row row : spells.where(covers).groupBy("commune_code").count().collectAsList()) {
            residents.put(row.getString(0), row.getLong(1));
        }
        return residents;
    }

    private static Area parseArea(String text)
    {
        try {
            return Area.parse(text);
        }
        catch (IllegalArgumentException e) {
            throw new IngestFailure("extract.json: " + e.getMessage(), e);
        }
    }

    /** When {@code extract.json} lists its files with record counts, every persons and events file must match it. */
    static void checkDeclaredRecords(ExtractMetadata extract, List<InputFacts> facts)
    {
        if (extract.declaredRecords().isEmpty()) {
            return;
        }
        List<String> problems = new ArrayList<>();
        for (InputFacts file : facts) {
            Long declared = extract.declaredRecords().get(file.file());
            if (declared == null) {
                problems.add(file.file() + " is not listed in extract.json");
            }
            else if (declared != file.dataRecords()) {
                String found = String.format(Locale.ROOT, "%s holds %,d records%s but extract.json declares %,d", file.file(), file.dataRecords(),
                        file.repeatedHeaders() == 0 ? "" : String.format(Locale.ROOT, " (and %,d repeated header rows)", file.repeatedHeaders()),
                        declared);
                problems.add(found + (file.dataRecords() < declared
                        ? ": the file is truncated or not this extract's"
                        : ": the file has records extract.json does not list (not this extract's, or records were appended)"));
            }
        }
        for (String listed : extract.declaredRecords().keySet()) {
            boolean registerFile = listed.startsWith("persons.") || listed.startsWith("persons/")
                    || listed.startsWith("events.") || listed.startsWith("events/");
            if (registerFile && facts.stream().noneMatch(file -> file.file().equals(listed))) {
                problems.add("extract.json lists " + listed + ", which is missing");
            }
        }
        if (!problems.isEmpty()) {
            throw new IngestFailure(String.join("; ", problems));
        }
    }

    /**
     * An extract must hold persons: a persons table without records (a CSV file with its header row only, an empty
     * JSON Lines file, Parquet files of no rows) would publish a population of zero.
     */
    static void checkPersonsPresent(List<InputFacts> facts)
    {
        List<InputFacts> persons = facts.stream().filter(file -> file.table() == RegisterTable.PERSONS).toList();
        if (persons.stream().mapToLong(InputFacts::dataRecords).sum() > 0) {
            return;
        }
        String files = persons.size() == 1 ? persons.get(0).file() : "the " + persons.size() + " persons files";
        String what = persons.stream().allMatch(file -> file.format() == RegisterFile.Format.CSV) ? " (a header row only)" : "";
        throw new IngestFailure(files + " holds no person records" + what
                + ": an extract without persons would publish a population of 0; nothing was published");
    }

    /** Derived from the rules, the key, the extract and the base snapshot statuses are carried from (none: the first). */
    private static String snapshotId(ExtractMetadata extract, String metadataText, List<InputFacts> facts, Pseudonymiser pseudonymiser,
            Optional<LastResidentStatus.Base> base)
    {
        StringBuilder identity = new StringBuilder("rules ").append(RULES_VERSION)
                .append("\nkey ").append(pseudonymiser.keyFingerprint())
                .append("\nextract.json ").append(CubeCatalog.sha256(metadataText.getBytes(StandardCharsets.UTF_8)));
        base.ifPresent(found -> identity.append("\nbase ").append(found.snapshotId()));
        for (InputFacts file : facts) {
            identity.append('\n').append(file.file()).append(' ').append(file.sha256());
        }
        return "s" + extract.extractDate().toString().replace("-", "") + "-"
                + CubeCatalog.sha256(identity.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 10);
    }

    /**
     * Writes a checked table to the work folder and reads it back with the schema it was written with (no schema
     * inference, no extra job). Work tables live for one run: Snappy and no dictionaries, which cost more than they
     * save on columns of unique values.
     */
    private Dataset<Row> writeAndReadBack(Dataset<Row> rows, String path)
    {
        spark.sparkContext().setJobDescription("ingest: write " + path.substring(path.lastIndexOf('/') + 1));
        try {
            rows.write().mode(SaveMode.ErrorIfExists).option("compression", "snappy").option("parquet.enable.dictionary", "false")
                    .parquet(path);
            steps.done(path.substring(path.lastIndexOf('/') + 1).replace('_', ' '));
        }
        finally {
            spark.sparkContext().setJobDescription(null);
        }
        return spark.read().schema(rows.schema()).parquet(path);
    }

    /** Writes one output; its Spark jobs are described as {@code ingest: write <table>} (Spark UI, benchmark). */
    private void write(Dataset<Row> rows, String path, String... partitionColumns)
    {
        spark.sparkContext().setJobDescription("ingest: write " + path.substring(path.lastIndexOf('/') + 1));
        try {
            rows.write().mode(SaveMode.ErrorIfExists).option("compression", "zstd").partitionBy(partitionColumns).parquet(path);
            String table = path.substring(path.lastIndexOf('/') + 1);
            steps.done(table.equals(Quarantine.RECORDS) ? "quarantined records" : table.replace('_', ' '));
        }
        finally {
            spark.sparkContext().setJobDescription(null);
        }
    }

    /**
     * Compares independent counts of what was written: records per file counted when inspecting the file, the
     * checked tables, the quarantine, the curated tables and the quality table, all read back.
     */
    private IngestReport reconcile(ExtractMetadata extract, String snapshotId, String runId, Instant startedAt, Pseudonymiser pseudonymiser,
            List<InputFacts> facts, Dataset<Row> checkedPersons, Dataset<Row> checkedEvents, String snapshotFolder, String recordsPath,
            InputInspection inspection)
    {
        Map<String, Map<String, Long>> checked = countsByFileAndReason(checkedPersons.select("source_file", "reason_code")
                .union(checkedEvents.select("source_file", "reason_code")));
        Map<String, Map<String, Long>> quarantined = countsByFileAndReason(spark.read().schema(Quarantine.SCHEMA).parquet(recordsPath));
        long curatedPersons = inspection.writtenRows(snapshotFolder + "/" + CuratedSchemas.PERSONS);
        long curatedEvents = inspection.writtenRows(snapshotFolder + "/" + CuratedSchemas.EVENTS);
        Map<String, Long> quality = new HashMap<>();
        for (Row row : spark.read().schema(CuratedSchemas.QUALITY_SCHEMA).parquet(snapshotFolder + "/" + CuratedSchemas.QUALITY)
                .groupBy("indicator").agg(sum(col("value")).as("value")).collectAsList()) {
            quality.put(row.getString(0), row.getLong(1));
        }

        List<String> problems = new ArrayList<>();
        List<IngestReport.FileReport> files = new ArrayList<>();
        long acceptedPersons = 0;
        long acceptedEvents = 0;
        for (InputFacts file : facts) {
            Map<String, Long> seen = checked.getOrDefault(file.file(), Map.of());
            long seenTotal = seen.values().stream().mapToLong(Long::longValue).sum();
            long accepted = seen.getOrDefault(ACCEPTED, 0L);
            Map<String, Long> reasons = new LinkedHashMap<>();
            for (ReasonCode code : ReasonCode.values()) {
                long written = quarantined.getOrDefault(file.file(), Map.of()).getOrDefault(code.name(), 0L);
                if (written > 0) {
                    reasons.put(code.name(), written);
                }
                if (written != seen.getOrDefault(code.name(), 0L)) {
                    problems.add(String.format(Locale.ROOT, "%s: %,d records checked as %s but %,d in the quarantine",
                            file.file(), seen.getOrDefault(code.name(), 0L), code, written));
                }
            }
            long quarantinedTotal = reasons.values().stream().mapToLong(Long::longValue).sum();
            if (seenTotal != file.records()) {
                problems.add(String.format(Locale.ROOT, "%s holds %,d records but %,d were checked", file.file(), file.records(), seenTotal));
            }
            if (file.records() != accepted + quarantinedTotal) {
                problems.add(String.format(Locale.ROOT, "%s: read %,d ≠ accepted %,d + quarantined %,d", file.file(), file.records(),
                        accepted, quarantinedTotal));
            }
            if (file.table() == RegisterTable.PERSONS) {
                acceptedPersons += accepted;
            }
            else {
                acceptedEvents += accepted;
            }
            files.add(new IngestReport.FileReport(file.file(), file.table().fileName(), file.format().name(), file.bytes(), file.sha256(),
                    extract.declaredRecords().get(file.file()), file.records(), accepted, quarantinedTotal, reasons));
        }
        for (String file : checked.keySet()) {
            if (facts.stream().noneMatch(fact -> fact.file().equals(file))) {
                problems.add("records were checked from " + file + ", which is not an input file");
            }
        }
        if (acceptedPersons != curatedPersons) {
            problems.add(String.format(Locale.ROOT, "%,d persons accepted but %,d in curated persons", acceptedPersons, curatedPersons));
        }
        if (acceptedEvents != curatedEvents) {
            problems.add(String.format(Locale.ROOT, "%,d events accepted but %,d in curated events", acceptedEvents, curatedEvents));
        }
        long read = facts.stream().mapToLong(InputFacts::records).sum();
        long quarantinedTotal = files.stream().mapToLong(IngestReport.FileReport::quarantined).sum();
        compare(problems, "quality RECORDS_READ", quality.getOrDefault(QualityMeasures.Indicator.RECORDS_READ.name(), 0L), read);
        compare(problems, "quality RECORDS_ACCEPTED", quality.getOrDefault(QualityMeasures.Indicator.RECORDS_ACCEPTED.name(), 0L),
                acceptedPersons + acceptedEvents);
        compare(problems, "quality RECORDS_QUARANTINED", quality.getOrDefault(QualityMeasures.Indicator.RECORDS_QUARANTINED.name(), 0L),
                quarantinedTotal);
        if (!problems.isEmpty()) {
            throw new IngestFailure(IngestFailure.Category.NOT_RECONCILED,
                    "the counts of run " + runId + " do not reconcile, nothing was published: " + String.join("; ", problems));
        }

        Map<String, Long> outputs = new LinkedHashMap<>();
        outputs.put(CuratedSchemas.PERSONS, curatedPersons);
        outputs.put(CuratedSchemas.EVENTS, curatedEvents);
        outputs.put(CuratedSchemas.RESIDENCE_SPELLS, inspection.writtenRows(snapshotFolder + "/" + CuratedSchemas.RESIDENCE_SPELLS));
        outputs.put(CuratedSchemas.HOUSEHOLDS, inspection.writtenRows(snapshotFolder + "/" + CuratedSchemas.HOUSEHOLDS));
        outputs.put(CuratedSchemas.QUALITY, inspection.writtenRows(snapshotFolder + "/" + CuratedSchemas.QUALITY));
        outputs.put("quarantine", quarantinedTotal);
        return new IngestReport(runId, snapshotId, extract.extractId(), extract.extractDate().toString(), extract.periodStart().toString(),
                extract.periodEnd().toString(), extract.area(), startedAt, Instant.now(), RULES_VERSION, pseudonymiser.keyFingerprint(),
                files, outputs, Optional.empty());
    }

    /** The reason key of accepted records in {@link #countsByFileAndReason}. */
    private static final String ACCEPTED = "";

    private static void compare(List<String> problems, String what, long found, long expected)
    {
        if (found != expected) {
            problems.add(String.format(Locale.ROOT, "%s is %,d, expected %,d", what, found, expected));
        }
    }

    /** source_file → reason code ({@code ""} for accepted records) → records. */
    private static Map<String, Map<String, Long>> countsByFileAndReason(Dataset<Row> rows)
    {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        for (Row row : rows.groupBy("source_file", "reason_code").count().collectAsList()) {
            String reason = row.isNullAt(1) ? ACCEPTED : row.getString(1);
            counts.computeIfAbsent(row.getString(0), file -> new HashMap<>()).put(reason, row.getLong(2));
        }
        return counts;
    }

    private static String snapshotJson(ExtractMetadata extract, String snapshotId, String runId, IngestReport report,
            Optional<LastResidentStatus.Base> base)
    {
        ObjectNode snapshot = new ObjectMapper().createObjectNode()
                .put("snapshotId", snapshotId)
                .put("extractId", extract.extractId())
                .put("extractDate", extract.extractDate().toString())
                .put("periodStart", extract.periodStart().toString())
                .put("periodEnd", extract.periodEnd().toString())
                .put("area", extract.area())
                .put("runId", runId)
                .put("ingestedAt", report.finishedAt().toString())
                .put("rulesVersion", RULES_VERSION)
                .put("lastResidentStatusFrom", base.map(LastResidentStatus.Base::snapshotId).orElse(null));
        ArrayNode inputs = snapshot.putArray("inputs");
        for (IngestReport.FileReport file : report.files()) {
            inputs.addObject().put("file", file.file()).put("sha256", file.sha256()).put("records", file.read());
        }
        return snapshot.toPrettyString() + "\n";
    }

    private static String quarantineSummary(IngestReport report)
    {
        StringBuilder csv = new StringBuilder("source_file,record_type,reason_code,records,description_vi,description_en\n");
        for (IngestReport.FileReport file : report.files()) {
            String recordType = RegisterTable.valueOf(file.table().toUpperCase(Locale.ROOT)).recordType();
            file.reasons().forEach((code, count) -> csv.append(file.file()).append(',').append(recordType).append(',').append(code)
                    .append(',').append(count).append(",\"").append(ReasonCode.valueOf(code).vietnamese()).append("\",\"")
                    .append(ReasonCode.valueOf(code).english()).append("\"\n"));
        }
        return csv.toString();
    }

    /** A failure naming the input file when Spark could not read one; any other failure keeps its message. */
    private static IngestFailure failure(Exception error, List<InputFacts> facts, RegisterFile... registers)
    {
        if (error instanceof IngestFailure failure) {
            return failure;
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SparkThrowable spark && spark.getCondition() != null && spark.getCondition().startsWith("FAILED_READ_FILE")) {
                String path = spark.getMessageParameters().getOrDefault("path", "");
                String name = path;
                for (RegisterFile register : registers) {
                    for (RegisterFile.InputFile file : register.files()) {
                        if (path.endsWith(new org.apache.hadoop.fs.Path(file.path()).toUri().getPath())) {
                            name = file.relativePath();
                        }
                    }
                }
                String reason = cause.getCause() == null ? cause.getMessage() : cause.getCause().getMessage();
                return new IngestFailure("cannot read " + name + " (corrupt or not in the declared format): "
                        + firstLine(reason) + "; nothing was published", error);
            }
        }
        return new IngestFailure("ingest failed, nothing was published: " + firstLine(String.valueOf(error.getMessage())), error);
    }

    private static String firstLine(String text)
    {
        return text == null ? "" : text.lines().findFirst().orElse(text);
    }
}
