package vn.dancu.engine.sql;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import scala.jdk.javaapi.CollectionConverters;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts stages and tasks done per job group, from Spark's listener bus, for the shell's progress line and the
 * server's progress answer.
 */
public final class SqlProgress extends SparkListener
{
    private static final String JOB_GROUP = "spark.jobGroup.id";

    /** Stages and tasks of a statement's jobs so far. */
    public record Snapshot(int stagesDone, int stagesTotal, long tasksDone, long tasksTotal)
    {
        public String line()
        {
            return "stages " + stagesDone + "/" + stagesTotal + ", tasks " + tasksDone + "/" + tasksTotal;
        }
    }

    private static final class Counters
    {
        int stagesDone;
        int stagesTotal;
        long tasksDone;
        long tasksTotal;
    }

    private final Map<String, Counters> groups = new ConcurrentHashMap<>();
    private final Map<Integer, String> stageGroups = new ConcurrentHashMap<>();

    void start(String jobGroup)
    {
        groups.put(jobGroup, new Counters());
    }

    void finish(String jobGroup)
    {
        groups.remove(jobGroup);
        stageGroups.values().removeIf(jobGroup::equals);
    }

    public Optional<Snapshot> snapshot(String jobGroup)
    {
        Counters counters = groups.get(jobGroup);
        if (counters == null) {
            return Optional.empty();
        }
        synchronized (counters) {
            return Optional.of(new Snapshot(counters.stagesDone, counters.stagesTotal, counters.tasksDone, counters.tasksTotal));
        }
    }

    @Override
    public void onJobStart(SparkListenerJobStart jobStart)
    {
        String group = jobStart.properties() == null ? null : jobStart.properties().getProperty(JOB_GROUP);
        Counters counters = group == null ? null : groups.get(group);
        if (counters == null) {
            return;
        }
        synchronized (counters) {
            for (StageInfo stage : CollectionConverters.asJava(jobStart.stageInfos())) {
                if (stageGroups.putIfAbsent(stage.stageId(), group) == null) {
                    counters.stagesTotal++;
                    counters.tasksTotal += stage.numTasks();
                }
            }
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd)
    {
        Counters counters = countersOf(taskEnd.stageId());
        if (counters != null && taskEnd.taskInfo() != null && taskEnd.taskInfo().successful()) {
            synchronized (counters) {
                counters.tasksDone++;
            }
        }
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted stageCompleted)
    {
        Counters counters = countersOf(stageCompleted.stageInfo().stageId());
        if (counters != null) {
            synchronized (counters) {
                counters.stagesDone++;
            }
        }
    }

    private Counters countersOf(int stageId)
    {
        String group = stageGroups.get(stageId);
        return group == null ? null : groups.get(group);
    }
}
