package vn.dancu.engine.cube;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import vn.dancu.engine.SparkTestSession;
import vn.dancu.model.cube.AggregationGroup;
import vn.dancu.model.cube.CubeDescriptor;
import vn.dancu.model.cube.DimensionKind;
import vn.dancu.model.cube.DimensionSpec;
import vn.dancu.model.cube.LocalizedText;
import vn.dancu.model.cube.MeasureSpec;
import vn.dancu.model.cube.TimeGrain;

import java.sql.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CuboidAggregatorTest
{
    private static final LocalizedText T = new LocalizedText("t", "t");

    private static CubeDescriptor descriptor()
    {
        return new CubeDescriptor("test_stock", T, T, "residents_at_month_end", TimeGrain.MONTH_END,
                List.of(new DimensionSpec("commune", "commune_code", DimensionKind.GEOGRAPHY, null, T),
                        new DimensionSpec("sex", "sex", DimensionKind.CATEGORY, "sex", T)),
                List.of(new MeasureSpec("population", "persons", vn.dancu.model.cube.Aggregation.SUM, T, T)),
                List.of(new AggregationGroup(List.of("commune", "sex"), List.of("commune"), null)));
    }

    @Test
    void computesEveryCuboidOfTheDescriptorInOnePass()
    {
        StructType schema = new StructType().add("ref_date", DataTypes.DateType).add("commune_code", DataTypes.StringType)
                .add("sex", DataTypes.StringType).add("persons", DataTypes.LongType);
        Date m = Date.valueOf("2026-10-31");
        Dataset<Row> facts = SparkTestSession.get().createDataFrame(List.of(
                RowFactory.create(m, "23479", "M", 1L), RowFactory.create(m, "23479", "F", 1L),
                RowFactory.create(m, "23479", "F", 1L), RowFactory.create(m, "23485", "M", 1L)), schema);

        List<String> rows = CuboidAggregator.aggregate(facts, descriptor())
                .orderBy("cuboid", "commune_code", "sex").collectAsList().stream()
                .map(Row::toString).toList();

        assertEquals(List.of(
                "[23479,null,3,commune,2026-10-31]",
                "[23485,null,1,commune,2026-10-31]",
                "[23479,F,2,commune.sex,2026-10-31]",
                "[23479,M,1,commune.sex,2026-10-31]",
                "[23485,M,1,commune.sex,2026-10-31]"), rows);
        assertEquals("commune_code,sex,population,cuboid,ref_date",
                String.join(",", CuboidAggregator.aggregate(facts, descriptor()).columns()));
    }
}
