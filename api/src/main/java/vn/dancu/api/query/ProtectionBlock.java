package vn.dancu.api.query;

import vn.dancu.datasets.geo.Reorganisation2025;
import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.cube.TimeGrain;
import vn.dancu.model.publish.CubeManifest;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The cubes and period disclosure control protects as one linked table. Cubes whose cells are linked by facts a
 * reader knows are in one block: the population and identity-document cubes count the same residents at a month
 * end; births, deaths and moves of a year add up to the change of the population between its two ends. Every other
 * cube is a block of its own, per reference date (stocks, snapshots) or per year (flows, person-years). Blocks share
 * no cell and no relation, so each is protected alone.
 *
 * @param key   identifies the block within a cube version
 * @param dates per cube of the block, the reference dates summed: one month end, or the months of the year that
 *              hold data (each cube's own, as its questions see them)
 * @param year    the year of a block of flows; null for a block of one reference date
 * @param periods the periods of a block of flows a controlled caller may ask (see {@link #periods(TimeGrain, int,
 *                QueryService.Coverage)}); empty for a block of one reference date
 */
public record ProtectionBlock(String key, Map<String, List<LocalDate>> dates, Integer year, List<Span> periods)
{
    /**
     * The months a period of flows covers, cut to the data: every published cell of a block of flows belongs to one
     * span, and a span of several quarters is the sum of its quarters.
     */
    public record Span(YearMonth first, YearMonth last)
    {
        public String tag()
        {
            return first + "/" + last;
        }

        public boolean holds(LocalDate date)
        {
            YearMonth month = YearMonth.from(date);
            return !month.isBefore(first) && !month.isAfter(last);
        }

        /** The span of a query's period (already cut to the data). */
        public static Span of(QueryPeriod period)
        {
            return new Span(YearMonth.from(period.from()), YearMonth.from(period.to()));
        }
    }

    /** The tag of the hidden tables that split a block of flows by quarter (no caller asks them). */
    public static final String BY_QUARTER = "quarters";

    /** The linked block of the flows whose sum over a year is the change of the population (descriptors' {@code policy.linkedBlock}). */
    public static final String FLOWS = "flows";

    public ProtectionBlock
    {
        requireNonNull(key, "key is null");
        dates = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dates));
        periods = List.copyOf(periods);
        if (dates.isEmpty() || dates.values().stream().anyMatch(List::isEmpty)) {
            throw new IllegalArgumentException("a block needs cubes and dates");
        }
    }

    /** The block of a query: its cube with the cubes linked to it, at the query's date or year. */
    public static ProtectionBlock of(CubeDescriptor descriptor, CubeQuery query, CubeManifest manifest, Map<String, CubeDescriptor> published,
            QueryService.Coverage coverage)
    {
        String cube = descriptor.name();
        Map<String, List<LocalDate>> dates = new LinkedHashMap<>();
        boolean byYear = descriptor.time() == TimeGrain.MONTH || descriptor.time() == TimeGrain.YEAR;
        if (byYear && (query.year() != null || descriptor.time() == TimeGrain.YEAR)) {
            int year = query.year() != null ? query.year() : query.refDate().getYear();
            for (String member : members(descriptor, published)) {
                CubeDescriptor other = published.get(member);
                if (other == null || other.time() != descriptor.time()) {
                    continue;
                }
                List<LocalDate> months = manifest.cube(member).map(entry -> entry.refDates().stream().filter(date -> date.getYear() == year).toList())
                        .orElse(List.of());
                if (!months.isEmpty()) {
                    dates.put(member, months);
                }
            }
            if (!dates.containsKey(cube)) {
                dates.put(cube, query.refDates());
            }
            return new ProtectionBlock(descriptor.policy().block().orElse(cube) + "|" + year, dates, year, periods(descriptor.time(), year, coverage));
        }
        LocalDate date = query.refDate();
        // A block of stocks is linked at a date; flows are linked over a year only (above), and a flow cube asked at one
        // date is protected alone.
        List<String> members = byYear ? List.of(cube) : members(descriptor, published);
        for (String member : members) {
            CubeDescriptor other = published.get(member);
            if (other != null && other.time() == descriptor.time() && manifest.cube(member).map(entry -> entry.refDates().contains(date)).orElse(false)) {
                dates.put(member, List.of(date));
            }
        }
        dates.put(cube, List.of(date));
        return new ProtectionBlock((byYear ? cube : descriptor.policy().block().orElse(cube)) + "|" + date, dates, null, List.of());
    }

    /**
     * The cubes protected with a cube: the published ones of its linked block ({@code policy.linkedBlock} of the
     * descriptors), in the order given; the cube alone when it is in no block.
     */
    static List<String> members(CubeDescriptor descriptor, Map<String, CubeDescriptor> published)
    {
        return descriptor.policy().block()
                .map(block -> published.values().stream().filter(other -> other.policy().block().equals(Optional.of(block)))
                        .map(CubeDescriptor::name).toList())
                .orElse(List.of(descriptor.name()));
    }

    /**
     * The periods of a year a caller without exact counts may ask of flows (see {@link QueryAccess}): for monthly flows
     * every run of whole quarters (a quarter, the year to a quarter's end, two quarters in the middle, the year), for
     * yearly figures the year; each cut to the months the data cover.
     */
    public static List<Span> periods(TimeGrain grain, int year, QueryService.Coverage coverage)
    {
        YearMonth start = YearMonth.from(coverage.from());
        YearMonth end = YearMonth.from(coverage.to());
        List<Span> quarters = new ArrayList<>();
        for (int q = 0; q < 4; q++) {
            YearMonth first = YearMonth.of(year, 3 * q + 1);
            YearMonth last = YearMonth.of(year, 3 * q + 3);
            first = first.isBefore(start) ? start : first;
            last = last.isAfter(end) ? end : last;
            if (!last.isBefore(first)) {
                quarters.add(new Span(first, last));
            }
        }
        if (quarters.isEmpty()) {
            return List.of();
        }
        if (grain != TimeGrain.MONTH) {
            return List.of(new Span(quarters.get(0).first(), quarters.get(quarters.size() - 1).last()));
        }
        List<Span> spans = new ArrayList<>();
        for (int a = 0; a < quarters.size(); a++) {
            for (int b = a; b < quarters.size(); b++) {
                spans.add(new Span(quarters.get(a).first(), quarters.get(b).last()));
            }
        }
        return List.copyOf(spans);
    }

    /** The quarters of a block of flows, in order (a span of one quarter each). */
    public List<Span> quarters()
    {
        return periods.stream().filter(span -> periods.stream().noneMatch(other -> other != span && span.first().compareTo(other.first()) <= 0
                && other.last().compareTo(span.last()) <= 0 && !other.equals(span))).sorted(java.util.Comparator.comparing(Span::first)).toList();
    }

    /** Whether the tables of a cube over a span (or the block's date when null) are on the units of 01/07/2025 only. */
    public boolean afterReorganisation(String cube, Span span)
    {
        return span != null ? Reorganisation2025.after(span.first().atDay(1)) : afterReorganisation(cube);
    }

    public List<String> cubes()
    {
        return List.copyOf(dates.keySet());
    }

    public List<LocalDate> dates(String cube)
    {
        return dates.get(cube);
    }

    public LocalDate first(String cube)
    {
        return dates.get(cube).get(0);
    }

    public LocalDate last(String cube)
    {
        List<LocalDate> of = dates.get(cube);
        return of.get(of.size() - 1);
    }

    /** Every date of the cube in the block is on the units of 01/07/2025: both geographies are then the same. */
    public boolean afterReorganisation(String cube)
    {
        return Reorganisation2025.after(first(cube));
    }
}
