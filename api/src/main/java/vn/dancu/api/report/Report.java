package vn.dancu.api.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A district population report: its tables and what it was made from.
 *
 * @param kind     monthly or annual
 * @param period   {@code 2026-10} or {@code 2026}
 * @param geography {@code 2025} (units of 01/07/2025) or {@code asof} (units in force at each date)
 */
public record Report(String kind, String period, String geography, String language, String title, String area,
        String version, LocalDate extractDate, Instant createdAt, List<ReportTable> tables)
{
    public Report
    {
        requireNonNull(kind, "kind is null");
        requireNonNull(period, "period is null");
        requireNonNull(title, "title is null");
        tables = List.copyOf(tables);
    }
}
