package vn.dancu.model.sql;

/**
 * The protocol between the server and its SQL engine process: JSON over HTTP on 127.0.0.1 only, every request
 * carrying {@code Authorization: Bearer <secret>}, the secret handed to the engine in its environment
 * ({@value #SECRET_ENVIRONMENT}, never on the command line). {@link SqlJson} writes and reads the bodies.
 *
 * <ul>
 *   <li>{@code GET /v1/health}: {@code {"ready": true, "views": 17}}</li>
 *   <li>{@code GET /v1/views}: {@code {"views": [ViewDefinition…]}}</li>
 *   <li>{@code POST /v1/statements} with a {@link StatementRequest}: a {@link StatementAnswer}, once the statement has
 *   finished, failed, or been stopped (time limit, cancel)</li>
 *   <li>{@code POST /v1/statements/{id}/cancel}: {@code {"cancelled": true|false}}</li>
 *   <li>{@code GET /v1/statements/{id}/progress}: {@code {"running": true, "stagesDone": …}} or {@code {"running": false}}</li>
 * </ul>
 *
 * <p>The engine prints {@value #READY_LINE}{@code <port>} on its standard output once it serves (or
 * {@value #UNAVAILABLE_LINE}{@code <reason>} and exits); it ends when its standard input closes (the server is gone).
 */
public final class SqlProtocol
{
    /** The environment variable holding the shared secret. */
    public static final String SECRET_ENVIRONMENT = "DANCU_SQL_SECRET";
    /**
     * The environment variable naming a folder of the engine's own for Spark's scratch files (shuffle, spills) and
     * temporary files; whoever starts the engine deletes it after the engine ended.
     */
    public static final String SCRATCH_ENVIRONMENT = "DANCU_SQL_SCRATCH";
    /** The line the engine prints, followed by its port, once it answers. */
    public static final String READY_LINE = "dancu-sql-engine ready on port ";
    /** The line the engine prints, followed by the reason, when it cannot serve (e.g. no data to query), before it exits. */
    public static final String UNAVAILABLE_LINE = "dancu-sql-engine unavailable: ";
    public static final String HEALTH = "/v1/health";
    public static final String VIEWS = "/v1/views";
    public static final String STATEMENTS = "/v1/statements";

    private SqlProtocol() {}

    public static String cancel(String id)
    {
        return STATEMENTS + "/" + id + "/cancel";
    }

    public static String progress(String id)
    {
        return STATEMENTS + "/" + id + "/progress";
    }
}
