package vn.dancu.engine;

import org.apache.spark.sql.SparkSession;

/** The one local session the engine's tests share (local[2], 2 shuffle partitions, no UI). */
public final class SparkTestSession
{
    private static SparkSession session;

    private SparkTestSession() {}

    public static synchronized SparkSession get()
    {
        if (session == null) {
            session = SparkSessions.local("dancu-tests", "local[2]");
            session.conf().set("spark.sql.shuffle.partitions", "2");
        }
        return session;
    }
}
