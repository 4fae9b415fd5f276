package vn.dancu.api.table;

import vn.dancu.api.query.QueryResult;

import java.time.LocalDate;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A table of the table builder, as the JSON answer writes it and every file is made from: the headers of the rows and
 * of the columns, the cells, the totals of each row and column and the grand total, each with its status, and the
 * metadata every answer carries.
 *
 * @param periods      the dates or periods of the table, in order (one when {@code period} is not a variable)
 * @param partial      whether one of them is covered by the data only in part
 * @param cells        one list per row header, one cell per column header
 * @param rowTotals    one per row header: the row's total over the shown columns
 * @param columnTotals one per column header: the column's total over the shown rows
 * @param notes        sentences printed under the table (partial periods, the rule of bands and totals, geography)
 * @param query        the table's parameters as a query string without {@code format} (for links and saved tables)
 */
public record PivotTable(
        String cube,
        String title,
        Measure measure,
        String version,
        LocalDate refDate,
        String geography,
        String level,
        String language,
        List<Period> periods,
        boolean partial,
        Axis rows,
        Axis columns,
        List<List<Cell>> cells,
        List<Cell> rowTotals,
        List<Cell> columnTotals,
        Cell grandTotal,
        Disclosure disclosure,
        QueryResult.Source source,
        List<String> notes,
        int cellCount,
        int cellLimit,
        String query)
{
    public PivotTable
    {
        requireNonNull(cube, "cube is null");
        periods = List.copyOf(periods);
        cells = cells.stream().map(List::copyOf).toList();
        rowTotals = List.copyOf(rowTotals);
        columnTotals = List.copyOf(columnTotals);
        requireNonNull(grandTotal, "grandTotal is null");
        notes = List.copyOf(notes);
    }

    public record Measure(String name, String title, String unit) {}

    /** The variables of one side (outermost first) and its headers: every combination of their kept values, in order. */
    public record Axis(List<Variable> variables, List<Header> headers)
    {
        public Axis
        {
            variables = List.copyOf(variables);
            headers = List.copyOf(headers);
        }
    }

    public record Variable(String name, String title) {}

    /** One row or column: a code and a label per variable of its side. */
    public record Header(List<String> codes, List<String> labels)
    {
        public Header
        {
            codes = List.copyOf(codes);
            labels = List.copyOf(labels);
        }
    }

    /**
     * A figure: {@code ok} with its value, {@code suppressed} (withheld by disclosure control, value null) or
     * {@code not-applicable} (a total across dates or periods, which is not a count of anything; value null).
     */
    public record Cell(Long value, String status)
    {
        public static final String OK = "ok";
        public static final String SUPPRESSED = "suppressed";
        public static final String NOT_APPLICABLE = "not-applicable";

        public static Cell of(long value, boolean withheld)
        {
            return withheld ? new Cell(null, SUPPRESSED) : new Cell(value, OK);
        }

        public static Cell notApplicable()
        {
            return new Cell(null, NOT_APPLICABLE);
        }

        public boolean suppressed()
        {
            return SUPPRESSED.equals(status);
        }
    }

    /**
     * A date or period of the table.
     *
     * @param code        as asked: a date {@code 2025-12-31} or a period {@code 2025}, {@code 2026-Q3}
     * @param label       as a header says it ({@code 31/12/2025}, {@code năm 2026 (T1–T11/2026, chưa đủ năm)})
     * @param refDate     the reference date (a stock's month end, a period's last day with data)
     * @param from        the first day the figures cover (a period's first day with data; the date of a stock)
     * @param months      calendar months covered (flows); 0 for a stock
     * @param monthsLabel the months covered as a reader says them ({@code T1–T11/2026}); null for a stock
     * @param partial     the data cover the period only in part (for a stock asked by period: its last month end falls before the period's end)
     * @param sdmx        SDMX TIME_PERIOD
     */
    public record Period(String code, String label, LocalDate refDate, LocalDate from, int months, String monthsLabel, boolean partial, String sdmx) {}

    /** @param threshold null when the caller sees exact counts */
    public record Disclosure(Long threshold, String measure, int withheldCells, String rule) {}

    public boolean english()
    {
        return "en".equals(language);
    }

    /** What a withheld value means, in the table's language. */
    public String withheldNote()
    {
        return english() ? "x: withheld by disclosure control" : "x: ẩn để bảo vệ thông tin cá nhân";
    }

    /** The reference of the table as a line says it: its dates or periods. */
    public String reference()
    {
        return String.join("; ", periods.stream().map(Period::label).toList());
    }
}
