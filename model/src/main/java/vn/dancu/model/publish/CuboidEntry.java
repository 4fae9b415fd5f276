package vn.dancu.model.publish;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A built cuboid: its dimensions and its partitions by reference date. */
public record CuboidEntry(String name, List<String> dimensions, long rows, List<PartitionEntry> partitions)
{
    public CuboidEntry
    {
        requireNonNull(name, "name is null");
        dimensions = List.copyOf(requireNonNull(dimensions, "dimensions is null"));
        partitions = List.copyOf(requireNonNull(partitions, "partitions is null"));
    }

    public Optional<PartitionEntry> partition(LocalDate refDate)
    {
        return partitions.stream().filter(partition -> partition.refDate().equals(refDate)).findFirst();
    }
}
