package vn.dancu.api.disclosure;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/** {@link PatternStore} as files: {@code <folder>/<version>/<sha-256 of code and key>.pattern}, written atomically. */
final class FolderPatternStore implements PatternStore
{
    private static final Logger LOG = LoggerFactory.getLogger(PatternStore.class);
    private static final int MAGIC = 0x64637370; // "dcsp"

    private final Path folder;
    private final String code;
    /** The version whose older siblings were last deleted (saves come from one warm-up thread at a time, or a request). */
    private volatile String current;

    FolderPatternStore(Path folder)
    {
        this.folder = requireNonNull(folder, "folder is null");
        this.code = codeFingerprint();
    }

    @Override
    public Optional<SuppressionPattern> load(String version, String key)
    {
        Path file = file(version, key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC || !in.readUTF().equals(code + "|" + key)) {
                return Optional.empty();
            }
            SuppressionPattern.Figures figures = new SuppressionPattern.Figures(in.readInt(), in.readInt(), in.readInt(), in.readInt(),
                    in.readInt(), in.readInt(), in.readInt(), in.readLong());
            Set<String> shapes = new HashSet<>();
            for (int i = in.readInt(); i > 0; i--) {
                shapes.add(in.readUTF());
            }
            Map<String, long[]> suppressed = new LinkedHashMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                String shape = in.readUTF();
                long[] codes = new long[in.readInt()];
                for (int c = 0; c < codes.length; c++) {
                    codes[c] = in.readLong();
                }
                suppressed.put(shape, codes);
            }
            if (in.read() != -1) {
                throw new IOException("trailing bytes");
            }
            return Optional.of(new SuppressionPattern(suppressed, shapes, figures));
        }
        catch (IOException | RuntimeException e) {
            LOG.warn("disclosure pattern {} not read back ({}): computed again", file, e.toString());
            return Optional.empty();
        }
    }

    @Override
    public void save(String version, String key, SuppressionPattern pattern)
    {
        if (Thread.currentThread().isInterrupted()) {
            // The server stops (its warm-up is interrupted): nothing more is written in its folder.
            return;
        }
        Path file = file(version, key);
        try {
            Files.createDirectories(file.getParent());
            if (!version.equals(current)) {
                forgetOtherVersions(version);
                current = version;
            }
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(partial)))) {
                out.writeInt(MAGIC);
                out.writeUTF(code + "|" + key);
                SuppressionPattern.Figures f = pattern.figures();
                for (int value : new int[] {f.shapes(), f.atoms(), f.cells(), f.relations(), f.primary(), f.secondary(), f.released()}) {
                    out.writeInt(value);
                }
                out.writeLong(f.millis());
                List<String> shapes = pattern.shapes();
                out.writeInt(shapes.size());
                for (String shape : shapes) {
                    out.writeUTF(shape);
                }
                Map<String, long[]> suppressed = pattern.withheld();
                out.writeInt(suppressed.size());
                for (Map.Entry<String, long[]> entry : suppressed.entrySet()) {
                    out.writeUTF(entry.getKey());
                    out.writeInt(entry.getValue().length);
                    for (long codes : entry.getValue()) {
                        out.writeLong(codes);
                    }
                }
            }
            try {
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        catch (IOException | UncheckedIOException e) {
            // Not kept: the server only computes it again after its next start.
            LOG.warn("disclosure pattern {} not kept: {}", file, e.toString());
        }
    }

    private Path file(String version, String key)
    {
        return folder.resolve(folderName(version)).resolve(sha256(code + "|" + key) + ".pattern");
    }

    private static String folderName(String version)
    {
        return version.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /** Deletes the folders of other versions: once per version this store saves in, not at every save. */
    private void forgetOtherVersions(String version) throws IOException
    {
        String mine = folderName(version);
        try (Stream<Path> versions = Files.list(folder)) {
            for (Path other : versions.filter(path -> !path.getFileName().toString().equals(mine)).toList()) {
                try (Stream<Path> files = Files.walk(other)) {
                    for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(path);
                    }
                }
            }
        }
    }

    private static String codeFingerprint()
    {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String name : CODE) {
                try (InputStream in = PatternStore.class.getClassLoader().getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IllegalStateException(name + " is missing from the class path");
                    }
                    digest.update(name.getBytes(StandardCharsets.UTF_8));
                    digest.update(in.readAllBytes());
                }
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String text)
    {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
