package vn.dancu.model.publish;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/** A built cube within a published version. */
public record CubeEntry(String name, String descriptorSha256, List<CuboidEntry> cuboids)
{
    public CubeEntry
    {
        requireNonNull(name, "name is null");
        requireNonNull(descriptorSha256, "descriptorSha256 is null");
        cuboids = List.copyOf(requireNonNull(cuboids, "cuboids is null"));
    }

    public Optional<CuboidEntry> cuboid(String cuboidName)
    {
        return cuboids.stream().filter(cuboid -> cuboid.name().equals(cuboidName)).findFirst();
    }

    /** Reference dates with data, ascending. */
    public List<LocalDate> refDates()
    {
        TreeSet<LocalDate> dates = new TreeSet<>();
        for (CuboidEntry cuboid : cuboids) {
            for (PartitionEntry partition : cuboid.partitions()) {
                dates.add(partition.refDate());
            }
        }
        return List.copyOf(dates);
    }
}
