package vn.dancu.api.report;

import vn.dancu.api.query.QueryResult;
import vn.dancu.api.query.QueryService;

import java.util.List;
import java.util.Map;

/**
 * Where a report's figures come from: cube queries with the API's parameters ({@code dims}, {@code filter},
 * {@code date}, {@code geo}, {@code level}, {@code lang}), answered as the API answers them — so a report shows the
 * numbers the dashboard shows, cell statuses included.
 */
@FunctionalInterface
public interface ReportQueries
{
    QueryResult query(String cube, Map<String, List<String>> parameters);

    /** Straight from the query service: what the API answers. */
    static ReportQueries of(QueryService service)
    {
        return (cube, parameters) -> service.execute(service.parse(cube, parameters));
    }
}
