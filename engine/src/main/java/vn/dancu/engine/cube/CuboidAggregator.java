package vn.dancu.engine.cube;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;
import vn.dancu.model.cube.Cuboid;
import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.cube.DimensionSpec;
import vn.dancu.model.cube.MeasureSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.grouping_id;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Computes every cuboid of a cube in one pass, as Kylin's cuboid aggregation does: the facts are first grouped to
 * the finest cuboid (all dimensions of the descriptor), then all cuboids are computed from that one aggregate with
 * {@code GROUPING SETS}, so the facts are scanned once and coarser cuboids come from the finer aggregate. The output
 * has the descriptor's dimension columns (null where a cuboid leaves a dimension out), the measures (as {@code long}),
 * {@code cuboid} and {@code ref_date}.
 */
public final class CuboidAggregator
{
    public static final String CUBOID = "cuboid";
    public static final String REF_DATE = "ref_date";

    private CuboidAggregator() {}

    /** The problems with a descriptor against the columns its fact source provides; empty when it fits. */
    public static List<String> problems(CubeDescriptor descriptor, StructType facts)
    {
        List<String> columns = Arrays.asList(facts.fieldNames());
        List<String> problems = new ArrayList<>();
        for (DimensionSpec dimension : descriptor.dimensions()) {
            if (!columns.contains(dimension.column())) {
                problems.add("dimension '" + dimension.name() + "' reads unknown column '" + dimension.column()
                        + "' of fact source " + descriptor.source() + "; its columns are " + columns);
                continue;
            }
            DataType type = facts.apply(dimension.column()).dataType();
            DataType expected = switch (dimension.kind()) {
                case AGE, SIZE -> DataTypes.IntegerType;
                case GEOGRAPHY, CATEGORY, AGE_GROUP -> DataTypes.StringType;
            };
            if (!type.equals(expected)) {
                problems.add("dimension '" + dimension.name() + "' is a " + dimension.kind() + " and needs a "
                        + expected.simpleString() + " column, but column '" + dimension.column() + "' of fact source "
                        + descriptor.source() + " is " + type.simpleString());
            }
        }
        for (MeasureSpec measure : descriptor.measures()) {
            if (!columns.contains(measure.column())) {
                problems.add("measure '" + measure.name() + "' reads unknown column '" + measure.column()
                        + "' of fact source " + descriptor.source() + "; its columns are " + columns);
                continue;
            }
            DataType type = facts.apply(measure.column()).dataType();
            if (!type.equals(DataTypes.LongType) && !type.equals(DataTypes.IntegerType)) {
                problems.add("measure '" + measure.name() + "' sums column '" + measure.column() + "', which is "
                        + type.simpleString() + "; a cube stores counts and sums of whole numbers only");
            }
        }
        if (!columns.contains(REF_DATE)) {
            problems.add("fact source " + descriptor.source() + " has no ref_date column");
        }
        return problems;
    }

    public static Dataset<Row> aggregate(Dataset<Row> facts, CubeDescriptor descriptor)
    {
        return aggregate(facts, descriptor, false);
    }

    /**
     * @param factsAreFinest the facts already hold one row per cell of the finest cuboid (all the descriptor's
     *                       dimensions and {@code ref_date}), so the first grouping is skipped
     */
    public static Dataset<Row> aggregate(Dataset<Row> facts, CubeDescriptor descriptor, boolean factsAreFinest)
    {
        List<DimensionSpec> dimensions = descriptor.dimensions();
        List<Column> dimensionColumns = dimensions.stream().map(dimension -> col(dimension.column())).toList();
        List<Column> groupColumns = new ArrayList<>(dimensionColumns);
        groupColumns.add(col(REF_DATE));

        List<Column> finestMeasures = descriptor.measures().stream()
                .map(measure -> sum(col(measure.column())).cast("long").as(measure.column())).toList();
        Dataset<Row> finest = factsAreFinest ? facts : facts
                .groupBy(groupColumns.toArray(Column[]::new))
                .agg(finestMeasures.get(0), finestMeasures.subList(1, finestMeasures.size()).toArray(Column[]::new));

        List<scala.collection.immutable.Seq<Column>> sets = new ArrayList<>();
        Column cuboidName = null;
        for (Cuboid cuboid : descriptor.cuboids()) {
            List<Column> set = new ArrayList<>();
            int groupingId = 0;
            for (int i = 0; i < dimensions.size(); i++) {
                DimensionSpec dimension = dimensions.get(i);
                if (cuboid.dimensions().contains(dimension.name())) {
                    set.add(col(dimension.column()));
                }
                else {
                    groupingId |= 1 << (dimensions.size() - i); // ref_date is the last grouping column, bit 0
                }
            }
            set.add(col(REF_DATE));
            sets.add(CollectionConverters.asScala(set).toSeq());
            Column when = col("_grouping_id").equalTo(groupingId);
            cuboidName = cuboidName == null ? when(when, lit(cuboid.name())) : cuboidName.when(when, lit(cuboid.name()));
        }

        List<Column> measures = new ArrayList<>();
        for (MeasureSpec measure : descriptor.measures()) {
            measures.add(sum(col(measure.column())).cast("long").as(measure.name()));
        }
        measures.add(grouping_id(groupColumns.toArray(Column[]::new)).as("_grouping_id"));
        Dataset<Row> all = finest
                .groupingSets(CollectionConverters.asScala(sets).toSeq(), groupColumns.toArray(Column[]::new))
                .agg(measures.get(0), measures.subList(1, measures.size()).toArray(Column[]::new));

        List<Column> output = new ArrayList<>(dimensionColumns);
        descriptor.measures().forEach(measure -> output.add(col(measure.name())));
        output.add(cuboidName.as(CUBOID));
        output.add(col(REF_DATE));
        return all.select(output.toArray(Column[]::new));
    }
}
