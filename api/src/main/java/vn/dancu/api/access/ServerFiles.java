package vn.dancu.api.access;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * File-system helpers for the server's own state under {@code DATA/server/}: accounts, tokens, settings and the audit
 * log are readable and writable by their owner only (files 0600, folders 0700) where the file system has POSIX
 * permissions.
 */
public final class ServerFiles
{
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_FOLDER = PosixFilePermissions.fromString("rwx------");

    private ServerFiles() {}

    /** Restricts a file to its owner where the file system has POSIX permissions. */
    public static void ownerOnly(Path file) throws IOException
    {
        if (posix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_FILE)) {
            Files.setPosixFilePermissions(file, OWNER_FILE);
        }
    }

    /** Creates the folder (and missing parents) if needed and restricts it to its owner (0700). */
    public static Path ownerOnlyFolder(Path folder) throws IOException
    {
        if (!Files.isDirectory(folder)) {
            Path parent = folder.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try {
                if (posix(parent)) {
                    Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_FOLDER));
                }
                else {
                    Files.createDirectory(folder);
                }
            }
            catch (FileAlreadyExistsException e) {
                // made meanwhile by another process
            }
        }
        if (posix(folder) && !Files.getPosixFilePermissions(folder).equals(OWNER_FOLDER)) {
            Files.setPosixFilePermissions(folder, OWNER_FOLDER);
        }
        return folder;
    }

    /**
     * Opens a file for appending, creating it owner-only (0600) if it does not exist: the permissions are set as the
     * file is created, so there is no moment at which another user could open it.
     */
    public static FileChannel openOwnerOnly(Path file, OpenOption... options) throws IOException
    {
        Set<OpenOption> all = new java.util.HashSet<>(Set.of(options));
        all.add(StandardOpenOption.CREATE);
        FileChannel channel = posix(file.toAbsolutePath().getParent())
                ? FileChannel.open(file, all, ownerOnlyAttribute())
                : FileChannel.open(file, all);
        ownerOnly(file);
        return channel;
    }

    public static FileAttribute<Set<PosixFilePermission>> ownerOnlyAttribute()
    {
        return PosixFilePermissions.asFileAttribute(OWNER_FILE);
    }

    private static boolean posix(Path path) throws IOException
    {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && Files.getFileStore(existing).supportsFileAttributeView("posix");
    }
}
