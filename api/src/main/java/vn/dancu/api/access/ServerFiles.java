package vn.dancu.api.access;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** File-system helpers for the server's own state under {@code DATA/server/}. */
public final class ServerFiles
{
    private ServerFiles() {}

    /** Restricts a file to its owner where the file system has POSIX permissions. */
    public static void ownerOnly(Path file) throws IOException
    {
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
