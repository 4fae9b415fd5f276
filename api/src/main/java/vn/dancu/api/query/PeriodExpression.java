package vn.dancu.api.query;

import vn.dancu.api.error.ApiException;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A {@code period=} as asked: a fixed period ({@link QueryPeriod}) or a period relative to the data, which a saved table
 * or a bookmark keeps as written so that it follows each new version of the cubes. Relative periods are anchored at
 * the last day the published data cover, and name whole periods only:
 * <ul>
 *   <li>{@code LATEST_MONTH}, {@code LATEST_QUARTER}, {@code LATEST_HALF}, {@code LATEST_YEAR}: the newest month,
 *   quarter, half-year or calendar year the data cover whole (data ending on 30/11/2026: {@code 2026-M11},
 *   {@code 2026-Q3}, {@code 2026-S1}, {@code 2025});</li>
 *   <li>{@code YEAR_TO_DATE}: January to the newest whole month of that month's year ({@code 2026-01/2026-11});</li>
 *   <li>{@code LAST_12_MONTHS}: the twelve whole months ending with the newest ({@code 2025-12/2026-11});</li>
 *   <li>any of these followed by {@code -1Y} (or {@code -nY}): the same months n years earlier
 *   ({@code YEAR_TO_DATE-1Y} = {@code 2025-01/2025-11}), "the same period a year earlier";</li>
 *   <li>{@code LAST_5_YEARS}, {@code LAST_4_QUARTERS}, {@code LAST_12_MONTHS_EACH}, {@code LAST_2_HALVES}: several
 *   periods, one per year, quarter, month or half-year, ending with the newest whole one (tables and series).</li>
 * </ul>
 */
public record PeriodExpression(String text, java.util.Optional<QueryPeriod> fixed, Relative relative, int count, int yearsBack)
{
    /** The relative forms. */
    public enum Relative
    {
        NONE, LATEST_MONTH, LATEST_QUARTER, LATEST_HALF, LATEST_YEAR, YEAR_TO_DATE, LAST_12_MONTHS,
        LAST_YEARS, LAST_QUARTERS, LAST_MONTHS, LAST_HALVES
    }

    private static final Pattern SINGLE = Pattern.compile("(LATEST_MONTH|LATEST_QUARTER|LATEST_HALF|LATEST_YEAR|YEAR_TO_DATE|LAST_12_MONTHS)(?:-(\\d{1,2})Y)?");
    private static final Pattern SEVERAL = Pattern.compile("LAST_(\\d{1,3})_(YEARS|QUARTERS|HALVES|MONTHS_EACH)");
    public static final String RELATIVE_FORMS = "LATEST_MONTH, LATEST_QUARTER, LATEST_HALF, LATEST_YEAR, YEAR_TO_DATE, LAST_12_MONTHS"
            + " (each may end in -1Y for the same period a year earlier), or several periods LAST_n_YEARS, LAST_n_QUARTERS,"
            + " LAST_n_HALVES, LAST_n_MONTHS_EACH";
    public static final String FORMS = QueryPeriod.FORMS + "; or relative to the data: " + RELATIVE_FORMS;

    public PeriodExpression
    {
        requireNonNull(text, "text is null");
        requireNonNull(fixed, "fixed is null");
        requireNonNull(relative, "relative is null");
    }

    /** Reads one period as written; a 400 naming {@code parameter} when it is none of the forms. */
    public static PeriodExpression parse(String parameter, String text)
    {
        String upper = text.trim().toUpperCase(Locale.ROOT);
        Matcher single = SINGLE.matcher(upper);
        if (single.matches()) {
            int back = single.group(2) == null ? 0 : Integer.parseInt(single.group(2));
            if (single.group(2) != null && (back < 1 || back > 50)) {
                throw ApiException.badParameter(parameter, "'" + text + "': a period can be moved back 1 to 50 years (-1Y … -50Y)", List.of());
            }
            return new PeriodExpression(upper, java.util.Optional.empty(), Relative.valueOf(single.group(1)), 1, back);
        }
        Matcher several = SEVERAL.matcher(upper);
        if (several.matches()) {
            int n = Integer.parseInt(several.group(1));
            if (n < 1 || n > 120) {
                throw ApiException.badParameter(parameter, "'" + text + "': ask for 1 to 120 periods", List.of());
            }
            Relative relative = switch (several.group(2)) {
                case "YEARS" -> Relative.LAST_YEARS;
                case "QUARTERS" -> Relative.LAST_QUARTERS;
                case "HALVES" -> Relative.LAST_HALVES;
                default -> Relative.LAST_MONTHS;
            };
            return new PeriodExpression(upper, java.util.Optional.empty(), relative, n, 0);
        }
        if (upper.startsWith("LATEST") || upper.startsWith("LAST_") || upper.startsWith("YEAR_TO")) {
            throw ApiException.badParameter(parameter, "'" + text + "' is not a relative period; give " + RELATIVE_FORMS, List.of());
        }
        try {
            QueryPeriod period = QueryPeriod.parse(parameter, upper);
            return new PeriodExpression(period.code(), java.util.Optional.of(period), Relative.NONE, 1, 0);
        }
        catch (ApiException e) {
            if (e.getMessage() != null && e.getMessage().contains("is not a period")) {
                throw ApiException.badParameter(parameter, "'" + text + "' is not a period; give " + FORMS, List.of());
            }
            throw e;
        }
    }

    /** A fixed period. */
    public static PeriodExpression of(QueryPeriod period)
    {
        return new PeriodExpression(period.code(), java.util.Optional.of(period), Relative.NONE, 1, 0);
    }

    public boolean isRelative()
    {
        return relative != Relative.NONE;
    }

    /** Whether it names one period (a query's {@code period=}) rather than several (a table's or a series' periods). */
    public boolean single()
    {
        return switch (relative) {
            case LAST_YEARS, LAST_QUARTERS, LAST_MONTHS, LAST_HALVES -> false;
            default -> true;
        };
    }

    /**
     * The periods meant, given the last day the data cover (not yet cut to the data: the caller clips them). A relative
     * period whose anchor lies before the data gives the periods it names all the same; clipping then finds no data.
     */
    public List<QueryPeriod> resolve(LocalDate dataTo)
    {
        if (fixed.isPresent()) {
            return List.of(fixed.get());
        }
        // The newest month the data cover whole.
        YearMonth newest = dataTo.equals(YearMonth.from(dataTo).atEndOfMonth()) ? YearMonth.from(dataTo) : YearMonth.from(dataTo).minusMonths(1);
        QueryPeriod one = switch (relative) {
            case LATEST_MONTH -> QueryPeriod.month(newest);
            case LATEST_QUARTER -> latestQuarter(newest);
            case LATEST_HALF -> latestHalf(newest);
            case LATEST_YEAR -> QueryPeriod.year(newest.getMonthValue() == 12 ? newest.getYear() : newest.getYear() - 1);
            case YEAR_TO_DATE -> newest.getMonthValue() == 12 ? QueryPeriod.year(newest.getYear()) : QueryPeriod.months(YearMonth.of(newest.getYear(), 1), newest);
            case LAST_12_MONTHS -> newest.getMonthValue() == 12 ? QueryPeriod.year(newest.getYear()) : QueryPeriod.months(newest.minusMonths(11), newest);
            default -> null;
        };
        if (one != null) {
            return List.of(yearsBack == 0 ? one : one.minusYears(yearsBack));
        }
        List<QueryPeriod> periods = new ArrayList<>();
        QueryPeriod last = switch (relative) {
            case LAST_YEARS -> QueryPeriod.year(newest.getMonthValue() == 12 ? newest.getYear() : newest.getYear() - 1);
            case LAST_QUARTERS -> latestQuarter(newest);
            case LAST_HALVES -> latestHalf(newest);
            default -> QueryPeriod.month(newest);
        };
        QueryPeriod period = last;
        for (int i = 0; i < count; i++) {
            periods.add(0, period);
            period = previous(period);
        }
        return List.copyOf(periods);
    }

    private static QueryPeriod latestQuarter(YearMonth newest)
    {
        YearMonth end = newest;
        while (end.getMonthValue() % 3 != 0) {
            end = end.minusMonths(1);
        }
        return QueryPeriod.quarter(end.getYear(), end.getMonthValue() / 3);
    }

    private static QueryPeriod latestHalf(YearMonth newest)
    {
        YearMonth end = newest;
        while (end.getMonthValue() % 6 != 0) {
            end = end.minusMonths(1);
        }
        return QueryPeriod.half(end.getYear(), end.getMonthValue() / 6);
    }

    private static QueryPeriod previous(QueryPeriod period)
    {
        YearMonth before = period.first().minusMonths(1);
        return switch (period.kind()) {
            case YEAR -> QueryPeriod.year(before.getYear());
            case HALF -> QueryPeriod.half(before.getYear(), (before.getMonthValue() + 5) / 6);
            case QUARTER -> QueryPeriod.quarter(before.getYear(), (before.getMonthValue() + 2) / 3);
            default -> QueryPeriod.month(before);
        };
    }
}
