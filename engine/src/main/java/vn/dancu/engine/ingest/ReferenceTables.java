package vn.dancu.engine.ingest;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.dancu.datasets.geo.AdminCatalogue;
import vn.dancu.datasets.geo.AdminUnit;
import vn.dancu.datasets.geo.Area;
import vn.dancu.datasets.geo.Reorganisation2025;
import vn.dancu.datasets.geo.UnitLevel;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small lookup tables from the reference catalogues, as Spark datasets (they are broadcast where joined). */
public final class ReferenceTables
{
    public static final StructType COMMUNE_CALENDAR_SCHEMA = new StructType()
            .add("code", DataTypes.StringType, false)
            .add("valid_from", DataTypes.DateType, true)
            .add("valid_to", DataTypes.DateType, true);

    private ReferenceTables() {}

    /**
     * The communes of {@code area} over time: one row per unit version ({@code code}, {@code valid_from},
     * {@code valid_to}). A code reused by the 2025 reform has two rows with disjoint periods.
     */
    public static Dataset<Row> communeCalendar(SparkSession spark, AdminCatalogue catalogue, Area area)
    {
        List<Row> rows = new ArrayList<>();
        for (AdminUnit unit : catalogue.all()) {
            if (unit.level() != UnitLevel.COMMUNE) {
                continue;
            }
            LocalDate probe = unit.validFrom() != null ? unit.validFrom()
                    : unit.validTo() != null ? unit.validTo().minusDays(1) : Reorganisation2025.LAST_DAY_BEFORE;
            if (area.contains(catalogue, unit, probe)) {
                rows.add(RowFactory.create(unit.code(), date(unit.validFrom()), date(unit.validTo())));
            }
        }
        return spark.createDataFrame(rows, COMMUNE_CALENDAR_SCHEMA);
    }

    /** Every commune code of the catalogue, old or new → its province on the 2025 units ({@code code}, {@code province_code}). */
    public static Dataset<Row> provinces(SparkSession spark, AdminCatalogue catalogue)
    {
        Map<String, String> provinces = new LinkedHashMap<>();
        for (AdminUnit unit : catalogue.all()) {
            if (unit.level() != UnitLevel.COMMUNE) {
                continue;
            }
            String newCode = unit.validFrom() == null ? catalogue.successorCode(unit.code()) : unit.code();
            AdminUnit newUnit = catalogue.commune(newCode, Reorganisation2025.EFFECTIVE_DATE).orElseThrow();
            provinces.putIfAbsent(unit.code(), newUnit.parentCode());
        }
        List<Row> rows = provinces.entrySet().stream().map(e -> RowFactory.create(e.getKey(), e.getValue())).toList();
        StructType schema = new StructType().add("code", DataTypes.StringType, false).add("province_code", DataTypes.StringType, false);
        return spark.createDataFrame(rows, schema);
    }

    /** Old commune code → 2025 commune code ({@code old_code}, {@code new_code}). */
    public static Dataset<Row> successors(SparkSession spark, AdminCatalogue catalogue)
    {
        List<Row> rows = catalogue.successors().entrySet().stream()
                .map(e -> RowFactory.create(e.getKey(), e.getValue())).toList();
        StructType schema = new StructType().add("old_code", DataTypes.StringType, false).add("new_code", DataTypes.StringType, false);
        return spark.createDataFrame(rows, schema);
    }

    private static Date date(LocalDate date)
    {
        return date == null ? null : Date.valueOf(date);
    }
}
