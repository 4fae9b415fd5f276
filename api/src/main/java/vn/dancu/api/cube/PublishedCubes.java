package vn.dancu.api.cube;

import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.cube.DimensionSpec;
import vn.dancu.model.cube.MeasureSpec;
import vn.dancu.model.publish.CubeManifest;
import vn.dancu.model.publish.CuboidEntry;
import vn.dancu.model.publish.DataLayout;
import vn.dancu.model.publish.PartitionEntry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The cube version the server answers from. It follows {@code cubes/CURRENT}: at most once a second a request
 * re-reads the pointer, and when the engine has published a new version the manifest is reloaded and cached slices
 * of the old version are dropped. Slices are read from Parquet on first use and kept in a size-bounded cache.
 */
public final class PublishedCubes
{
    private static final long POINTER_CHECK_NANOS = 1_000_000_000L;

    private final Path cubesRoot;
    private final CubeCatalog catalog;
    private final ParquetSlices reader = new ParquetSlices();
    private final long cacheBytes;
    private final Map<String, CuboidSlice> slices = new LinkedHashMap<>(64, 0.75f, true);
    private long cachedBytes;
    private volatile CubeManifest manifest;
    private volatile long lastCheck;

    public PublishedCubes(DataLayout layout, CubeCatalog catalog, long cacheBytes)
    {
        this.cubesRoot = Path.of(requireNonNull(layout, "layout is null").cubes());
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.cacheBytes = cacheBytes;
    }

    /** True when a published version exists. */
    public boolean available()
    {
        return Files.exists(cubesRoot.resolve(DataLayout.POINTER));
    }

    public CubeCatalog catalog()
    {
        return catalog;
    }

    /** The current manifest, reloaded if the pointer moved. */
    public CubeManifest manifest()
    {
        long now = System.nanoTime();
        CubeManifest current = manifest;
        if (current != null && now - lastCheck < POINTER_CHECK_NANOS) {
            return current;
        }
        synchronized (this) {
            lastCheck = now;
            String versionId = readPointer();
            if (manifest == null || !manifest.versionId().equals(versionId)) {
                manifest = readManifest(versionId);
                synchronized (slices) {
                    slices.clear();
                    cachedBytes = 0;
                }
            }
            return manifest;
        }
    }

    private String readPointer()
    {
        Path pointer = cubesRoot.resolve(DataLayout.POINTER);
        try {
            return Files.readString(pointer).strip();
        }
        catch (IOException e) {
            throw new IllegalStateException("no published cubes: " + pointer + " is missing; run ./dancu build", e);
        }
    }

    private CubeManifest readManifest(String versionId)
    {
        Path file = cubesRoot.resolve("versions").resolve(versionId).resolve(CubeManifest.FILE_NAME);
        try (InputStream in = Files.newInputStream(file)) {
            return CubeManifest.read(in);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest of version " + versionId + " at " + file, e);
        }
    }

    public Optional<CubeDescriptor> descriptor(String cube)
    {
        return catalog.find(cube).filter(descriptor -> manifest().cube(cube).isPresent());
    }

    /** The slice of a cuboid at a reference date, or empty when the cuboid has no rows then. */
    public Optional<CuboidSlice> slice(CubeManifest version, CubeDescriptor descriptor, CuboidEntry cuboid, LocalDate refDate)
    {
        Optional<PartitionEntry> partition = cuboid.partition(refDate);
        if (partition.isEmpty()) {
            return Optional.empty();
        }
        String key = version.versionId() + "/" + descriptor.name() + "/" + cuboid.name() + "/" + refDate;
        synchronized (slices) {
            CuboidSlice cached = slices.get(key);
            if (cached != null) {
                return Optional.of(cached);
            }
        }
        List<Path> files = partition.get().files().stream()
                .map(file -> cubesRoot.resolve(partition.get().path()).resolve(file.name())).toList();
        List<Map.Entry<String, String>> dimensions = cuboid.dimensions().stream()
                .map(name -> (Map.Entry<String, String>) new AbstractMap.SimpleEntry<>(name, descriptor.dimension(name).map(DimensionSpec::column).orElseThrow()))
                .toList();
        List<Map.Entry<String, String>> measures = descriptor.measures().stream()
                .map(measure -> (Map.Entry<String, String>) new AbstractMap.SimpleEntry<>(measure.name(), measure.name()))
                .toList();
        CuboidSlice slice = reader.read(files, dimensions, measures);
        synchronized (slices) {
            if (slices.putIfAbsent(key, slice) == null) {
                cachedBytes += slice.bytes();
            }
            var iterator = slices.entrySet().iterator();
            while (cachedBytes > cacheBytes && slices.size() > 1 && iterator.hasNext()) {
                var eldest = iterator.next();
                if (eldest.getKey().equals(key)) {
                    continue;
                }
                cachedBytes -= eldest.getValue().bytes();
                iterator.remove();
            }
        }
        return Optional.of(slice);
    }

    public static List<String> measureNames(CubeDescriptor descriptor)
    {
        return descriptor.measures().stream().map(MeasureSpec::name).toList();
    }
}
