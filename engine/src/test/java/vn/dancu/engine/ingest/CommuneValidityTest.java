package vn.dancu.engine.ingest;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import vn.dancu.datasets.geo.Area;
import vn.dancu.engine.SparkTestSession;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommuneValidityTest
{
    private final SparkSession spark = SparkTestSession.get();

    @Test
    void lookupAgreesWithAJoinOnTheCalendarForEveryCodeAroundEveryBoundary()
    {
        Area area = Area.kontum();
        Dataset<Row> calendar = ReferenceTables.communeCalendar(spark, area.catalogue(), area);
        Set<String> codes = new LinkedHashSet<>();
        Set<LocalDate> days = new LinkedHashSet<>(List.of(LocalDate.of(1900, 1, 1), LocalDate.of(2025, 6, 30), LocalDate.of(2025, 7, 1),
                LocalDate.of(2026, 10, 31)));
        for (Row row : calendar.collectAsList()) {
            codes.add(row.getString(0));
            for (int i = 1; i <= 2; i++) {
                if (!row.isNullAt(i)) {
                    LocalDate bound = row.getDate(i).toLocalDate();
                    days.addAll(List.of(bound.minusDays(1), bound, bound.plusDays(1)));
                }
            }
        }
        codes.addAll(List.of("99999", "", "2338"));
        List<Row> probes = new ArrayList<>();
        for (String code : codes) {
            for (LocalDate day : days) {
                probes.add(RowFactory.create(code, Date.valueOf(day)));
            }
            probes.add(RowFactory.create(code, null));
        }
        for (LocalDate day : days) {
            probes.add(RowFactory.create(null, Date.valueOf(day)));
        }
        StructType schema = new StructType().add("code", DataTypes.StringType).add("day", DataTypes.DateType);
        Dataset<Row> rows = spark.createDataFrame(probes, schema).withColumn("probe", monotonically_increasing_id());

        // The oracle: a left join on code and valid_from ≤ day < valid_to, open ends null (how ingest looked communes up before)
        Dataset<Row> periods = calendar.select(col("code").as("c"), col("valid_from").as("f"), col("valid_to").as("t"));
        Dataset<Row> joined = rows.join(broadcast(periods), col("code").equalTo(col("c"))
                        .and(col("f").isNull().or(col("day").geq(col("f"))))
                        .and(col("t").isNull().or(col("day").lt(col("t")))), "left")
                .groupBy("probe").agg(max(col("c").isNotNull()).as("expected"));
        CommuneValidity validity = CommuneValidity.of(calendar);
        List<Row> disagreements = rows.withColumn("actual", validity.inForce(col("code"), col("day")))
                .join(joined, "probe")
                .where(col("actual").notEqual(col("expected")))
                .collectAsList();

        assertEquals(List.of(), disagreements);
        long inForce = rows.where(validity.inForce(col("code"), col("day"))).count();
        assertTrue(inForce > 0 && inForce < probes.size(), inForce + " of " + probes.size() + " probes in force");
    }
}
