package vn.dancu.sql;

import vn.dancu.model.sql.SqlResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Hides the server's file system from what the SQL engine answers: EXPLAIN's file scans, Spark's error messages
 * ({@code Location: InMemoryFileIndex[file:/srv/…]}, {@code File file:/srv/… does not exist}). The data folder becomes
 * {@code <data>}; the engine's scratch folder, the temporary folder, the home and working folders and the Java
 * installation become {@code <server>}; any other {@code file:} URI becomes {@code file:<server path>}. Messages, which
 * are Spark's text and never data, also lose any other absolute path of two or more parts.
 */
public final class PathScrubber
{
    public static final String DATA = "<data>";
    public static final String SERVER = "<server>";
    public static final String SERVER_PATH = "<server path>";

    private static final Pattern FILE_URI = Pattern.compile("file:/[^\\s,;\\]\\[)(\"'`<>]*");
    /** Two or more parts, each ending in a letter, digit or sign, so that a sentence's full stop stays outside. */
    private static final Pattern ABSOLUTE_PATH = Pattern.compile("(?<![\\w.:/<>-])/[\\w.@%+=~-]*[\\w@%+=~-](?:/[\\w.@%+=~-]*[\\w@%+=~-])+/?");

    private final Map<String, String> roots;

    /**
     * @param data   the data folder
     * @param others other folders of the server to hide (scratch, temporary, home, working folder, Java home)
     */
    public PathScrubber(Path data, List<Path> others)
    {
        requireNonNull(data, "data is null");
        Map<String, String> found = new LinkedHashMap<>();
        for (String form : forms(data)) {
            found.put(form, DATA);
        }
        for (Path other : others) {
            for (String form : forms(other)) {
                found.putIfAbsent(form, SERVER);
            }
        }
        List<String> longestFirst = new ArrayList<>(found.keySet());
        longestFirst.sort(Comparator.comparingInt(String::length).reversed());
        Map<String, String> ordered = new LinkedHashMap<>();
        longestFirst.forEach(root -> ordered.put(root, found.get(root)));
        this.roots = ordered;
    }

    /**
     * For the engine's process: its data folder, and its scratch folder, the temporary folder it was started with and
     * the home, working and Java folders of its JVM.
     */
    public static PathScrubber forProcess(Path data, List<Path> folders)
    {
        List<Path> others = new ArrayList<>(folders);
        for (String property : List.of("java.io.tmpdir", "user.home", "user.dir", "java.home")) {
            String value = System.getProperty(property);
            if (value != null && !value.isBlank() && !value.equals("/")) {
                others.add(Path.of(value));
            }
        }
        return new PathScrubber(data, others);
    }

    /** The written forms of a folder: absolute, real (links resolved), each also as a {@code file:} URI. */
    private static Set<String> forms(Path folder)
    {
        Set<String> forms = new LinkedHashSet<>();
        Path absolute = folder.toAbsolutePath().normalize();
        List<Path> paths = new ArrayList<>(List.of(absolute));
        try {
            if (Files.exists(absolute)) {
                paths.add(absolute.toRealPath());
            }
        }
        catch (java.io.IOException e) {
            // the absolute form is enough
        }
        for (Path path : paths) {
            String text = path.toString();
            if (text.equals("/") || text.isEmpty()) {
                continue;
            }
            forms.add("file://" + text);
            forms.add("file:" + text);
            forms.add(text);
        }
        return forms;
    }

    /** A value of a result: the known folders and {@code file:} URIs hidden. */
    public String value(String text)
    {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String scrubbed = text;
        for (Map.Entry<String, String> root : roots.entrySet()) {
            if (scrubbed.contains(root.getKey())) {
                scrubbed = scrubbed.replace(root.getKey(), root.getValue());
            }
        }
        if (scrubbed.contains("file:/")) {
            scrubbed = FILE_URI.matcher(scrubbed).replaceAll(Matcher.quoteReplacement("file:" + SERVER_PATH));
        }
        return scrubbed;
    }

    /** A message (Spark's text): as {@link #value}, and any other absolute path hidden too. */
    public String message(String text)
    {
        String scrubbed = value(text);
        return scrubbed == null ? null : ABSOLUTE_PATH.matcher(scrubbed).replaceAll(Matcher.quoteReplacement(SERVER_PATH));
    }

    /** A result with every text value (in lists and maps too) scrubbed. */
    public SqlResult result(SqlResult result)
    {
        List<List<Object>> rows = new ArrayList<>(result.rows().size());
        boolean changed = false;
        for (List<Object> row : result.rows()) {
            List<Object> scrubbed = new ArrayList<>(row.size());
            for (Object value : row) {
                Object clean = scrub(value);
                changed |= clean != value;
                scrubbed.add(clean);
            }
            rows.add(java.util.Collections.unmodifiableList(scrubbed));
        }
        return changed ? new SqlResult(result.columns(), rows, result.truncation(), result.rowLimit(), result.byteLimit(), result.elapsed()) : result;
    }

    private Object scrub(Object value)
    {
        if (value instanceof String text) {
            String clean = value(text);
            return clean.equals(text) ? text : clean;
        }
        if (value instanceof List<?> list) {
            List<Object> clean = new ArrayList<>(list.size());
            boolean changed = false;
            for (Object item : list) {
                Object scrubbed = scrub(item);
                changed |= scrubbed != item;
                clean.add(scrubbed);
            }
            return changed ? clean : value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> clean = new LinkedHashMap<>();
            boolean changed = false;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Object key = scrub(entry.getKey());
                Object item = scrub(entry.getValue());
                changed |= key != entry.getKey() || item != entry.getValue();
                clean.put(key, item);
            }
            return changed ? clean : value;
        }
        return value;
    }
}
