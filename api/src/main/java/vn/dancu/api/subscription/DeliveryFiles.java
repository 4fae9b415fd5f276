package vn.dancu.api.subscription;

import vn.dancu.api.access.ServerFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * The delivered files, {@code DATA/server/deliveries/<username>/<delivery id>/<file>}: folders 0700, files 0600 (the
 * server's owner only). A delivery is written into a pending folder first and moved under its id once recorded.
 */
public final class DeliveryFiles
{
    public static final String FOLDER = "deliveries";

    private final Path root;

    public DeliveryFiles(Path serverFolder)
    {
        this.root = requireNonNull(serverFolder, "serverFolder is null").resolve(FOLDER);
    }

    /** A new pending folder of the user's, for files not yet recorded. */
    public Path pending(String username)
    {
        try {
            ServerFiles.ownerOnlyFolder(root);
            Path user = ServerFiles.ownerOnlyFolder(root.resolve(username));
            return ServerFiles.ownerOnlyFolder(user.resolve(".pending-" + UUID.randomUUID()));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot create a delivery folder under " + root, e);
        }
    }

    /** Writes one file, owner-only from its creation. */
    public static void write(Path folder, String name, byte[] bytes)
    {
        try (FileChannel channel = ServerFiles.openOwnerOnly(folder.resolve(name), StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write the delivered file " + name, e);
        }
    }

    /** Moves a pending folder to its delivery's place. */
    public void settle(Path pending, String username, long deliveryId)
    {
        try {
            Files.move(pending, root.resolve(username).resolve(Long.toString(deliveryId)), StandardCopyOption.ATOMIC_MOVE);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot move the files of delivery " + deliveryId + " into place", e);
        }
    }

    /** A delivered file, when it is there. */
    public Optional<Path> file(String username, long deliveryId, String name)
    {
        Path file = root.resolve(username).resolve(Long.toString(deliveryId)).resolve(name);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** Deletes a pending folder that was not recorded (another server delivered first) or failed. */
    public static void discard(Path pending)
    {
        try (Stream<Path> files = Files.walk(pending)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
        catch (IOException e) {
            // leftovers of a pending folder are harmless; they are never listed
        }
    }
}
