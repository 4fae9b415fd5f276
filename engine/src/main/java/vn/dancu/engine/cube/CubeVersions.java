package vn.dancu.engine.cube;

import vn.dancu.engine.storage.ProcessLock;
import vn.dancu.engine.storage.Storage;
import vn.dancu.model.publish.CubeEntry;
import vn.dancu.model.publish.CubeManifest;
import vn.dancu.model.publish.CuboidEntry;
import vn.dancu.model.publish.DataLayout;
import vn.dancu.model.publish.PartitionEntry;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The published versions under {@code cubes/}: {@code versions/<versionId>/} folders, each complete once its
 * {@code manifest.json} exists, and the {@code CURRENT} pointer naming the one served. A build writes a new folder,
 * its build state, then its manifest, and only then moves the pointer, so a reader that follows the pointer sees a
 * whole version and a build killed at any moment leaves the previous version served; its folder, which has no
 * manifest, is removed by the next build. One build at a time holds {@code cubes/.build.lock}.
 */
public final class CubeVersions
{
    private static final DateTimeFormatter VERSION_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
    private static final String LOCK_FILE = ".build.lock";

    private final Storage storage;
    private final DataLayout layout;

    public CubeVersions(Storage storage, DataLayout layout)
    {
        this.storage = requireNonNull(storage, "storage is null");
        this.layout = requireNonNull(layout, "layout is null");
    }

    /** A published version: its manifest and, for versions built by this engine, its build state. */
    public record Published(CubeManifest manifest, Optional<BuildState> state) {}

    /**
     * Takes the build lock. A lock left by a build that no longer runs on this machine (killed) is taken over; a
     * lock of a running build, or of another machine, stops this build with a message naming the lock file.
     */
    public BuildLock lock()
    {
        return new BuildLock(ProcessLock.take(storage, layout.cubes() + "/" + LOCK_FILE, "build"));
    }

    /** The build lock; closing it releases it. */
    public static final class BuildLock implements AutoCloseable
    {
        private final ProcessLock lock;

        private BuildLock(ProcessLock lock)
        {
            this.lock = lock;
        }

        @Override
        public void close()
        {
            lock.close();
        }
    }

    /** Removes what killed builds left: version folders without a manifest, and temporary pointer files. */
    public List<String> removeLeftovers()
    {
        List<String> removed = new ArrayList<>();
        String current = storage.readPointer(layout.cubesPointer()).orElse("");
        for (String version : storage.listFolders(layout.cubes() + "/versions")) {
            if (!version.equals(current) && !storage.exists(manifestPath(version))) {
                storage.delete(layout.version(version));
                removed.add(version);
            }
        }
        for (String hidden : storage.listHiddenFiles(layout.cubes())) {
            if (hidden.startsWith("." + DataLayout.POINTER + ".") && hidden.endsWith(".tmp")) {
                storage.delete(layout.cubes() + "/" + hidden);
            }
        }
        return removed;
    }

    /** A new version id, later than every existing one (ids sort by build time). */
    public String newVersionId(Instant now)
    {
        List<String> existing = storage.listFolders(layout.cubes() + "/versions");
        String latest = existing.isEmpty() ? "" : existing.get(existing.size() - 1);
        Instant time = now;
        String id = "v" + VERSION_TIME.format(time);
        while (id.compareTo(latest) <= 0) {
            time = time.plusMillis(1);
            id = "v" + VERSION_TIME.format(time);
        }
        return id;
    }

    public Optional<Published> current()
    {
        Optional<String> versionId = storage.readPointer(layout.cubesPointer());
        if (versionId.isEmpty()) {
            return Optional.empty();
        }
        CubeManifest manifest = readManifest(versionId.get()).orElseThrow(() -> new IllegalStateException(
                layout.cubesPointer() + " names version " + versionId.get() + ", which has no " + CubeManifest.FILE_NAME));
        Optional<BuildState> state = storage.readText(layout.version(versionId.get()) + "/" + BuildState.FILE_NAME).map(BuildState::parse);
        return Optional.of(new Published(manifest, state));
    }

    public Optional<CubeManifest> readManifest(String versionId)
    {
        return storage.readText(manifestPath(versionId)).map(text -> {
            try {
                return CubeManifest.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
            }
            catch (IOException e) {
                throw new UncheckedIOException("cannot read " + manifestPath(versionId), e);
            }
        });
    }

    /** Writes the build state, then the manifest, then switches the pointer: from here on the version is served. */
    public void publish(CubeManifest manifest, BuildState state)
    {
        String folder = layout.version(manifest.versionId());
        storage.writeText(folder + "/" + BuildState.FILE_NAME, state.toJson());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            manifest.write(out);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        storage.writeText(manifestPath(manifest.versionId()), out.toString(StandardCharsets.UTF_8));
        storage.writePointer(layout.cubesPointer(), manifest.versionId());
    }

    /**
     * Keeps the {@code keep} newest published versions (the current one always among them) and every older folder
     * one of them still reads partitions from; deletes the other version folders.
     *
     * @return the deleted version ids
     */
    public List<String> retain(int keep)
    {
        String current = storage.readPointer(layout.cubesPointer()).orElse("");
        List<String> published = storage.listFolders(layout.cubes() + "/versions").stream()
                .filter(version -> storage.exists(manifestPath(version))).toList();
        List<String> kept = new ArrayList<>();
        kept.add(current);
        for (int i = published.size() - 1; i >= 0 && kept.size() < keep; i--) {
            if (!published.get(i).equals(current)) {
                kept.add(published.get(i));
            }
        }
        Set<String> needed = new HashSet<>(kept);
        for (String version : kept) {
            readManifest(version).ifPresent(manifest -> needed.addAll(referencedVersions(manifest)));
        }
        List<String> deleted = new ArrayList<>();
        for (String version : storage.listFolders(layout.cubes() + "/versions")) {
            if (!needed.contains(version)) {
                storage.delete(layout.version(version));
                deleted.add(version);
            }
        }
        return deleted;
    }

    /** The version folders a manifest reads partitions from. */
    public static Set<String> referencedVersions(CubeManifest manifest)
    {
        Set<String> versions = new HashSet<>();
        for (CubeEntry cube : manifest.cubes()) {
            for (CuboidEntry cuboid : cube.cuboids()) {
                for (PartitionEntry partition : cuboid.partitions()) {
                    String[] parts = partition.path().split("/");
                    if (parts.length > 1 && parts[0].equals("versions")) {
                        versions.add(parts[1]);
                    }
                }
            }
        }
        return versions;
    }

    private String manifestPath(String versionId)
    {
        return layout.version(versionId) + "/" + CubeManifest.FILE_NAME;
    }
}
