package vn.dancu.engine.ingest;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

/** Whether a commune code is in force on a date, looked up in the commune calendar (a broadcast join). */
public final class CommuneValidity
{
    private CommuneValidity() {}

    /**
     * Adds the boolean column {@code flag}: {@code code} is a commune of the area in force on {@code date}. False when
     * the code or the date is null.
     */
    public static Dataset<Row> markInForce(Dataset<Row> rows, Column code, Column date, Dataset<Row> calendar, String flag)
    {
        String calendarCode = flag + "__code";
        String from = flag + "__from";
        String to = flag + "__to";
        Dataset<Row> renamed = calendar.select(col("code").as(calendarCode), col("valid_from").as(from), col("valid_to").as(to));
        Column matches = code.equalTo(col(calendarCode))
                .and(col(from).isNull().or(date.geq(col(from))))
                .and(col(to).isNull().or(date.lt(col(to))));
        return rows.join(broadcast(renamed), matches, "left")
                .withColumn(flag, col(calendarCode).isNotNull())
                .drop(calendarCode, from, to);
    }
}
