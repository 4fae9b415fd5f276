package vn.dancu.api.sql;

import io.javalin.http.Context;
import vn.dancu.api.error.ApiException;
import vn.dancu.api.access.Caller;
import vn.dancu.api.http.Http;

/**
 * Who is asking: the user name a SQL request runs, is limited and is audited under. It throws
 * {@link ApiException} (401/403) for a caller who may not use SQL.
 */
@FunctionalInterface
public interface SqlCaller
{
    String user(Context ctx);

    /**
     * The statistician role (and admin, which has every right of a statistician), on an account of the whole area:
     * SQL reads the pseudonymised microdata of the whole register, without disclosure control.
     */
    static SqlCaller statistician()
    {
        return ctx -> {
            Caller caller = Http.caller(ctx);
            if (caller.anonymousVisitor()) {
                throw ApiException.unauthorized("SQL needs a statistician account: log in (POST /api/v1/auth/login) or send an API token");
            }
            if (!caller.role().seesExactCounts()) {
                throw ApiException.forbidden("SQL is for the statistician role; the role of " + caller.name() + " is " + caller.role().code());
            }
            if (caller.scoped()) {
                throw ApiException.forbidden("SQL reads the whole register: an account limited to some communes cannot use it");
            }
            return caller.name();
        };
    }
}
