package vn.dancu.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import static java.util.Objects.requireNonNull;

/**
 * How to start the SQL engine process, for the composition root that starts it: the Java command with its own heap,
 * {@code -XX:+ExitOnOutOfMemoryError} (an engine out of memory ends, and is restarted, instead of limping on), Spark's
 * JVM flags (from the root pom), the main class and its arguments, under {@code nice} where there is one, so that the
 * server's own threads keep priority on the cores. Touches no Spark class.
 *
 * @param heap     the engine's maximum heap, as {@code -Xmx} takes it ({@code 2g}, {@code 512m})
 * @param nice     the {@code nice} increment (0: none; 19, the lowest priority, by default)
 * @param master   the Spark master ({@code local[2]})
 */
public record SqlEngineLaunch(Path javaExecutable, String heap, int nice, String master)
{
    public static final String MAIN_CLASS = "vn.dancu.sql.SqlEngineMain";
    public static final String DEFAULT_HEAP = "2g";
    public static final int DEFAULT_NICE = 19;

    public SqlEngineLaunch
    {
        requireNonNull(javaExecutable, "javaExecutable is null");
        requireNonNull(heap, "heap is null");
        if (!heap.matches("[1-9][0-9]*[kKmMgG]")) {
            throw new IllegalArgumentException("the heap must be a size such as 2g or 512m, was '" + heap + "'");
        }
        if (nice < 0 || nice > 19) {
            throw new IllegalArgumentException("nice must be from 0 to 19, was " + nice);
        }
        requireNonNull(master, "master is null");
    }

    /** The Java of this JVM, with the given heap, the default nice increment and local[2]. */
    public static SqlEngineLaunch withHeap(String heap)
    {
        return new SqlEngineLaunch(Path.of(System.getProperty("java.home"), "bin", "java"), heap, DEFAULT_NICE, "local[2]");
    }

    /** The command line for a data folder; the class path goes in the environment ({@code CLASSPATH}). */
    public List<String> command(Path data)
    {
        List<String> command = new ArrayList<>();
        Path niceCommand = Path.of("/usr/bin/nice");
        if (nice > 0 && Files.isExecutable(niceCommand)) {
            command.addAll(List.of(niceCommand.toString(), "-n", Integer.toString(nice)));
        }
        command.add(javaExecutable.toString());
        command.add("-Xmx" + heap);
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-XX:-HeapDumpOnOutOfMemoryError");
        command.addAll(sparkJvmFlags());
        command.addAll(List.of("-Duser.timezone=UTC", "-Dfile.encoding=UTF-8", MAIN_CLASS, "--data", data.toAbsolutePath().toString(),
                "--master", master));
        return List.copyOf(command);
    }

    /** This JVM's class path: the engine's classes are on it (the dancu command line carries every module). */
    public static String classPath()
    {
        return System.getProperty("java.class.path");
    }

    /** The JVM flags Spark needs on Java 17, as the root pom's {@code spark.jvm.flags} says them. */
    public static List<String> sparkJvmFlags()
    {
        try (InputStream in = SqlEngineLaunch.class.getResourceAsStream("/dancu-sql/launch.properties")) {
            if (in == null) {
                throw new IllegalStateException("dancu-sql/launch.properties is missing from the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            String flags = properties.getProperty("spark.jvm.flags", "").strip();
            if (flags.isEmpty() || flags.contains("${")) {
                throw new IllegalStateException("dancu-sql/launch.properties has no spark.jvm.flags: build with Maven");
            }
            return Arrays.stream(flags.split("\\s+")).toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
