package vn.dancu.engine.cube;

import vn.dancu.model.publish.DataLayout;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * @param snapshotId   the curated snapshot to build from; null = the current one
 * @param cubes        cube names to build; empty = every cube of the catalogue
 * @param keepVersions how many published versions to keep (older ones are deleted after a successful publish,
 *                     except folders a kept version still reads partitions from)
 * @param full         rebuild every partition even when the current version allows an incremental build
 */
public record BuildOptions(DataLayout layout, String snapshotId, List<String> cubes, int keepVersions, boolean full)
{
    public BuildOptions
    {
        requireNonNull(layout, "layout is null");
        cubes = List.copyOf(requireNonNull(cubes, "cubes is null"));
        if (keepVersions < 1) {
            throw new IllegalArgumentException("keepVersions must be at least 1, was " + keepVersions);
        }
    }

    /** Incremental where possible. */
    public BuildOptions(DataLayout layout, String snapshotId, List<String> cubes, int keepVersions)
    {
        this(layout, snapshotId, cubes, keepVersions, false);
    }
}
