package vn.dancu.api.disclosure;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.cube.CubePolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Disclosure control of cube answers for the roles that do not see exact counts: which measure of each cube counts
 * people (a cell's protection follows it; the descriptor's {@link CubePolicy} says which), the threshold in force (set by an admin), and the suppression pattern of
 * each block of linked cubes ({@link GaussSuppression}), computed once per cube version and threshold on first use and
 * shared by every answer, so that a cell is withheld the same way in every table, level, geography and period.
 */
public final class DisclosureControl
{
    private static final Logger LOG = LoggerFactory.getLogger(DisclosureControl.class);
    public static final double DAYS_PER_PERSON_YEAR = CubePolicy.DisclosureUnit.DAYS_PER_PERSON_YEAR;

    private final IntSupplier threshold;
    private final PatternStore store;
    private final Map<String, CompletableFuture<SuppressionPattern>> patterns = new ConcurrentHashMap<>();

    /** @param threshold the threshold in force, read on every use (an admin may change it) */
    public DisclosureControl(IntSupplier threshold)
    {
        this(threshold, PatternStore.NONE);
    }

    /** @param store where patterns are kept across restarts ({@link PatternStore#inFolder}) */
    public DisclosureControl(IntSupplier threshold, PatternStore store)
    {
        this.threshold = requireNonNull(threshold, "threshold is null");
        this.store = requireNonNull(store, "store is null");
    }

    public int threshold()
    {
        return threshold.getAsInt();
    }

    /**
     * The measure whose counts disclosure control reads, as the cube's descriptor declares it ({@link CubePolicy}); empty
     * when the cube counts no people (records of the ingest), which is then shown only to roles that may see it whole.
     */
    public Optional<String> countedMeasure(CubeDescriptor descriptor)
    {
        return descriptor.policy().counted();
    }

    /** The threshold in the unit of the cube's counted measure (person-days for a cube of days lived). */
    public long thresholdFor(CubeDescriptor descriptor)
    {
        return descriptor.policy().disclosureUnit().threshold(threshold());
    }

    /**
     * The suppression pattern of a block, computed from its linked table the first time it is asked for (in this cube
     * version, at the threshold in force) and kept; callers asking meanwhile wait for the same computation.
     *
     * @param block a name of the block unique within the version (cubes and period)
     * @param units what the counted measure of each cube of the block counts (by cube name)
     */
    public SuppressionPattern pattern(String version, String block, Supplier<LinkedTable> table, Function<String, CubePolicy.DisclosureUnit> units)
    {
        return pattern(version, block, (Tables) each -> each.accept(table.get()), units);
    }

    /**
     * The linked tables of a block, handed one at a time: the whole block, or its parts when they share no atom and no
     * relation (then each part is protected alone and the block's pattern is the union of theirs, see
     * {@link SuppressionPattern#union}).
     */
    @FunctionalInterface
    public interface Tables
    {
        void forEach(Consumer<LinkedTable> each);
    }

    /** As {@link #pattern(String, String, Supplier, Function)}, for a block read as parts. */
    public SuppressionPattern pattern(String version, String block, Tables tables, Function<String, CubePolicy.DisclosureUnit> units)
    {
        int t = threshold();
        String key = version + "|" + t + "|" + block;
        String prefix = version + "|" + t + "|";
        if (patterns.keySet().stream().anyMatch(existing -> !existing.startsWith(prefix))) {
            patterns.keySet().removeIf(existing -> !existing.startsWith(prefix));
        }
        CompletableFuture<SuppressionPattern> mine = new CompletableFuture<>();
        CompletableFuture<SuppressionPattern> existing = patterns.putIfAbsent(key, mine);
        if (existing != null) {
            try {
                return existing.join();
            }
            catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
            }
        }
        try {
            String stored = t + "|" + block;
            Optional<SuppressionPattern> kept = store.load(version, stored);
            if (kept.isPresent()) {
                mine.complete(kept.get());
                return kept.get();
            }
            List<SuppressionPattern> parts = new ArrayList<>();
            tables.forEach(table -> {
                parts.add(GaussSuppression.protect(table, cube -> units.apply(cube).threshold(t)));
                LOG.debug("disclosure control of {}, part {}: {}", block, parts.size(), parts.get(parts.size() - 1).figures());
            });
            SuppressionPattern pattern = parts.size() == 1 ? parts.get(0) : SuppressionPattern.union(parts);
            LOG.debug("disclosure control of {} (version {}, threshold {}) in {} part(s): {}", block, version, t, parts.size(), pattern.figures());
            store.save(version, stored, pattern);
            mine.complete(pattern);
            return pattern;
        }
        catch (RuntimeException e) {
            patterns.remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** The figures of every pattern computed so far (block → what its protection did), for benchmarks and the log. */
    public Map<String, SuppressionPattern.Figures> computed()
    {
        Map<String, SuppressionPattern.Figures> figures = new java.util.TreeMap<>();
        patterns.forEach((key, future) -> {
            if (future.isDone() && !future.isCompletedExceptionally()) {
                figures.put(key, future.join().figures());
            }
        });
        return figures;
    }

    public String rule(String language)
    {
        int t = threshold();
        if (t <= 1) {
            return "en".equals(language) ? "No count is withheld (the threshold is 1)." : "Không ẩn số đếm nào (ngưỡng là 1).";
        }
        return "en".equals(language)
                ? "Counts from 1 to " + (t - 1) + " are withheld, and enough other cells with them that no withheld count can be"
                        + " computed from the published cells and totals; zeros are shown. Rates whose numerator or denominator is"
                        + " withheld are withheld."
                : "Số đếm từ 1 đến " + (t - 1) + " được ẩn, cùng với đủ các ô khác để không thể tính ra ô bị ẩn từ các ô và tổng"
                        + " được công bố; số 0 vẫn hiển thị. Tỷ lệ có tử số hoặc mẫu số bị ẩn cũng bị ẩn.";
    }
}
