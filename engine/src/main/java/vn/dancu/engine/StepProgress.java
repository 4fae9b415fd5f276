package vn.dancu.engine;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Where a long job reports each step as it ends (ingest's tables, build's cubes), so that a person watching a run
 * sees it move: one line per step with its count and seconds. Jobs that nobody watches pass {@link #NONE}.
 */
@FunctionalInterface
public interface StepProgress
{
    StepProgress NONE = (step, done, total, seconds) -> {};

    /** Step {@code done} of {@code total}, named {@code step}, ended after {@code seconds}. */
    void stepDone(String step, int done, int total, double seconds);

    /** Prints {@code "  ingest  3/10  persons                      2.1 s"} to {@code out}. */
    static StepProgress printingTo(PrintStream out, String job)
    {
        return (step, done, total, seconds) -> {
            out.printf(Locale.ROOT, "  %s %2d/%d  %-28s %6.1f s%n", job, done, total, step, seconds);
            out.flush();
        };
    }

    /** Counts the steps of one run and times each from the end of the previous one. */
    final class Counter
    {
        private final StepProgress progress;
        private final int total;
        private int done;
        private long last = System.nanoTime();

        public Counter(StepProgress progress, int total)
        {
            this.progress = progress;
            this.total = total;
        }

        public void done(String step)
        {
            long now = System.nanoTime();
            done++;
            progress.stepDone(step, done, Math.max(total, done), (now - last) / 1e9);
            last = now;
        }
    }
}
