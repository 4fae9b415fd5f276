package vn.dancu.model.sql;

/** Stages and tasks of a running statement's Spark jobs done so far. */
public record StatementProgress(int stagesDone, int stagesTotal, long tasksDone, long tasksTotal)
{
    /** {@code stages 1/3, tasks 5/12}: the shell's progress line. */
    public String line()
    {
        return "stages " + stagesDone + "/" + stagesTotal + ", tasks " + tasksDone + "/" + tasksTotal;
    }
}
