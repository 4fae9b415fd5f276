package vn.dancu.api.query;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dancu.api.cube.PublishedCubes;
import vn.dancu.api.disclosure.DisclosureControl;
import vn.dancu.api.disclosure.SuppressionPattern;
import vn.dancu.datasets.geo.Area;
import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.publish.CubeManifest;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Which cells of an answer disclosure control withholds: every cell of the table (the shown dimensions and the
 * filtered ones) is looked up in the suppression pattern of its block, computed once per cube version over every
 * table of the block ({@link LinkedTableReader}, {@link vn.dancu.api.disclosure.GaussSuppression}).
 */
final class ProtectedCells
{
    private static final Logger LOG = LoggerFactory.getLogger(ProtectedCells.class);

    private final PublishedCubes cubes;
    private final DisclosureControl disclosure;
    private final LinkedTableReader reader;
    private final java.util.function.Supplier<QueryService.Coverage> coverage;

    ProtectedCells(PublishedCubes cubes, Area area, DisclosureControl disclosure, Map<String, List<String>> unitCodes,
            java.util.function.Supplier<QueryService.Coverage> coverage)
    {
        this.cubes = requireNonNull(cubes, "cubes is null");
        this.disclosure = requireNonNull(disclosure, "disclosure is null");
        this.coverage = requireNonNull(coverage, "coverage is null");
        this.reader = new LinkedTableReader(cubes, area, disclosure, unitCodes, coverage);
    }

    /** The block a query's cells belong to. */
    ProtectionBlock block(CubeManifest manifest, CubeDescriptor descriptor, CubeQuery query)
    {
        Map<String, CubeDescriptor> published = new LinkedHashMap<>();
        // The published cubes in the catalogue's order, which is the order of a block's tables.
        for (String cube : cubes.catalog().names()) {
            cubes.descriptor(cube).ifPresent(found -> published.put(cube, found));
        }
        published.putIfAbsent(descriptor.name(), descriptor);
        return ProtectionBlock.of(descriptor, query, manifest, published, coverage.get());
    }

    SuppressionPattern pattern(CubeManifest manifest, ProtectionBlock block)
    {
        return disclosure.pattern(manifest.versionId(), block.key(), (DisclosureControl.Tables) each -> reader.read(manifest, block, each),
                cube -> cubes.descriptor(cube).orElseThrow().policy().disclosureUnit());
    }

    /**
     * Computes the pattern of every block of a version (each once: a later answer only looks its cells up), newest
     * first. A block that cannot be read is logged and skipped: the answer needing it reports the problem.
     *
     * @return the number of blocks
     */
    int warmAll(CubeManifest manifest)
    {
        List<Map.Entry<java.time.LocalDate, CubeQuery>> questions = new ArrayList<>();
        for (var entry : manifest.cubes()) {
            CubeDescriptor descriptor = cubes.descriptor(entry.name()).orElse(null);
            if (descriptor == null || disclosure.countedMeasure(descriptor).isEmpty() || entry.refDates().isEmpty()) {
                continue;
            }
            boolean byYear = descriptor.time() == vn.dancu.model.cube.TimeGrain.MONTH || descriptor.time() == vn.dancu.model.cube.TimeGrain.YEAR;
            List<java.time.LocalDate> dates = entry.refDates();
            if (byYear) {
                for (int year : dates.stream().map(java.time.LocalDate::getYear).distinct().toList()) {
                    List<java.time.LocalDate> months = dates.stream().filter(date -> date.getYear() == year).toList();
                    questions.add(Map.entry(months.get(months.size() - 1), new CubeQuery(entry.name(), List.of(), descriptor.measureNames(), Map.of(),
                            months, (Integer) year, GeographyDimension.Geography.Y2025, GeographyDimension.Level.COMMUNE, "vi")));
                }
                continue;
            }
            for (java.time.LocalDate date : dates) {
                questions.add(Map.entry(date, new CubeQuery(entry.name(), List.of(), descriptor.measureNames(), Map.of(), List.of(date), (Integer) null,
                        GeographyDimension.Geography.Y2025, GeographyDimension.Level.COMMUNE, "vi")));
            }
        }
        questions.sort(Map.Entry.<java.time.LocalDate, CubeQuery>comparingByKey().reversed());
        java.util.Set<String> done = new java.util.HashSet<>();
        for (Map.Entry<java.time.LocalDate, CubeQuery> question : questions) {
            if (Thread.currentThread().isInterrupted()) {
                // The server stops: the blocks left are computed at first use after its next start.
                break;
            }
            CubeDescriptor descriptor = cubes.descriptor(question.getValue().cube()).orElseThrow();
            ProtectionBlock block = block(manifest, descriptor, question.getValue());
            if (!done.add(block.key())) {
                continue;
            }
            try {
                pattern(manifest, block);
            }
            catch (RuntimeException e) {
                LOG.warn("disclosure pattern of {} not computed: {}", block.key(), e.toString());
            }
        }
        return done.size();
    }

    /**
     * The withheld cells of a table, row-major over {@code axes} (the last varies fastest).
     *
     * @param axes      the shown dimensions, then the filtered ones
     * @param leafCodes the codes of each axis
     */
    BitSet suppressed(CubeManifest manifest, CubeDescriptor descriptor, CubeQuery query, List<QueryDimension> axes, List<List<String>> leafCodes,
            int cells)
    {
        if (query.period() != null && manifest.cube(descriptor.name()).map(entry -> entry.refDates().stream()
                .noneMatch(date -> date.getYear() == query.period().year())).orElse(true)) {
            // No partition of the cube in the year: every cell is an empty sum (published zeros).
            return new BitSet(cells);
        }
        ProtectionBlock block = block(manifest, descriptor, query);
        SuppressionPattern pattern = pattern(manifest, block);
        // A yearly cube asked with date= (no period) is the year's one span.
        ProtectionBlock.Span span = block.year() == null ? null : query.period() != null ? ProtectionBlock.Span.of(query.period())
                : block.periods().isEmpty() ? null : block.periods().get(block.periods().size() - 1);
        String period = span == null ? "" : span.tag();
        // The axis that shows each stored dimension at its finest grouping (an age filter can come with an age band shown).
        int unitAxis = -1;
        Map<String, Integer> finest = new LinkedHashMap<>();
        for (int a = 0; a < axes.size(); a++) {
            QueryDimension axis = axes.get(a);
            if (axis instanceof GeographyDimension geography && QueryDimensions.unitName(descriptor).map(geography.name()::equals).orElse(false)) {
                unitAxis = a;
                continue;
            }
            Integer previous = finest.get(axis.base());
            if (previous == null || finer(axis, axes.get(previous))) {
                finest.put(axis.base(), a);
            }
        }
        List<String[]> others = new ArrayList<>();
        for (Map.Entry<String, Integer> entry : finest.entrySet()) {
            others.add(new String[] {entry.getKey(), axes.get(entry.getValue()).name()});
        }
        ProtectedShape shape = ProtectedShape.of(descriptor.name(), query.geography(), query.level(), unitAxis >= 0,
                LinkedTableReader.movesCube(descriptor), block.afterReorganisation(descriptor.name(),
                        span), others, period);
        BitSet suppressed = new BitSet(cells);
        if (!pattern.covers(shape.key())) {
            LOG.error("disclosure control has no pattern for tables of shape {} in block {}: every cell is withheld", shape.key(), block.key());
            suppressed.set(0, cells);
            return suppressed;
        }
        // Packing order: the unit, then the shape's dimensions in their sorted order.
        List<Integer> packedAxes = new ArrayList<>();
        if (unitAxis >= 0) {
            packedAxes.add(unitAxis);
        }
        for (String dimension : shape.dimensions()) {
            packedAxes.add(finest.get(dimension.substring(0, dimension.indexOf('='))));
        }
        int[] sizes = new int[packedAxes.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = leafCodes.get(packedAxes.get(i)).size();
        }
        if (unitAxis >= 0) {
            // The pattern files units with the row UNKNOWN (last) whether or not this answer lists it.
            sizes[0] = ((GeographyDimension) axes.get(unitAxis)).withUnplaced().codes().size();
        }
        int k = axes.size();
        int[] position = new int[k];
        int[] packed = new int[packedAxes.size()];
        String key = shape.key();
        for (int cell = 0; cell < cells; cell++) {
            if (consistent(axes, leafCodes, finest, position)) {
                for (int i = 0; i < packed.length; i++) {
                    packed[i] = position[packedAxes.get(i)];
                }
                if (pattern.suppressed(key, ProtectedShape.pack(packed, sizes))) {
                    suppressed.set(cell);
                }
            }
            for (int d = k - 1; d >= 0; d--) {
                if (++position[d] < leafCodes.get(d).size()) {
                    break;
                }
                position[d] = 0;
            }
        }
        return suppressed;
    }

    /** Single years are finer than 5-year bands, which are finer than broad groups. */
    private static boolean finer(QueryDimension axis, QueryDimension than)
    {
        return axis instanceof AgeDimension age && than instanceof AgeDimension other && age.grouping().ordinal() < other.grouping().ordinal();
    }

    /** Whether the codes of two age axes agree (a single year inside the band shown); otherwise the cell is empty. */
    private static boolean consistent(List<QueryDimension> axes, List<List<String>> leafCodes, Map<String, Integer> finest, int[] position)
    {
        for (int a = 0; a < axes.size(); a++) {
            if (axes.get(a) instanceof AgeDimension coarse) {
                int fine = finest.get(coarse.base());
                if (fine != a) {
                    String fineCode = leafCodes.get(fine).get(position[fine]);
                    String coarseCode = leafCodes.get(a).get(position[a]);
                    if (!AgeDimension.group(AgeDimension.firstAge(fineCode), coarse.grouping()).equals(coarseCode)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
