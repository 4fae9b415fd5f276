package vn.dancu.model.publish;

import java.time.LocalDate;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One {@code ref_date} partition of a cuboid.
 *
 * @param path  folder relative to the {@code cubes/} root; may be inside an older version's folder
 * @param files the Parquet files in it, with their sizes and SHA-256
 */
public record PartitionEntry(LocalDate refDate, String path, long rows, List<FileEntry> files)
{
    public PartitionEntry
    {
        requireNonNull(refDate, "refDate is null");
        requireNonNull(path, "path is null");
        files = List.copyOf(requireNonNull(files, "files is null"));
    }

    public long bytes()
    {
        return files.stream().mapToLong(FileEntry::bytes).sum();
    }

    public record FileEntry(String name, long bytes, String sha256)
    {
        public FileEntry
        {
            requireNonNull(name, "name is null");
            requireNonNull(sha256, "sha256 is null");
        }
    }
}
