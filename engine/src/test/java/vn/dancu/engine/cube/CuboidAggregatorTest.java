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

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
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

    private static CubeDescriptor stockDescriptor()
    {
        return new CubeDescriptor("test_stock", T, T, "residents_at_month_end", TimeGrain.MONTH_END,
                List.of(new DimensionSpec("commune", "commune_code", DimensionKind.GEOGRAPHY, null, T),
                        new DimensionSpec("sex", "sex", DimensionKind.CATEGORY, "sex", T),
                        new DimensionSpec("age", "age", DimensionKind.AGE, null, T),
                        new DimensionSpec("ethnicity", "ethnicity_code", DimensionKind.CATEGORY, "ethnicity", T)),
                List.of(new MeasureSpec("population", "persons", vn.dancu.model.cube.Aggregation.SUM, T, T)),
                List.of(new AggregationGroup(List.of("commune", "sex", "age", "ethnicity"), List.of("commune"), null)));
    }

    /** Persons by commune, sex, age and ethnicity (nulls among them) at two month ends; some cells twice. */
    private static Dataset<Row> stockFacts()
    {
        StructType schema = new StructType().add("commune_code", DataTypes.StringType).add("sex", DataTypes.StringType)
                .add("age", DataTypes.IntegerType).add("ethnicity_code", DataTypes.StringType)
                .add("ref_date", DataTypes.DateType).add("persons", DataTypes.LongType);
        Date sep = Date.valueOf("2026-09-30");
        Date oct = Date.valueOf("2026-10-31");
        return SparkTestSession.get().createDataFrame(List.of(
                RowFactory.create("23479", "M", 30, "01", sep, 2L), RowFactory.create("23479", "M", 30, "01", sep, 1L),
                RowFactory.create("23479", "F", 30, "01", sep, 4L), RowFactory.create("23479", "F", 31, "19", sep, 1L),
                RowFactory.create("23479", null, 7, "19", sep, 1L), RowFactory.create("23485", "F", 7, null, sep, 5L),
                RowFactory.create("23485", "M", 30, "01", oct, 3L), RowFactory.create("23479", "M", 30, "01", oct, 6L),
                RowFactory.create("23479", null, 7, null, oct, 2L), RowFactory.create("23485", "F", 8, null, oct, 5L)), schema);
    }

    @Test
    void groupsCodedFactsIntoTheSameCellsAsTheDecodedFacts()
    {
        Dataset<Row> facts = stockFacts();
        // commune stays a column; sex and ethnicity are one code, so cuboids keep both, one or none of the coded keys
        KeyDictionary dictionary = KeyDictionary.of(facts, List.of("sex", "ethnicity_code"));
        EncodedFacts coded = EncodedFacts.coded(dictionary.encode(facts), dictionary);

        Dataset<Row> expected = CuboidAggregator.aggregate(facts, stockDescriptor());
        Dataset<Row> actual = CuboidAggregator.aggregate(coded, stockDescriptor());

        assertEquals(String.join(",", expected.columns()), String.join(",", actual.columns()));
        assertEquals(8, actual.select("cuboid").distinct().count());
        assertEquals(expected.count(), actual.count());
        assertEquals(0, actual.exceptAll(expected).count());
        assertEquals(0, expected.exceptAll(actual).count());
        assertEquals(List.of("[23479,null,null,01,6,commune.ethnicity,2026-10-31]", "[23479,null,null,null,2,commune.ethnicity,2026-10-31]",
                        "[23485,null,null,01,3,commune.ethnicity,2026-10-31]", "[23485,null,null,null,5,commune.ethnicity,2026-10-31]"),
                actual.where("cuboid = 'commune.ethnicity' and ref_date = '2026-10-31'")
                        .orderBy(col("commune_code"), col("ethnicity_code").desc_nulls_last()).collectAsList().stream().map(Row::toString).toList());
        assertEquals(List.of("[23479,null,7,null,1,commune.age,2026-09-30]", "[23479,null,30,null,7,commune.age,2026-09-30]",
                        "[23479,null,31,null,1,commune.age,2026-09-30]", "[23485,null,7,null,5,commune.age,2026-09-30]"),
                actual.where("cuboid = 'commune.age' and ref_date = '2026-09-30'")
                        .orderBy("commune_code", "age").collectAsList().stream().map(Row::toString).toList());
    }

    @Test
    void takesCodedFactsOfOneRowPerCellAsTheBaseWithoutGroupingThem()
    {
        Dataset<Row> cells = stockFacts().groupBy("commune_code", "sex", "age", "ethnicity_code", "ref_date")
                .agg(sum("persons").as("persons"));
        KeyDictionary dictionary = KeyDictionary.of(cells, List.of("commune_code", "sex", "ethnicity_code"));
        EncodedFacts coded = EncodedFacts.coded(dictionary.encode(cells), dictionary);

        Dataset<Row> expected = CuboidAggregator.aggregate(cells, stockDescriptor());
        Dataset<Row> actual = CuboidAggregator.aggregate(coded, stockDescriptor(), true, 2, rows -> rows);

        assertEquals(expected.count(), actual.count());
        assertEquals(0, actual.exceptAll(expected).count());
        assertEquals(0, expected.exceptAll(actual).count());
        assertEquals(9, actual.where("cuboid = 'commune.sex.age.ethnicity'").count());
    }
}
