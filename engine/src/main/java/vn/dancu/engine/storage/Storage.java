package vn.dancu.engine.storage;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.fs.permission.FsPermission;

import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * File operations the engine needs beyond Spark's readers and writers, over Hadoop's FileSystem so that a local
 * folder, {@code hdfs://} and {@code s3a://} behave alike. The one operation whose guarantee differs per store is
 * {@link #writePointer}: see its documentation.
 */
public final class Storage
{
    private static final FsPermission OWNER_ONLY_FOLDER = new FsPermission((short) 0700);
    private static final FsPermission OWNER_ONLY_FILE = new FsPermission((short) 0600);

    private final Configuration configuration;

    public Storage(Configuration configuration)
    {
        this.configuration = requireNonNull(configuration, "configuration is null");
    }

    public FileSystem fileSystem(String path)
    {
        try {
            return new Path(path).getFileSystem(configuration);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot open the file system of " + path, e);
        }
    }

    public boolean exists(String path)
    {
        try {
            return fileSystem(path).exists(new Path(path));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<String> readText(String path)
    {
        try {
            FileSystem fs = fileSystem(path);
            Path file = new Path(path);
            if (!fs.exists(file)) {
                return Optional.empty();
            }
            try (FSDataInputStream in = fs.open(file)) {
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    public void writeText(String path, String text)
    {
        try (FSDataOutputStream out = fileSystem(path).create(new Path(path), true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    /**
     * Creates {@code path} holding {@code text} unless it exists: true when this call created it. On a local file
     * system the creation is atomic (exclusive create); on HDFS it relies on the name node refusing an existing file;
     * object stores (s3a) give no such guarantee, so run one build at a time there.
     */
    public boolean createExclusively(String path, String text)
    {
        FileSystem fs = fileSystem(path);
        try {
            if (fs instanceof LocalFileSystem local) {
                java.nio.file.Path file = java.nio.file.Path.of(local.pathToFile(new Path(path)).getPath());
                Files.createDirectories(file.getParent());
                Files.writeString(file, text, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW,
                        java.nio.file.StandardOpenOption.WRITE);
                return true;
            }
            try (FSDataOutputStream out = fs.create(new Path(path), false)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            return true;
        }
        catch (FileAlreadyExistsException | org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        }
        catch (IOException e) {
            if (exists(path)) {
                return false;
            }
            throw new UncheckedIOException("cannot create " + path, e);
        }
    }

    /**
     * Points {@code pointerPath} at {@code value} so that a reader sees the old value or the new one, never a mix
     * or nothing: on a local or HDFS file system by writing a temporary file beside it and renaming it over the
     * pointer (atomic rename with overwrite); on object stores (s3a) a single small PUT, which S3 makes visible
     * atomically.
     */
    public void writePointer(String pointerPath, String value)
    {
        Path pointer = new Path(pointerPath);
        String scheme = fileSystem(pointerPath).getUri().getScheme();
        if (scheme != null && scheme.startsWith("s3")) {
            writeText(pointerPath, value + "\n");
            return;
        }
        Path temporary = new Path(pointer.getParent(), "." + pointer.getName() + "." + System.nanoTime() + ".tmp");
        writeText(temporary.toString(), value + "\n");
        try {
            FileContext context = FileContext.getFileContext(pointer.toUri(), configuration);
            context.rename(temporary, pointer, Options.Rename.OVERWRITE);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot switch pointer " + pointerPath + " to " + value, e);
        }
    }

    public Optional<String> readPointer(String pointerPath)
    {
        return readText(pointerPath).map(String::strip).filter(value -> !value.isEmpty());
    }

    /** Files (not folders) below {@code folder}, recursively, skipping hidden and underscore files; sorted by path. */
    public List<FileStatus> listDataFiles(String folder)
    {
        List<FileStatus> files = new ArrayList<>();
        try {
            FileSystem fs = fileSystem(folder);
            Path root = new Path(folder);
            if (!fs.exists(root)) {
                return files;
            }
            RemoteIterator<LocatedFileStatus> iterator = fs.listFiles(root, true);
            while (iterator.hasNext()) {
                LocatedFileStatus status = iterator.next();
                String name = status.getPath().getName();
                if (!name.startsWith(".") && !name.startsWith("_")) {
                    files.add(status);
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        files.sort((a, b) -> a.getPath().toString().compareTo(b.getPath().toString()));
        return files;
    }

    /** Names of the hidden files (starting with {@code .}) directly in {@code folder}. */
    public List<String> listHiddenFiles(String folder)
    {
        List<String> names = new ArrayList<>();
        try {
            FileSystem fs = fileSystem(folder);
            Path root = new Path(folder);
            if (!fs.exists(root)) {
                return names;
            }
            for (FileStatus status : fs.listStatus(root)) {
                if (status.isFile() && status.getPath().getName().startsWith(".")) {
                    names.add(status.getPath().getName());
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        names.sort(String::compareTo);
        return names;
    }

    /** The number of rows of a Parquet file, from its footer. */
    public long parquetRows(String path)
    {
        // explicit read options: without them parquet-hadoop builds (and parses) a new Hadoop Configuration per file
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(path), configuration),
                HadoopReadOptions.builder(configuration).build())) {
            return reader.getRecordCount();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read the footer of " + path, e);
        }
    }

    /** Hidden sub-folders (names starting with {@code .}) directly below {@code folder}, by name. */
    public List<String> listHiddenFolders(String folder)
    {
        List<String> names = new ArrayList<>();
        try {
            FileSystem fs = fileSystem(folder);
            Path root = new Path(folder);
            if (!fs.exists(root)) {
                return names;
            }
            for (FileStatus status : fs.listStatus(root)) {
                if (status.isDirectory() && status.getPath().getName().startsWith(".")) {
                    names.add(status.getPath().getName());
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        names.sort(String::compareTo);
        return names;
    }

    /** Creates {@code folder} (and its parents) if needed and makes it readable by its owner only ({@code rwx------}). */
    public void createPrivateFolder(String folder)
    {
        try {
            FileSystem fs = fileSystem(folder);
            Path path = new Path(folder);
            fs.mkdirs(path);
            fs.setPermission(path, OWNER_ONLY_FOLDER);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder, e);
        }
    }

    /**
     * Restricts {@code path} and everything below it to its owner: folders {@code rwx------} (0700), files
     * {@code rw-------} (0600). For folders holding personal data (the quarantine). On stores without POSIX
     * permissions (s3a) this changes nothing: protect the bucket instead.
     */
    public void restrictToOwner(String path)
    {
        try {
            FileSystem fs = fileSystem(path);
            restrict(fs, fs.getFileStatus(new Path(path)));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot restrict the permissions of " + path, e);
        }
    }

    private static void restrict(FileSystem fs, FileStatus status) throws IOException
    {
        if (status.isDirectory()) {
            fs.setPermission(status.getPath(), OWNER_ONLY_FOLDER);
            for (FileStatus child : fs.listStatus(status.getPath())) {
                restrict(fs, child);
            }
            return;
        }
        fs.setPermission(status.getPath(), OWNER_ONLY_FILE);
    }

    /** Sub-folders directly below {@code folder}, by name. */
    public List<String> listFolders(String folder)
    {
        List<String> names = new ArrayList<>();
        try {
            FileSystem fs = fileSystem(folder);
            Path root = new Path(folder);
            if (!fs.exists(root)) {
                return names;
            }
            for (FileStatus status : fs.listStatus(root)) {
                if (status.isDirectory() && !status.getPath().getName().startsWith(".")) {
                    names.add(status.getPath().getName());
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        names.sort(String::compareTo);
        return names;
    }

    public void delete(String path)
    {
        try {
            fileSystem(path).delete(new Path(path), true);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }

    public void rename(String from, String to)
    {
        try {
            FileSystem fs = fileSystem(from);
            Path target = new Path(to);
            fs.mkdirs(target.getParent());
            if (!fs.rename(new Path(from), target)) {
                throw new IOException("rename returned false");
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot move " + from + " to " + to, e);
        }
    }

    public String sha256(String path)
    {
        try (InputStream in = fileSystem(path).open(new Path(path))) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
