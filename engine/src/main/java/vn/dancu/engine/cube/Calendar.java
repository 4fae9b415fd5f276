package vn.dancu.engine.cube;

import org.apache.spark.sql.Column;

import java.time.LocalDate;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.dayofmonth;
import static org.apache.spark.sql.functions.last_day;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.make_date;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

/**
 * Date arithmetic of the cubes as Spark columns, with one definition of age: completed years on a day, as
 * {@link java.time.Period#between} counts them (someone born on 29 February completes a year on 1 March in a common
 * year). Months are numbered {@code year * 12 + month - 1} so that month arithmetic is integer arithmetic.
 */
public final class Calendar
{
    private Calendar() {}

    public static Column monthIndex(Column date)
    {
        return year(date).multiply(12).plus(month(date)).minus(1);
    }

    public static int monthIndex(LocalDate date)
    {
        return date.getYear() * 12 + date.getMonthValue() - 1;
    }

    public static LocalDate monthEnd(int monthIndex)
    {
        LocalDate first = LocalDate.of(Math.floorDiv(monthIndex, 12), Math.floorMod(monthIndex, 12) + 1, 1);
        return first.withDayOfMonth(first.lengthOfMonth());
    }

    /** The last day of month {@code monthIndex}. */
    public static Column monthEnd(Column monthIndex)
    {
        return last_day(make_date(monthIndex.divide(12).cast("int"), monthIndex.mod(12).plus(1), lit(1)));
    }

    /** Completed years of age on {@code day} of someone born on {@code birthDate}. */
    public static Column ageOn(Column birthDate, Column day)
    {
        Column birthdayNotYet = month(day).lt(month(birthDate))
                .or(month(day).equalTo(month(birthDate)).and(dayofmonth(day).lt(dayofmonth(birthDate))));
        return year(day).minus(year(birthDate)).minus(when(birthdayNotYet, 1).otherwise(0)).cast("int");
    }

    /** The day on which someone born on {@code birthDate} completes {@code age} years. */
    public static Column birthday(Column birthDate, Column age)
    {
        Column sameDay = add_months(birthDate, age.multiply(12));
        return when(bornOnLeapDay(birthDate).and(dayofmonth(sameDay).equalTo(28)), date_add(sameDay, 1)).otherwise(sameDay);
    }

    public static Column bornOnLeapDay(Column birthDate)
    {
        return month(birthDate).equalTo(2).and(dayofmonth(birthDate).equalTo(29));
    }

    /**
     * The first month at whose last day someone born in month {@code birthMonth} has completed {@code age} years:
     * the birthday month, or the month after it for a 29 February birthday falling in a common year.
     */
    public static Column monthOfBirthday(Column birthMonth, Column leapDay, Column age)
    {
        Column month = birthMonth.plus(age.multiply(12));
        Column yearOfBirthday = month.divide(12).cast("int");
        return when(leapDay.and(isLeapYear(yearOfBirthday).unary_$bang()), month.plus(1)).otherwise(month);
    }

    /** Completed years at the end of month {@code monthIndex} of someone born in {@code birthMonth}. */
    public static Column ageAtMonthEnd(Column birthMonth, Column leapDay, Column monthIndex)
    {
        Column elapsed = monthIndex.minus(birthMonth);
        Column years = elapsed.divide(12).cast("int");
        Column birthdayMonthInCommonYear = leapDay.and(elapsed.mod(12).equalTo(0))
                .and(isLeapYear(monthIndex.divide(12).cast("int")).unary_$bang());
        return when(birthdayMonthInCommonYear, years.minus(1)).otherwise(years);
    }

    public static Column isLeapYear(Column year)
    {
        return year.mod(4).equalTo(0).and(year.mod(100).notEqual(0).or(year.mod(400).equalTo(0)));
    }
}
