package vn.dancu.engine.sql;

import org.apache.spark.sql.catalyst.expressions.Add;
import org.apache.spark.sql.catalyst.expressions.ArrayRepeat;
import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.catalyst.expressions.Divide;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.Multiply;
import org.apache.spark.sql.catalyst.expressions.RandStr;
import org.apache.spark.sql.catalyst.expressions.Sequence;
import org.apache.spark.sql.catalyst.expressions.StringLPad;
import org.apache.spark.sql.catalyst.expressions.StringRPad;
import org.apache.spark.sql.catalyst.expressions.StringRepeat;
import org.apache.spark.sql.catalyst.expressions.StringSpace;
import org.apache.spark.sql.catalyst.expressions.Subtract;
import org.apache.spark.sql.catalyst.expressions.UnaryMinus;
import vn.dancu.model.sql.SqlException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Optional;

/**
 * Refuses values built to a huge size by a constant: {@code sequence(1, 50000000)}, {@code repeat('x', 1e9)},
 * {@code array_repeat}, {@code space}, {@code lpad}/{@code rpad}, {@code randstr}. Spark folds such constants in its
 * optimiser, before any job and outside any task, so the statement would take the SQL engine's memory whatever the
 * row and size limits of its result.
 *
 * <p>Only sizes written as numbers (or arithmetic on numbers) are checked, without evaluating anything else: a size
 * computed from the data or from another function is left to the time limit and to the SQL engine's own heap limit
 * (an engine out of memory ends and is restarted by the server).
 */
final class ValueSize
{
    /** Elements or characters one constant-sized value may have. */
    static final long MAX_ELEMENTS = 1_000_000;

    private ValueSize() {}

    static void check(Expression expression)
    {
        if (expression instanceof Sequence sequence) {
            Optional<BigDecimal> start = number(sequence.start());
            Optional<BigDecimal> stop = number(sequence.stop());
            Optional<BigDecimal> step = sequence.stepOpt().isDefined() ? number(sequence.stepOpt().get()) : Optional.of(BigDecimal.ONE);
            if (start.isPresent() && stop.isPresent() && step.isPresent() && step.get().signum() != 0) {
                BigDecimal elements = stop.get().subtract(start.get()).abs().divide(step.get().abs(), 0, RoundingMode.DOWN).add(BigDecimal.ONE);
                refuseAbove("sequence", elements, "elements");
            }
            return;
        }
        if (expression instanceof StringRepeat repeat) {
            Optional<BigDecimal> times = number(repeat.times());
            Optional<Integer> length = stringLength(repeat.str());
            times.ifPresent(value -> refuseAbove("repeat", value.multiply(BigDecimal.valueOf(length.orElse(1))), "characters"));
            return;
        }
        if (expression instanceof ArrayRepeat repeat) {
            number(repeat.right()).ifPresent(value -> refuseAbove("array_repeat", value, "elements"));
            return;
        }
        if (expression instanceof StringSpace space) {
            number(space.child()).ifPresent(value -> refuseAbove("space", value, "characters"));
            return;
        }
        if (expression instanceof StringLPad pad) {
            number(pad.len()).ifPresent(value -> refuseAbove("lpad", value, "characters"));
            return;
        }
        if (expression instanceof StringRPad pad) {
            number(pad.len()).ifPresent(value -> refuseAbove("rpad", value, "characters"));
            return;
        }
        if (expression instanceof RandStr random) {
            number(random.length()).ifPresent(value -> refuseAbove("randstr", value, "characters"));
        }
    }

    private static void refuseAbove(String function, BigDecimal size, String unit)
    {
        if (size.compareTo(BigDecimal.valueOf(MAX_ELEMENTS)) > 0) {
            throw new SqlException(SqlException.Category.REFUSED, function + "(…) would build a value of " + String.format(Locale.ROOT, "%,d", size.toBigInteger())
                    + " " + unit + "; a value may have at most " + String.format(Locale.ROOT, "%,d", MAX_ELEMENTS) + " " + unit
                    + " here (the SQL engine's memory is shared by every statement)");
        }
    }

    /** The value of a number written in the statement, or of arithmetic on such numbers; empty for anything else. */
    static Optional<BigDecimal> number(Expression expression)
    {
        if (expression instanceof Cast cast) {
            return number(cast.child());
        }
        if (expression instanceof Literal literal) {
            Object value = literal.value();
            if (value instanceof Number || value instanceof org.apache.spark.sql.types.Decimal) {
                try {
                    return Optional.of(new BigDecimal(value.toString()));
                }
                catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
            return Optional.empty();
        }
        if (expression instanceof UnaryMinus minus) {
            return number(minus.child()).map(BigDecimal::negate);
        }
        if (expression instanceof Add add) {
            return both(add.left(), add.right()).map(pair -> pair[0].add(pair[1]));
        }
        if (expression instanceof Subtract subtract) {
            return both(subtract.left(), subtract.right()).map(pair -> pair[0].subtract(pair[1]));
        }
        if (expression instanceof Multiply multiply) {
            return both(multiply.left(), multiply.right()).map(pair -> pair[0].multiply(pair[1]));
        }
        if (expression instanceof Divide divide) {
            return both(divide.left(), divide.right()).filter(pair -> pair[1].signum() != 0)
                    .map(pair -> pair[0].divide(pair[1], 0, RoundingMode.DOWN));
        }
        return Optional.empty();
    }

    private static Optional<BigDecimal[]> both(Expression left, Expression right)
    {
        Optional<BigDecimal> a = number(left);
        Optional<BigDecimal> b = number(right);
        return a.isPresent() && b.isPresent() ? Optional.of(new BigDecimal[] {a.get(), b.get()}) : Optional.empty();
    }

    private static Optional<Integer> stringLength(Expression expression)
    {
        if (expression instanceof Literal literal && literal.value() instanceof org.apache.spark.unsafe.types.UTF8String text) {
            return Optional.of(Math.max(1, text.numChars()));
        }
        return Optional.empty();
    }
}
