package vn.dancu.engine.ingest;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options of the plausibility gate on the command line, shared by {@code ./dancu ingest} and
 * {@code EngineMain ingest} (a picocli mixin), so that both take the same options with the same help
 * (docs/ingest.md, "The plausibility gate").
 */
public final class PlausibilityArguments
{
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--accept-drop",
            description = "Publish the snapshot even though the population, a commune's population or the share of accepted records changed"
                    + " beyond the limits against the current snapshot (the change is recorded in the report)")
    boolean acceptDrop;

    @Option(names = "--max-population-change", paramLabel = "PCT", defaultValue = "3",
            description = "Largest change (either way, in percent) of the residents at the extract date against the current snapshot."
                    + " Default: ${DEFAULT-VALUE}")
    double maxPopulationChange;

    @Option(names = "--max-commune-change", paramLabel = "PCT", defaultValue = "10",
            description = "Largest change (in percent) of one commune's residents against the current snapshot; changes of at most "
                    + PlausibilityLimits.DEFAULT_COMMUNE_CHANGE_FLOOR + " persons always pass. Default: ${DEFAULT-VALUE}")
    double maxCommuneChange;

    @Option(names = "--max-accepted-share-drop", paramLabel = "POINTS", defaultValue = "5",
            description = "Largest fall (in percentage points) of the share of person or event records accepted, against the current"
                    + " snapshot. Default: ${DEFAULT-VALUE}")
    double maxAcceptedShareDrop;

    @Option(names = "--min-accepted-share", paramLabel = "PCT", defaultValue = "40",
            description = "Floor of the share of person (and of event) records accepted, for every snapshot, the first one included."
                    + " Default: ${DEFAULT-VALUE}")
    double minAcceptedShare;

    public PlausibilityLimits limits()
    {
        percent("--min-accepted-share", minAcceptedShare, 100);
        percent("--max-accepted-share-drop", maxAcceptedShareDrop, 100);
        percent("--max-population-change", maxPopulationChange, Double.MAX_VALUE);
        percent("--max-commune-change", maxCommuneChange, Double.MAX_VALUE);
        return new PlausibilityLimits(minAcceptedShare, maxAcceptedShareDrop, maxPopulationChange, maxCommuneChange,
                PlausibilityLimits.DEFAULT_COMMUNE_CHANGE_FLOOR, acceptDrop);
    }

    private void percent(String option, double value, double highest)
    {
        if (Double.isNaN(value) || value < 0 || value > highest) {
            throw new CommandLine.ParameterException(spec.commandLine(), String.format(java.util.Locale.ROOT, "%s must be %s, was %s", option,
                    highest == 100 ? "between 0 and 100" : "0 or more", String.valueOf(value)));
        }
    }
}
