package vn.dancu.api.query;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dancu.api.error.ApiException;
import vn.dancu.api.access.Caller;
import vn.dancu.api.access.Role;
import vn.dancu.api.cube.CuboidSlice;
import vn.dancu.api.cube.PublishedCubes;
import vn.dancu.api.disclosure.DisclosureControl;
import vn.dancu.api.disclosure.LinkedTable;
import vn.dancu.datasets.geo.AdminCatalogue;
import vn.dancu.datasets.geo.Area;
import vn.dancu.datasets.geo.Reorganisation2025;
import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.cube.DimensionKind;
import vn.dancu.model.cube.DimensionSpec;
import vn.dancu.model.cube.TimeGrain;
import vn.dancu.model.publish.CubeEntry;
import vn.dancu.model.publish.CubeManifest;
import vn.dancu.model.publish.CuboidEntry;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * Builds the {@link LinkedTable} of a {@link ProtectionBlock} from the published cubes: every table a caller under
 * disclosure control may ask of the block's cubes, as combinations of the cubes' finest rows.
 *
 * <ul>
 *   <li><b>Tables</b>: every combination of a cube's query dimensions (one grouping of age at a time), at every level
 *   and on both geographies, that {@link QueryAccess} lets a viewer, planner or leader ask, on the block's date or year.
 *   A filtered answer is a sum of the cells of the table that shows the filtered dimension; a one-commune account's
 *   answers are cells or sums of cells of the commune-level tables.</li>
 *   <li><b>Atoms</b>: the rows of each cube's finest cuboid (one per month for flows). A move between two communes of
 *   the area, stored at both ends, is one atom; household members of an exact size s are s × households.</li>
 *   <li><b>Relations</b>: the residents of the population and identity-document cubes are the same persons by commune,
 *   sex and the identity age groups; the population of a 2025 commune and sex changes over a year by its births −
 *   deaths + moves in − moves out. Each is used only where the data satisfy it.</li>
 * </ul>
 * Cells are computed with the same recoding the answers use ({@link QueryDimension#map}), including leaving out moves
 * within one unit of the asked level.
 */
public final class LinkedTableReader
{
    private static final Logger LOG = LoggerFactory.getLogger(LinkedTableReader.class);
    private static final List<String> AGE_GROUPINGS = List.of("age", "ageBand", "ageBroad");
    private static final List<Role> CONTROLLED = Arrays.stream(Role.values()).filter(role -> !role.seesExactCounts()).toList();

    private final PublishedCubes cubes;
    private final Area area;
    private final AdminCatalogue catalogue;
    private final DisclosureControl disclosure;
    private final Map<String, List<String>> unitCodes;
    private final java.util.function.Supplier<QueryService.Coverage> coverage;
    /** The area holds several 2025 provinces: blocks whose facts do not link them are protected by province. */
    private final boolean severalProvinces;

    public LinkedTableReader(PublishedCubes cubes, Area area, DisclosureControl disclosure, Map<String, List<String>> unitCodes,
            java.util.function.Supplier<QueryService.Coverage> coverage)
    {
        this.coverage = requireNonNull(coverage, "coverage is null");
        this.cubes = requireNonNull(cubes, "cubes is null");
        this.area = requireNonNull(area, "area is null");
        this.catalogue = area.catalogue();
        this.disclosure = requireNonNull(disclosure, "disclosure is null");
        this.unitCodes = requireNonNull(unitCodes, "unitCodes is null");
        this.severalProvinces = catalogue.units(vn.dancu.datasets.geo.UnitLevel.PROVINCE, Reorganisation2025.EFFECTIVE_DATE).size() > 1;
    }

    /**
     * One atom: a finest row (its date and stored codes) with the value of its counted measure, and the measures it
     * enters with their weights. A move between two communes ({@code move}) has the codes of its arriving row.
     */
    private static final class Atom
    {
        final int id;
        final LocalDate date;
        final String[] codes;
        final long value;
        final List<int[]> entries = new ArrayList<>();
        boolean move;
        /** Per dimension, the index of the code in {@link Codes}; set once every atom of the cube is read. */
        int[] ids;

        Atom(int id, LocalDate date, String[] codes, long value, int measure, int weight)
        {
            this.id = id;
            this.date = date;
            this.codes = codes;
            this.value = value;
            entries.add(new int[] {measure, weight});
        }
    }

    /** The distinct stored codes of each dimension of a cube's atoms, and the dates, numbered. */
    private static final class Codes
    {
        final List<Map<String, Integer>> index = new ArrayList<>();
        final List<List<String>> codes = new ArrayList<>();
        final List<LocalDate> dates = new ArrayList<>();

        Codes(List<Atom> atoms, int dimensions)
        {
            for (int d = 0; d < dimensions; d++) {
                index.add(new HashMap<>());
                codes.add(new ArrayList<>());
            }
            for (Atom atom : atoms) {
                atom.ids = new int[dimensions];
                for (int d = 0; d < dimensions; d++) {
                    atom.ids[d] = id(d, atom.codes[d]);
                }
                if (!dates.contains(atom.date)) {
                    dates.add(atom.date);
                }
            }
        }

        int id(int dimension, String code)
        {
            Integer id = index.get(dimension).get(code);
            if (id == null) {
                id = codes.get(dimension).size();
                index.get(dimension).put(code, id);
                codes.get(dimension).add(code);
            }
            return id;
        }
    }

    /** The linked table of a whole block (tests and benchmarks; the server protects a block by {@link #read(CubeManifest, ProtectionBlock, Consumer) parts}). */
    public LinkedTable read(CubeManifest manifest, ProtectionBlock block)
    {
        List<LinkedTable> tables = new ArrayList<>();
        read(manifest, block, false, tables::add);
        return tables.get(0);
    }

    /**
     * The linked tables of a block, one part at a time: the whole block, or, when the area holds several 2025
     * provinces and no fact of the block links two of them, one table per 2025 province (with the atoms of its
     * communes, old and new, and every table shape, so that a cell of the area or of a merged unit is each province's
     * part of it). Parts share no atom and no relation, so what an intruder knows is the direct sum of what each part's
     * published cells tell: a part protected alone stays protected with the others, and a cell spanning several parts
     * is published only where every part publishes its share (the union of the parts' withheld cells; see
     * docs/disclosure-control.md). The tables are built one after the other, so a part's table is garbage once the
     * consumer returns.
     */
    public void read(CubeManifest manifest, ProtectionBlock block, Consumer<LinkedTable> each)
    {
        read(manifest, block, true, each);
    }

    private void read(CubeManifest manifest, ProtectionBlock block, boolean split, Consumer<LinkedTable> each)
    {
        Map<String, CubeDescriptor> descriptors = new LinkedHashMap<>();
        for (String cube : block.cubes()) {
            descriptors.put(cube, cubes.descriptor(cube).orElseThrow());
        }
        Parts parts = new Parts(split && splitsByProvince(descriptors) ? this::province2025 : (code, date) -> "", block.cubes());
        for (CubeDescriptor descriptor : descriptors.values()) {
            atoms(manifest, descriptor, block, parts);
        }
        int count = Math.max(1, parts.size());
        if (count > 1) {
            LOG.debug("{}: protected as {} parts (2025 provinces)", block.key(), count);
        }
        for (int i = 0; i < count; i++) {
            // Taken out of the parts first, so that a part's atoms are garbage once its table is handed over.
            Part part = parts.next();
            each.accept(table(manifest, block, descriptors, part.builder(), part.atoms()));
        }
    }

    /**
     * Whether a block splits into one part per 2025 province: the area holds several, and no fact links two of them
     * (a move between communes is one atom of both ends; the demographic balance of a block of flows ties moves to
     * the stocks of both communes).
     */
    private boolean splitsByProvince(Map<String, CubeDescriptor> descriptors)
    {
        boolean linkedAcross = descriptors.values().stream().anyMatch(descriptor -> movesCube(descriptor)
                || descriptor.policy().block().equals(java.util.Optional.of(ProtectionBlock.FLOWS)));
        return !linkedAcross && severalProvinces;
    }

    /** Per stored commune code, its 2025 province: [0] for dates before the reform, [1] from 01/07/2025. */
    @SuppressWarnings("unchecked")
    private final Map<String, String>[] provinceOfCode = new Map[] {new java.util.concurrent.ConcurrentHashMap<>(), new java.util.concurrent.ConcurrentHashMap<>()};

    /** The 2025 province of a stored commune code on a date; empty for a code the catalogue cannot place. */
    private String province2025(String code, LocalDate date)
    {
        return provinceOfCode[Reorganisation2025.after(date) ? 1 : 0].computeIfAbsent(code, key -> {
            String commune;
            try {
                commune = commune2025(code, date);
            }
            catch (RuntimeException unplaceable) {
                return "";
            }
            LocalDate reform = Reorganisation2025.EFFECTIVE_DATE;
            return catalogue.commune(commune, reform).flatMap(unit -> catalogue.ancestor(unit, vn.dancu.datasets.geo.UnitLevel.PROVINCE, reform))
                    .map(vn.dancu.datasets.geo.AdminUnit::code).orElse("");
        });
    }

    /** The atoms of one part of a block, registered with the part's own builder, by cube. */
    private record Part(LinkedTable.Builder builder, Map<String, List<Atom>> atoms) {}

    /** The parts of a block (see {@link #read(CubeManifest, ProtectionBlock, Consumer)}) by key, created as rows name them. */
    private static final class Parts
    {
        private final java.util.function.BiFunction<String, LocalDate, String> partOf;
        private final List<String> cubes;
        private final java.util.TreeMap<String, Part> byKey = new java.util.TreeMap<>();

        Parts(java.util.function.BiFunction<String, LocalDate, String> partOf, List<String> cubes)
        {
            this.partOf = partOf;
            this.cubes = List.copyOf(cubes);
        }

        /** The part of a finest row: by its stored unit code and date. */
        Part of(String unitCode, LocalDate date)
        {
            return byKey.computeIfAbsent(partOf.apply(unitCode, date), key -> empty());
        }

        private Part empty()
        {
            Map<String, List<Atom>> byCube = new LinkedHashMap<>();
            cubes.forEach(cube -> byCube.put(cube, new ArrayList<>()));
            return new Part(LinkedTable.builder(), byCube);
        }

        int size()
        {
            return byKey.size();
        }

        /** Removes and returns the parts in key order; one empty part when no row was read (the block's table is then empty). */
        Part next()
        {
            Map.Entry<String, Part> first = byKey.pollFirstEntry();
            return first != null ? first.getValue() : empty();
        }
    }

    private LinkedTable table(CubeManifest manifest, ProtectionBlock block, Map<String, CubeDescriptor> descriptors, LinkedTable.Builder builder,
            Map<String, List<Atom>> atomsByCube)
    {
        for (Map.Entry<String, List<Atom>> cube : atomsByCube.entrySet()) {
            CubeDescriptor descriptor = descriptors.get(cube.getKey());
            // The tables callers may ask, then the hidden ones that define each of them one level finer down to the atoms.
            Map<String, ShapeQuestion> all = new LinkedHashMap<>();
            Map<String, Boolean> published = new LinkedHashMap<>();
            for (ShapeQuestion shape : shapes(descriptor, block)) {
                all.put(shape.shape().key(), shape);
                published.put(shape.shape().key(), true);
            }
            Map<String, String> childOf = new LinkedHashMap<>();
            List<ShapeQuestion> pending = new ArrayList<>(all.values());
            while (!pending.isEmpty()) {
                ShapeQuestion shape = pending.remove(pending.size() - 1);
                ShapeQuestion child = child(descriptor, block, shape);
                if (child == null) {
                    continue;
                }
                childOf.put(shape.shape().key(), child.shape().key());
                if (!all.containsKey(child.shape().key())) {
                    all.put(child.shape().key(), child);
                    published.put(child.shape().key(), false);
                    pending.add(child);
                }
            }
            Codes codes = new Codes(cube.getValue(), descriptor.dimensions().size());
            Map<String, Integer> index = new HashMap<>();
            for (ShapeQuestion shape : all.values()) {
                index.put(shape.shape().key(), addCells(builder, descriptor, block, shape, cube.getValue(), codes, published.get(shape.shape().key())));
            }
            childOf.forEach((parent, child) -> builder.decompose(index.get(parent), index.get(child)));
        }
        if (atomsByCube.containsKey("population_stock") && atomsByCube.containsKey("identity_coverage")) {
            sameResidents(builder, descriptors, atomsByCube);
        }
        if (block.year() != null && atomsByCube.keySet().stream()
                .anyMatch(cube -> descriptors.get(cube).policy().block().equals(java.util.Optional.of(ProtectionBlock.FLOWS)))) {
            balance(builder, manifest, block, descriptors, atomsByCube);
        }
        return builder.build();
    }

    // ------------------------------------------------------------------ atoms

    /** Reads the finest rows of a cube at the block's dates into the atoms of their parts. */
    private void atoms(CubeManifest manifest, CubeDescriptor descriptor, ProtectionBlock block, Parts parts)
    {
        CubeEntry entry = manifest.cube(descriptor.name()).orElseThrow();
        CuboidEntry finest = entry.cuboids().stream().filter(cuboid -> cuboid.dimensions().size() == descriptor.dimensions().size())
                .findFirst().orElseThrow(() -> new IllegalStateException("cube " + descriptor.name() + " has no cuboid of all its dimensions"));
        List<String> measures = measures(descriptor);
        int size = sizeDimension(descriptor);
        boolean moves = movesCube(descriptor);
        int unit = geographyDimension(descriptor, 0);
        for (LocalDate date : block.dates(descriptor.name())) {
            CuboidSlice slice = cubes.slice(manifest, descriptor, finest, date).orElse(null);
            if (slice == null) {
                continue;
            }
            int[] columns = new int[descriptor.dimensions().size()];
            for (int d = 0; d < columns.length; d++) {
                columns[d] = slice.dimensionIndex(descriptor.dimensions().get(d).name());
            }
            long[][] values = new long[measures.size()][];
            for (int m = 0; m < measures.size(); m++) {
                values[m] = slice.values().get(slice.measureIndex(measures.get(m)));
            }
            Map<String, Atom> pendingPairs = new HashMap<>();
            for (int row = 0; row < slice.rows(); row++) {
                String[] codes = new String[columns.length];
                for (int d = 0; d < columns.length; d++) {
                    codes[d] = slice.dictionaries().get(columns[d])[slice.codes().get(columns[d])[row]];
                }
                long counted = values[0][row];
                if (counted == 0) {
                    continue;
                }
                Part part = parts.of(unit >= 0 ? codes[unit] : "", date);
                LinkedTable.Builder builder = part.builder();
                List<Atom> atoms = part.atoms().get(descriptor.name());
                if (moves && internalFlow(descriptor, codes[flowDimension(descriptor)])) {
                    // A move between two communes is stored where it arrives and where it leaves: one atom.
                    String pairKey = pairKey(descriptor, codes);
                    Atom other = pendingPairs.remove(pairKey);
                    if (other != null && other.value == counted) {
                        other.move = true;
                        arriving(descriptor, other.codes);
                        continue;
                    }
                    if (other != null) {
                        LOG.warn("{} {}: a move stored at its two ends with different counts ({}): kept as two rows", descriptor.name(), date, pairKey);
                    }
                    Atom atom = new Atom(builder.atom(counted), date, codes, counted, 0, 1);
                    pendingPairs.put(pairKey, atom);
                    atoms.add(atom);
                    continue;
                }
                Atom atom = new Atom(builder.atom(counted), date, codes, counted, 0, 1);
                atoms.add(atom);
                for (int m = 1; m < measures.size(); m++) {
                    long value = values[m][row];
                    long exact = size >= 0 ? exactSize(descriptor, codes[size]) : -1;
                    if (exact > 0 && value == exact * counted) {
                        atom.entries.add(new int[] {m, (int) exact});
                    }
                    else if (value != 0) {
                        // Not implied by the count (members of households of 10 or more): an atom of its own.
                        atoms.add(new Atom(builder.atom(value), date, codes, value, m, 1));
                    }
                }
            }
        }
    }

    /** The cube's measures, its counted measure first. */
    private List<String> measures(CubeDescriptor descriptor)
    {
        List<String> measures = new ArrayList<>(descriptor.measureNames());
        String counted = disclosure.countedMeasure(descriptor).orElseThrow();
        measures.remove(counted);
        measures.add(0, counted);
        return measures;
    }

    private static int sizeDimension(CubeDescriptor descriptor)
    {
        for (int d = 0; d < descriptor.dimensions().size(); d++) {
            if (descriptor.dimensions().get(d).kind() == DimensionKind.SIZE) {
                return d;
            }
        }
        return -1;
    }

    /** The size a stored size code stands for exactly, or −1 when its range holds several sizes (10+). */
    private static long exactSize(CubeDescriptor descriptor, String code)
    {
        DimensionSpec spec = descriptor.dimensions().get(sizeDimension(descriptor));
        if (code.isEmpty() || !code.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        int value = Integer.parseInt(code);
        return CodeLists.get(spec.codes()).rangeOf(value)
                .filter(range -> range.from() != null && range.from().equals(range.to()))
                .map(range -> (long) value).orElse(-1L);
    }

    /** A cube of moves: a second geography (the other end) and a flow with moves between units of the area. */
    /** Whether the cube counts moves between two units (its descriptor's policy says how to tell moves within the area). */
    static boolean movesCube(CubeDescriptor descriptor)
    {
        return descriptor.policy().moves().isPresent();
    }

    /** Whether a flow code is a move between two units of the area (recorded at both ends). */
    private static boolean internalFlow(CubeDescriptor descriptor, String flow)
    {
        return descriptor.policy().moves().map(moves -> moves.flows().contains(flow)).orElse(false);
    }

    private static int flowDimension(CubeDescriptor descriptor)
    {
        return descriptor.policy().moves().map(moves -> descriptor.dimensionNames().indexOf(moves.flow())).orElse(-1);
    }

    private static int geographyDimension(CubeDescriptor descriptor, int which)
    {
        int seen = 0;
        for (int d = 0; d < descriptor.dimensions().size(); d++) {
            if (descriptor.dimensions().get(d).kind() == DimensionKind.GEOGRAPHY && seen++ == which) {
                return d;
            }
        }
        return -1;
    }

    /** Turns the codes of a move's leaving row into those of its arriving row. */
    private static void arriving(CubeDescriptor descriptor, String[] codes)
    {
        int flow = flowDimension(descriptor);
        if (codes[flow].equals("BETWEEN_OUT")) {
            int unit = geographyDimension(descriptor, 0);
            int other = geographyDimension(descriptor, 1);
            String origin = codes[unit];
            codes[unit] = codes[other];
            codes[other] = origin;
            codes[flow] = "BETWEEN_IN";
        }
    }

    /** The same key for a move's arriving row and its leaving row: destination, origin, and the other codes. */
    private static String pairKey(CubeDescriptor descriptor, String[] codes)
    {
        int unit = geographyDimension(descriptor, 0);
        int other = geographyDimension(descriptor, 1);
        boolean arriving = codes[flowDimension(descriptor)].equals("BETWEEN_IN");
        StringBuilder key = new StringBuilder(arriving ? codes[unit] + ">" + codes[other] : codes[other] + ">" + codes[unit]);
        for (int d = 0; d < codes.length; d++) {
            if (d != unit && d != other && d != flowDimension(descriptor)) {
                key.append('|').append(codes[d]);
            }
        }
        return key.toString();
    }

    // ------------------------------------------------------------------ shapes

    /** A table a controlled caller may ask: its shape and a question of that shape (its level and geography). */
    /**
     * @param span   the months a published table of a block of flows sums; null for a block of one date and for the
     *               hidden tables by quarter
     * @param period the shape's period tag: the span's, {@link ProtectionBlock#BY_QUARTER}, or empty
     */
    private record ShapeQuestion(ProtectedShape shape, GeographyDimension.Geography geography, GeographyDimension.Level level, List<String> dims,
            ProtectionBlock.Span span, String period) {}

    private List<ShapeQuestion> shapes(CubeDescriptor descriptor, ProtectionBlock block)
    {
        List<String> names = QueryService.queryDimensionNames(descriptor);
        List<String> plain = names.stream().filter(name -> !AGE_GROUPINGS.contains(name)).toList();
        List<String> ages = names.stream().filter(AGE_GROUPINGS::contains).toList();
        List<List<String>> combinations = new ArrayList<>();
        for (int mask = 0; mask < (1 << plain.size()); mask++) {
            List<String> dims = new ArrayList<>();
            for (int i = 0; i < plain.size(); i++) {
                if ((mask & (1 << i)) != 0) {
                    dims.add(plain.get(i));
                }
            }
            combinations.add(dims);
            for (String age : ages) {
                List<String> withAge = new ArrayList<>(dims);
                withAge.add(age);
                combinations.add(withAge);
            }
        }
        Map<String, ShapeQuestion> shapes = new LinkedHashMap<>();
        List<ProtectionBlock.Span> spans = new ArrayList<>(block.periods());
        if (spans.isEmpty()) {
            spans.add(null);
        }
        for (ProtectionBlock.Span span : spans) {
        for (List<String> dims : combinations) {
            for (GeographyDimension.Geography geography : GeographyDimension.Geography.values()) {
                for (GeographyDimension.Level level : GeographyDimension.Level.values()) {
                    if (!answerable(descriptor, block, span, dims, geography, level)) {
                        continue;
                    }
                    List<String[]> others = new ArrayList<>();
                    for (String name : dims) {
                        if (!name.equals(GeographyDimension.NAME)) {
                            others.add(new String[] {baseOf(descriptor, name), name});
                        }
                    }
                    String period = span == null ? "" : span.tag();
                    ProtectedShape shape = ProtectedShape.of(descriptor.name(), geography, level, dims.contains(GeographyDimension.NAME),
                            movesCube(descriptor), block.afterReorganisation(descriptor.name(), span), others, period);
                    shapes.putIfAbsent(shape.key(), new ShapeQuestion(shape, geography, level, dims, span, period));
                }
            }
        }
        }
        return List.copyOf(shapes.values());
    }

    /**
     * Whether a viewer, planner or leader gets an answer to this question: the checks of {@link QueryService#parse}
     * on level and geography, then {@link QueryAccess#check}.
     */
    private boolean answerable(CubeDescriptor descriptor, ProtectionBlock block, ProtectionBlock.Span span, List<String> dims,
            GeographyDimension.Geography geography, GeographyDimension.Level level)
    {
        if (geography == GeographyDimension.Geography.Y2025 && level == GeographyDimension.Level.DISTRICT) {
            return false;
        }
        String cube = descriptor.name();
        QueryService.Coverage covered = coverage.get();
        QueryPeriod period = null;
        List<LocalDate> dates = block.dates(cube);
        LocalDate first = block.first(cube);
        LocalDate last = block.last(cube);
        if (span != null) {
            period = new QueryPeriod(span.tag(), QueryPeriod.Kind.MONTHS, span.first(), span.last(), span.first().atDay(1), span.last().atEndOfMonth())
                    .clip(covered.from(), covered.to()).orElseThrow();
            dates = dates.stream().filter(span::holds).toList();
            first = period.from();
            last = period.to();
        }
        if (level == GeographyDimension.Level.DISTRICT && Reorganisation2025.after(last)) {
            return false;
        }
        if (geography == GeographyDimension.Geography.ASOF && !Reorganisation2025.after(first) && Reorganisation2025.after(last)
                && level != GeographyDimension.Level.AREA) {
            return false;
        }
        CubeQuery query = new CubeQuery(cube, dims, descriptor.measureNames(), Map.of(), dates.isEmpty() ? List.of(last) : dates, period,
                geography, level, "vi");
        for (Role role : CONTROLLED) {
            try {
                QueryAccess.check(new Caller("disclosure-control", role, Set.of(), "token"), descriptor, query, covered);
                return true;
            }
            catch (ApiException refused) {
                // this role may not ask it
            }
        }
        return false;
    }

    private static String baseOf(CubeDescriptor descriptor, String queryName)
    {
        if (AGE_GROUPINGS.contains(queryName)) {
            return descriptor.dimensions().stream().filter(spec -> spec.kind() == DimensionKind.AGE).findFirst().orElseThrow().name();
        }
        return queryName;
    }

    // ------------------------------------------------------------------ cells

    /**
     * The table one level finer that a table is the sum of, or null for the finest (or for moves, whose totals are not
     * sums over units): units first, down to the communes in force on the date; then each other dimension in turn.
     */
    private ShapeQuestion child(CubeDescriptor descriptor, ProtectionBlock block, ShapeQuestion question)
    {
        if (question.span() != null) {
            // A published period is the sum of its quarters: the same table by quarter, hidden.
            return question(descriptor, block, question.dims(), question.geography(), question.level(), ProtectionBlock.BY_QUARTER);
        }
        if (movesCube(descriptor)) {
            return null;
        }
        String cube = descriptor.name();
        boolean after = block.afterReorganisation(cube);
        GeographyDimension.Geography finestGeography = after ? GeographyDimension.Geography.Y2025 : GeographyDimension.Geography.ASOF;
        List<String> dims = new ArrayList<>(question.dims());
        if (!question.shape().unitShown()) {
            dims.add(0, GeographyDimension.NAME);
            return question(descriptor, block, dims, GeographyDimension.Geography.Y2025, GeographyDimension.Level.PROVINCE, question.period());
        }
        GeographyDimension.Geography geography = after ? GeographyDimension.Geography.Y2025 : question.geography();
        GeographyDimension.Level level = question.level();
        if (geography != finestGeography || level != GeographyDimension.Level.COMMUNE) {
            return switch (level) {
                case AREA -> question(descriptor, block, dims, geography, GeographyDimension.Level.PROVINCE, question.period());
                case PROVINCE -> geography == GeographyDimension.Geography.ASOF
                        && !catalogue.units(vn.dancu.datasets.geo.UnitLevel.DISTRICT, block.last(cube)).isEmpty()
                        ? question(descriptor, block, dims, geography, GeographyDimension.Level.DISTRICT, question.period())
                        : question(descriptor, block, dims, geography, GeographyDimension.Level.COMMUNE, question.period());
                case DISTRICT -> question(descriptor, block, dims, geography, GeographyDimension.Level.COMMUNE, question.period());
                case COMMUNE -> question(descriptor, block, dims, finestGeography, GeographyDimension.Level.COMMUNE, question.period());
            };
        }
        List<DimensionSpec> others = descriptor.dimensions().stream().filter(spec -> spec.kind() != DimensionKind.GEOGRAPHY)
                .sorted(java.util.Comparator.comparing(DimensionSpec::name)).toList();
        for (DimensionSpec spec : others) {
            if (spec.kind() == DimensionKind.AGE) {
                String shown = dims.stream().filter(AGE_GROUPINGS::contains).findFirst().orElse(null);
                if ("age".equals(shown)) {
                    continue;
                }
                String finer = shown == null ? "ageBroad" : shown.equals("ageBroad") ? "ageBand" : "age";
                dims.remove(shown);
                dims.add(finer);
                return question(descriptor, block, dims, geography, level, question.period());
            }
            if (!dims.contains(spec.name())) {
                dims.add(spec.name());
                return question(descriptor, block, dims, geography, level, question.period());
            }
        }
        return null;
    }

    private static ShapeQuestion question(CubeDescriptor descriptor, ProtectionBlock block, List<String> dims, GeographyDimension.Geography geography,
            GeographyDimension.Level level, String period)
    {
        List<String[]> others = new ArrayList<>();
        for (String name : dims) {
            if (!name.equals(GeographyDimension.NAME)) {
                others.add(new String[] {baseOf(descriptor, name), name});
            }
        }
        ProtectedShape shape = ProtectedShape.of(descriptor.name(), geography, level, dims.contains(GeographyDimension.NAME),
                movesCube(descriptor), block.afterReorganisation(descriptor.name()), others, period);
        return new ShapeQuestion(shape, geography, level, List.copyOf(dims), null, period);
    }

    /** Adds every atom of a cube to the cells of one shape; returns the shape's index in the builder. */
    private int addCells(LinkedTable.Builder builder, CubeDescriptor descriptor, ProtectionBlock block, ShapeQuestion question, List<Atom> atoms,
            Codes dictionary, boolean published)
    {
        ProtectedShape shape = question.shape();
        int shapeIndex = builder.shape(shape.key(), descriptor.name(), descriptor.measures().size(), published);
        boolean moves = movesCube(descriptor);
        int unitColumn = geographyDimension(descriptor, 0);
        int otherColumn = moves ? geographyDimension(descriptor, 1) : -1;
        // The shown dimensions in packing order: the unit, then the others as the shape sorts them.
        List<QueryDimension> shown = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        List<String> sortedNames = new ArrayList<>();
        for (String dimension : shape.dimensions()) {
            sortedNames.add(dimension.substring(dimension.indexOf('=') + 1));
        }
        Map<LocalDate, GeographyDimension> units = new HashMap<>();
        // The units an answer lists are those of its last day: the block's, or a period's (cut to the data), as QueryService.
        LocalDate lastDay = block.last(descriptor.name());
        if (question.span() != null) {
            LocalDate spanEnd = question.span().last().atEndOfMonth();
            LocalDate dataEnd = coverage.get().to();
            lastDay = spanEnd.isAfter(dataEnd) ? dataEnd : spanEnd;
        }
        GeographyDimension leafUnits = unit(descriptor, lastDay, question);
        if (shape.unitShown()) {
            shown.add(leafUnits);
            columns.add(unitColumn);
        }
        for (String name : sortedNames) {
            QueryDimension dimension = dimension(descriptor, name);
            shown.add(dimension);
            columns.add(descriptor.dimensionNames().indexOf(dimension.base()));
        }
        int[] sizes = new int[shown.size()];
        List<Map<String, Integer>> positions = new ArrayList<>();
        for (int d = 0; d < shown.size(); d++) {
            List<String> codes = shown.get(d).codes();
            sizes[d] = codes.size();
            Map<String, Integer> position = new HashMap<>();
            for (int i = 0; i < codes.size(); i++) {
                position.put(codes.get(i), i);
            }
            positions.add(position);
        }
        // Position of each stored code in each shown dimension (per date for units, whose codes depend on it).
        int[][][] lookup = new int[shown.size()][][];
        for (int d = 0; d < shown.size(); d++) {
            boolean perDate = shape.unitShown() && d == 0;
            List<String> stored = dictionary.codes.get(columns.get(d));
            lookup[d] = new int[perDate ? dictionary.dates.size() : 1][stored.size()];
            for (int t = 0; t < lookup[d].length; t++) {
                LocalDate date = dictionary.dates.isEmpty() ? block.last(descriptor.name()) : dictionary.dates.get(t);
                QueryDimension dimension = perDate ? units.computeIfAbsent(date, day -> unit(descriptor, day, question)) : shown.get(d);
                for (int c = 0; c < stored.size(); c++) {
                    Integer position = position(dimension, stored.get(c), positions.get(d));
                    lookup[d][t][c] = position == null ? -1 : position;
                }
            }
        }
        int[] packed = new int[shown.size()];
        // A hidden table by quarter files each cell once per quarter: the quarter's index before the codes.
        List<ProtectionBlock.Span> quarters = ProtectionBlock.BY_QUARTER.equals(question.period()) ? block.quarters() : List.of();
        long perQuarter = 1;
        for (int size : sizes) {
            perQuarter *= size;
        }
        for (Atom atom : atoms) {
            if (question.span() != null && !question.span().holds(atom.date)) {
                continue;
            }
            long offset = 0;
            if (!quarters.isEmpty()) {
                int quarter = 0;
                while (quarter < quarters.size() && !quarters.get(quarter).holds(atom.date)) {
                    quarter++;
                }
                if (quarter == quarters.size()) {
                    continue;
                }
                offset = quarter * perQuarter;
            }
            GeographyDimension unit = units.computeIfAbsent(atom.date, date -> unit(descriptor, date, question));
            if (atom.move) {
                addMove(builder, shapeIndex, descriptor, atom, unit, shown, columns, positions, sizes, unitColumn, otherColumn, offset);
                continue;
            }
            boolean inTable = true;
            int dateIndex = -1;
            for (int d = 0; d < shown.size() && inTable; d++) {
                int[][] table = lookup[d];
                int t = 0;
                if (table.length > 1) {
                    dateIndex = dateIndex >= 0 ? dateIndex : dictionary.dates.indexOf(atom.date);
                    t = dateIndex;
                }
                int position = table[t][atom.ids[columns.get(d)]];
                inTable = position >= 0;
                packed[d] = inTable ? position : 0;
            }
            if (!inTable) {
                continue;
            }
            if (moves && internalFlow(descriptor, atom.codes[flowDimension(descriptor)])) {
                // A move within one unit of the asked level is no move at that level (QueryService leaves it out).
                String here = unit.map(atom.codes[unitColumn]);
                if (here != null && here.equals(unit.map(atom.codes[otherColumn]))) {
                    continue;
                }
            }
            long codes = offset + ProtectedShape.pack(packed, sizes);
            for (int[] entry : atom.entries) {
                builder.add(shapeIndex, codes, entry[0], atom.id, entry[1]);
            }
        }
        return shapeIndex;
    }

    /** A move between two communes: counted where it arrives and where it leaves, unless both are the same unit. */
    private void addMove(LinkedTable.Builder builder, int shapeIndex, CubeDescriptor descriptor, Atom atom, GeographyDimension unit,
            List<QueryDimension> shown, List<Integer> columns, List<Map<String, Integer>> positions, int[] sizes, int unitColumn, int otherColumn,
            long offset)
    {
        String destination = atom.codes[unitColumn];
        String origin = atom.codes[otherColumn];
        String to = unit.map(destination);
        String from = unit.map(origin);
        if (to != null && to.equals(from)) {
            return;
        }
        int flow = flowDimension(descriptor);
        boolean unitShown = !shown.isEmpty() && shown.get(0) instanceof GeographyDimension;
        for (String end : List.of("BETWEEN_IN", "BETWEEN_OUT")) {
            String[] codes = atom.codes.clone();
            codes[flow] = end;
            if (end.equals("BETWEEN_OUT")) {
                codes[unitColumn] = origin;
                codes[otherColumn] = destination;
            }
            int[] packed = new int[shown.size()];
            boolean inTable = true;
            for (int d = 0; d < shown.size() && inTable; d++) {
                QueryDimension dimension = unitShown && d == 0 ? unit : shown.get(d);
                Integer position = position(dimension, codes[columns.get(d)], positions.get(d));
                inTable = position != null;
                packed[d] = inTable ? position : 0;
            }
            if (inTable) {
                builder.add(shapeIndex, offset + ProtectedShape.pack(packed, sizes), 0, atom.id, 1);
            }
        }
    }

    private static Integer position(QueryDimension dimension, String code, Map<String, Integer> positions)
    {
        String mapped;
        try {
            mapped = dimension.map(code);
        }
        catch (IllegalStateException unplaceable) {
            // A code the geography cannot place: the answers that show units cannot place it either (they fail).
            LOG.warn("{}", unplaceable.getMessage());
            return null;
        }
        return mapped == null ? null : positions.get(mapped);
    }

    /** The 2025 commune of a stored commune code (an abolished code after 01/07/2025 standing for its successor). */
    private String commune2025(String code, LocalDate date)
    {
        if (!Reorganisation2025.after(date)) {
            return catalogue.findSuccessorCode(code).orElse(code);
        }
        return catalogue.commune(code, date).isPresent() ? code : catalogue.findSuccessorCode(code).orElse(code);
    }

    private GeographyDimension unit(CubeDescriptor descriptor, LocalDate date, ShapeQuestion question)
    {
        DimensionSpec spec = descriptor.dimensions().get(geographyDimension(descriptor, 0));
        // With the row UNKNOWN for codes the catalogue cannot place, as the answers list it (ProtectedCells packs it last).
        return new GeographyDimension(spec.queryName(), spec.name(), catalogue, area, date, question.geography(), question.level(), unitCodes)
                .withUnplaced();
    }

    private static QueryDimension dimension(CubeDescriptor descriptor, String queryName)
    {
        for (DimensionSpec spec : descriptor.dimensions()) {
            if (spec.kind() == DimensionKind.AGE) {
                for (AgeDimension.Grouping grouping : AgeDimension.Grouping.values()) {
                    if (grouping.queryName().equals(queryName)) {
                        return AgeDimension.of(grouping, spec.name());
                    }
                }
            }
            else if (spec.kind() != DimensionKind.GEOGRAPHY && spec.name().equals(queryName)) {
                return new CategoryDimension(spec);
            }
        }
        throw new IllegalArgumentException("no dimension " + queryName + " in cube " + descriptor.name());
    }

    // ------------------------------------------------------------------ relations

    /** Population and identity cubes: the same residents by commune, sex and identity age group. */
    private void sameResidents(LinkedTable.Builder builder, Map<String, CubeDescriptor> descriptors, Map<String, List<Atom>> atomsByCube)
    {
        CubeDescriptor population = descriptors.get("population_stock");
        CubeDescriptor identity = descriptors.get("identity_coverage");
        DimensionSpec identityAge = identity.dimensions().stream().filter(spec -> spec.kind() == DimensionKind.AGE_GROUP).findFirst().orElseThrow();
        int populationUnit = geographyDimension(population, 0);
        int populationSex = population.dimensionNames().indexOf("sex");
        int populationAge = population.dimensions().indexOf(population.dimensions().stream()
                .filter(spec -> spec.kind() == DimensionKind.AGE).findFirst().orElseThrow());
        int identityUnit = geographyDimension(identity, 0);
        int identitySex = identity.dimensionNames().indexOf("sex");
        int identityGroup = identity.dimensions().indexOf(identityAge);
        Map<String, List<long[]>> terms = new LinkedHashMap<>();
        Map<String, long[]> sums = new HashMap<>();
        for (Atom atom : atomsByCube.get("population_stock")) {
            String group = CodeLists.get(identityAge.codes()).rangeOf(Integer.parseInt(atom.codes[populationAge]))
                    .orElseThrow(() -> new IllegalStateException("age " + atom.codes[populationAge] + " in no identity age group")).code();
            String key = atom.codes[populationUnit] + "|" + atom.codes[populationSex] + "|" + group;
            terms.computeIfAbsent(key, k -> new ArrayList<>()).add(new long[] {atom.id, 1});
            sums.computeIfAbsent(key, k -> new long[2])[0] += atom.value;
        }
        for (Atom atom : atomsByCube.get("identity_coverage")) {
            String key = atom.codes[identityUnit] + "|" + atom.codes[identitySex] + "|" + atom.codes[identityGroup];
            terms.computeIfAbsent(key, k -> new ArrayList<>()).add(new long[] {atom.id, -1});
            sums.computeIfAbsent(key, k -> new long[2])[1] += atom.value;
        }
        int skipped = 0;
        for (Map.Entry<String, List<long[]>> group : terms.entrySet()) {
            long[] sum = sums.get(group.getKey());
            if (sum[0] != sum[1]) {
                skipped++;
                continue;
            }
            addRelation(builder, group.getValue());
        }
        if (skipped > 0) {
            LOG.warn("population and identity cubes differ in {} groups of commune, sex and age: those are not linked", skipped);
        }
    }

    private static void addRelation(LinkedTable.Builder builder, List<long[]> terms)
    {
        Map<Integer, Long> sum = new java.util.TreeMap<>();
        for (long[] term : terms) {
            sum.merge((int) term[0], term[1], Long::sum);
        }
        sum.values().removeIf(weight -> weight == 0);
        if (!sum.isEmpty()) {
            builder.relation(sum.keySet().stream().mapToInt(Integer::intValue).toArray(), sum.values().stream().mapToLong(Long::longValue).toArray());
        }
    }

    /**
     * The demographic balance of each 2025 commune and sex over the block's year: population at its end − population
     * at the end of the month before it = births − deaths + moves in − moves out (moves within the commune left out).
     */
    private void balance(LinkedTable.Builder builder, CubeManifest manifest, ProtectionBlock block, Map<String, CubeDescriptor> descriptors,
            Map<String, List<Atom>> atomsByCube)
    {
        CubeDescriptor population = cubes.descriptor("population_stock").orElse(null);
        if (population == null) {
            return;
        }
        // From the end of the year before to the last month end of the year: the flows of the year fall in between.
        List<LocalDate> stockDates = manifest.cube(population.name()).orElseThrow().refDates();
        LocalDate start = LocalDate.of(block.year() - 1, 12, 31);
        List<LocalDate> inYear = stockDates.stream().filter(date -> date.getYear() == block.year()).toList();
        if (!stockDates.contains(start) || inYear.isEmpty()) {
            return;
        }
        LocalDate end = inYear.get(inYear.size() - 1);
        boolean flowsAfterEnd = block.cubes().stream().anyMatch(cube -> block.last(cube).isAfter(end));
        if (flowsAfterEnd) {
            return;
        }
        Map<String, Long> change = new HashMap<>();
        for (LocalDate date : List.of(start, end)) {
            Map<String, Long> stock = populationByCommuneAndSex(manifest, population, date);
            long sign = date.equals(start) ? -1 : 1;
            stock.forEach((key, value) -> change.merge(key, sign * value, Long::sum));
        }
        Map<String, List<long[]>> terms = new LinkedHashMap<>();
        Map<String, Long> flows = new HashMap<>();
        for (Map.Entry<String, List<Atom>> cube : atomsByCube.entrySet()) {
            CubeDescriptor descriptor = descriptors.get(cube.getKey());
            int unit = geographyDimension(descriptor, 0);
            int sex = descriptor.dimensionNames().indexOf("sex");
            int flow = flowDimension(descriptor);
            int other = movesCube(descriptor) ? geographyDimension(descriptor, 1) : -1;
            for (Atom atom : cube.getValue()) {
                String commune = commune2025(atom.codes[unit], atom.date);
                if (atom.move) {
                    String origin = commune2025(atom.codes[other], atom.date);
                    if (!commune.equals(origin)) {
                        add(terms, flows, commune + "|" + atom.codes[sex], atom.id, 1, atom.value);
                        add(terms, flows, origin + "|" + atom.codes[sex], atom.id, -1, atom.value);
                    }
                    continue;
                }
                if (other >= 0 && internalFlow(descriptor, atom.codes[flow])
                        && commune.equals(commune2025(atom.codes[other], atom.date))) {
                    continue;
                }
                long sign = switch (cube.getKey()) {
                    case "births" -> 1;
                    case "deaths" -> -1;
                    default -> atom.codes[flow].equals("IN") || atom.codes[flow].equals("BETWEEN_IN") ? 1 : -1;
                };
                add(terms, flows, commune + "|" + atom.codes[sex], atom.id, sign, atom.value);
            }
        }
        int skipped = 0;
        for (Map.Entry<String, List<long[]>> entry : terms.entrySet()) {
            if (!change.getOrDefault(entry.getKey(), 0L).equals(flows.get(entry.getKey()))) {
                skipped++;
                continue;
            }
            addRelation(builder, entry.getValue());
        }
        if (skipped > 0) {
            LOG.info("{}: the population change of {} communes and sexes is not the sum of the flows; those are not linked", block.key(), skipped);
        }
    }

    private static void add(Map<String, List<long[]>> terms, Map<String, Long> flows, String key, int atom, long sign, long value)
    {
        terms.computeIfAbsent(key, k -> new ArrayList<>()).add(new long[] {atom, sign});
        flows.merge(key, sign * value, Long::sum);
    }

    private Map<String, Long> populationByCommuneAndSex(CubeManifest manifest, CubeDescriptor population, LocalDate date)
    {
        CubeEntry entry = manifest.cube(population.name()).orElseThrow();
        CuboidEntry cuboid = entry.cuboids().stream().filter(candidate -> candidate.dimensions().containsAll(List.of("commune", "sex")))
                .filter(candidate -> candidate.partition(date).isPresent())
                .min(java.util.Comparator.comparingInt(candidate -> candidate.dimensions().size())).orElseThrow();
        CuboidSlice slice = cubes.slice(manifest, population, cuboid, date).orElseThrow();
        int commune = slice.dimensionIndex("commune");
        int sex = slice.dimensionIndex("sex");
        long[] values = slice.values().get(slice.measureIndex("population"));
        Map<String, Long> stock = new HashMap<>();
        for (int row = 0; row < slice.rows(); row++) {
            String code = slice.dictionaries().get(commune)[slice.codes().get(commune)[row]];
            String key = commune2025(code, date) + "|" + slice.dictionaries().get(sex)[slice.codes().get(sex)[row]];
            stock.merge(key, values[row], Long::sum);
        }
        return stock;
    }
}
