package vn.dancu.api.sql;

import io.javalin.http.Context;

/**
 * Who is asking: the user name a SQL request runs, is limited and is audited under. It throws
 * {@link vn.dancu.api.ApiException} (401/403) for a caller who may not use SQL.
 */
@FunctionalInterface
public interface SqlCaller
{
    String user(Context ctx);

    /**
     * For a server without accounts (started with {@code --sql}): every caller is {@code anonymous@<address>}, so
     * the one-statement-at-a-time rule holds per client address and the audit log names the address.
     */
    static SqlCaller byAddress()
    {
        return ctx -> "anonymous@" + ctx.ip();
    }
}
