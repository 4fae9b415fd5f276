package vn.dancu.model.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import vn.dancu.model.cube.CubeCatalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What one published version of the cubes holds: written last into {@code cubes/versions/<versionId>/}, before
 * the {@code CURRENT} pointer is switched to it. A reader trusts only versions that have a manifest.
 *
 * @param snapshotId   the curated snapshot the cubes were built from
 * @param extractDate  the reference date of that snapshot (the last day covered)
 * @param previousVersion the version this one was built incrementally from, or null for a full build
 */
public record CubeManifest(
        String versionId,
        Instant builtAt,
        String engineVersion,
        String snapshotId,
        LocalDate extractDate,
        String area,
        String previousVersion,
        List<CubeEntry> cubes)
{
    public static final String FILE_NAME = "manifest.json";

    public CubeManifest
    {
        requireNonNull(versionId, "versionId is null");
        requireNonNull(builtAt, "builtAt is null");
        requireNonNull(engineVersion, "engineVersion is null");
        requireNonNull(snapshotId, "snapshotId is null");
        requireNonNull(extractDate, "extractDate is null");
        requireNonNull(area, "area is null");
        cubes = List.copyOf(requireNonNull(cubes, "cubes is null"));
    }

    public Optional<CubeEntry> cube(String name)
    {
        return cubes.stream().filter(cube -> cube.name().equals(name)).findFirst();
    }

    public static ObjectMapper json()
    {
        return CubeCatalog.json()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    public static CubeManifest read(InputStream in) throws IOException
    {
        return json().readValue(in, CubeManifest.class);
    }

    public void write(OutputStream out) throws IOException
    {
        json().writeValue(out, this);
    }
}
