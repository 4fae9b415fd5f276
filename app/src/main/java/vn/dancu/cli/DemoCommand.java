package vn.dancu.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.dancu.datasets.synthetic.GeneratorOptions;
import vn.dancu.datasets.synthetic.RegisterFormat;
import vn.dancu.engine.SparkSessions;
import vn.dancu.engine.cube.BuildOptions;
import vn.dancu.model.publish.DataLayout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Generate a synthetic register of the Kon Rẫy area, ingest it, build the cubes and serve the dashboard.",
                "A second run reuses what is already built, unless --fresh is given."})
public final class DemoCommand implements Callable<Integer>
{
    @Mixin
    DataOption data;

    @Option(names = "--persons", paramLabel = "N", description = "About N residents at the end of the period. Default: the calibrated Kon Rẫy size (about 31,000 in 2022)")
    Long persons;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed of the register. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--port", paramLabel = "P", defaultValue = "7070", description = "HTTP port. Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--fresh", description = "Delete the data folder's raw/, curated/, quarantine/ and cubes/ and start again")
    boolean fresh;

    @Option(names = "--no-serve", description = "Stop after the build instead of serving (for scripts and tests)")
    boolean noServe;

    @Mixin
    ServeOptions serve;

    @Mixin
    SqlServerOptions sql;

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        Path root = data.localPath();
        DataLayout layout = data.layout();
        if (fresh) {
            for (String stage : List.of("raw", "curated", "quarantine", "cubes")) {
                deleteRecursively(root.resolve(stage));
            }
        }
        GeneratorOptions wanted = GenerateCommand.options(root, persons, seed, "konray", RegisterFormat.PARQUET, 0, null, null);
        boolean generated = false;
        if (sameRegister(root.resolve("raw/extract.json"), wanted)) {
            System.out.println("demo: reusing the register in " + root.resolve("raw") + " (--fresh to regenerate)");
        }
        else {
            deleteRecursively(root.resolve("raw"));
            GenerateCommand.run(wanted, System.out);
            generated = true;
        }
        Path key = PseudonymKey.demoKey(Path.of(layout.keys()));
        boolean curated = Files.exists(Path.of(layout.curatedPointer()));
        boolean built = Files.exists(Path.of(layout.cubesPointer()));
        if (generated || !curated || !built) {
            SparkSession session = SparkSessions.local("dancu-demo", "local[*]");
            try {
                if (generated || !curated) {
                    IngestCommand.run(session, layout, layout.raw(), PseudonymKey.read(key), System.out);
                }
                else {
                    System.out.println("demo: reusing the curated snapshot in " + layout.curated());
                }
                BuildCommand.run(session, new BuildOptions(layout, null, List.of(), 5, false), System.out);
            }
            finally {
                session.stop();
            }
        }
        else {
            System.out.println("demo: reusing the published cubes in " + layout.cubes());
        }
        if (noServe) {
            return 0;
        }
        Javalin server = ServeCommand.start(layout, port, null, true, sql, serve, System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    /** True when raw/extract.json describes the register these options would generate. */
    private static boolean sameRegister(Path extractJson, GeneratorOptions wanted) throws IOException
    {
        if (!Files.exists(extractJson)) {
            return false;
        }
        JsonNode extract = new ObjectMapper().readTree(extractJson.toFile());
        JsonNode requested = extract.path("persons");
        boolean samePersons = wanted.persons() == null ? requested.isNull() || requested.isMissingNode() : requested.asLong() == wanted.persons();
        return samePersons
                && extract.path("seed").asLong(-1) == wanted.seed()
                && wanted.periodEnd().toString().equals(extract.path("periodEnd").asText())
                && wanted.area().toString().equals(extract.path("area").asText());
    }

    static void deleteRecursively(Path folder) throws IOException
    {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
