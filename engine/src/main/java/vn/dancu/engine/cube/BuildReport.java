package vn.dancu.engine.cube;

import vn.dancu.model.publish.CubeEntry;
import vn.dancu.model.publish.CubeManifest;
import vn.dancu.model.publish.CuboidEntry;

import java.time.LocalDate;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What a build did.
 *
 * @param cubes            per cube built, what was recomputed and what was kept
 * @param removedVersions  version folders deleted: remains of killed builds, and versions past the retention
 */
public record BuildReport(CubeManifest manifest, List<CubeBuild> cubes, List<String> removedVersions)
{
    public BuildReport
    {
        requireNonNull(manifest, "manifest is null");
        cubes = List.copyOf(cubes);
        removedVersions = List.copyOf(removedVersions);
    }

    /** A summary for the console: the version published, then per cube what was recomputed and what was kept. */
    public String summary(double seconds)
    {
        StringBuilder text = new StringBuilder(String.format("build: published version %s from snapshot %s in %.1f s%n",
                manifest.versionId(), manifest.snapshotId(), seconds));
        for (CubeBuild build : cubes) {
            CubeEntry cube = manifest.cube(build.cube()).orElseThrow();
            long rows = cube.cuboids().stream().mapToLong(CuboidEntry::rows).sum();
            text.append(String.format("  %-21s %2d cuboids, %,11d rows, %3d dates; wrote %,d partitions from %s in %.1f + %.1f s, kept %,d (%s)%n",
                    cube.name(), cube.cuboids().size(), rows, cube.refDates().size(), build.partitionsWritten(), build.rebuiltFrom(),
                    build.writeSeconds(), build.describeSeconds(), build.partitionsReused(), build.reason()));
        }
        if (!removedVersions.isEmpty()) {
            text.append(String.format("  removed versions: %s%n", String.join(", ", removedVersions)));
        }
        return text.toString();
    }

    /**
     * @param rebuiltFrom        first day of the first period recomputed (the period start for a full build)
     * @param reason             why the cube was rebuilt from there
     * @param partitionsWritten  partitions written by this build
     * @param partitionsReused   partitions kept from earlier versions
     * @param writeSeconds       time to compute and write the partitions
     * @param describeSeconds    time to read back their row counts and checksums for the manifest
     */
    public record CubeBuild(String cube, LocalDate rebuiltFrom, String reason, int partitionsWritten, int partitionsReused,
            double writeSeconds, double describeSeconds) {}
}
