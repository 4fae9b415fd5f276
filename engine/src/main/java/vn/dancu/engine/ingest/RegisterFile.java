package vn.dancu.engine.ingest;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import vn.dancu.engine.storage.Storage;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One table of an extract: {@code <table>.<ext>}, or a folder {@code <table>/} of part files, in one of the three
 * formats. Every file is named by its path relative to the extract folder ({@code persons.csv},
 * {@code persons/part-00003.csv}), as {@code faults.csv} and the quarantine name them.
 */
public record RegisterFile(RegisterTable table, Format format, List<InputFile> files)
{
    public enum Format
    {
        PARQUET("parquet"), CSV("csv"), JSONL("jsonl");

        private final String extension;

        Format(String extension)
        {
            this.extension = extension;
        }

        public String extension()
        {
            return extension;
        }
    }

    /**
     * @param relativePath the name reports and the quarantine use
     * @param path         the full path to read
     */
    public record InputFile(String relativePath, String path, long bytes)
    {
        public InputFile
        {
            requireNonNull(relativePath, "relativePath is null");
            requireNonNull(path, "path is null");
        }
    }

    public RegisterFile
    {
        requireNonNull(table, "table is null");
        requireNonNull(format, "format is null");
        files = List.copyOf(files);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("a register file needs at least one input file");
        }
    }

    /**
     * Finds the one {@code table} file (or folder of part files) in {@code folder}; fails when there is none, or
     * more than one candidate (for example both {@code persons.csv} and {@code persons.parquet}).
     */
    public static RegisterFile find(Storage storage, String folder, RegisterTable table)
    {
        List<RegisterFile> candidates = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Format format : Format.values()) {
            String single = folder + "/" + table.fileName() + "." + format.extension();
            FileStatus status = fileStatus(storage, single);
            if (status != null && status.isFile()) {
                candidates.add(new RegisterFile(table, format,
                        List.of(new InputFile(table.fileName() + "." + format.extension(), status.getPath().toString(), status.getLen()))));
                names.add(table.fileName() + "." + format.extension());
            }
        }
        String partsFolder = folder + "/" + table.fileName();
        FileStatus partsStatus = fileStatus(storage, partsFolder);
        if (partsStatus != null && partsStatus.isDirectory()) {
            String root = partsStatus.getPath().toString();
            for (Format format : Format.values()) {
                List<InputFile> parts = storage.listDataFiles(partsFolder).stream()
                        .filter(status -> status.getPath().getName().endsWith("." + format.extension()))
                        .map(status -> new InputFile(table.fileName() + "/" + relative(root, status.getPath()),
                                status.getPath().toString(), status.getLen()))
                        .toList();
                if (!parts.isEmpty()) {
                    candidates.add(new RegisterFile(table, format, parts));
                    names.add(table.fileName() + "/*." + format.extension());
                }
            }
        }
        if (candidates.isEmpty()) {
            throw new IngestFailure("no " + table.fileName() + " file in " + folder + " (expected " + table.fileName()
                    + ".parquet, .csv or .jsonl, or a folder " + table.fileName() + "/ of part files)");
        }
        if (candidates.size() > 1) {
            throw new IngestFailure(folder + " holds more than one " + table.fileName() + " table (" + String.join(", ", names)
                    + "); keep exactly one");
        }
        return candidates.get(0);
    }

    private static FileStatus fileStatus(Storage storage, String path)
    {
        try {
            return storage.fileSystem(path).getFileStatus(new Path(path));
        }
        catch (FileNotFoundException e) {
            return null;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot look at " + path, e);
        }
    }

    private static String relative(String root, Path file)
    {
        String full = file.toString();
        String prefix = root.endsWith("/") ? root : root + "/";
        if (!full.startsWith(prefix)) {
            throw new IllegalStateException(full + " is not below " + root);
        }
        return full.substring(prefix.length());
    }
}
