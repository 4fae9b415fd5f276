package vn.dancu.api.bench;

import vn.dancu.api.TestServer;
import vn.dancu.api.access.Role;
import vn.dancu.api.disclosure.EnumeratingAttacker;
import vn.dancu.api.disclosure.EnumeratingAttacker.Caller;
import vn.dancu.api.disclosure.EnumeratingAttacker.Figures;
import vn.dancu.api.cube.PublishedCubes;
import vn.dancu.datasets.geo.Area;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.publish.DataLayout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The enumerating attacker ({@link EnumeratingAttacker}) against the cubes published in a data folder: starts the API
 * in this process (accounts in a temporary folder, the data folder's own accounts untouched), downloads every table an
 * anonymous visitor, a leader and the one-commune account of Đăk Kôi may fetch, solves for the withheld cells and
 * prints what it found. Run: {@code ./dancu bench api vn.dancu.api.bench.DisclosureAttackBenchmark --data DIR
 * [--filters] [--exports] [--threads N]}.
 */
public final class DisclosureAttackBenchmark
{
    /** The 2025 commune of the one-commune demo account xa-dakkoi. */
    public static final String DAK_KOI = "23485";

    private DisclosureAttackBenchmark() {}

    public static void main(String[] args) throws Exception
    {
        Path data = null;
        boolean filters = false;
        boolean exports = false;
        int threads = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--filters" -> filters = true;
                case "--exports" -> exports = true;
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; usage: --data DIR [--filters] [--exports] [--threads N]");
            }
        }
        if (data == null) {
            throw new IllegalArgumentException("usage: --data DIR [--filters] [--exports] [--threads N]");
        }
        DataLayout layout = new DataLayout(data.toString());
        Area area = Area.parse(new PublishedCubes(layout, CubeCatalog.builtIn(), 1L << 20).manifest().area());
        Path serverFolder = Files.createTempDirectory("dancu-attack-server");
        long started = System.nanoTime();
        try (TestServer server = TestServer.over(layout, serverFolder, area)) {
            Figures figures = attack(server, area, filters, exports, threads, System.out::println);
            System.out.println(figures.summary());
            System.out.printf("attack took %.0f s%n", (System.nanoTime() - started) / 1e9);
            figures.recoveredExamples().forEach(example -> System.out.println("recovered: " + example));
            figures.inconsistencies().stream().limit(20).forEach(problem -> System.out.println("inconsistent: " + problem));
            figures.serverErrors().stream().limit(20).forEach(problem -> System.out.println("server error: " + problem));
            figures.exportMismatches().stream().limit(20).forEach(problem -> System.out.println("export differs: " + problem));
        }
    }

    /** Runs the attack as anonymous, a leader and the one-commune leader of Đăk Kôi; exact counts from a statistician. */
    public static Figures attack(TestServer server, Area area, boolean filters, boolean exports, int threads, java.util.function.Consumer<String> log)
    {
        List<Caller> callers = List.of(
                new Caller("anonymous", Optional.empty(), Set.of()),
                new Caller("leader", Optional.of("Bearer " + server.token(Role.LEADER)), Set.of()),
                new Caller("xa-dakkoi", Optional.of("Bearer " + server.scopedToken(Role.LEADER, Set.of(DAK_KOI))), Set.of(DAK_KOI)));
        Caller exact = new Caller("statistician", Optional.of("Bearer " + server.token(Role.STATISTICIAN)), Set.of());
        return new EnumeratingAttacker(server.url(""), callers, exact, area, exports, filters, threads, log).attack();
    }
}
