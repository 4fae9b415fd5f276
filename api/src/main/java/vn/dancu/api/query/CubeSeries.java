package vn.dancu.api.query;

import vn.dancu.api.error.ApiException;
import vn.dancu.api.access.Caller;
import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.cube.TimeGrain;
import vn.dancu.model.publish.CubeEntry;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A cube query repeated over time, for charts of a trend: every point is exactly the answer {@code /query} gives
 * for that month end ({@code date=}) or that year ({@code period=} for flows, the year's last month end for stocks),
 * through the same access rules and disclosure control. The dashboard draws a whole trend from one request.
 */
public final class CubeSeries
{
    /** The parameters of a series: those of a query without {@code date} and {@code period}, plus the range and the step. */
    public static final List<String> PARAMETERS = List.of("dims", "measures", "filter", "geo", "level", "lang", "from", "to", "step");
    public static final int MAX_POINTS = 400;

    private final QueryService queries;

    public CubeSeries(QueryService queries)
    {
        this.queries = requireNonNull(queries, "queries is null");
    }

    public enum Step
    {
        MONTH, YEAR;

        public String code()
        {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One point: the query it stands for and its answer. */
    public record Point(CubeTable table, QueryResult result)
    {
        public Point
        {
            requireNonNull(table, "table is null");
            requireNonNull(result, "result is null");
        }

        /**
         * Whether the point stands for less than its step: a year of flows the data cover in part, or a stock "by year"
         * taken at a month end other than 31 December (the running year).
         */
        public boolean partial(Step step)
        {
            if (result.period() != null) {
                return result.period().partial();
            }
            return step == Step.YEAR && !(result.refDate().getMonthValue() == 12 && result.refDate().getDayOfMonth() == 31);
        }

        /** The point as a reader says it: the year, the months of a partial year ({@code T1–T11/2026}), or the month end. */
        public String label(Step step, String language)
        {
            if (result.period() != null) {
                return result.period().partial() ? result.period().label() : Integer.toString(result.period().year());
            }
            String day = result.refDate().format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"));
            return step == Step.YEAR && partial(step) ? result.refDate().getYear() + " (" + day + ")" : day;
        }
    }

    public record Series(String cube, Step step, YearMonth from, YearMonth to, List<Point> points)
    {
        public Series
        {
            requireNonNull(cube, "cube is null");
            requireNonNull(step, "step is null");
            points = List.copyOf(points);
        }
    }

    public Series series(Caller caller, String cube, Map<String, List<String>> parameters)
    {
        for (String name : parameters.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw ApiException.badParameter(name, "unknown parameter", PARAMETERS);
            }
        }
        CubeDescriptor descriptor = queries.descriptor(cube);
        QueryAccess.checkServed(descriptor);
        if (descriptor.time() == TimeGrain.SNAPSHOT) {
            throw ApiException.badParameter("cube", "cube " + cube + " is a snapshot at the extract date; it has no series (use /query)", List.of());
        }
        CubeEntry entry = queries.cubes().manifest().cube(cube).orElseThrow();
        List<LocalDate> dates = entry.refDates();
        if (dates.isEmpty()) {
            throw ApiException.unavailable("cube " + cube + " has no data in version " + queries.cubes().manifest().versionId());
        }
        Step defaultStep = descriptor.time() == TimeGrain.MONTH_END ? Step.MONTH : Step.YEAR;
        String stepText = first(parameters, "step");
        Step step = defaultStep;
        if (stepText != null) {
            step = switch (stepText) {
                case "month" -> Step.MONTH;
                case "year" -> Step.YEAR;
                default -> throw ApiException.badParameter("step", "'" + stepText + "' is not allowed", List.of("month", "year"));
            };
        }
        if (step == Step.MONTH && descriptor.time() == TimeGrain.YEAR) {
            throw ApiException.badParameter("step", "cube " + cube + " has yearly figures only", List.of("year"));
        }
        YearMonth from = month(parameters, "from", YearMonth.from(dates.get(0)));
        YearMonth to = month(parameters, "to", YearMonth.from(dates.get(dates.size() - 1)));
        if (from.isAfter(to)) {
            throw ApiException.badParameter("from", "'" + from + "' is after to '" + to + "'", List.of());
        }

        // Each point's own parameters: the series' query parameters plus date= or period=.
        Map<String, List<String>> common = new HashMap<>(parameters);
        common.keySet().removeAll(List.of("from", "to", "step"));
        Map<String, Map<String, List<String>>> asked = new LinkedHashMap<>();
        if (step == Step.YEAR && descriptor.time() != TimeGrain.MONTH_END) {
            // Every year the data touch, events or none (a year without a partition had none: its point is zero).
            QueryService.Coverage coverage = queries.coverage();
            for (int year = Math.max(from.getYear(), coverage.from().getYear()); year <= Math.min(to.getYear(), coverage.to().getYear()); year++) {
                Map<String, List<String>> point = new HashMap<>(common);
                point.put("period", List.of(Integer.toString(year)));
                asked.put("Y" + year, point);
            }
        }
        for (LocalDate date : step == Step.YEAR && descriptor.time() != TimeGrain.MONTH_END ? List.<LocalDate>of() : dates) {
            YearMonth month = YearMonth.from(date);
            boolean inRange = step == Step.MONTH ? !month.isBefore(from) && !month.isAfter(to)
                    : date.getYear() >= from.getYear() && date.getYear() <= to.getYear();
            if (!inRange) {
                continue;
            }
            Map<String, List<String>> point = new HashMap<>(common);
            // For a stock by year, the year's last month end (a later date of the same year replaces an earlier one).
            point.put("date", List.of(date.toString()));
            asked.put(step == Step.YEAR ? "Y" + date.getYear() : date.toString(), point);
        }
        if (asked.size() > MAX_POINTS) {
            throw ApiException.badParameter("from", "the series would have " + asked.size() + " points, more than the limit of " + MAX_POINTS
                    + "; ask for a shorter range or step=year", List.of());
        }
        List<Point> points = new ArrayList<>();
        int rows = 0;
        for (Map<String, List<String>> point : asked.values()) {
            CubeQuery query = queries.parse(cube, point);
            CubeTable table = queries.table(caller, query);
            rows += table.rows().size();
            if (rows > QueryService.MAX_ROWS) {
                throw ApiException.badParameter("dims", "the series would have more than " + QueryService.MAX_ROWS
                        + " rows; ask for fewer dimensions or a shorter range", List.of());
            }
            points.add(new Point(table, queries.result(table)));
        }
        return new Series(cube, step, from, to, points);
    }

    private static String first(Map<String, List<String>> parameters, String name)
    {
        List<String> values = parameters.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw ApiException.badParameter(name, "given " + values.size() + " times; give it once", List.of());
        }
        return values.isEmpty() || values.get(0).isBlank() ? null : values.get(0).strip();
    }

    private static YearMonth month(Map<String, List<String>> parameters, String name, YearMonth fallback)
    {
        String text = first(parameters, name);
        if (text == null) {
            return fallback;
        }
        try {
            return YearMonth.parse(text);
        }
        catch (DateTimeParseException e) {
            throw ApiException.badParameter(name, "'" + text + "' is not a month (yyyy-MM)", List.of());
        }
    }
}
