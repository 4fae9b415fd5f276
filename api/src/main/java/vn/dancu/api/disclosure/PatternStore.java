package vn.dancu.api.disclosure;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where computed suppression patterns are kept across restarts, so that a server started again on the same cube
 * version answers its first visitors at once instead of computing every block again (minutes on a small machine).
 * A pattern is kept under the hash of its key (version, threshold, block) and of the protection code itself
 * ({@link #CODE}: the classes that compute patterns), so that a pattern computed by another release of that code, at
 * another threshold or for another version is never read back. A file that cannot be read is ignored (the pattern is
 * computed again); the patterns of other versions are deleted when a new version's pattern is saved.
 */
public interface PatternStore
{
    Optional<SuppressionPattern> load(String version, String key);

    void save(String version, String key, SuppressionPattern pattern);

    /** Keeps nothing (tests, benchmarks, the report command). */
    PatternStore NONE = new PatternStore()
    {
        @Override
        public Optional<SuppressionPattern> load(String version, String key)
        {
            return Optional.empty();
        }

        @Override
        public void save(String version, String key, SuppressionPattern pattern) {}
    };

    /** The classes whose code decides a pattern: a change to any of them is another protection. */
    List<String> CODE = List.of("vn/dancu/api/disclosure/GaussSuppression.class", "vn/dancu/api/disclosure/EchelonSystem.class",
            "vn/dancu/api/disclosure/LinkedTable.class", "vn/dancu/api/disclosure/SuppressionPattern.class",
            "vn/dancu/api/query/LinkedTableReader.class", "vn/dancu/api/query/ProtectionBlock.class", "vn/dancu/api/query/ProtectedShape.class");

    /** Patterns as files in a folder of the server's own (never published): {@code <folder>/<version>/<hash>.pattern}. */
    static PatternStore inFolder(Path folder)
    {
        return new FolderPatternStore(folder);
    }
}
