package vn.dancu.api.report;

import org.apache.poi.ss.usermodel.Sheet;

import java.util.List;

/** Reads a report sheet's table back as text lines, for tests outside this package. */
public final class ReportWorkbookTestSupport
{
    private ReportWorkbookTestSupport() {}

    public static List<String> table(Sheet sheet)
    {
        return ReportWorkbookTest.table(sheet);
    }
}
