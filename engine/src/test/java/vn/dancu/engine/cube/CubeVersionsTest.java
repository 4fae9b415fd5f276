package vn.dancu.engine.cube;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dancu.engine.storage.NioLocalFileSystem;
import vn.dancu.engine.storage.Storage;
import vn.dancu.model.publish.CubeEntry;
import vn.dancu.model.publish.CubeManifest;
import vn.dancu.model.publish.CuboidEntry;
import vn.dancu.model.publish.DataLayout;
import vn.dancu.model.publish.PartitionEntry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CubeVersionsTest
{
    @TempDir
    Path folder;

    private Storage storage()
    {
        Configuration configuration = new Configuration();
        configuration.set("fs.file.impl", NioLocalFileSystem.class.getName());
        configuration.setBoolean("fs.file.impl.disable.cache", true);
        return new Storage(configuration);
    }

    private void publish(CubeVersions versions, String versionId, String partitionVersion)
    {
        String path = DataLayout.partitionPath(partitionVersion, "births", "commune", "2026-09-30");
        CubeManifest manifest = new CubeManifest(versionId, Instant.parse("2026-11-01T00:00:00Z"), "test", "s1", LocalDate.of(2026, 10, 31),
                "konray", null, List.of(new CubeEntry("births", "sha", List.of(new CuboidEntry("commune", List.of("commune"), 1,
                        List.of(new PartitionEntry(LocalDate.of(2026, 9, 30), path, 1, List.of())))))));
        BuildState state = new BuildState("test", "codes", "s1", "konray", LocalDate.of(2024, 11, 1), LocalDate.of(2026, 10, 31), Map.of());
        versions.publish(manifest, state);
    }

    @Test
    void retentionKeepsTheNewestVersionsAndTheFoldersTheyStillReadFrom()
    {
        DataLayout layout = new DataLayout(folder.toString());
        CubeVersions versions = new CubeVersions(storage(), layout);
        publish(versions, "v1", "v1");
        publish(versions, "v2", "v2");
        publish(versions, "v3", "v3");
        publish(versions, "v4", "v1");

        assertEquals(List.of("v2"), versions.retain(2));

        assertTrue(Files.exists(folder.resolve("cubes/versions/v1")), "v1 holds partitions v4 reads");
        assertFalse(Files.exists(folder.resolve("cubes/versions/v2")));
        assertTrue(Files.exists(folder.resolve("cubes/versions/v3")));
        assertEquals("v4", versions.current().orElseThrow().manifest().versionId());
        assertEquals("s1", versions.current().orElseThrow().state().orElseThrow().snapshotId());
    }

    @Test
    void leftoversOfKilledBuildsAreRemovedButNotTheServedVersion() throws Exception
    {
        DataLayout layout = new DataLayout(folder.toString());
        CubeVersions versions = new CubeVersions(storage(), layout);
        publish(versions, "v1", "v1");
        Files.createDirectories(folder.resolve("cubes/versions/v2/births/cuboid=commune"));
        Files.writeString(folder.resolve("cubes/.CURRENT.123.tmp"), "v2\n");

        assertEquals(List.of("v2"), versions.removeLeftovers());

        assertFalse(Files.exists(folder.resolve("cubes/versions/v2")));
        assertFalse(Files.exists(folder.resolve("cubes/.CURRENT.123.tmp")));
        assertTrue(Files.exists(folder.resolve("cubes/versions/v1/manifest.json")));
        assertEquals("v1\n", Files.readString(folder.resolve("cubes/CURRENT")));
    }

    @Test
    void aSecondBuildIsRefusedWhileTheFirstHoldsTheLock()
    {
        DataLayout layout = new DataLayout(folder.toString());
        CubeVersions versions = new CubeVersions(storage(), layout);
        try (CubeVersions.BuildLock held = versions.lock()) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, versions::lock);
            assertTrue(refused.getMessage().startsWith("another build holds " + folder + "/cubes/.build.lock ("
                    + ProcessHandle.current().pid() + "@"), refused.getMessage());
            assertTrue(refused.getMessage().endsWith("wait for it to finish, or delete the file if no build is running"), refused.getMessage());
        }
        assertFalse(Files.exists(folder.resolve("cubes/.build.lock")));
    }

    @Test
    void aLockLeftByAKilledBuildOnThisMachineIsTakenOver() throws Exception
    {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Files.createDirectories(folder.resolve("cubes"));
        Files.writeString(folder.resolve("cubes/.build.lock"),
                finished.pid() + "@" + java.net.InetAddress.getLocalHost().getHostName() + " 2026-11-01T00:00:00Z");
        CubeVersions versions = new CubeVersions(storage(), new DataLayout(folder.toString()));

        try (CubeVersions.BuildLock lock = versions.lock()) {
            assertTrue(Files.readString(folder.resolve("cubes/.build.lock")).startsWith(ProcessHandle.current().pid() + "@"));
        }
    }

    @Test
    void newVersionIdsSortAfterEveryExistingVersion() throws Exception
    {
        Files.createDirectories(folder.resolve("cubes/versions/v20261101T000000000Z"));
        CubeVersions versions = new CubeVersions(storage(), new DataLayout(folder.toString()));

        assertEquals("v20261101T000000001Z", versions.newVersionId(Instant.parse("2026-11-01T00:00:00Z")));
        assertEquals("v20261102T000000000Z", versions.newVersionId(Instant.parse("2026-11-02T00:00:00Z")));
    }
}
