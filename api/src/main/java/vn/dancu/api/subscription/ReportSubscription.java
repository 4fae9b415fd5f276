package vn.dancu.api.subscription;

import vn.dancu.api.error.ApiException;
import vn.dancu.api.report.ReportRequest;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The report a subscription delivers: {@code kind}, {@code period}, {@code geo}, {@code lang} of
 * {@code /api/v1/reports}. The period is fixed ({@code 2026-10}, {@code 2025}: the same report again from each new
 * version, with its revised figures) or {@value #LATEST}: a monthly report of the newest month with a month-end
 * population, an annual report of the newest whole calendar year the data cover (a partial year is never sent as
 * a whole one; while the data cover no whole year, the newest year, labelled partial).
 */
public record ReportSubscription(String kind, String period, String geography, String language)
{
    public static final String LATEST = "latest";
    public static final List<String> FORMATS = ReportRequest.FORMATS;

    public ReportSubscription
    {
        requireNonNull(kind, "kind is null");
        requireNonNull(period, "period is null");
        requireNonNull(geography, "geography is null");
        requireNonNull(language, "language is null");
    }

    /** Checks the fields as {@code /api/v1/reports} would (with {@code latest} allowed as the period); 400 naming the field. */
    public static ReportSubscription of(String kind, String period, String geography, String language)
    {
        String checkedPeriod = period == null || period.isBlank() ? LATEST : period.strip();
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (kind != null) {
            parameters.put("kind", List.of(kind));
        }
        String sample = "monthly".equals(kind) ? "2026-10" : "2026";
        parameters.put("period", List.of(checkedPeriod.equals(LATEST) ? sample : checkedPeriod));
        if (geography != null) {
            parameters.put("geo", List.of(geography));
        }
        if (language != null) {
            parameters.put("lang", List.of(language));
        }
        ReportRequest request;
        try {
            request = ReportRequest.parse(parameters);
        }
        catch (ApiException e) {
            if (e.toError().title().startsWith("invalid parameter 'period'")) {
                throw ApiException.badParameter("period", "'" + checkedPeriod + "' is neither " + LATEST + " nor "
                        + ("monthly".equals(kind) ? "a month yyyy-MM, e.g. 2026-10" : "a year yyyy, e.g. 2026"), List.of());
            }
            throw e;
        }
        return new ReportSubscription(kind, checkedPeriod, request.geography(), request.language());
    }

    /** Reads the stored form {@code kind=…&period=…&geo=…&lang=…}. */
    public static ReportSubscription parse(String stored)
    {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : stored.split("&")) {
            int equals = pair.indexOf('=');
            fields.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return new ReportSubscription(fields.get("kind"), fields.get("period"), fields.get("geo"), fields.get("lang"));
    }

    public String stored()
    {
        return "kind=" + kind + "&period=" + period + "&geo=" + geography + "&lang=" + language;
    }

    /**
     * The period to report from a version whose month-end population dates are {@code stockDates} (sorted), or
     * empty when there is none; {@code wholeYear} says whether the data cover a calendar year whole.
     */
    public Optional<String> resolve(List<LocalDate> stockDates, java.util.function.IntPredicate wholeYear)
    {
        if (!period.equals(LATEST)) {
            return Optional.of(period);
        }
        if (stockDates.isEmpty()) {
            return Optional.empty();
        }
        LocalDate newest = stockDates.get(stockDates.size() - 1);
        if (kind.equals("monthly")) {
            return Optional.of(java.time.YearMonth.from(newest).toString());
        }
        for (int year = newest.getYear(); year >= stockDates.get(0).getYear(); year--) {
            if (wholeYear.test(year)) {
                return Optional.of(Integer.toString(year));
            }
        }
        return Optional.of(Integer.toString(newest.getYear()));
    }

    /** A title for lists and e-mails, in the report's language. */
    public String title()
    {
        boolean vi = language.equals("vi");
        String what = kind.equals("monthly") ? (vi ? "Báo cáo dân số tháng" : "Monthly population report")
                : (vi ? "Báo cáo dân số năm" : "Annual population report");
        String when = period.equals(LATEST) ? (vi ? "kỳ mới nhất" : "latest period") : period;
        return what + " (" + when + (geography.equals("asof") ? (vi ? ", đơn vị tại thời điểm" : ", units as of the date") : "") + ")";
    }
}
