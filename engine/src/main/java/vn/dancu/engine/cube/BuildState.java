package vn.dancu.engine.cube;

import com.fasterxml.jackson.core.JsonProcessingException;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.publish.CubeManifest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * What an incremental build needs to know of the version it starts from, written beside the manifest
 * ({@code versions/<id>/build-state.json}): the engine and code lists it was built with, the snapshot's period, and
 * per fact source the monthly digests of the change points up to the period end ({@link ChangeDigests}).
 *
 * @param sources source name → month ({@code yyyy-MM}) → digest
 */
public record BuildState(
        String engineVersion,
        String codeListsSha256,
        String snapshotId,
        String area,
        LocalDate periodStart,
        LocalDate periodEnd,
        Map<String, Map<String, ChangeDigests.Digest>> sources)
{
    public static final String FILE_NAME = "build-state.json";

    public BuildState
    {
        requireNonNull(engineVersion, "engineVersion is null");
        requireNonNull(codeListsSha256, "codeListsSha256 is null");
        requireNonNull(snapshotId, "snapshotId is null");
        requireNonNull(area, "area is null");
        requireNonNull(periodStart, "periodStart is null");
        requireNonNull(periodEnd, "periodEnd is null");
        Map<String, Map<String, ChangeDigests.Digest>> copy = new LinkedHashMap<>();
        requireNonNull(sources, "sources is null").forEach((source, months) -> copy.put(source, Map.copyOf(months)));
        sources = java.util.Collections.unmodifiableMap(copy);
    }

    public static Map<String, ChangeDigests.Digest> byMonthText(SortedMap<YearMonth, ChangeDigests.Digest> digests)
    {
        Map<String, ChangeDigests.Digest> text = new LinkedHashMap<>();
        digests.forEach((month, digest) -> text.put(month.toString(), digest));
        return text;
    }

    /** The digests of a source by month, or null when this state has none for it. */
    public SortedMap<YearMonth, ChangeDigests.Digest> digests(String source)
    {
        Map<String, ChangeDigests.Digest> months = sources.get(source);
        if (months == null) {
            return null;
        }
        SortedMap<YearMonth, ChangeDigests.Digest> sorted = new TreeMap<>();
        months.forEach((month, digest) -> sorted.put(YearMonth.parse(month), digest));
        return sorted;
    }

    /** The SHA-256 of the code lists on the classpath: a build with other code lists cannot reuse partitions. */
    public static String currentCodeListsSha256()
    {
        try (InputStream in = BuildState.class.getResourceAsStream("/codes/code-lists.json")) {
            if (in == null) {
                throw new IllegalStateException("/codes/code-lists.json is missing from the classpath");
            }
            return CubeCatalog.sha256(in.readAllBytes());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String toJson()
    {
        try {
            return CubeManifest.json().writeValueAsString(this);
        }
        catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static BuildState parse(String json)
    {
        try {
            return CubeManifest.json().readValue(json, BuildState.class);
        }
        catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot read " + FILE_NAME, e);
        }
    }
}
