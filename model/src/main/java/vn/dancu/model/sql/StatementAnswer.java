package vn.dancu.model.sql;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The SQL engine process's answer to a statement: its result, or why it has none.
 *
 * @param stopped false when the statement was stopped (time limit, cancel) but the engine could not confirm that
 *                its work ended: tasks still running, or the statement's thread still busy (e.g. in the optimiser).
 *                The server then restarts the engine. Always true with a result.
 */
public record StatementAnswer(Optional<SqlResult> result, Optional<Failure> failure, boolean stopped)
{
    /** Why a statement gave no result. */
    public record Failure(SqlException.Category category, String message)
    {
        public Failure
        {
            requireNonNull(category, "category is null");
            requireNonNull(message, "message is null");
        }
    }

    public StatementAnswer
    {
        requireNonNull(result, "result is null");
        requireNonNull(failure, "failure is null");
        if (result.isPresent() == failure.isPresent()) {
            throw new IllegalArgumentException("an answer has either a result or a failure");
        }
    }

    public static StatementAnswer of(SqlResult result)
    {
        return new StatementAnswer(Optional.of(result), Optional.empty(), true);
    }

    public static StatementAnswer failed(SqlException.Category category, String message, boolean stopped)
    {
        return new StatementAnswer(Optional.empty(), Optional.of(new Failure(category, message)), stopped);
    }
}
