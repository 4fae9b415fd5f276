package vn.dancu.api.report;

import vn.dancu.api.access.Caller;
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
    QueryResult query(Caller caller, String cube, Map<String, List<String>> parameters);

    /** Straight from the query service, with its access rules and disclosure control for the caller: what the API answers. */
    static ReportQueries of(QueryService service)
    {
        return (caller, cube, parameters) -> service.result(service.table(caller, service.parse(cube, parameters)));
    }
}
