package vn.dancu.api.disclosure;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

import static java.util.Objects.requireNonNull;

/**
 * Disclosure control of cube answers for the roles that do not see exact counts: which measure of each cube counts
 * people (the cell's protection follows it), the threshold in force (set by an admin), and the suppression
 * patterns computed so far, shared by every answer of one cube version so that a margin is withheld the same way
 * in every table.
 */
public final class DisclosureControl
{
    /** Cells (margins included) above which a table is refused for disclosure-controlled roles. */
    public static final long MAX_PROTECTED_CELLS = 300_000;
    public static final double DAYS_PER_PERSON_YEAR = 365.25;

    /**
     * The counted measure of each cube. person_years counts person-days: a cell is small when it holds less than
     * {@code threshold} person-years. Cubes missing here (data_quality, quarantine_reasons) count records of the
     * ingest, not people, and are shown only to roles that may see them whole.
     */
    private static final Map<String, String> COUNTED_MEASURE = Map.of(
            "population_stock", "population",
            "births", "births",
            "deaths", "deaths",
            "migration", "moves",
            "person_years", "personDays",
            "households", "households",
            "identity_coverage", "persons");

    private final IntSupplier threshold;
    private final Map<String, Map<String, List<List<String>>>> patternsByVersion = new ConcurrentHashMap<>();

    /** @param threshold the threshold in force, read on every use (an admin may change it) */
    public DisclosureControl(IntSupplier threshold)
    {
        this.threshold = requireNonNull(threshold, "threshold is null");
    }

    public int threshold()
    {
        return threshold.getAsInt();
    }

    /** The measure whose counts disclosure control reads, or empty when the cube is not about people. */
    public Optional<String> countedMeasure(String cube)
    {
        return Optional.ofNullable(COUNTED_MEASURE.get(cube));
    }

    /** The threshold in the unit of the cube's counted measure (person-days for person_years). */
    public long thresholdFor(String cube)
    {
        int persons = threshold();
        return "person_years".equals(cube) ? (long) Math.ceil(persons * DAYS_PER_PERSON_YEAR) : persons;
    }

    /**
     * Suppressed finest cells of a table, row-major over the finest codes of each classification.
     *
     * @param context what makes two tables share patterns: cube, reference period, geography (the version is
     *                passed separately so that old versions' patterns can be dropped)
     */
    public BitSet protect(String version, String context, String cube, List<Classification> classifications, long[] finestValues)
    {
        long limit = thresholdFor(cube);
        dropOtherVersions(version);
        Map<String, List<List<String>>> store = patternsByVersion.computeIfAbsent(version, v -> new ConcurrentHashMap<>());
        HierarchicalTable table = new HierarchicalTable(classifications, finestValues);
        BitSet all = new TableProtector(limit).protect(table, PatternMemo.scoped(store, context + "|t=" + limit));
        BitSet finest = new BitSet(finestValues.length);
        int k = classifications.size();
        int[] position = new int[k];
        for (int i = 0; i < finestValues.length; i++) {
            if (all.get(table.finestCell(position))) {
                finest.set(i);
            }
            for (int d = k - 1; d >= 0; d--) {
                if (++position[d] < classifications.get(d).finest().codes().size()) {
                    break;
                }
                position[d] = 0;
            }
        }
        return finest;
    }

    private void dropOtherVersions(String version)
    {
        if (patternsByVersion.size() > 1 || (patternsByVersion.size() == 1 && !patternsByVersion.containsKey(version))) {
            patternsByVersion.keySet().removeIf(key -> !key.equals(version));
        }
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
