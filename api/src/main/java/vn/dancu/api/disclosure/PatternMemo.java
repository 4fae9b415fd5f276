package vn.dancu.api.disclosure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the suppression pattern of each sub-table (by its dimensions and levels), so that a margin is
 * suppressed the same way in every table that shows it, and so that it is computed once. Keys are scoped by the
 * caller (cube version, reference period, geography, threshold) through {@link #scoped}.
 */
public interface PatternMemo
{
    PatternMemo NONE = new PatternMemo()
    {
        @Override
        public List<List<String>> get(String key)
        {
            return null;
        }

        @Override
        public void put(String key, List<List<String>> pattern) {}
    };

    /** The suppressed interior cells of a sub-table, as code lists, or null when not known yet. */
    List<List<String>> get(String key);

    void put(String key, List<List<String>> pattern);

    /**
     * The key of the sub-table at {@code levels}: dimensions at their total are left out, so that the same margin of
     * tables with different dimensions has the same key.
     */
    static String key(HierarchicalTable table, int[] levels)
    {
        List<String> parts = new ArrayList<>();
        for (int d = 0; d < levels.length; d++) {
            Classification classification = table.dimensions().get(d);
            if (levels[d] == classification.levels().size() - 1) {
                continue;
            }
            Classification.Level level = classification.levels().get(levels[d]);
            parts.add(classification.name() + "=" + level.name());
        }
        parts.sort(String::compareTo);
        return String.join(";", parts);
    }

    /** A memo over a concurrent map, with every key prefixed by {@code scope}. */
    static PatternMemo scoped(Map<String, List<List<String>>> store, String scope)
    {
        return new PatternMemo()
        {
            @Override
            public List<List<String>> get(String key)
            {
                return store.get(scope + "|" + key);
            }

            @Override
            public void put(String key, List<List<String>> pattern)
            {
                store.put(scope + "|" + key, List.copyOf(pattern));
            }
        };
    }

    static Map<String, List<List<String>>> newStore()
    {
        return new ConcurrentHashMap<>();
    }
}
