package vn.dancu.engine.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import vn.dancu.datasets.ethnic.EthnicGroup;
import vn.dancu.datasets.ethnic.EthnicGroups;
import vn.dancu.datasets.geo.AdminCatalogue;
import vn.dancu.datasets.geo.AdminUnit;
import vn.dancu.datasets.geo.Area;
import vn.dancu.datasets.geo.Reorganisation2025;
import vn.dancu.datasets.geo.UnitLevel;
import vn.dancu.engine.storage.Storage;
import vn.dancu.model.cube.Code;
import vn.dancu.model.cube.CodeList;
import vn.dancu.model.cube.CodeLists;
import vn.dancu.model.cube.CubeCatalog;
import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.cube.DimensionSpec;
import vn.dancu.model.cube.MeasureSpec;
import vn.dancu.model.publish.CubeEntry;
import vn.dancu.model.publish.CubeManifest;
import vn.dancu.model.publish.CuboidEntry;
import vn.dancu.model.publish.DataLayout;
import vn.dancu.model.publish.PartitionEntry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import vn.dancu.model.sql.ViewColumn;
import vn.dancu.model.sql.ViewDefinition;
import vn.dancu.model.sql.ViewKind;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * The views a statistician may query, registered as temporary views of one Spark session: the current curated
 * snapshot's tables ({@code persons}, {@code events}, …), one view per published cube ({@code cube_<name>}, its finest
 * cuboid), and the reference catalogues ({@code units}, {@code unit_successors}, {@code ethnic_groups},
 * {@code code_lists}). Each column carries its meaning as a comment, so {@code DESCRIBE} shows it.
 *
 * <p>The catalogue also remembers which storage locations the views read: the read-only guard lets a query read those
 * and nothing else.
 */
public final class ViewCatalogue
{
    private static final String COMMENT = "comment";

    private final Map<String, ViewDefinition> views;
    private final Set<String> readableLocations;

    private final List<String> order;

    private ViewCatalogue(Map<String, ViewDefinition> views, Set<String> readableLocations)
    {
        this.views = Map.copyOf(views);
        this.readableLocations = Set.copyOf(readableLocations);
        this.order = List.copyOf(views.keySet());
    }

    /**
     * Registers every view the data folder can give: register tables when a curated snapshot is current, cube views
     * when a cube version is published, reference views always.
     *
     * @throws IllegalStateException when the folder has neither a curated snapshot nor published cubes
     */
    public static ViewCatalogue register(SparkSession session, DataLayout layout, CubeCatalog cubes)
    {
        requireNonNull(session, "session is null");
        requireNonNull(layout, "layout is null");
        requireNonNull(cubes, "cubes is null");
        Storage storage = new Storage(session.sparkContext().hadoopConfiguration());
        Optional<String> snapshotId = storage.readPointer(layout.curatedPointer());
        Optional<String> versionId = storage.readPointer(layout.cubesPointer());
        if (snapshotId.isEmpty() && versionId.isEmpty()) {
            throw new IllegalStateException("no data to query in " + layout.root() + ": neither a curated snapshot (" + layout.curatedPointer()
                    + ") nor published cubes (" + layout.cubesPointer() + "); run ./dancu ingest and ./dancu build, or ./dancu demo");
        }
        Map<String, ViewDefinition> views = new LinkedHashMap<>();
        Set<String> locations = new LinkedHashSet<>();
        String area = null;
        if (snapshotId.isPresent()) {
            String snapshot = layout.snapshot(snapshotId.get());
            area = snapshotArea(storage, snapshot);
            for (RegisterViews.Table table : RegisterViews.TABLES) {
                String folder = layout.snapshotTable(snapshotId.get(), table.name());
                if (!storage.exists(folder)) {
                    if (table.required()) {
                        throw new IllegalStateException("curated snapshot " + snapshotId.get() + " has no table " + table.name() + " at " + folder);
                    }
                    continue;
                }
                Dataset<Row> rows = registerTable(session, table, folder);
                locations.addAll(QueryPlans.fileLocations(rows.queryExecution().analyzed()));
                views.put(table.name(), new ViewDefinition(table.name(), ViewKind.REGISTER, table.description(),
                        "curated snapshot " + snapshotId.get(), columnsOf(rows.schema())));
            }
        }
        if (versionId.isPresent()) {
            CubeManifest manifest = readManifest(storage, layout, versionId.get());
            area = manifest.area();
            for (CubeEntry entry : manifest.cubes()) {
                Optional<CubeDescriptor> descriptor = cubes.find(entry.name());
                Optional<CuboidEntry> finest = entry.cuboids().stream()
                        .filter(cuboid -> !cuboid.partitions().isEmpty())
                        .max(Comparator.comparingInt(cuboid -> cuboid.dimensions().size()));
                if (descriptor.isEmpty() || finest.isEmpty()) {
                    continue;
                }
                Dataset<Row> rows = cubeView(session, layout, descriptor.get(), finest.get());
                String name = "cube_" + entry.name();
                rows.createOrReplaceTempView(name);
                locations.addAll(QueryPlans.fileLocations(rows.queryExecution().analyzed()));
                views.put(name, new ViewDefinition(name, ViewKind.CUBE,
                        descriptor.get().description().in("en") + " Finest cuboid (" + finest.get().name()
                                + "): sum the measures over the dimensions you leave out" + alternatives(descriptor.get()) + ".",
                        "cube version " + manifest.versionId() + " from snapshot " + manifest.snapshotId(), columnsOf(rows.schema())));
            }
        }
        Area parsedArea = area == null ? Area.kontum() : Area.parse(area);
        for (ViewDefinition reference : registerReferences(session, parsedArea)) {
            views.put(reference.name(), reference);
        }
        return new ViewCatalogue(views, locations);
    }

    public List<ViewDefinition> views()
    {
        return order.stream().map(views::get).toList();
    }

    public Optional<ViewDefinition> view(String name)
    {
        return Optional.ofNullable(views.get(name.toLowerCase(Locale.ROOT)));
    }

    public List<String> names()
    {
        return order;
    }

    /** Storage locations (qualified paths) the registered views read; a query may read nothing else. */
    public Set<String> readableLocations()
    {
        return readableLocations;
    }

    private static Dataset<Row> registerTable(SparkSession session, RegisterViews.Table table, String folder)
    {
        Dataset<Row> files = session.read().parquet(folder);
        List<Column> columns = new ArrayList<>();
        for (RegisterViews.Column column : table.columns()) {
            columns.add(col(column.name()).cast(column.type()).as(column.name(), comment(column.description())));
        }
        Dataset<Row> rows = files.select(columns.toArray(Column[]::new));
        rows.createOrReplaceTempView(table.name());
        return rows;
    }

    /**
     * The finest cuboid of a cube over all its reference dates. Partitions are read where the manifest says they
     * are (possibly in an older version's folder), with the cubes folder as the base path so that {@code ref_date}
     * is read from the folder names.
     */
    static Dataset<Row> cubeView(SparkSession session, DataLayout layout, CubeDescriptor descriptor, CuboidEntry cuboid)
    {
        String[] folders = cuboid.partitions().stream()
                .map(PartitionEntry::path)
                .map(path -> layout.cubes() + "/" + path)
                .toArray(String[]::new);
        Dataset<Row> files = session.read().option("basePath", layout.cubes()).parquet(folders);
        List<Column> columns = new ArrayList<>();
        columns.add(col("ref_date").cast(DataTypes.DateType).as("ref_date",
                comment("reference date: " + timeMeaning(descriptor))));
        for (DimensionSpec dimension : descriptor.dimensions()) {
            if (cuboid.dimensions().contains(dimension.name())) {
                columns.add(col(dimension.column()).as(dimension.column(), comment(dimensionMeaning(dimension))));
            }
        }
        for (MeasureSpec measure : descriptor.measures()) {
            if (measure.scale() == 1) {
                columns.add(col(measure.name()).cast(DataTypes.LongType).as(measure.name(),
                        comment(measure.title().in("en") + " (" + measure.unit().in("en") + ")")));
                continue;
            }
            int decimals = Integer.toString(measure.scale()).length() - 1;
            columns.add(col(measure.name()).cast(DataTypes.createDecimalType(38, 0)).divide(lit(measure.scale()))
                    .cast(DataTypes.createDecimalType(38, decimals)).as(measure.name(),
                            comment(measure.title().in("en") + " (" + measure.unit().in("en") + "; a model output, to " + decimals + " decimals)")));
        }
        return files.select(columns.toArray(Column[]::new));
    }

    /** What a reader must not sum over: the dimensions whose codes are alternatives (a projection's scenarios). */
    private static String alternatives(CubeDescriptor descriptor)
    {
        return descriptor.dimensions().stream().filter(dimension -> !dimension.additive())
                .map(dimension -> ", except " + dimension.column() + ": its codes are alternatives, keep one (" + dimension.defaultCode() + ")")
                .collect(java.util.stream.Collectors.joining());
    }

    private static String timeMeaning(CubeDescriptor descriptor)
    {
        return switch (descriptor.time()) {
            case MONTH_END -> "the month end the stock is counted at";
            case MONTH -> "the last day of the month the flows happened in";
            case YEAR -> "31 December of the year";
            case SNAPSHOT -> "the extract date";
            case PROJECTION_YEAR -> "31 December of the projected year (the earliest is the jump-off year, the register's own)";
        };
    }

    private static String dimensionMeaning(DimensionSpec dimension)
    {
        String title = dimension.title().in("en");
        return switch (dimension.kind()) {
            case GEOGRAPHY -> title + ": commune code valid on ref_date (see units; unit_successors maps old communes to 2025)";
            case AGE -> title + ": completed years on ref_date, 100 = 100 and over";
            case AGE_GROUP, CATEGORY, SIZE -> title + (dimension.codes() == null ? "" : ": codes of list '" + dimension.codes()
                    + (CodeLists.EXTERNAL.contains(dimension.codes()) ? "' (see ethnic_groups)" : "' (see code_lists)"));
        };
    }

    private static List<ViewDefinition> registerReferences(SparkSession session, Area area)
    {
        AdminCatalogue catalogue = area.catalogue();
        List<ViewDefinition> views = new ArrayList<>();

        StructType unitSchema = new StructType(new StructField[] {
                field("level", DataTypes.StringType, "province, district or commune"),
                field("code", DataTypes.StringType, "GSO code; not unique over time (the 2025 reform reused codes): identify a unit by code and date"),
                field("name", DataTypes.StringType, "Vietnamese name with its type (Xã Đắk Kôi)"),
                field("english_name", DataTypes.StringType, "English name (Đắk Kôi commune)"),
                field("type", DataTypes.StringType, "Tỉnh, Huyện, Xã, Phường, Thị trấn, …"),
                field("parent_code", DataTypes.StringType, "code of the unit above (district before 01/07/2025, province after); null for a province"),
                field("valid_from", DataTypes.DateType, "first day in force (inclusive); null = since before the catalogue begins"),
                field("valid_to", DataTypes.DateType, "first day no longer in force (exclusive); null = still in force"),
                field("in_area", DataTypes.BooleanType, "communes: inside the register's area; null for districts and provinces"),
                field("area_km2", DataTypes.DoubleType, "land area in km² where a source gives one")});
        List<Row> units = new ArrayList<>();
        for (AdminUnit unit : catalogue.all()) {
            Boolean inArea = null;
            if (unit.level() == UnitLevel.COMMUNE) {
                inArea = area.contains(catalogue, unit, unit.validFrom() == null ? Reorganisation2025.LAST_DAY_BEFORE : unit.validFrom());
            }
            units.add(RowFactory.create(unit.level().name().toLowerCase(Locale.ROOT), unit.code(), unit.name(), unit.englishName(),
                    unit.type(), unit.parentCode(), date(unit.validFrom()), date(unit.validTo()), inArea, unit.areaKm2()));
        }
        views.add(reference(session, "units", "Administrative units with their validity: Kon Tum's province, districts and communes until 30/06/2025 and the Quảng Ngãi communes from 01/07/2025.",
                units, unitSchema));

        StructType successorSchema = new StructType(new StructField[] {
                field("old_commune_code", DataTypes.StringType, "commune in force until 30/06/2025"),
                field("old_commune_name", DataTypes.StringType, "its name"),
                field("commune_code_2025", DataTypes.StringType, "the commune of 01/07/2025 that replaced it (Resolution 1677/NQ-UBTVQH15)"),
                field("commune_name_2025", DataTypes.StringType, "its name")});
        List<Row> successors = new ArrayList<>();
        catalogue.successors().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> successors.add(RowFactory.create(
                entry.getKey(), catalogue.commune(entry.getKey(), Reorganisation2025.LAST_DAY_BEFORE).map(AdminUnit::name).orElse(null),
                entry.getValue(), catalogue.commune(entry.getValue(), Reorganisation2025.EFFECTIVE_DATE).map(AdminUnit::name).orElse(null))));
        views.add(reference(session, "unit_successors", "Every commune of before 01/07/2025 and the 2025 commune it was merged into: join on it to recast old figures onto the 2025 units.",
                successors, successorSchema));

        StructType ethnicSchema = new StructType(new StructField[] {
                field("code", DataTypes.StringType, "2-digit code of the 1979 list (Decision 121-TCTK/PPCĐ), as in persons.ethnicity_code"),
                field("name_vi", DataTypes.StringType, "Vietnamese name"),
                field("name_en", DataTypes.StringType, "English name"),
                field("code_2008", DataTypes.StringType, "code in the 2008 GSO list (Decision 1019/QĐ-TCTK) where verified"),
                field("census_2019_vietnam", DataTypes.LongType, "population in the 2019 census, whole country"),
                field("census_2019_kontum", DataTypes.LongType, "population in the 2019 census, Kon Tum province")});
        List<Row> groups = new ArrayList<>();
        for (EthnicGroup group : EthnicGroups.instance().all()) {
            groups.add(RowFactory.create(group.code(), group.nameVi(), group.nameEn(), group.code2008(), group.censusVietnam2019(), group.censusKonTum2019()));
        }
        views.add(reference(session, "ethnic_groups", "The 54 ethnic groups of Việt Nam.", groups, ethnicSchema));

        StructType codeSchema = new StructType(new StructField[] {
                field("list_name", DataTypes.StringType, "code list (sex, residenceStatus, ageGroup5, householdSize, flow, qualityIndicator, …)"),
                field("code", DataTypes.StringType, "the code as stored in cubes"),
                field("label_vi", DataTypes.StringType, "Vietnamese label"),
                field("label_en", DataTypes.StringType, "English label"),
                field("range_from", DataTypes.IntegerType, "for ranges (age groups, sizes): first value covered"),
                field("range_to", DataTypes.IntegerType, "for ranges: last value covered; null for an open range (85+)")});
        List<Row> codes = new ArrayList<>();
        CodeLists lists = CodeLists.builtIn();
        for (String listName : lists.names()) {
            CodeList list = lists.get(listName);
            for (Code code : list.codes()) {
                codes.add(RowFactory.create(listName, code.code(), code.vi(), code.en(), code.from(), code.to()));
            }
        }
        views.add(reference(session, "code_lists", "The code lists the cubes use, with Vietnamese and English labels.", codes, codeSchema));
        return views;
    }

    private static ViewDefinition reference(SparkSession session, String name, String description, List<Row> rows, StructType schema)
    {
        Dataset<Row> dataset = session.createDataFrame(rows, schema);
        dataset.createOrReplaceTempView(name);
        return new ViewDefinition(name, ViewKind.REFERENCE, description, "reference catalogues of dancu", columnsOf(schema));
    }

    private static StructField field(String name, DataType type, String description)
    {
        return new StructField(name, type, true, comment(description));
    }

    private static Date date(java.time.LocalDate date)
    {
        return date == null ? null : Date.valueOf(date);
    }

    private static Metadata comment(String text)
    {
        return new MetadataBuilder().putString(COMMENT, text).build();
    }

    static List<ViewColumn> columnsOf(StructType schema)
    {
        List<ViewColumn> columns = new ArrayList<>();
        for (StructField field : schema.fields()) {
            String description = field.metadata().contains(COMMENT) ? field.metadata().getString(COMMENT) : "";
            columns.add(new ViewColumn(field.name(), field.dataType().simpleString(), description));
        }
        return columns;
    }

    private static String snapshotArea(Storage storage, String snapshot)
    {
        Optional<String> json = storage.readText(snapshot + "/snapshot.json");
        if (json.isEmpty()) {
            return null;
        }
        try {
            JsonNode area = new ObjectMapper().readTree(json.get()).path("area");
            return area.isTextual() ? area.asText() : null;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + snapshot + "/snapshot.json", e);
        }
    }

    private static CubeManifest readManifest(Storage storage, DataLayout layout, String versionId)
    {
        String path = layout.version(versionId) + "/" + CubeManifest.FILE_NAME;
        String text = storage.readText(path).orElseThrow(() -> new IllegalStateException("cube version " + versionId + " has no manifest at " + path));
        try {
            return CubeManifest.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest " + path, e);
        }
    }
}
