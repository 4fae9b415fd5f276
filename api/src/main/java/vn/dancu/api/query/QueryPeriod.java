package vn.dancu.api.query;

import vn.dancu.api.error.ApiException;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A period of flows summed by a query ({@code period=}), written in SDMX's reporting-period notation: a calendar year
 * ({@code 2026}), a half-year ({@code 2026-S1}), a quarter ({@code 2026-Q3}), a month ({@code 2026-M07}, also
 * {@code 2026-07}) or a range of months ({@code 2026-01/2026-09}), and the days of it the published data cover. A period
 * the data do not cover whole (the register's first or last months) is <em>partial</em>: every answer says so, with
 * the months it covers.
 *
 * @param code  the period as asked, in canonical form
 * @param first the first month of the period
 * @param last  the last month of the period
 * @param from  the first day with data (the period's first day, or later where the data start)
 * @param to    the last day with data (the period's last day, or earlier where the data end)
 */
public record QueryPeriod(String code, Kind kind, YearMonth first, YearMonth last, LocalDate from, LocalDate to)
{
    public enum Kind
    {
        YEAR, HALF, QUARTER, MONTH, MONTHS;

        public String code()
        {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Pattern YEAR = Pattern.compile("(\\d{4})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern HALF = Pattern.compile("(\\d{4})-S([12])");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-M?(\\d{2})");
    private static final Pattern MONTHS = Pattern.compile("(\\d{4}-\\d{2})/(\\d{4}-\\d{2})");
    public static final String FORMS = "a year yyyy (2026), a half-year yyyy-Sn (2026-S1), a quarter yyyy-Qn (2026-Q3), a month yyyy-Mmm"
            + " (2026-M07) or a range of months yyyy-MM/yyyy-MM (2026-01/2026-09)";

    public QueryPeriod
    {
        requireNonNull(code, "code is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(first, "first is null");
        requireNonNull(last, "last is null");
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        if (last.isBefore(first) || to.isBefore(from)) {
            throw new IllegalArgumentException("period " + code + " ends before it starts");
        }
    }

    /** The months a {@code period=} text asks for (not yet clipped to the data); a 400 naming {@code parameter} otherwise. */
    public static QueryPeriod parse(String parameter, String text)
    {
        Matcher year = YEAR.matcher(text);
        if (year.matches()) {
            int y = Integer.parseInt(year.group(1));
            return whole(text, Kind.YEAR, YearMonth.of(y, 1), YearMonth.of(y, 12));
        }
        Matcher quarter = QUARTER.matcher(text);
        if (quarter.matches()) {
            int y = Integer.parseInt(quarter.group(1));
            int q = Integer.parseInt(quarter.group(2));
            return whole(text, Kind.QUARTER, YearMonth.of(y, 3 * q - 2), YearMonth.of(y, 3 * q));
        }
        Matcher half = HALF.matcher(text);
        if (half.matches()) {
            int y = Integer.parseInt(half.group(1));
            int h = Integer.parseInt(half.group(2));
            return whole(text, Kind.HALF, YearMonth.of(y, 6 * h - 5), YearMonth.of(y, 6 * h));
        }
        Matcher month = MONTH.matcher(text);
        if (month.matches()) {
            int m = Integer.parseInt(month.group(2));
            if (m < 1 || m > 12) {
                throw ApiException.badParameter(parameter, "'" + text + "' has a month that does not exist; give " + FORMS, List.of());
            }
            return month(YearMonth.of(Integer.parseInt(month.group(1)), m));
        }
        Matcher months = MONTHS.matcher(text);
        if (months.matches()) {
            YearMonth first;
            YearMonth last;
            try {
                first = YearMonth.parse(months.group(1));
                last = YearMonth.parse(months.group(2));
            }
            catch (DateTimeParseException e) {
                throw ApiException.badParameter(parameter, "'" + text + "' has a month that does not exist; give " + FORMS, List.of());
            }
            if (last.isBefore(first)) {
                throw ApiException.badParameter(parameter, "'" + text + "' ends before it starts; give " + FORMS, List.of());
            }
            return months(first, last);
        }
        throw ApiException.badParameter(parameter, "'" + text + "' is not a period; give " + FORMS, List.of());
    }

    private static QueryPeriod whole(String code, Kind kind, YearMonth first, YearMonth last)
    {
        return new QueryPeriod(code, kind, first, last, first.atDay(1), last.atEndOfMonth());
    }

    /** One month, {@code 2026-M07}. */
    public static QueryPeriod month(YearMonth month)
    {
        return whole(String.format(Locale.ROOT, "%d-M%02d", month.getYear(), month.getMonthValue()), Kind.MONTH, month, month);
    }

    /** A quarter, {@code 2026-Q3}. */
    public static QueryPeriod quarter(int year, int quarter)
    {
        return whole(year + "-Q" + quarter, Kind.QUARTER, YearMonth.of(year, 3 * quarter - 2), YearMonth.of(year, 3 * quarter));
    }

    /** A half-year, {@code 2026-S1}. */
    public static QueryPeriod half(int year, int half)
    {
        return whole(year + "-S" + half, Kind.HALF, YearMonth.of(year, 6 * half - 5), YearMonth.of(year, 6 * half));
    }

    /** A range of months, {@code 2026-01/2026-09} (one month is {@link #month}). */
    public static QueryPeriod months(YearMonth first, YearMonth last)
    {
        return first.equals(last) ? month(first) : whole(first + "/" + last, Kind.MONTHS, first, last);
    }

    /** The same months {@code years} years earlier, of the same kind. */
    public QueryPeriod minusYears(int years)
    {
        return switch (kind) {
            case YEAR -> year(year() - years);
            case HALF -> half(year() - years, (first.getMonthValue() + 5) / 6);
            case QUARTER -> quarter(year() - years, (first.getMonthValue() + 2) / 3);
            case MONTH -> month(first.minusYears(years));
            case MONTHS -> months(first.minusYears(years), last.minusYears(years));
        };
    }

    /** Whether the months lie in one calendar year (a protection block of flows is one year). */
    public boolean withinOneYear()
    {
        return first.getYear() == last.getYear();
    }

    /** A whole calendar year (before clipping to the data). */
    public static QueryPeriod year(int year)
    {
        return whole(Integer.toString(year), Kind.YEAR, YearMonth.of(year, 1), YearMonth.of(year, 12));
    }

    /** The same period cut to the days the data cover; empty when they cover none of it. */
    public java.util.Optional<QueryPeriod> clip(LocalDate dataFrom, LocalDate dataTo)
    {
        LocalDate start = from.isBefore(dataFrom) ? dataFrom : from;
        LocalDate end = to.isAfter(dataTo) ? dataTo : to;
        if (end.isBefore(start)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new QueryPeriod(code, kind, first, last, start, end));
    }

    public int year()
    {
        return first.getYear();
    }

    /** The data cover less than the whole period. */
    public boolean partial()
    {
        return !from.equals(first.atDay(1)) || !to.equals(last.atEndOfMonth());
    }

    /** Calendar months the data touch (a month cut short at the data's start or end counts). */
    public int monthsCovered()
    {
        return (int) (YearMonth.from(to).getYear() * 12L + YearMonth.from(to).getMonthValue() - YearMonth.from(from).getYear() * 12L
                - YearMonth.from(from).getMonthValue()) + 1;
    }

    /** Whether a partition (its reference date, a month end or the data's last day) falls in the covered days. */
    public boolean holds(LocalDate refDate)
    {
        return !YearMonth.from(refDate).isBefore(YearMonth.from(from)) && !YearMonth.from(refDate).isAfter(YearMonth.from(to));
    }

    /**
     * The months covered as a reader says them: {@code T1–T11/2026} (Vietnamese), {@code Jan–Nov 2026} (English);
     * one month {@code T12/2016}, {@code Dec 2016}; with days ({@code 01/01–15/11/2026}) when the data start or end
     * within a month.
     */
    public String label(String language)
    {
        return label(from, to, language);
    }

    public static String label(LocalDate from, LocalDate to, String language)
    {
        boolean english = "en".equals(language);
        boolean wholeMonths = from.getDayOfMonth() == 1 && to.equals(YearMonth.from(to).atEndOfMonth());
        if (!wholeMonths) {
            DateTimeFormatter day = DateTimeFormatter.ofPattern("dd/MM/yyyy");
            return from.format(day) + "–" + to.format(day);
        }
        YearMonth start = YearMonth.from(from);
        YearMonth end = YearMonth.from(to);
        if (english) {
            DateTimeFormatter month = DateTimeFormatter.ofPattern("MMM", Locale.ENGLISH);
            if (start.equals(end)) {
                return start.format(month) + " " + start.getYear();
            }
            return start.getYear() == end.getYear() ? start.format(month) + "–" + end.format(month) + " " + end.getYear()
                    : start.format(month) + " " + start.getYear() + "–" + end.format(month) + " " + end.getYear();
        }
        if (start.equals(end)) {
            return "T" + start.getMonthValue() + "/" + start.getYear();
        }
        return start.getYear() == end.getYear() ? "T" + start.getMonthValue() + "–T" + end.getMonthValue() + "/" + end.getYear()
                : "T" + start.getMonthValue() + "/" + start.getYear() + "–T" + end.getMonthValue() + "/" + end.getYear();
    }

    /**
     * SDMX TIME_PERIOD: {@code 2026}, {@code 2026-S1}, {@code 2026-Q3}, {@code 2026-M07}, or a time range
     * {@code 2026-01-01/P11M} for months or a partial period.
     */
    public String sdmxTimePeriod()
    {
        if (!partial() && kind == Kind.YEAR) {
            return Integer.toString(year());
        }
        if (!partial() && (kind == Kind.QUARTER || kind == Kind.HALF || kind == Kind.MONTH)) {
            return code;
        }
        boolean wholeMonths = from.getDayOfMonth() == 1 && to.equals(YearMonth.from(to).atEndOfMonth());
        return from + "/" + (wholeMonths ? "P" + monthsCovered() + "M" : "P" + (java.time.temporal.ChronoUnit.DAYS.between(from, to) + 1) + "D");
    }
}
