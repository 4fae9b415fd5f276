package vn.dancu.engine.cube;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.dancu.model.cube.TimeGrain;

import java.util.List;
import java.util.Optional;

/**
 * A source of facts that cube descriptors name in {@code source}: turns a curated snapshot into rows at the finest
 * grain ({@code ref_date}, the dimension columns a descriptor may use, and measure columns), which the builder groups
 * into cuboids. Implementations are pure: they build a plan and run nothing.
 */
public interface FactSource
{
    String name();

    /** What a row's {@code ref_date} stands for; it decides which partitions an incremental build may keep. */
    TimeGrain grain();

    /**
     * True when a period's facts are the sums of its days' facts (person-days): an incremental build may then add the
     * facts of the new days to the kept partition of the period to date instead of recomputing the whole period, and
     * {@link #facts} must count from {@code request.from()} itself, not from the start of its period.
     */
    default boolean sumsOverDays()
    {
        return false;
    }

    /**
     * True when the facts hold one row per combination of their columns other than the measures: a descriptor that
     * uses every column then has its base cells already, and the builder does not group the facts again.
     */
    default boolean oneRowPerCell()
    {
        return false;
    }

    /**
     * The sources whose change points, all together, are exactly this source's (same points, same hashes): the
     * builder then digests this source as the sum of theirs instead of computing its points again. Empty when the
     * source's points are its own ({@link #changePoints}).
     */
    default List<String> changePointsOfSources()
    {
        return List.of();
    }

    /** The fact rows with {@code ref_date} on or after {@code request.from()}. */
    Dataset<Row> facts(BuildInputs inputs, FactRequest request);

    /**
     * The same facts as {@link #facts}, possibly with key columns still replaced by a dictionary code, for the builder
     * to group on ({@link CuboidAggregator#aggregate}); decoded, they are {@link #facts}. By default, not coded.
     */
    default EncodedFacts encodedFacts(BuildInputs inputs, FactRequest request)
    {
        return EncodedFacts.plain(facts(inputs, request));
    }

    /**
     * What the facts depend on, as change points up to the period end: rows {@code (day, h1, h2)}, one per dated
     * fact or segment boundary, hashed with everything that decides where it is counted. Two snapshots whose points
     * agree on every day up to d give the same facts for every {@code ref_date} up to d. Empty for sources rebuilt on
     * every build (those describing the extract date only).
     */
    Optional<Dataset<Row>> changePoints(BuildInputs inputs);
}
