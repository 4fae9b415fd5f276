package vn.dancu.api.disclosure;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One dimension of a protected table as a hierarchy of levels, finest first, ending with the single-code total:
 * communes within provinces within the area; single ages within 5-year bands within broad groups within all ages;
 * the codes of a category within their total. Every code of a level has exactly one parent in the next level.
 *
 * @param name   the dimension's query name
 * @param levels finest first; the last level has one code, the total
 */
public record Classification(String name, List<Level> levels)
{
    public static final String TOTAL = "_T";

    public Classification
    {
        requireNonNull(name, "name is null");
        levels = List.copyOf(requireNonNull(levels, "levels is null"));
        if (levels.isEmpty() || levels.get(levels.size() - 1).codes().size() != 1) {
            throw new IllegalArgumentException("classification " + name + " must end with a level holding only the total");
        }
        for (int l = 0; l < levels.size() - 1; l++) {
            Level level = levels.get(l);
            if (level.parents() == null || level.parents().length != level.codes().size()) {
                throw new IllegalArgumentException("level " + level.name() + " of " + name + " needs one parent per code");
            }
            for (int parent : level.parents()) {
                if (parent < 0 || parent >= levels.get(l + 1).codes().size()) {
                    throw new IllegalArgumentException("level " + level.name() + " of " + name + " has a parent outside the next level");
                }
            }
        }
    }

    /** A flat classification: the codes and their total. */
    public static Classification flat(String name, List<String> codes)
    {
        return new Classification(name, List.of(new Level(name, codes, new int[codes.size()]), Level.total()));
    }

    /**
     * A classification from its finest codes and, for each coarser level, a function naming the parent code of a code
     * of the level below.
     */
    public static Classification nested(String name, List<String> levelNames, List<String> finest, List<java.util.function.Function<String, String>> parentOf)
    {
        if (levelNames.size() != parentOf.size() + 1) {
            throw new IllegalArgumentException("one level name per level, " + levelNames + ", and one parent function between levels");
        }
        List<Level> levels = new ArrayList<>();
        List<String> codes = List.copyOf(finest);
        for (int l = 0; l < parentOf.size(); l++) {
            List<String> parents = new ArrayList<>();
            int[] parentIndex = new int[codes.size()];
            for (int i = 0; i < codes.size(); i++) {
                String parent = requireNonNull(parentOf.get(l).apply(codes.get(i)), "no parent for " + codes.get(i));
                int index = parents.indexOf(parent);
                if (index < 0) {
                    parents.add(parent);
                    index = parents.size() - 1;
                }
                parentIndex[i] = index;
            }
            levels.add(new Level(levelNames.get(l), codes, parentIndex));
            codes = parents;
        }
        levels.add(new Level(levelNames.get(levelNames.size() - 1), codes, new int[codes.size()]));
        List<Level> all = new ArrayList<>(levels);
        all.add(Level.total());
        return new Classification(name, all);
    }

    public Level finest()
    {
        return levels.get(0);
    }

    /** The same classification from level {@code from} upwards (for a table asked at a coarser level). */
    public Classification from(int from)
    {
        return new Classification(name, levels.subList(from, levels.size()));
    }

    /**
     * One level of a classification.
     *
     * @param parents index of each code's parent in the next level; null for the total level
     */
    public record Level(String name, List<String> codes, int[] parents)
    {
        public Level
        {
            requireNonNull(name, "name is null");
            codes = List.copyOf(requireNonNull(codes, "codes is null"));
            if (codes.isEmpty()) {
                throw new IllegalArgumentException("level " + name + " has no code");
            }
            parents = parents == null ? null : parents.clone();
        }

        public static Level total()
        {
            return new Level("total", List.of(TOTAL), null);
        }
    }
}
