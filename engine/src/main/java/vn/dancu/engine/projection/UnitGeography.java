package vn.dancu.engine.projection;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.dancu.datasets.geo.AdminCatalogue;
import vn.dancu.datasets.geo.AdminUnit;
import vn.dancu.datasets.geo.UnitLevel;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * The units a projection is computed on. A projection needs every input (past events, exposure, the jump-off
 * population) on one set of units: the register stores each record on the units in force on its date, so records
 * dated before the reform of 01/07/2025 are recast onto their successor ({@link #UNITS_2025}), or kept as recorded
 * when every date used lies before the reform ({@link #AS_RECORDED}, the back-test on the old communes).
 */
public enum UnitGeography
{
    /** The communes of 1 July 2025; a record dated before the reform counts in its commune's successor. */
    UNITS_2025,
    /** The communes as recorded; only meaningful when every record used is dated before the reform. */
    AS_RECORDED;

    public static final StructType REGIONS_SCHEMA = new StructType()
            .add("unit", DataTypes.StringType, false)
            .add("region", DataTypes.StringType, false);

    /**
     * Replaces {@code codeColumn} by the unit of this geography. {@code date} is the day the code is valid on;
     * {@code successors} holds {@code old_code, new_code}. A code of 2025 may repeat an old one (the reform reused
     * codes), so only records dated before {@code reformDate} are recast.
     */
    public Dataset<Row> recast(Dataset<Row> rows, String codeColumn, Column date, Dataset<Row> successors, LocalDate reformDate)
    {
        if (this == AS_RECORDED) {
            return rows;
        }
        String old = "__old_" + codeColumn;
        String successor = "__new_" + codeColumn;
        Dataset<Row> map = broadcast(successors.select(col("old_code").as(old), col("new_code").as(successor)));
        Column before = date.lt(lit(reformDate));
        return rows.join(map, rows.col(codeColumn).equalTo(map.col(old)).and(before), "left")
                .withColumn(codeColumn, coalesce(col(successor), col(codeColumn)))
                .drop(old, successor);
    }

    /**
     * The region each unit's rates borrow strength from: its province (the province of 1 July 2025 for
     * {@link #UNITS_2025}, the province in force on {@code asOf} otherwise): {@code unit, region}.
     */
    public Dataset<Row> regions(SparkSession spark, AdminCatalogue catalogue, LocalDate asOf, LocalDate reformDate)
    {
        LocalDate day = this == UNITS_2025 && asOf.isBefore(reformDate) ? reformDate : asOf;
        List<Row> rows = new ArrayList<>();
        for (AdminUnit commune : catalogue.units(UnitLevel.COMMUNE, day)) {
            String province = catalogue.ancestor(commune, UnitLevel.PROVINCE, day).map(AdminUnit::code).orElse("");
            rows.add(RowFactory.create(commune.code(), province));
        }
        return spark.createDataFrame(rows, REGIONS_SCHEMA);
    }
}
