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

    @Test
    void residentsAtMonthEndCountsEachMonthEndInsideTheSpellWithTheAgeOnThatDay()
    {
        StructType spellSchema = new StructType().add("pid", DataTypes.StringType).add("commune_code", DataTypes.StringType)
                .add("valid_from", DataTypes.DateType).add("valid_to", DataTypes.DateType);
        StructType personSchema = new StructType().add("pid", DataTypes.StringType).add("birth_date", DataTypes.DateType)
                .add("sex", DataTypes.StringType).add("ethnicity_code", DataTypes.StringType).add("residence_status", DataTypes.StringType);
        var spark = SparkTestSession.get();
        Dataset<Row> spells = spark.createDataFrame(List.of(
                RowFactory.create("p", "23479", Date.valueOf("2026-07-31"), Date.valueOf("2026-09-30")),
                RowFactory.create("q", "23485", Date.valueOf("2026-08-15"), null)), spellSchema);
        Dataset<Row> persons = spark.createDataFrame(List.of(
                RowFactory.create("p", Date.valueOf("2000-08-31"), "F", "14", "DECEASED"),
                RowFactory.create("q", Date.valueOf("1990-09-30"), "M", "01", "TEMPORARY")), personSchema);
        CuratedSnapshot snapshot = new CuratedSnapshot("s", java.time.LocalDate.of(2016, 11, 1), java.time.LocalDate.of(2026, 10, 31),
                java.time.LocalDate.of(2026, 10, 31), "konray", persons, null, spells, null);

        List<String> rows = FactSources.residentsAtMonthEnd(snapshot).orderBy("commune_code", "ref_date")
                .collectAsList().stream().map(Row::toString).toList();

        // p: present 31/07 and 31/08 (leaves 30/09, so not counted then); turns 26 on 31/08.
        // q: arrives 15/08; counted 31/08, 30/09 (turns 36 that day), 31/10.
        assertEquals(List.of(
                "[2026-07-31,23479,F,25,14,PERMANENT,1]",
                "[2026-08-31,23479,F,26,14,PERMANENT,1]",
                "[2026-08-31,23485,M,35,01,TEMPORARY,1]",
                "[2026-09-30,23485,M,36,01,TEMPORARY,1]",
                "[2026-10-31,23485,M,36,01,TEMPORARY,1]"), rows);
    }
}
