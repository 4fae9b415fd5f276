package vn.dancu.engine.ingest;

import vn.dancu.model.publish.DataLayout;

import static java.util.Objects.requireNonNull;

/**
 * @param input  folder holding the extract ({@code extract.json}, persons and events files); by default {@code DATA/raw}
 * @param key    the pseudonymisation key (never written anywhere)
 * @param limits the limits of the plausibility gate for this run
 */
public record IngestOptions(DataLayout layout, String input, byte[] key, PlausibilityLimits limits)
{
    public IngestOptions
    {
        requireNonNull(layout, "layout is null");
        requireNonNull(input, "input is null");
        requireNonNull(key, "key is null");
        requireNonNull(limits, "limits is null");
    }

    /** A run with the default limits of the plausibility gate. */
    public IngestOptions(DataLayout layout, String input, byte[] key)
    {
        this(layout, input, key, PlausibilityLimits.DEFAULTS);
    }
}
