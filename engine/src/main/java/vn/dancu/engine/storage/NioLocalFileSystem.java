package vn.dancu.engine.storage;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Hadoop's local file system ({@code file://}) with permissions read and set through {@code java.nio} instead of
 * a {@code chmod}/{@code ls} child process per file, which is what Hadoop does without its native library (the case
 * of every Spark run from Maven jars). A cube version is thousands of small partition files: with the process-per-file
 * behaviour a build spends most of its time forking. Registered as {@code fs.file.impl} by
 * {@link vn.dancu.engine.SparkSessions}; data, checksums and every other operation are Hadoop's own.
 */
public final class NioLocalFileSystem extends LocalFileSystem
{
    public NioLocalFileSystem()
    {
        super(new NioRawLocalFileSystem());
    }

    /** The raw (checksum-less) part, where permissions are handled. */
    public static final class NioRawLocalFileSystem extends RawLocalFileSystem
    {
        @Override
        public void setPermission(Path path, FsPermission permission) throws IOException
        {
            Files.setPosixFilePermissions(pathToFile(path).toPath(), PosixFilePermissions.fromString(permission.toString()));
        }

        @Override
        public FileStatus getFileStatus(Path path) throws IOException
        {
            return status(pathToFile(path), path);
        }

        @Override
        public FileStatus[] listStatus(Path path) throws IOException
        {
            File file = pathToFile(path);
            if (!file.exists()) {
                throw new FileNotFoundException("File " + path + " does not exist");
            }
            if (!file.isDirectory()) {
                return new FileStatus[] {status(file, path)};
            }
            String[] names = file.list();
            if (names == null) {
                throw new IOException("cannot list " + path);
            }
            FileStatus[] statuses = new FileStatus[names.length];
            int count = 0;
            for (String name : names) {
                try {
                    statuses[count] = status(new File(file, name), new Path(path, name));
                    count++;
                }
                catch (FileNotFoundException e) {
                    // deleted while listing: not part of the folder any more
                }
            }
            return count == names.length ? statuses : java.util.Arrays.copyOf(statuses, count);
        }

        private FileStatus status(File file, Path path) throws IOException
        {
            PosixFileAttributes attributes;
            try {
                attributes = Files.readAttributes(file.toPath(), PosixFileAttributes.class);
            }
            catch (NoSuchFileException e) {
                throw new FileNotFoundException("File " + path + " does not exist");
            }
            FsPermission permission = FsPermission.valueOf((attributes.isDirectory() ? "d" : "-")
                    + PosixFilePermissions.toString(attributes.permissions()));
            return new FileStatus(attributes.size(), attributes.isDirectory(), 1, getDefaultBlockSize(path),
                    attributes.lastModifiedTime().toMillis(), attributes.lastAccessTime().toMillis(), permission,
                    attributes.owner().getName(), attributes.group().getName(), path.makeQualified(getUri(), getWorkingDirectory()));
        }
    }
}
