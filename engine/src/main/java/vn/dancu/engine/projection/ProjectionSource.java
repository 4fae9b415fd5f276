package vn.dancu.engine.projection;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.dancu.engine.cube.BuildInputs;
import vn.dancu.engine.cube.CuboidAggregator;
import vn.dancu.engine.cube.FactRequest;
import vn.dancu.engine.cube.FactSource;
import vn.dancu.engine.cube.FactSources;
import vn.dancu.engine.cube.ResidenceSegments;
import vn.dancu.model.cube.TimeGrain;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.make_date;
import static org.apache.spark.sql.functions.round;

/**
 * The fact source {@code cohort_component_projection}: the published projection ({@link ProjectionSpec#published})
 * from the last complete year of the snapshot, as cube facts. Measures are fixed point, thousandths of a person
 * ({@link #SCALE}), rounded half away from zero in each finest cell (commune, scenario, sex, age, year), so that every
 * coarser cell is the exact sum of the finest ones; cells whose four measures all round to zero are left out.
 *
 * <p>Its change points are those of every record it reads (residence segments, births, deaths and moves): an
 * incremental build keeps the whole cube when the jump-off year is the same and no record up to its end changed.
 */
public final class ProjectionSource implements FactSource
{
    public static final String NAME = "cohort_component_projection";
    /** Stored units per person (the descriptor's measure {@code scale}). */
    public static final int SCALE = 1000;

    public static final StructType FACTS_SCHEMA = new StructType()
            .add("commune_code", DataTypes.StringType, false)
            .add("geography", DataTypes.StringType, false)
            .add("scenario", DataTypes.StringType, false)
            .add("sex", DataTypes.StringType, false)
            .add("age", DataTypes.IntegerType, false)
            .add(CuboidAggregator.REF_DATE, DataTypes.DateType, false)
            .add("population", DataTypes.LongType, false)
            .add("births", DataTypes.LongType, false)
            .add("deaths", DataTypes.LongType, false)
            .add("net_migration", DataTypes.LongType, false);

    private final ProjectionAssumptions assumptions;

    public ProjectionSource(ProjectionAssumptions assumptions)
    {
        this.assumptions = requireNonNull(assumptions, "assumptions is null");
    }

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public TimeGrain grain()
    {
        return TimeGrain.PROJECTION_YEAR;
    }

    /**
     * One row per commune, geography, scenario, sex, age and year: a 2025 commune is projected in one region, and an
     * old commune's rows are shared out of its one successor's ({@link OldUnitApportionment}).
     */
    @Override
    public boolean oneRowPerCell()
    {
        return true;
    }

    public ProjectionAssumptions assumptions()
    {
        return assumptions;
    }

    /** The jump-off of a snapshot's period, if it has a complete year. */
    public Optional<JumpOff> jumpOff(BuildInputs inputs)
    {
        return JumpOff.of(inputs.snapshot().periodStart(), inputs.snapshot().periodEnd(), assumptions.rateYears());
    }

    /** Every projected row; {@code request.from()} is ignored: the cube is always computed whole. */
    @Override
    public Dataset<Row> facts(BuildInputs inputs, FactRequest request)
    {
        Optional<JumpOff> jumpOff = jumpOff(inputs);
        if (jumpOff.isEmpty()) {
            return inputs.snapshot().persons().sparkSession().createDataFrame(List.of(), FACTS_SCHEMA);
        }
        RegisterRecords records = RegisterRecords.of(inputs);
        Dataset<Row> units2025 = facts(PopulationProjection.project(records, ProjectionSpec.published(jumpOff.get(), assumptions)));
        return withOldUnits(units2025, records, jumpOff.get().year());
    }

    /**
     * The 2025 communes' facts ({@code geography} {@value OldUnitApportionment#UNITS_2025}) and the old communes' derived
     * from them ({@value OldUnitApportionment#UNITS_BEFORE_2025}, {@link OldUnitApportionment}), as {@link #FACTS_SCHEMA}.
     */
    public static Dataset<Row> withOldUnits(Dataset<Row> units2025, RegisterRecords records, int jumpOffYear)
    {
        Dataset<Row> current = units2025.withColumn("geography", lit(OldUnitApportionment.UNITS_2025));
        Optional<java.time.LocalDate> day = OldUnitApportionment.shareDay(records.periodStart(), records.periodEnd(), records.reformDate());
        if (day.isEmpty()) {
            return ordered(current);
        }
        Dataset<Row> old = OldUnitApportionment.apportion(units2025, records.segments(), records.successors(), jumpOffYear, day.get())
                .where(nonZero())
                .withColumn("geography", lit(OldUnitApportionment.UNITS_BEFORE_2025));
        return ordered(current).unionByName(ordered(old));
    }

    private static Dataset<Row> ordered(Dataset<Row> facts)
    {
        return facts.select(java.util.Arrays.stream(FACTS_SCHEMA.fieldNames()).map(name -> col(name)).toArray(Column[]::new));
    }

    private static Column nonZero()
    {
        return col("population").notEqual(0).or(col("births").notEqual(0)).or(col("deaths").notEqual(0)).or(col("net_migration").notEqual(0));
    }

    /** Projected rows ({@link CohortComponentProjection#OUTPUT_SCHEMA}) as cube facts of one geography: {@link #FACTS_SCHEMA} without {@code geography}. */
    public static Dataset<Row> facts(Dataset<Row> projected)
    {
        Column population = fixedPoint(col("population"));
        Column births = fixedPoint(col("births"));
        Column deaths = fixedPoint(col("deaths"));
        Column netMigration = fixedPoint(col("net_migration"));
        return projected
                .select(col("unit").as("commune_code"), col("scenario"), col("sex"), col("age"),
                        make_date(col("year"), lit(12), lit(31)).as(CuboidAggregator.REF_DATE),
                        population.as("population"), births.as("births"), deaths.as("deaths"), netMigration.as("net_migration"))
                .where(nonZero());
    }

    private static Column fixedPoint(Column value)
    {
        return round(value.multiply(SCALE)).cast("long");
    }

    /** The projection reads the segments of person-years and the records of the three flow cubes, nothing else. */
    @Override
    public List<String> changePointsOfSources()
    {
        return List.of("exposure_by_year", "births_by_month", "deaths_by_month", "moves_by_month");
    }

    @Override
    public Optional<Dataset<Row>> changePoints(BuildInputs inputs)
    {
        RegisterRecords records = RegisterRecords.of(inputs);
        return Optional.of(ResidenceSegments.changePoints(records.segments(), List.of("commune_code", "sex"), inputs.snapshot().periodEnd())
                .unionByName(FactSources.eventPoints(records.birthRecords()))
                .unionByName(FactSources.eventPoints(records.deathRecords()))
                .unionByName(FactSources.eventPoints(records.moveRecords())));
    }
}
