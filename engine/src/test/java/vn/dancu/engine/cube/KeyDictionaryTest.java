package vn.dancu.engine.cube;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import vn.dancu.engine.SparkTestSession;

import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;

class KeyDictionaryTest
{
    private static final StructType ROWS = new StructType()
            .add("commune_code", DataTypes.StringType)
            .add("sex", DataTypes.StringType)
            .add("persons", DataTypes.LongType);

    private static Dataset<Row> rows()
    {
        return SparkTestSession.get().createDataFrame(List.of(
                RowFactory.create("23479", "M", 1L),
                RowFactory.create("23479", "M", 2L),
                RowFactory.create("23479", "F", 3L),
                RowFactory.create("23485", null, 4L),
                RowFactory.create(null, "F", 5L),
                RowFactory.create(null, null, 6L),
                RowFactory.create(null, null, 7L)), ROWS);
    }

    @Test
    void numbersEachCombinationOfKeysOnceNullsIncluded()
    {
        KeyDictionary dictionary = KeyDictionary.of(rows(), List.of("commune_code", "sex"));
        Dataset<Row> coded = dictionary.encode(rows());

        assertEquals(5, dictionary.size());
        assertEquals("key_code,persons", String.join(",", coded.columns()));
        // codes follow the keys' order (nulls first), so the same rows always get the same codes
        assertEquals(List.of("0:13", "1:5", "2:3", "3:3", "4:4"), coded.groupBy(KeyDictionary.CODE).agg(sum("persons"))
                .orderBy(KeyDictionary.CODE).collectAsList().stream().map(row -> row.get(0) + ":" + row.get(1)).toList());
    }

    @Test
    void decodingGivesBackEveryRowWithItsKeys()
    {
        KeyDictionary dictionary = KeyDictionary.of(rows(), List.of("commune_code", "sex"));
        Dataset<Row> decoded = dictionary.decode(dictionary.encode(rows()));

        assertEquals("commune_code,sex,persons", String.join(",", decoded.columns()));
        assertEquals(List.of("null|null|6", "null|null|7", "null|F|5", "23479|F|3", "23479|M|1", "23479|M|2", "23485|null|4"),
                decoded.orderBy(col("commune_code").asc_nulls_first(), col("sex").asc_nulls_first(), col("persons")).collectAsList()
                        .stream().map(row -> row.get(0) + "|" + row.get(1) + "|" + row.get(2)).toList());
    }

    @Test
    void aggregatesOnCodesEqualAggregatesOnTheKeys()
    {
        KeyDictionary dictionary = KeyDictionary.of(rows(), List.of("commune_code", "sex"));
        Dataset<Row> byCode = dictionary.decode(dictionary.encode(rows()).groupBy(KeyDictionary.CODE)
                .agg(sum("persons").as("persons"), count(lit(1)).as("rows")));
        Dataset<Row> byKeys = rows().groupBy("commune_code", "sex").agg(sum("persons").as("persons"), count(lit(1)).as("rows"));

        assertEquals(0, byCode.exceptAll(byKeys).count());
        assertEquals(0, byKeys.exceptAll(byCode).count());
        assertEquals(5, byCode.count());
    }
}
