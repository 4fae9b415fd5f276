package vn.dancu.api.query;

import vn.dancu.datasets.geo.Reorganisation2025;
import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.cube.TimeGrain;
import vn.dancu.model.publish.CubeManifest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The cubes and period disclosure control protects as one linked table. Cubes whose cells are linked by facts a
 * reader knows are in one block: the population and identity-document cubes count the same residents at a month
 * end; births, deaths and moves of a year add up to the change of the population between its two ends. Every other
 * cube is a block of its own, per reference date (stocks, snapshots) or per year (flows, person-years). Blocks share
 * no cell and no relation, so each is protected alone.
 *
 * @param key   identifies the block within a cube version
 * @param cubes the cubes of the block, in a fixed order
 * @param dates the reference dates summed: one month end, or the months of the year
 * @param year  the year of a block of flows; null for a block of one reference date
 */
public record ProtectionBlock(String key, List<String> cubes, List<LocalDate> dates, Integer year)
{
    /** Cubes counted at a month end that count the same residents. */
    public static final List<String> RESIDENTS = List.of("population_stock", "identity_coverage");
    /** Flows whose sum over a year is the change of the population. */
    public static final List<String> FLOWS = List.of("births", "deaths", "migration");

    public ProtectionBlock
    {
        requireNonNull(key, "key is null");
        cubes = List.copyOf(cubes);
        dates = List.copyOf(dates);
        if (cubes.isEmpty() || dates.isEmpty()) {
            throw new IllegalArgumentException("a block needs cubes and dates");
        }
    }

    /** The block of a query: its cube with the cubes linked to it, at the query's date or year. */
    public static ProtectionBlock of(CubeDescriptor descriptor, CubeQuery query, CubeManifest manifest, Map<String, CubeDescriptor> published)
    {
        String cube = descriptor.name();
        if (query.year() != null && descriptor.time() != TimeGrain.MONTH_END) {
            List<String> group = FLOWS.contains(cube) ? present(FLOWS, published, descriptor.time()) : List.of(cube);
            return new ProtectionBlock((FLOWS.contains(cube) ? "flows" : cube) + "|" + query.year(), group, query.refDates(), query.year());
        }
        List<String> group = RESIDENTS.contains(cube) ? present(RESIDENTS, published, descriptor.time()) : List.of(cube);
        return new ProtectionBlock((RESIDENTS.contains(cube) ? "residents" : cube) + "|" + query.refDate(), group, List.of(query.refDate()), null);
    }

    private static List<String> present(List<String> group, Map<String, CubeDescriptor> published, TimeGrain time)
    {
        List<String> cubes = new ArrayList<>();
        for (String cube : group) {
            CubeDescriptor descriptor = published.get(cube);
            if (descriptor != null && descriptor.time() == time) {
                cubes.add(cube);
            }
        }
        return cubes;
    }

    public LocalDate first()
    {
        return dates.get(0);
    }

    public LocalDate last()
    {
        return dates.get(dates.size() - 1);
    }

    /** Every date of the block is on the units of 01/07/2025: both geographies are then the same. */
    public boolean afterReorganisation()
    {
        return Reorganisation2025.after(first());
    }
}
