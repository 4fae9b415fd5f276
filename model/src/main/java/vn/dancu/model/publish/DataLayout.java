package vn.dancu.model.publish;

import static java.util.Objects.requireNonNull;

/**
 * Where each stage lives in a data folder (see docs/architecture.md). Paths are strings so that the same layout
 * serves a local folder, {@code hdfs://} and {@code s3a://}.
 */
public record DataLayout(String root)
{
    public static final String POINTER = "CURRENT";

    public DataLayout
    {
        requireNonNull(root, "root is null");
        while (root.length() > 1 && root.endsWith("/")) {
            root = root.substring(0, root.length() - 1);
        }
    }

    public String raw()
    {
        return root + "/raw";
    }

    public String curated()
    {
        return root + "/curated";
    }

    public String curatedPointer()
    {
        return curated() + "/" + POINTER;
    }

    public String snapshot(String snapshotId)
    {
        return curated() + "/snapshots/" + snapshotId;
    }

    public String snapshotTable(String snapshotId, String table)
    {
        return snapshot(snapshotId) + "/" + table;
    }

    public String quarantine(String snapshotId)
    {
        return root + "/quarantine/" + snapshotId;
    }

    public String cubes()
    {
        return root + "/cubes";
    }

    public String cubesPointer()
    {
        return cubes() + "/" + POINTER;
    }

    public String version(String versionId)
    {
        return cubes() + "/versions/" + versionId;
    }

    /** Relative to {@link #cubes()}: the folder of one partition of one cuboid in a version. */
    public static String partitionPath(String versionId, String cube, String cuboid, String refDate)
    {
        return "versions/" + versionId + "/" + cube + "/cuboid=" + cuboid + "/ref_date=" + refDate;
    }

    public String server()
    {
        return root + "/server";
    }

    public String keys()
    {
        return root + "/keys";
    }
}
