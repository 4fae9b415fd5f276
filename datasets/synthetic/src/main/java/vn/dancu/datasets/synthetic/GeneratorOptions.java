package vn.dancu.datasets.synthetic;

import vn.dancu.datasets.geo.Area;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;

import static java.util.Objects.requireNonNull;

/**
 * What to generate.
 *
 * @param outputDir   the extract folder (the data folder's {@code raw/}); previous register files in it are replaced
 * @param area        territory covered
 * @param persons     about how many residents at {@code periodEnd}; null = the calibrated size of the area (see
 *                    docs/synthetic-register.md)
 * @param seed        same seed, same options → byte-identical files
 * @param periodStart first day of the event period
 * @param periodEnd   last day of the event period, also the extract date
 * @param format      file format of persons and events
 * @param badRate     share of records that receive each kind of injected fault (0 = a clean extract)
 */
public record GeneratorOptions(Path outputDir, Area area, Long persons, long seed, LocalDate periodStart,
        LocalDate periodEnd, RegisterFormat format, double badRate)
{
    /** The earliest period start the demographic model supports (ID numbers need birth years from 1900). */
    public static final LocalDate EARLIEST_START = LocalDate.of(1990, 1, 1);
    public static final long MIN_PERSONS = 100;
    /** Twice the national population; beyond it the ID-number windows of the chunks get too small. */
    public static final long MAX_PERSONS = 200_000_000;

    public GeneratorOptions
    {
        requireNonNull(outputDir, "outputDir is null");
        requireNonNull(area, "area is null");
        requireNonNull(periodStart, "periodStart is null");
        requireNonNull(periodEnd, "periodEnd is null");
        requireNonNull(format, "format is null");
        if (persons != null && (persons < MIN_PERSONS || persons > MAX_PERSONS)) {
            throw new IllegalArgumentException("persons must be between " + MIN_PERSONS + " and " + MAX_PERSONS + ", was " + persons);
        }
        if (!periodStart.isBefore(periodEnd)) {
            throw new IllegalArgumentException("periodStart " + periodStart + " is not before periodEnd " + periodEnd);
        }
        if (periodStart.isBefore(EARLIEST_START) || periodEnd.getYear() > 2099) {
            throw new IllegalArgumentException("period must lie between " + EARLIEST_START + " and 2099-12-31, was "
                    + periodStart + " – " + periodEnd);
        }
        if (!(badRate >= 0 && badRate <= 0.05)) {
            throw new IllegalArgumentException("badRate must be between 0 and 0.05, was " + badRate);
        }
    }

    /**
     * Kon Rẫy, seed 1, the ten years up to the end of the month before {@code today}, Parquet, no faults.
     */
    public static GeneratorOptions defaults(Path outputDir, LocalDate today)
    {
        LocalDate periodEnd = YearMonth.from(today).minusMonths(1).atEndOfMonth();
        return new GeneratorOptions(outputDir, Area.konray(), null, 1, periodEnd.minusYears(10).plusDays(1), periodEnd,
                RegisterFormat.PARQUET, 0);
    }

    public GeneratorOptions withOutputDir(Path newOutputDir)
    {
        return new GeneratorOptions(newOutputDir, area, persons, seed, periodStart, periodEnd, format, badRate);
    }

    public GeneratorOptions withSeed(long newSeed)
    {
        return new GeneratorOptions(outputDir, area, persons, newSeed, periodStart, periodEnd, format, badRate);
    }

    public GeneratorOptions withFormat(RegisterFormat newFormat)
    {
        return new GeneratorOptions(outputDir, area, persons, seed, periodStart, periodEnd, newFormat, badRate);
    }

    public GeneratorOptions withBadRate(double newBadRate)
    {
        return new GeneratorOptions(outputDir, area, persons, seed, periodStart, periodEnd, format, newBadRate);
    }

    public GeneratorOptions withArea(Area newArea, Long newPersons)
    {
        return new GeneratorOptions(outputDir, newArea, newPersons, seed, periodStart, periodEnd, format, badRate);
    }
}
