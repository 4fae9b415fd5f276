package vn.dancu.cli;

import io.javalin.Javalin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.dancu.api.ApiConfig;
import vn.dancu.api.ApiServer;
import vn.dancu.api.cube.PublishedCubes;
import vn.dancu.api.query.QueryService;
import vn.dancu.datasets.geo.Area;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.publish.DataLayout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the dashboard and the API from the published cubes (no Spark for dashboard queries).")
public final class ServeCommand implements Callable<Integer>
{
    @Mixin
    DataOption data;

    @Option(names = "--port", paramLabel = "P", defaultValue = "7070", description = "HTTP port. Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--web-dir", paramLabel = "DIR", description = "Serve the dashboard from this folder instead of the built-in copy (to edit it live)")
    Path webDirectory;

    @Override
    public Integer call() throws InterruptedException
    {
        Javalin server = start(data.layout(), port, webDirectory);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    static Javalin start(DataLayout layout, int port, Path webDirectory)
    {
        if (port < 0 || port > 65535) {
            throw new Dancu.CommandFailure("--port must be between 0 and 65535, was " + port, 2);
        }
        Path cubes = Path.of(layout.cubes());
        if (!Files.exists(cubes.resolve(DataLayout.POINTER))) {
            throw new Dancu.CommandFailure("no published cubes in " + cubes + ": create them with ./dancu build (after ./dancu generate"
                    + " and ./dancu ingest), or run ./dancu demo --data " + Path.of(layout.root()), 2);
        }
        PublishedCubes published = new PublishedCubes(layout, CubeCatalog.builtIn(), 512L << 20);
        Area area = Area.parse(published.manifest().area());
        Javalin server = ApiServer.create(new ApiServer.Dependencies(new QueryService(published, area)), new ApiConfig(port, webDirectory));
        server.start(port);
        System.out.println("serving at http://localhost:" + server.port() + "/");
        return server;
    }
}
