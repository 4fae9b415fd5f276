package vn.dancu.engine.sql;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.scheduler.StageInfo;
import scala.jdk.javaapi.CollectionConverters;
import vn.dancu.model.sql.StatementProgress;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import static java.util.Objects.requireNonNull;

/**
 * Counts stages and tasks per job group, from Spark's listener bus: the stages and tasks done, for the shell's
 * progress line and the server's progress answer, and the tasks still running, to tell whether a stopped statement's
 * work has really ended (a cancelled job's tasks go on until they notice, or forever if they never do).
 *
 * <p>A job that starts for a statement that has already returned — stopped between its last look at its cancel and
 * the job's submission, whose cancel of its job group therefore found no job — is handed to {@code lateJobs} (which
 * cancels it), and its tasks are counted like any other.
 */
public final class SqlProgress extends SparkListener
{
    private static final String JOB_GROUP = "spark.jobGroup.id";

    private static final class Counters
    {
        int stagesDone;
        int stagesTotal;
        long tasksDone;
        long tasksTotal;
    }

    private final Map<String, Counters> groups = new ConcurrentHashMap<>();
    private final Map<Integer, String> stageGroups = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> runningTasks = new ConcurrentHashMap<>();
    private final Map<String, Long> finishedAt = new ConcurrentHashMap<>();
    private final IntConsumer lateJobs;
    private final java.util.Set<String> stoppedGroups = ConcurrentHashMap.newKeySet();

    SqlProgress(IntConsumer lateJobs)
    {
        this.lateJobs = requireNonNull(lateJobs, "lateJobs is null");
    }

    /** The statement of {@code jobGroup} was stopped (its job group cancelled): a job of it that starts later is late. */
    void stopped(String jobGroup)
    {
        stoppedGroups.add(jobGroup);
    }

    void start(String jobGroup)
    {
        forgetIdleGroups();
        finishedAt.remove(jobGroup);
        groups.put(jobGroup, new Counters());
    }

    /**
     * The statement of {@code jobGroup} has returned. Its tasks are still counted until they end: the listener bus
     * may tell of their start and end later, so the group's stages are remembered for a minute after its last task.
     */
    void finish(String jobGroup)
    {
        groups.remove(jobGroup);
        finishedAt.put(jobGroup, System.nanoTime());
    }

    public Optional<StatementProgress> snapshot(String jobGroup)
    {
        Counters counters = groups.get(jobGroup);
        if (counters == null) {
            return Optional.empty();
        }
        synchronized (counters) {
            return Optional.of(new StatementProgress(counters.stagesDone, counters.stagesTotal, counters.tasksDone, counters.tasksTotal));
        }
    }

    /** Tasks of {@code jobGroup}'s jobs that started and have not ended, as far as the listener bus has told. */
    public int runningTasks(String jobGroup)
    {
        AtomicInteger running = runningTasks.get(jobGroup);
        return running == null ? 0 : running.get();
    }

    @Override
    public void onJobStart(SparkListenerJobStart jobStart)
    {
        String group = jobStart.properties() == null ? null : jobStart.properties().getProperty(JOB_GROUP);
        if (group != null && (stoppedGroups.contains(group) || !groups.containsKey(group) && finishedAt.containsKey(group))) {
            // its statement was stopped, or has returned: nobody waits for this job
            for (StageInfo stage : CollectionConverters.asJava(jobStart.stageInfos())) {
                stageGroups.putIfAbsent(stage.stageId(), group);
            }
            lateJobs.accept(jobStart.jobId());
            return;
        }
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
    public void onTaskStart(SparkListenerTaskStart taskStart)
    {
        String group = stageGroups.get(taskStart.stageId());
        if (group != null) {
            runningTasks.computeIfAbsent(group, g -> new AtomicInteger()).incrementAndGet();
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd)
    {
        String group = stageGroups.get(taskEnd.stageId());
        if (group == null) {
            return;
        }
        AtomicInteger running = runningTasks.get(group);
        if (running != null) {
            running.decrementAndGet();
        }
        Counters counters = groups.get(group);
        if (counters != null && taskEnd.taskInfo() != null && taskEnd.taskInfo().successful()) {
            synchronized (counters) {
                counters.tasksDone++;
            }
        }
        if (counters == null && running != null && running.get() <= 0) {
            finishedAt.put(group, System.nanoTime());
        }
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted stageCompleted)
    {
        String group = stageGroups.get(stageCompleted.stageInfo().stageId());
        Counters counters = group == null ? null : groups.get(group);
        if (counters != null) {
            synchronized (counters) {
                counters.stagesDone++;
            }
        }
    }

    private void forgetIdleGroups()
    {
        long now = System.nanoTime();
        finishedAt.forEach((group, finished) -> {
            if (now - finished > 60_000_000_000L && runningTasks(group) <= 0) {
                finishedAt.remove(group);
                stoppedGroups.remove(group);
                runningTasks.remove(group);
                stageGroups.values().removeIf(group::equals);
            }
        });
    }
}
