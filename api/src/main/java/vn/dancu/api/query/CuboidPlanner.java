package vn.dancu.api.query;

import vn.dancu.api.error.ApiException;
import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.cube.CubePolicy;
import vn.dancu.model.publish.CubeEntry;
import vn.dancu.model.publish.CuboidEntry;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The third stage of a cube question: for each partition (reference date) it sums, the pre-computed cuboid to read:
 * the one with the fewest rows in that partition among those holding every stored dimension the answer needs, then the
 * one with the fewest dimensions. A cube of moves also needs both ends of a move and its flow, so that moves within one
 * unit of the asked geography can be left out (its descriptor's {@link CubePolicy.InternalMoves}).
 */
public final class CuboidPlanner
{
    private CuboidPlanner() {}

    /**
     * What to read of one partition.
     *
     * @param axes  the table's axes as read at this date
     * @param moves for a cube of moves, both ends as read at this date and the flows that move within the area
     */
    public record PartitionPlan(LocalDate date, CuboidEntry cuboid, List<QueryDimension> axes, Optional<Moves> moves)
    {
        public PartitionPlan
        {
            requireNonNull(date, "date is null");
            requireNonNull(cuboid, "cuboid is null");
            axes = List.copyOf(axes);
            requireNonNull(moves, "moves is null");
        }
    }

    /** Both ends of a move, at the asked geography and level, and the flow whose codes are moves between two units of the area. */
    public record Moves(GeographyDimension from, GeographyDimension to, String flow, List<String> internalFlows)
    {
        public Moves
        {
            requireNonNull(from, "from is null");
            requireNonNull(to, "to is null");
            requireNonNull(flow, "flow is null");
            internalFlows = List.copyOf(internalFlows);
        }
    }

    /** The stored dimensions a partition must be read with. */
    public static Set<String> needed(List<QueryDimension> axes, Optional<Moves> moves)
    {
        Set<String> needed = new LinkedHashSet<>();
        axes.forEach(axis -> needed.add(axis.base()));
        moves.ifPresent(pair -> {
            needed.add(pair.from().base());
            needed.add(pair.to().base());
            needed.add(pair.flow());
        });
        return needed;
    }

    /** The smallest cuboid holding the needed stored dimensions and this partition; empty when none does. */
    public static Optional<CuboidEntry> smallest(CubeEntry entry, Set<String> needed, LocalDate date)
    {
        return entry.cuboids().stream()
                .filter(candidate -> candidate.dimensions().containsAll(needed))
                .filter(candidate -> candidate.partition(date).isPresent())
                .min(Comparator.comparingLong((CuboidEntry candidate) -> candidate.partition(date).orElseThrow().rows())
                        .thenComparingInt(candidate -> candidate.dimensions().size()));
    }

    /** The plan of one partition; a 400 naming {@code dims} when no pre-computed cuboid holds what the answer needs. */
    public static PartitionPlan plan(CubeDescriptor descriptor, CubeEntry entry, LocalDate date, List<QueryDimension> axes, Optional<Moves> moves)
    {
        Set<String> needed = needed(axes, moves);
        CuboidEntry cuboid = smallest(entry, needed, date).orElseThrow(() -> ApiException.badParameter("dims", "no pre-computed cuboid of "
                + descriptor.name() + " has all of " + needed, entry.cuboids().stream().map(CuboidEntry::name).toList()));
        return new PartitionPlan(date, cuboid, axes, moves);
    }
}
