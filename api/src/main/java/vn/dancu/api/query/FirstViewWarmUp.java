package vn.dancu.api.query;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dancu.api.access.Caller;
import vn.dancu.model.publish.CubeEntry;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Asks, once after the server starts, what the dashboard's first view asks first (the population of the last 25
 * month ends, as an anonymous visitor), so that the first visitor after a restart does not wait for cold Parquet
 * readers and an unwarmed JVM (about 3 s on a 2-core machine, against 20 ms afterwards; docs/benchmarks.md § Dashboard).
 * Then computes the disclosure patterns of every other block of cubes, newest first, so that later questions only
 * look their cells up (docs/disclosure-control.md).
 */
public final class FirstViewWarmUp
{
    private static final Logger LOG = LoggerFactory.getLogger(FirstViewWarmUp.class);
    public static final int MONTHS = 25;

    private final QueryService queries;

    public FirstViewWarmUp(QueryService queries)
    {
        this.queries = requireNonNull(queries, "queries is null");
    }

    /**
     * Runs in a daemon thread of the query service (stopped with the server, between two blocks); a failure is logged,
     * never thrown (the server answers anyway, only slower).
     */
    public Thread startInBackground()
    {
        return queries.runInBackground("dashboard-warm-up", () -> {
            try {
                long started = System.nanoTime();
                int points = run();
                LOG.info("warmed the dashboard's first view ({} month ends) in {} ms", points, (System.nanoTime() - started) / 1_000_000);
                started = System.nanoTime();
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                int blocks = queries.protectedCells().warmAll(queries.cubes().manifest());
                LOG.info("computed the disclosure patterns of {} blocks of cubes in {} ms", blocks, (System.nanoTime() - started) / 1_000_000);
            }
            catch (RuntimeException e) {
                if (!Thread.currentThread().isInterrupted()) {
                    LOG.warn("could not warm the dashboard's first view: {}", e.getMessage());
                }
            }
        });
    }

    /** The number of month ends read: up to {@value #MONTHS}, fewer when the cube has fewer; 0 without a population cube. */
    public int run()
    {
        CubeEntry entry = queries.cubes().manifest().cube("population_stock").orElse(null);
        if (entry == null || entry.refDates().isEmpty()) {
            return 0;
        }
        LocalDate last = entry.refDates().get(entry.refDates().size() - 1);
        Map<String, List<String>> parameters = Map.of("from", List.of(YearMonth.from(last).minusMonths(MONTHS - 1).toString()),
                "to", List.of(YearMonth.from(last).toString()), "step", List.of("month"));
        return new CubeSeries(queries).series(Caller.anonymous(), "population_stock", parameters).points().size();
    }
}
