package vn.dancu.api.report;

import io.javalin.http.Context;

import static java.util.Objects.requireNonNull;

/** HTTP only: {@code GET /api/v1/reports?kind=…&period=…&geo=…&format=…&lang=…} answers the report file. */
public final class ReportController
{
    private final ReportService reports;

    public ReportController(ReportService reports)
    {
        this.reports = requireNonNull(reports, "reports is null");
    }

    public void download(Context ctx)
    {
        ReportRequest request = ReportRequest.parse(ctx.queryParamMap());
        byte[] file = ReportFiles.write(reports.build(request), request.format());
        ctx.contentType(request.format().contentType());
        ctx.header("Content-Disposition", "attachment; filename=\"" + request.fileName() + "\"");
        ctx.result(file);
    }
}
