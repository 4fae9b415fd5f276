package vn.dancu.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.dancu.datasets.geo.Area;
import vn.dancu.datasets.synthetic.GenerationSummary;
import vn.dancu.datasets.synthetic.GeneratorOptions;
import vn.dancu.datasets.synthetic.RegisterFormat;
import vn.dancu.datasets.synthetic.RegisterGenerator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate a synthetic population register (persons + 10 years of events) into DIR/raw.")
public final class GenerateCommand implements Callable<Integer>
{
    @Mixin
    DataOption data;

    @Option(names = "--persons", paramLabel = "N", description = "About N residents at the end of the period. Default: the calibrated size of the area (Kon Rẫy: about 31,000 in 2022)")
    Long persons;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed; the same seed gives byte-identical files. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--area", paramLabel = "AREA", defaultValue = "konray",
            description = "konray (the 7 old units of Kon Rẫy), kontum (the whole province) or national (Kon Tum replicated to --persons). Default: ${DEFAULT-VALUE}")
    String area;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "PARQUET",
            description = "Output format: ${COMPLETION-CANDIDATES} (case-insensitive). Default: ${DEFAULT-VALUE}")
    RegisterFormat format;

    @Option(names = "--bad-rate", paramLabel = "R", defaultValue = "0", description = "Share of records given each kind of realistic fault (0–0.05), listed in raw/faults.csv. Default: ${DEFAULT-VALUE}")
    double badRate;

    @Option(names = "--end", paramLabel = "DATE", description = "Last day of the period (yyyy-MM-dd). Default: the last day of last month")
    LocalDate end;

    @Option(names = "--start", paramLabel = "DATE", description = "First day of the period. Default: 10 years before --end")
    LocalDate start;

    @Override
    public Integer call() throws IOException
    {
        run(options(data.localPath(), persons, seed, area, format, badRate, start, end), System.out);
        return 0;
    }

    static GeneratorOptions options(Path dataFolder, Long persons, long seed, String areaName, RegisterFormat format, double badRate,
            LocalDate start, LocalDate end)
    {
        Area area;
        try {
            area = Area.parse(areaName);
        }
        catch (IllegalArgumentException e) {
            throw new Dancu.CommandFailure("invalid value for option '--area': '" + areaName + "'; allowed: " + String.join(", ", Area.NAMES), 2);
        }
        if (persons != null && persons < 1) {
            throw new Dancu.CommandFailure("invalid value for option '--persons': must be at least 1, was " + persons, 2);
        }
        if (badRate < 0 || badRate > 0.05) {
            throw new Dancu.CommandFailure("invalid value for option '--bad-rate': must be between 0 and 0.05, was " + badRate, 2);
        }
        GeneratorOptions defaults = GeneratorOptions.defaults(dataFolder.resolve("raw"), LocalDate.now());
        LocalDate periodEnd = end == null ? defaults.periodEnd() : end;
        LocalDate periodStart = start == null ? periodEnd.minusYears(10).plusDays(1) : start;
        if (!periodStart.isBefore(periodEnd)) {
            throw new Dancu.CommandFailure("invalid value for option '--start': " + periodStart + " is not before --end " + periodEnd, 2);
        }
        return new GeneratorOptions(dataFolder.resolve("raw"), area, persons, seed, periodStart, periodEnd, format, badRate);
    }

    static GenerationSummary run(GeneratorOptions options, PrintStream out) throws IOException
    {
        GenerationSummary summary = RegisterGenerator.generate(options);
        out.printf("generate: %,d persons (%,d resident on %s), %,d events, %,d injected faults in %.1f s → %s%n",
                summary.persons(), summary.residentsAtEnd(), options.periodEnd(), summary.events(), summary.faults(),
                summary.elapsed().toMillis() / 1000.0, options.outputDir());
        return summary;
    }
}
