package vn.dancu.api.report;

import io.javalin.http.Context;
import vn.dancu.api.error.ApiException;
import vn.dancu.api.access.Caller;
import vn.dancu.api.access.Role;
import vn.dancu.api.http.Http;

import static java.util.Objects.requireNonNull;

/** HTTP only: {@code GET /api/v1/reports?kind=…&period=…&geo=…&format=…&lang=…} answers the report file. */
public final class ReportController
{
    private final ReportService reports;

    public ReportController(ReportService reports)
    {
        this.reports = requireNonNull(reports, "reports is null");
    }

    /** For planners and above; the report is built with the disclosure control of {@link ReportService#reportCaller}. */
    public void download(Context ctx)
    {
        Caller caller = Http.caller(ctx);
        if (caller.anonymousVisitor()) {
            throw ApiException.unauthorized("reports need a planner account: log in (POST /api/v1/auth/login) or send an API token");
        }
        if (caller.role() == Role.VIEWER) {
            throw ApiException.forbidden("reports are for planners, leaders and statisticians; the role of " + caller.name() + " is viewer");
        }
        ReportRequest request = ReportRequest.parse(ctx.queryParamMap());
        Report report = reports.build(caller, request);
        Http.audit(ctx, "report", report.tables().stream().mapToLong(table -> (long) table.rows().size() * table.header().size()).sum());
        byte[] file = ReportFiles.write(report, request.format());
        ctx.contentType(request.format().contentType());
        ctx.header("Content-Disposition", "attachment; filename=\"" + request.fileName() + "\"");
        ctx.result(file);
    }
}
