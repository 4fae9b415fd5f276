package vn.dancu.engine.projection;

/**
 * One projected year of one unit, by sex and cohort age (see {@link UnitSchedule}): the population on 31 December and
 * the flows of the year that brought each cohort there, so that for every cohort
 * {@code population = population a year earlier (age − 1, or 99 and 100+ for the open group) + births − deaths + netMigration}.
 * {@code births} is non-zero at age 0 only.
 */
public record ProjectedYear(double[][] population, double[][] births, double[][] deaths, double[][] netMigration)
{
}
