package vn.dancu.api.projection;

import vn.dancu.api.cube.CuboidSlice;
import vn.dancu.api.cube.PublishedCubes;
import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.publish.CubeEntry;
import vn.dancu.model.publish.CubeManifest;
import vn.dancu.model.publish.CuboidEntry;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The finest cells of one published {@code population_projection} (commune of a geography × scenario × year × sex ×
 * single age), in
 * thousandths of a person as the cube stores them, read from the cuboid {@code commune.geography.scenario.sex.age} of every
 * year. Kept whole in memory: 129,280 cells for Kon Rẫy (3 communes of 2025 and 7 old ones), about a million for a province.
 *
 * @param version  the cube version the cells come from
 * @param years    the jump-off year first, then the projected years
 */
public record ProjectionCells(String version, List<Integer> years, Map<String, long[]> population, Map<String, long[]> births)
{
    public static final String CUBE = "population_projection";
    public static final List<String> SCENARIOS = List.of("MEDIUM", "LOW", "HIGH", "ZERO_MIGRATION");
    public static final List<String> SEXES = List.of("M", "F");
    public static final int OPEN_AGE = 100;
    private static final int AGES = OPEN_AGE + 1;

    public ProjectionCells
    {
        requireNonNull(version, "version is null");
        years = List.copyOf(years);
        population = Map.copyOf(population);
        births = Map.copyOf(births);
    }

    public int jumpOffYear()
    {
        return years.get(0);
    }

    public LocalDate jumpOff()
    {
        return LocalDate.of(jumpOffYear(), 12, 31);
    }

    /** The cube's {@code geography} of the 2025 communes and of the old communes (derived by cohort shares). */
    public static final String UNITS_2025 = "2025";
    public static final String UNITS_BEFORE_2025 = "PRE2025";

    /**
     * The key of a commune of a geography in {@link #population} and {@link #births}: the code for the 2025 communes,
     * {@code PRE2025:code} for the old ones (the reform reused codes: 23485 is both Đắk Tơ Lung and Đăk Kôi).
     */
    public static String key(String geography, String commune)
    {
        return UNITS_2025.equals(geography) ? commune : geography + ":" + commune;
    }

    /** Population in thousandths of a person of a commune ({@link #key}), scenario, year, sex index (0 = M) and age. */
    public long population(String commune, String scenario, int year, int sex, int age)
    {
        long[] cells = population.get(commune);
        return cells == null ? 0 : cells[index(scenario, year, sex, age)];
    }

    /** Births of the year in thousandths, both sexes. */
    public long births(String commune, String scenario, int year)
    {
        long[] cells = births.get(commune);
        return cells == null ? 0 : cells[index(scenario, year, 0, 0)] + cells[index(scenario, year, 1, 0)];
    }

    private int index(String scenario, int year, int sex, int age)
    {
        int s = SCENARIOS.indexOf(scenario);
        int y = year - jumpOffYear();
        return ((s * years.size() + y) * SEXES.size() + sex) * AGES + age;
    }

    /** Reads the cells of the current version; empty when the version has no projection (no complete year yet). */
    public static Optional<ProjectionCells> read(PublishedCubes cubes)
    {
        CubeManifest manifest = cubes.manifest();
        Optional<CubeDescriptor> descriptor = cubes.descriptor(CUBE);
        Optional<CubeEntry> entry = manifest.cube(CUBE);
        if (descriptor.isEmpty() || entry.isEmpty() || entry.get().refDates().isEmpty()) {
            return Optional.empty();
        }
        CuboidEntry finest = entry.get().cuboids().stream()
                .filter(cuboid -> cuboid.dimensions().containsAll(List.of("commune", "scenario", "sex", "age")))
                .sorted(java.util.Comparator.comparingInt(cuboid -> -cuboid.dimensions().size()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("cube " + CUBE + " of version " + manifest.versionId() + " has no cuboid commune.scenario.sex.age"));
        List<LocalDate> dates = entry.get().refDates().stream().sorted().toList();
        List<Integer> years = dates.stream().map(LocalDate::getYear).toList();
        int size = SCENARIOS.size() * years.size() * SEXES.size() * AGES;
        Map<String, long[]> population = new HashMap<>();
        Map<String, long[]> births = new HashMap<>();
        ProjectionCells shape = new ProjectionCells(manifest.versionId(), years, Map.of(), Map.of());
        for (LocalDate date : dates) {
            Optional<CuboidSlice> read = cubes.slice(manifest, descriptor.get(), finest, date);
            if (read.isEmpty()) {
                continue;
            }
            CuboidSlice slice = read.get();
            int communeColumn = slice.dimensionIndex("commune");
            int geographyColumn = slice.dimensionIndex("geography");
            int scenarioColumn = slice.dimensionIndex("scenario");
            int sexColumn = slice.dimensionIndex("sex");
            int ageColumn = slice.dimensionIndex("age");
            long[] populationValues = slice.values().get(slice.measureIndex("population"));
            long[] birthValues = slice.values().get(slice.measureIndex("births"));
            for (int row = 0; row < slice.rows(); row++) {
                // A version built before the old communes were added has no geography: every row is a 2025 commune.
                String commune = key(geographyColumn < 0 ? UNITS_2025 : code(slice, geographyColumn, row), code(slice, communeColumn, row));
                String scenario = code(slice, scenarioColumn, row);
                int sex = SEXES.indexOf(code(slice, sexColumn, row));
                int age = Math.min(OPEN_AGE, Integer.parseInt(code(slice, ageColumn, row)));
                if (!SCENARIOS.contains(scenario) || sex < 0) {
                    throw new IllegalStateException("cube " + CUBE + " of version " + manifest.versionId() + " has a cell of scenario '" + scenario
                            + "', sex '" + code(slice, sexColumn, row) + "' on " + date + "; expected " + SCENARIOS + " and " + SEXES);
                }
                int index = shape.index(scenario, date.getYear(), sex, age);
                population.computeIfAbsent(commune, c -> new long[size])[index] += populationValues[row];
                births.computeIfAbsent(commune, c -> new long[size])[index] += birthValues[row];
            }
        }
        return Optional.of(new ProjectionCells(manifest.versionId(), years, population, births));
    }

    private static String code(CuboidSlice slice, int column, int row)
    {
        return slice.dictionaries().get(column)[slice.codes().get(column)[row]];
    }
}
