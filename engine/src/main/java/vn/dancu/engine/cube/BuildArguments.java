package vn.dancu.engine.cube;

import picocli.CommandLine.Option;
import vn.dancu.model.publish.DataLayout;

import java.util.ArrayList;
import java.util.List;

/**
 * The options of a cube build on the command line, shared by {@code ./dancu build} and {@code EngineMain build}
 * (a picocli mixin), so that both take the same options with the same help.
 */
public final class BuildArguments
{
    @Option(names = "--snapshot", paramLabel = "ID", description = "Curated snapshot to build from. Default: the current one")
    String snapshot;

    @Option(names = "--cube", paramLabel = "NAME", split = ",", description = "Cubes to build (comma-separated). Default: all")
    List<String> cubes = new ArrayList<>();

    @Option(names = "--keep", paramLabel = "N", defaultValue = "5", description = "Published versions to keep. Default: ${DEFAULT-VALUE}")
    int keep;

    @Option(names = "--full", description = "Recompute every partition, even those an incremental build would keep from the current version")
    boolean full;

    public BuildOptions options(DataLayout layout)
    {
        return new BuildOptions(layout, snapshot, cubes, keep, full);
    }
}
