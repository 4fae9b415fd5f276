package vn.dancu.cli;

import picocli.CommandLine.Option;
import vn.dancu.model.publish.DataLayout;

import java.nio.file.Path;

/** The {@code --data DIR} option every subcommand takes. */
public final class DataOption
{
    @Option(names = "--data", paramLabel = "DIR", defaultValue = "./data",
            description = "Data folder holding the run's stages side by side (raw/, curated/, quarantine/, cubes/). Default: ${DEFAULT-VALUE}")
    String data;

    public DataLayout layout()
    {
        if (data.contains("://")) {
            return new DataLayout(data);
        }
        return new DataLayout(Path.of(data).toAbsolutePath().normalize().toString());
    }

    public Path localPath()
    {
        return Path.of(data).toAbsolutePath().normalize();
    }
}
