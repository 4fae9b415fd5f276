package vn.dancu.engine.projection;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Optional;

/**
 * The year end a projection starts from and the years its rates come from: the last 31 December inside the
 * register's period, and up to {@code rateYears} complete calendar years ending with it. A register with no complete
 * calendar year (a partial first or last year is never used as a whole one) has no jump-off.
 */
public record JumpOff(int year, YearRange rateYears)
{
    private static final MonthDay FIRST_DAY = MonthDay.of(1, 1);
    private static final MonthDay LAST_DAY = MonthDay.of(12, 31);

    public JumpOff
    {
        if (rateYears.last() != year) {
            throw new IllegalArgumentException("the rate years " + rateYears + " must end with the jump-off year " + year);
        }
    }

    public static Optional<JumpOff> of(LocalDate periodStart, LocalDate periodEnd, int rateYears)
    {
        return lastCompleteYear(periodEnd).flatMap(last -> at(periodStart, last, rateYears));
    }

    /** The jump-off at the end of {@code year}, if the register covers that year whole. */
    public static Optional<JumpOff> at(LocalDate periodStart, int year, int rateYears)
    {
        int firstComplete = MonthDay.from(periodStart).equals(FIRST_DAY) ? periodStart.getYear() : periodStart.getYear() + 1;
        if (firstComplete > year) {
            return Optional.empty();
        }
        return Optional.of(new JumpOff(year, new YearRange(Math.max(firstComplete, year - rateYears + 1), year)));
    }

    /** The last calendar year that ends inside a period ending on {@code periodEnd}. */
    public static Optional<Integer> lastCompleteYear(LocalDate periodEnd)
    {
        return Optional.of(MonthDay.from(periodEnd).equals(LAST_DAY) ? periodEnd.getYear() : periodEnd.getYear() - 1);
    }

    public LocalDate date()
    {
        return LocalDate.of(year, 12, 31);
    }
}
