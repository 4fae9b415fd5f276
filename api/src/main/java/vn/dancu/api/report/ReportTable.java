package vn.dancu.api.report;

import java.time.LocalDate;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One standard table of a report: titled, dated and sourced, with its footnotes. A cell is a number, a text, or
 * withheld ({@link Cell#withheld}) and then shown as {@code x} with a footnote saying why.
 *
 * @param refDate   the date the figures describe (a month end, 31/12, or the extract date)
 * @param unavailable why the table could not be filled (a cube not published), or null
 */
public record ReportTable(String id, String title, LocalDate refDate, String period, String source, List<String> header,
        List<List<Cell>> rows, List<String> footnotes, String unavailable)
{
    public ReportTable
    {
        requireNonNull(id, "id is null");
        requireNonNull(title, "title is null");
        requireNonNull(source, "source is null");
        header = List.copyOf(header);
        rows = List.copyOf(rows);
        footnotes = List.copyOf(footnotes);
    }

    /** A cell: a label, a count, a rate or share (with its decimals), or a withheld value. */
    public record Cell(String text, Double number, int decimals, String withheld)
    {
        public static Cell label(String text)
        {
            return new Cell(requireNonNull(text, "text is null"), null, 0, null);
        }

        public static Cell count(long value)
        {
            return new Cell(null, (double) value, 0, null);
        }

        public static Cell decimal(double value, int decimals)
        {
            return new Cell(null, value, decimals, null);
        }

        /** A value not shown: {@code reason} is the footnote (disclosure control, or no data). */
        public static Cell withheld(String reason)
        {
            return new Cell(null, null, 0, requireNonNull(reason, "reason is null"));
        }

        public static Cell empty()
        {
            return new Cell("", null, 0, null);
        }

        public boolean isNumber()
        {
            return number != null;
        }
    }
}
