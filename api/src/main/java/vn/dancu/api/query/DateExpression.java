package vn.dancu.api.query;

import vn.dancu.api.error.ApiException;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A {@code date=} of a stock as asked: a day ({@code 2026-10-31}); the end of a period in SDMX notation ({@code 2025}
 * is 31/12/2025, {@code 2025-S1} 30/06/2025, {@code 2025-Q3} 30/09/2025, {@code 2025-M07} 31/07/2025); or a date
 * relative to the data, kept as written by bookmarks and saved tables: {@code LATEST} (the newest reference date),
 * {@code LATEST_QUARTER_END}, {@code LATEST_YEAR_END}, each optionally followed by {@code -1Y} … {@code -50Y} for the
 * same day n years earlier.
 */
public record DateExpression(String text, Optional<LocalDate> day, Optional<QueryPeriod> periodEnd, String relative, int yearsBack)
{
    private static final Pattern RELATIVE = Pattern.compile("(LATEST|LATEST_QUARTER_END|LATEST_YEAR_END)(?:-(\\d{1,2})Y)?");
    public static final String FORMS = "a day yyyy-MM-dd (2026-10-31), a period's end (2025, 2025-S1, 2025-Q3, 2025-M07) or LATEST,"
            + " LATEST_QUARTER_END, LATEST_YEAR_END (each may end in -1Y for a year earlier)";

    public DateExpression
    {
        requireNonNull(text, "text is null");
        requireNonNull(day, "day is null");
        requireNonNull(periodEnd, "periodEnd is null");
        requireNonNull(relative, "relative is null");
    }

    public static DateExpression of(LocalDate day)
    {
        return new DateExpression(day.toString(), Optional.of(day), Optional.empty(), "", 0);
    }

    /** Reads a {@code date=}; a 400 naming {@code parameter} when it is none of the forms. */
    public static DateExpression parse(String parameter, String text)
    {
        String upper = text.trim().toUpperCase(Locale.ROOT);
        if (upper.matches("\\d{4}-\\d{2}-\\d{2}")) {
            try {
                return of(LocalDate.parse(upper, DateTimeFormatter.ISO_LOCAL_DATE));
            }
            catch (DateTimeParseException e) {
                throw ApiException.badParameter(parameter, "'" + text + "' is not a date (yyyy-MM-dd), e.g. 2026-10-31", List.of());
            }
        }
        Matcher relative = RELATIVE.matcher(upper);
        if (relative.matches()) {
            int back = relative.group(2) == null ? 0 : Integer.parseInt(relative.group(2));
            if (relative.group(2) != null && (back < 1 || back > 50)) {
                throw ApiException.badParameter(parameter, "'" + text + "': a date can be moved back 1 to 50 years (-1Y … -50Y)", List.of());
            }
            return new DateExpression(upper, Optional.empty(), Optional.empty(), relative.group(1), back);
        }
        if (upper.matches("\\d{4}(-(Q[1-4]|S[12]|M\\d{2}))?")) {
            QueryPeriod period = QueryPeriod.parse(parameter, upper);
            return new DateExpression(period.code(), Optional.empty(), Optional.of(period), "", 0);
        }
        throw ApiException.badParameter(parameter, "'" + text + "' is not a date; give " + FORMS, List.of());
    }

    /**
     * The reference date meant, among the published ones (ascending). A day or a period's end must be published; a
     * period that has not ended in the data is a 400 that says where the data end.
     */
    public LocalDate resolve(String parameter, List<LocalDate> published)
    {
        LocalDate newest = published.get(published.size() - 1);
        LocalDate date;
        if (day.isPresent()) {
            date = day.get();
        }
        else if (periodEnd.isPresent()) {
            date = periodEnd.get().last().atEndOfMonth();
            if (date.isAfter(newest)) {
                throw ApiException.badParameter(parameter, "'" + text + "' ends on " + date + ", after the data (newest reference date " + newest
                        + "); ask for date=LATEST or a period that has ended", List.of());
            }
        }
        else {
            LocalDate anchor = switch (relative) {
                case "LATEST_QUARTER_END" -> lastMatching(published, d -> d.getMonthValue() % 3 == 0 && d.equals(d.withDayOfMonth(d.lengthOfMonth())));
                case "LATEST_YEAR_END" -> lastMatching(published, d -> d.getMonthValue() == 12 && d.getDayOfMonth() == 31);
                default -> newest;
            };
            if (anchor == null) {
                throw ApiException.badParameter(parameter, "'" + text + "': the data have no such date (reference dates from " + published.get(0)
                        + " to " + newest + ")", List.of());
            }
            date = anchor.minusYears(yearsBack);
            // A month end a year earlier is the month end (29/02 → 28/02 and back).
            if (anchor.equals(anchor.withDayOfMonth(anchor.lengthOfMonth()))) {
                date = date.withDayOfMonth(date.lengthOfMonth());
            }
        }
        if (!published.contains(date)) {
            throw ApiException.badParameter(parameter, "no data for " + date + (date.toString().equals(text) ? "" : " (" + text + ")")
                    + "; reference dates from " + published.get(0) + " to " + newest, published.stream().map(LocalDate::toString).toList());
        }
        return date;
    }

    private static LocalDate lastMatching(List<LocalDate> dates, java.util.function.Predicate<LocalDate> test)
    {
        for (int i = dates.size() - 1; i >= 0; i--) {
            if (test.test(dates.get(i))) {
                return dates.get(i);
            }
        }
        return null;
    }
}
