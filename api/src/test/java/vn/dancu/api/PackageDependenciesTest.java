package vn.dancu.api;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The packages of the server depend on one another without a circle, and none depends on the root package (which only
 * wires the server): read from the compiled classes with the JDK's jdeps.
 */
class PackageDependenciesTest
{
    private static final String ROOT = "vn.dancu.api";

    /** Package → the server packages it uses. */
    private static Map<String, Set<String>> dependencies() throws Exception
    {
        Path classes = Path.of(ApiServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "-verbose:package", "-filter:none", classes.toString());
        assertEquals(0, status, out.toString());
        Map<String, Set<String>> uses = new TreeMap<>();
        for (String line : out.toString().lines().toList()) {
            String[] words = line.strip().split("\\s+");
            if (words.length >= 3 && words[1].equals("->") && isServer(words[0]) && isServer(words[2]) && !words[0].equals(words[2])) {
                uses.computeIfAbsent(words[0], key -> new TreeSet<>()).add(words[2]);
            }
        }
        return uses;
    }

    private static boolean isServer(String name)
    {
        return name.equals(ROOT) || name.startsWith(ROOT + ".");
    }

    @Test
    void noServerPackageUsesTheRootPackage() throws Exception
    {
        Map<String, Set<String>> uses = dependencies();
        List<String> users = uses.entrySet().stream().filter(entry -> entry.getValue().contains(ROOT)).map(Map.Entry::getKey).toList();
        assertEquals(List.of(), users);
        // The root wires the controllers: the test would find nothing if jdeps read no dependency.
        assertEquals(true, uses.get(ROOT).contains(ROOT + ".http"), uses.toString());
    }

    @Test
    void theServerPackagesFormNoCircle() throws Exception
    {
        Map<String, Set<String>> uses = dependencies();
        List<List<String>> circles = new ArrayList<>();
        for (String start : uses.keySet()) {
            List<String> path = circle(uses, start, start, new ArrayList<>(List.of(start)), new TreeSet<>());
            if (path != null) {
                circles.add(path);
            }
        }
        assertEquals(List.of(), circles);
    }

    /** A path from {@code from} back to {@code start}, or null. */
    private static List<String> circle(Map<String, Set<String>> uses, String start, String from, List<String> path, Set<String> seen)
    {
        for (String next : uses.getOrDefault(from, Set.of())) {
            if (next.equals(start)) {
                List<String> found = new ArrayList<>(path);
                found.add(start);
                return found;
            }
            if (seen.add(next)) {
                path.add(next);
                List<String> found = circle(uses, start, next, path, seen);
                if (found != null) {
                    return found;
                }
                path.remove(path.size() - 1);
            }
        }
        return null;
    }
}
