package vn.dancu.datasets.synthetic;

import vn.dancu.datasets.geo.AdminCatalogue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;

/** Prints the demography of a generated register (diagnostic; not a test). Args: folder [today]. */
public final class DemographyReport
{
    public static void main(String[] args) throws Exception
    {
        Path folder = Path.of(args[0]);
        LocalDate today = args.length > 1 ? LocalDate.parse(args[1]) : LocalDate.of(2026, 11, 27);
        GeneratorOptions options = GeneratorOptions.defaults(folder, today);
        options = options.withSeed(Long.getLong("seed", 1));
        if (System.getProperty("persons") != null) {
            options = options.withArea(options.area(), Long.parseLong(System.getProperty("persons")));
        }
        if (args.length < 3 || !args[2].equals("reuse")) {
            Files.createDirectories(folder);
            GenerationSummary summary = RegisterGenerator.generate(options);
            System.out.printf(Locale.ROOT, "persons %,d events %,d residents at end %,d in %.1f s%n", summary.persons(), summary.events(),
                    summary.residentsAtEnd(), summary.elapsed().toMillis() / 1000.0);
        }
        RegisterAnalysis analysis = new RegisterAnalysis(RegisterFiles.read(folder, "persons"), RegisterFiles.read(folder, "events"),
                AdminCatalogue.kontum());
        RegisterDemography demography = new RegisterDemography(analysis);
        LocalDate start = options.periodStart();
        LocalDate end = options.periodEnd();
        System.out.printf(Locale.ROOT, "start %s: residents %,d SR %.1f SR30-39 %.1f SR20-29 %.1f SR0-14 %.1f SR60+ %.1f%n", start,
                analysis.residents(start), demography.sexRatio(start), demography.sexRatio(start, 30, 39), demography.sexRatio(start, 20, 29),
                demography.sexRatio(start, 0, 14), demography.sexRatio(start, 60, 200));
        for (int year = start.getYear() + 1; year <= end.getYear(); year++) {
            LocalDate mid = LocalDate.of(year, 7, 1);
            System.out.printf(Locale.ROOT, "%d: residents %,d SR %.1f SR30-39 %.1f SR20-29 %.1f CBR %.1f CDR %.1f TFR %.2f%n", year,
                    analysis.residents(mid), demography.sexRatio(mid), demography.sexRatio(mid, 30, 39), demography.sexRatio(mid, 20, 29),
                    analysis.crudeRate("BIRTH", year, year), analysis.crudeRate("DEATH", year, year), analysis.totalFertility(year, year));
        }
        System.out.printf(Locale.ROOT, "end %s: residents %,d SR %.1f SR30-39 %.1f SR20-29 %.1f SR0-14 %.1f SR60+ %.1f%n", end,
                analysis.residents(end), demography.sexRatio(end), demography.sexRatio(end, 30, 39), demography.sexRatio(end, 20, 29),
                demography.sexRatio(end, 0, 14), demography.sexRatio(end, 60, 200));
        for (String type : new String[] {"MOVE_IN", "MOVE_OUT", "MOVE_WITHIN"}) {
            long[][] byAge = demography.migrantsByAge(type, start, end);
            long males = 0;
            long females = 0;
            StringBuilder line = new StringBuilder();
            for (int group = 0; group < byAge.length; group++) {
                males += byAge[group][0];
                females += byAge[group][1];
                line.append(String.format(Locale.ROOT, " %d:%d/%d", group * 5, byAge[group][0], byAge[group][1]));
            }
            System.out.printf(Locale.ROOT, "%s: %,d males %,d females SR %.1f |%s%n", type, males, females, 100.0 * males / females, line);
        }
        for (LocalDate day : new LocalDate[] {start, start.plusYears(5), end}) {
            StringBuilder line = new StringBuilder();
            for (int group = 0; group < 14; group++) {
                line.append(String.format(Locale.ROOT, " %d:%.0f", group * 5, demography.sexRatio(day, group * 5, group == 13 ? 200 : group * 5 + 4)));
            }
            System.out.println("SR by age on " + day + ":" + line);
        }
        System.out.print("cohorts at end (age: count):");
        for (int age = 0; age <= 20; age++) {
            System.out.printf(Locale.ROOT, " %d:%d", age, demography.atAge(end, age));
        }
        System.out.println();
        System.out.print("birth-year cohorts around the start, counted at the end (k years after start: count):");
        for (int k = -6; k <= 5; k++) {
            LocalDate cohortEnd = start.plusYears(k + 1).minusDays(1);
            System.out.printf(Locale.ROOT, " %d:%d", k, demography.cohort(end, cohortEnd));
        }
        System.out.println();
        System.out.print("same cohorts counted at start+2y:");
        for (int k = -6; k <= 1; k++) {
            LocalDate cohortEnd = start.plusYears(k + 1).minusDays(1);
            System.out.printf(Locale.ROOT, " %d:%d", k, demography.cohort(start.plusYears(2), cohortEnd));
        }
        System.out.println();
    }
}
