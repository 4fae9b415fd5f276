package vn.dancu.engine;

import org.apache.spark.sql.SparkSession;
import vn.dancu.engine.storage.NioLocalFileSystem;

/**
 * Spark sessions for dancu's jobs. Locally: {@code local[*]} with few shuffle partitions (the data of one area fits
 * a handful of tasks; 200 partitions would be 200 tiny tasks per stage). Under {@code spark-submit} the master and
 * resources come from the submit command and only dancu's own settings are added.
 */
public final class SparkSessions
{
    private SparkSessions() {}

    public static SparkSession local(String appName, String master)
    {
        SparkSession.Builder builder = SparkSession.builder()
                .appName(appName)
                .master(master)
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.shuffle.partitions", "8")
                .config("spark.default.parallelism", "4")
                // one machine has memory to spare and few cores: the build's cached spells and persons are kept without
                // column compression (at 10 million persons encoding them took 21 of the build's first 99 s; what
                // does not fit in memory goes to disk as before)
                .config("spark.sql.inMemoryColumnarStorage.compressed", "false");
        return withDancuSettings(builder).getOrCreate();
    }

    /** A session for {@code spark-submit}: master, memory and parallelism are the cluster's. */
    public static SparkSession submitted(String appName)
    {
        return withDancuSettings(SparkSession.builder().appName(appName)).getOrCreate();
    }

    private static SparkSession.Builder withDancuSettings(SparkSession.Builder builder)
    {
        return builder
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.parquet.compression.codec", "zstd")
                .config("spark.sql.sources.partitionOverwriteMode", "static")
                .config("spark.sql.adaptive.enabled", "true")
                .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                // local files without a chmod/ls child process per file (see NioLocalFileSystem)
                .config("spark.hadoop.fs.file.impl", NioLocalFileSystem.class.getName());
    }
}
