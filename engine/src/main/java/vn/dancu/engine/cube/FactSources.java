package vn.dancu.engine.cube;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.dancu.engine.projection.ProjectionAssumptions;
import vn.dancu.engine.projection.ProjectionSource;
import vn.dancu.engine.ingest.RegisterCuration;
import vn.dancu.model.cube.TimeGrain;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * The fact sources cube descriptors name in {@code source} (see docs/cubes.md for what each counts).
 */
public final class FactSources
{
    private static final List<String> STOCK_KEYS = List.of("commune_code", "sex", "ethnicity_code", "residence_status");
    private static final List<String> IDENTITY_KEYS = List.of("commune_code", "sex", "chip_card", "vneid_level");
    private static final List<String> EXPOSURE_KEYS = List.of("commune_code", "sex");

    public static final Map<String, FactSource> ALL = index(
            new MonthEndSource("residents_at_month_end",
                    ResidenceSegments::stockSegments, STOCK_KEYS, "age", null, "persons"),
            new MonthEndSource("identity_at_month_end",
                    ResidenceSegments::identitySegments, IDENTITY_KEYS, "age_group", "identityAgeGroup", "persons"),
            new Source("exposure_by_year", TimeGrain.YEAR,
                    (inputs, request) -> {
                        CuratedSnapshot snapshot = inputs.snapshot();
                        LocalDate from = request.from().isBefore(snapshot.periodStart()) ? snapshot.periodStart() : request.from();
                        return PersonDays.byYear(ResidenceSegments.exposureSegments(inputs.residentSpellsEndingAfter(from)),
                                request.ranges("age_group", "ageGroup5"), "age_group", from,
                                snapshot.periodEnd(), snapshot.successors(), inputs.reformDate(),
                                PersonDays.communeParts(inputs.residentSpells().sparkSession(), request.spells()));
                    },
                    inputs -> Optional.of(ResidenceSegments.changePoints(ResidenceSegments.exposureSegments(inputs.residentSpells()),
                            EXPOSURE_KEYS, inputs.snapshot().periodEnd())), true),
            new Source("births_by_month", TimeGrain.MONTH,
                    (inputs, request) -> EventFacts.births(births(inputs, request.from()),
                            request.ranges("mother_age_group", "motherAgeGroup"), "mother_age_group", inputs.snapshot().periodEnd()),
                    inputs -> Optional.of(eventPoints(births(inputs, inputs.snapshot().periodStart())))),
            new Source("deaths_by_month", TimeGrain.MONTH,
                    (inputs, request) -> EventFacts.deaths(deaths(inputs, request.from()),
                            request.ranges("age_group", "ageGroup5"), "age_group", inputs.snapshot().periodEnd()),
                    inputs -> Optional.of(eventPoints(deaths(inputs, inputs.snapshot().periodStart())))),
            new Source("moves_by_month", TimeGrain.MONTH,
                    (inputs, request) -> EventFacts.moves(moves(inputs, request.from()),
                            request.ranges("age_group", "ageGroup5"), "age_group", inputs.snapshot().periodEnd()),
                    inputs -> Optional.of(eventPoints(moves(inputs, inputs.snapshot().periodStart())))),
            new Source("households_at_extract", TimeGrain.SNAPSHOT,
                    (inputs, request) -> {
                        CuratedSnapshot snapshot = inputs.snapshot();
                        Dataset<Row> households = snapshot.households().orElseGet(() -> RegisterCuration.households(snapshot.persons(),
                                snapshot.residenceSpells(), snapshot.extractDate(), snapshot.successors(), inputs.reformDate()));
                        return SnapshotFacts.households(households,
                                request.ranges("household_size", "householdSize"), "household_size", snapshot.extractDate());
                    },
                    inputs -> Optional.empty()),
            new Source("ingest_quality", TimeGrain.SNAPSHOT,
                    (inputs, request) -> SnapshotFacts.quality(inputs.snapshot().quality(), inputs.snapshot().extractDate(),
                            inputs.snapshot().successors(), inputs.reformDate()),
                    inputs -> Optional.empty()),
            new Source("ingest_quarantine", TimeGrain.SNAPSHOT,
                    (inputs, request) -> SnapshotFacts.quarantine(inputs.snapshot().quarantineRecords(), inputs.snapshot().extractDate()),
                    inputs -> Optional.empty()),
            new ProjectionSource(ProjectionAssumptions.DEFAULT));

    private FactSources() {}

    public static List<String> names()
    {
        return ALL.keySet().stream().sorted().toList();
    }

    public static Optional<FactSource> find(String name)
    {
        return Optional.ofNullable(ALL.get(name));
    }

    private static Map<String, FactSource> index(FactSource... sources)
    {
        Map<String, FactSource> all = new LinkedHashMap<>();
        Arrays.stream(sources).forEach(source -> all.put(source.name(), source));
        return java.util.Collections.unmodifiableMap(all);
    }

    private static Dataset<Row> births(BuildInputs inputs, LocalDate from)
    {
        return EventRecords.from(inputs.events().births(), from);
    }

    private static Dataset<Row> deaths(BuildInputs inputs, LocalDate from)
    {
        return EventRecords.from(inputs.events().deaths(), from);
    }

    private static Dataset<Row> moves(BuildInputs inputs, LocalDate from)
    {
        return EventRecords.from(inputs.events().moves(), from);
    }

    /** Change points of event records: the event date and a hash of the whole record. */
    public static Dataset<Row> eventPoints(Dataset<Row> records)
    {
        Column[] all = Arrays.stream(records.columns()).map(name -> col(name)).toArray(Column[]::new);
        return records.select(col("event_date").as("day"), xxhash64(all).as("h1"), hash(all).as("h2"));
    }

    /** A source with its transforms given as functions. */
    private record Source(String name, TimeGrain grain, BiFunction<BuildInputs, FactRequest, Dataset<Row>> facts,
            Function<BuildInputs, Optional<Dataset<Row>>> changePoints, boolean sumsOverDays) implements FactSource
    {
        Source(String name, TimeGrain grain, BiFunction<BuildInputs, FactRequest, Dataset<Row>> facts,
                Function<BuildInputs, Optional<Dataset<Row>>> changePoints)
        {
            this(name, grain, facts, changePoints, false);
        }

        @Override
        public Dataset<Row> facts(BuildInputs inputs, FactRequest request)
        {
            return facts.apply(inputs, request);
        }

        @Override
        public Optional<Dataset<Row>> changePoints(BuildInputs inputs)
        {
            return changePoints.apply(inputs);
        }
    }

    /**
     * A month-end stock over residence segments, by the cohort method ({@link MonthEndStocks}).
     *
     * @param ageCodeList the code list of the age column by default; null for single years of age (0–100+)
     */
    private record MonthEndSource(String name, Function<Dataset<Row>, Dataset<Row>> segments, List<String> keys,
            String ageColumn, String ageCodeList, String measure) implements FactSource
    {
        @Override
        public TimeGrain grain()
        {
            return TimeGrain.MONTH_END;
        }

        /** One row per cell of the keys, the age and the month end ({@link MonthEndStocks}). */
        @Override
        public boolean oneRowPerCell()
        {
            return true;
        }

        @Override
        public Dataset<Row> facts(BuildInputs inputs, FactRequest request)
        {
            return encodedFacts(inputs, request).decoded();
        }

        /** Coded by the dictionary of the keys ({@link MonthEndStocks#encodedCounts}) when more than one month is counted. */
        @Override
        public EncodedFacts encodedFacts(BuildInputs inputs, FactRequest request)
        {
            CuratedSnapshot snapshot = inputs.snapshot();
            CodeRanges ages = ageCodeList == null ? CodeRanges.singleYears(100) : request.ranges(ageColumn, ageCodeList);
            int firstMonth = Math.max(Calendar.monthIndex(snapshot.periodStart()), Calendar.monthIndex(request.from()));
            LocalDate firstDay = Calendar.monthEnd(firstMonth).withDayOfMonth(1);
            return MonthEndStocks.encodedCounts(segments.apply(inputs.residentSpellsEndingAfter(firstDay)), keys, ages, ageColumn,
                    firstMonth, snapshot.lastMonth(), measure);
        }

        @Override
        public Optional<Dataset<Row>> changePoints(BuildInputs inputs)
        {
            return Optional.of(ResidenceSegments.changePoints(segments.apply(inputs.residentSpells()), keys, inputs.snapshot().periodEnd()));
        }
    }
}
