package vn.dancu.api.report;

import vn.dancu.api.error.ApiException;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A validated report request.
 *
 * @param end     last day of the period: the month end, or 31/12 (or the last month end with data, for a partial year)
 * @param start   first day of the period (or the first day with data, for a partial year)
 * @param partial the months the data cover when they cover only part of the period ({@code T1–T11/2026}), else null
 */
public record ReportRequest(Kind kind, String period, LocalDate start, LocalDate end, String geography, Format format, String language, String partial)
{
    public static final List<String> KINDS = List.of("monthly", "annual");
    public static final List<String> FORMATS = List.of("xlsx", "pdf", "csv");
    public static final List<String> PARAMETERS = List.of("kind", "period", "geo", "format", "lang");

    public enum Kind { MONTHLY, ANNUAL }

    public enum Format
    {
        XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        PDF("application/pdf"),
        CSV("text/csv; charset=utf-8");

        private final String contentType;

        Format(String contentType)
        {
            this.contentType = contentType;
        }

        public String contentType()
        {
            return contentType;
        }

        public String extension()
        {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ReportRequest
    {
        requireNonNull(kind, "kind is null");
        requireNonNull(period, "period is null");
        requireNonNull(start, "start is null");
        requireNonNull(end, "end is null");
        requireNonNull(geography, "geography is null");
        requireNonNull(format, "format is null");
        requireNonNull(language, "language is null");
    }

    /** Parses request parameters; each problem is a 400 naming the parameter and what is allowed. */
    public static ReportRequest parse(Map<String, List<String>> parameters)
    {
        for (String name : parameters.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw ApiException.badParameter(name, "unknown parameter", PARAMETERS);
            }
        }
        String kindText = single(parameters, "kind", null);
        if (kindText == null) {
            throw ApiException.badParameter("kind", "missing", KINDS);
        }
        if (!KINDS.contains(kindText)) {
            throw ApiException.badParameter("kind", "'" + kindText + "' is not allowed", KINDS);
        }
        Kind kind = Kind.valueOf(kindText.toUpperCase(Locale.ROOT));
        String period = single(parameters, "period", null);
        String expected = kind == Kind.MONTHLY ? "a month yyyy-MM, e.g. 2026-10" : "a year yyyy, e.g. 2026";
        if (period == null) {
            throw ApiException.badParameter("period", "missing; give " + expected, List.of());
        }
        LocalDate start;
        LocalDate end;
        try {
            if (kind == Kind.MONTHLY) {
                YearMonth month = YearMonth.parse(period);
                start = month.atDay(1);
                end = month.atEndOfMonth();
            }
            else {
                if (!period.matches("\\d{4}")) {
                    throw new DateTimeParseException("not a year", period, 0);
                }
                int year = Integer.parseInt(period);
                start = LocalDate.of(year, 1, 1);
                end = LocalDate.of(year, 12, 31);
            }
        }
        catch (DateTimeParseException e) {
            throw ApiException.badParameter("period", "'" + period + "' is not " + expected, List.of());
        }
        String geography = choice(parameters, "geo", List.of("2025", "asof"), "2025");
        Format format = Format.valueOf(choice(parameters, "format", FORMATS, "xlsx").toUpperCase(Locale.ROOT));
        String language = choice(parameters, "lang", List.of("vi", "en"), "vi");
        return new ReportRequest(kind, period, start, end, geography, format, language, null);
    }

    /** The same request cut to the days the data cover, marked partial with the months they cover. */
    public ReportRequest covering(LocalDate from, LocalDate to, String months)
    {
        return new ReportRequest(kind, period, from, to, geography, format, language, months);
    }

    public boolean isPartial()
    {
        return partial != null;
    }

    private static String single(Map<String, List<String>> parameters, String name, String fallback)
    {
        List<String> values = parameters.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw ApiException.badParameter(name, "given " + values.size() + " times; give it once", List.of());
        }
        return values.isEmpty() || values.get(0).isBlank() ? fallback : values.get(0).strip();
    }

    private static String choice(Map<String, List<String>> parameters, String name, List<String> allowed, String fallback)
    {
        String value = single(parameters, name, fallback);
        if (!allowed.contains(value)) {
            throw ApiException.badParameter(name, "'" + value + "' is not allowed", allowed);
        }
        return value;
    }

    public String fileName()
    {
        return "dancu-report-" + kind.name().toLowerCase(Locale.ROOT) + "-" + period + "-" + geography + "." + format.extension();
    }
}
