package vn.dancu.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.dancu.api.error.ApiException;
import vn.dancu.api.access.Caller;
import vn.dancu.api.access.Role;
import vn.dancu.api.audit.CommandAudit;
import vn.dancu.api.disclosure.DisclosureControl;
import vn.dancu.api.settings.SettingsStore;
import vn.dancu.api.state.StateDatabase;
import vn.dancu.api.cube.PublishedCubes;
import vn.dancu.api.query.QueryService;
import vn.dancu.api.report.Report;
import vn.dancu.api.report.ReportFiles;
import vn.dancu.api.report.ReportQueries;
import vn.dancu.api.report.ReportRequest;
import vn.dancu.api.report.ReportService;
import vn.dancu.datasets.geo.Area;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.publish.DataLayout;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write the standard tables of a monthly or annual district population report (XLSX, PDF or CSV) from the published cubes,",
                "the same figures the API serves: population by unit, sex, age group and ethnicity; households; births, deaths,",
                "moves and crude rates against a year before; Decision 06 identity coverage; data quality.",
                "Each report is appended to the server's audit log (DATA/server/audit) with your operating-system user before it is written."})
public final class ReportCommand implements Callable<Integer>
{
    @Mixin
    DataOption data;

    @Mixin
    StateOptions state;

    @Option(names = "--kind", paramLabel = "KIND", required = true, description = "monthly or annual")
    String kind;

    @Option(names = "--period", paramLabel = "PERIOD", required = true, description = "The month (yyyy-MM, e.g. 2026-10) or the year (yyyy)")
    String period;

    @Option(names = "--geo", paramLabel = "GEO", defaultValue = "2025",
            description = "2025: the units of 01/07/2025 (older figures recast); asof: the units in force at each date. Default: ${DEFAULT-VALUE}")
    String geography;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "xlsx", description = "xlsx, pdf or csv. Default: ${DEFAULT-VALUE}")
    String format;

    @Option(names = "--lang", paramLabel = "LANG", defaultValue = "vi", description = "vi or en. Default: ${DEFAULT-VALUE}")
    String language;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write it. Default: dancu-report-<kind>-<period>-<geo>.<format> here")
    Path output;

    @Option(names = "--audit-dir", paramLabel = "DIR", description = "The audit log's folder. Default: DATA/server/audit")
    Path auditDirectory;

    @Override
    public Integer call() throws IOException
    {
        run(data.layout(), state, kind, period, geography, format, language, output, auditDirectory, System.out);
        return 0;
    }

    /** Builds the report, audits it (the outcome and the cells of its tables), then writes it; a report that cannot be audited is not written. */
    static Path run(DataLayout layout, String kind, String period, String geography, String format, String language, Path output,
            Path auditDirectory, PrintStream out) throws IOException
    {
        return run(layout, StateOptions.defaults(), kind, period, geography, format, language, output, auditDirectory, out);
    }

    /** As above, with the settings (the suppression threshold) read from the state database that {@code state} names. */
    static Path run(DataLayout layout, StateOptions state, String kind, String period, String geography, String format, String language, Path output,
            Path auditDirectory, PrintStream out) throws IOException
    {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        parameters.put("kind", List.of(kind));
        parameters.put("period", List.of(period));
        parameters.put("geo", List.of(geography));
        parameters.put("format", List.of(format));
        parameters.put("lang", List.of(language));
        Path cubes = Path.of(layout.cubes());
        if (!Files.exists(cubes.resolve(DataLayout.POINTER))) {
            throw new Dancu.CommandFailure("no published cubes in " + cubes + ": run ./dancu build (or ./dancu demo --no-serve --data "
                    + layout.root() + ")", 2);
        }
        String options = "kind=" + kind + "&period=" + period + "&geo=" + geography + "&format=" + format + "&lang=" + language;
        try (CommandAudit audit = SqlCommand.openAudit(layout, auditDirectory)) {
            Report report;
            ReportRequest request;
            try {
                request = ReportRequest.parse(parameters);
                PublishedCubes published = new PublishedCubes(layout, CubeCatalog.builtIn(), 256L << 20);
                // The threshold the server applies now, read once (the report is built with it and the database closed).
                int threshold;
                try (StateDatabase database = state.open(layout)) {
                    threshold = new SettingsStore(database).current().suppressionThreshold();
                }
                QueryService queries = new QueryService(published, Area.parse(published.manifest().area()), new DisclosureControl(() -> threshold));
                // The operator of the data folder gets the leader's report: disclosure-controlled, with data quality.
                Caller operator = new Caller("report-command", Role.LEADER, Set.of(), "command");
                report = new ReportService(queries, ReportQueries.of(queries), Clock.systemUTC()).build(operator, request);
            }
            catch (ApiException e) {
                audited(audit, options, e.status() == 400 ? "bad_request" : "failed", 0, e.getMessage(), null);
                throw new Dancu.CommandFailure(e.getMessage().replace("invalid parameter '", "invalid value for option '--"), e.status() == 400 ? 2 : 1);
            }
            catch (RuntimeException e) {
                audited(audit, options, "failed", 0, String.valueOf(e.getMessage()), null);
                throw e;
            }
            Path file = output == null ? Path.of(request.fileName()) : output;
            long cells = report.tables().stream().mapToLong(table -> (long) table.rows().size() * table.header().size()).sum();
            audited(audit, options, "ok", cells, report.tables().size() + " tables → " + file.toAbsolutePath(), report.version());
            Files.write(file, ReportFiles.write(report, request.format()));
            out.printf("report: %s, %d tables, cube version %s → %s%n", report.title(), report.tables().size(), report.version(), file.toAbsolutePath());
            return file;
        }
    }

    private static void audited(CommandAudit audit, String options, String outcome, long cells, String detail, String version)
    {
        try {
            audit.report(options, outcome, cells, detail, version);
        }
        catch (CommandAudit.Unavailable e) {
            throw new Dancu.CommandFailure(e.getMessage(), 1);
        }
    }
}
