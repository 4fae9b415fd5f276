package vn.dancu.cli;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;
import vn.dancu.engine.SparkSessions;

/** {@code --master}: where Spark runs (default: this machine, all cores). */
public final class SparkOption
{
    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[*]",
            description = "Spark master: local[*] (default), local[N], spark://host:7077, yarn, k8s://...")
    String master;

    public SparkSession session(String appName)
    {
        return SparkSessions.local(appName, master);
    }
}
