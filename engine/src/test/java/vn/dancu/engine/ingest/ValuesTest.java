package vn.dancu.engine.ingest;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import vn.dancu.engine.SparkTestSession;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.unix_date;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ValuesTest
{
    private static final DateTimeFormatter STRICT_ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

    private final SparkSession spark = SparkTestSession.get();

    @Test
    void datesAreExactlyTheRealDaysWrittenYyyyMmDd()
    {
        List<String> texts = new ArrayList<>();
        for (String year : List.of("0000", "0001", "1899", "1900", "1987", "2000", "2019", "2020", "2024", "2100", "9999")) {
            for (int month = 0; month <= 13; month++) {
                for (int day = 0; day <= 32; day++) {
                    texts.add("%s-%02d-%02d".formatted(year, month, day));
                }
            }
        }
        texts.addAll(List.of("2019-1-05", "2019-01-5", "15/03/1987", "1987/03/15", "2019-01-05T00:00", "2019-01-05 00:00:00",
                " 2019-01-05", "2019-01-05 ", "２０１９-01-05", "+2019-01-05", "-2019-01-05", "20190105", "2019-01-05x", "2019",
                "2019-01", "12019-01-05", "2019-01-05\n", "2019–01–05", "0x07-01-05", "", "yyyy-MM-dd"));
        texts.add(null);
        StructType schema = new StructType().add("text", DataTypes.StringType);
        // Compared as epoch days (proleptic Gregorian, as Spark stores dates), not as java.sql.Date (hybrid calendar before 1582)
        List<Row> rows = texts.stream().map(text -> RowFactory.create(text)).toList();

        Map<String, LocalDate> parsed = new HashMap<>();
        Map<String, Boolean> broken = new HashMap<>();
        for (Row row : spark.createDataFrame(rows, schema)
                .select(col("text"), unix_date(Values.date(col("text"))).as("epoch_day"), Values.unparsed(col("text"), Values.date(col("text"))).as("broken")).collectAsList()) {
            parsed.put(row.getString(0), row.isNullAt(1) ? null : LocalDate.ofEpochDay(row.getInt(1)));
            broken.put(row.getString(0), row.getBoolean(2));
        }
        int dates = 0;
        for (String text : texts) {
            LocalDate expected = strictIso(text);
            dates += expected == null ? 0 : 1;
            assertEquals(expected, parsed.get(text), "date of '" + text + "'");
            assertEquals(text != null && expected == null, broken.get(text), "broken '" + text + "'");
        }
        assertEquals(11 * 365 + 4 /* 0000, 2000, 2020, 2024 are leap years; 1900 and 2100 are not */, dates, "real days among the enumerated texts");
    }

    /** The oracle: ASCII digits only, then java.time's strict resolver (no 30 February, no month 13, no day 0). */
    private static LocalDate strictIso(String text)
    {
        if (text == null || !text.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
            return null;
        }
        try {
            return LocalDate.parse(text, STRICT_ISO);
        }
        catch (DateTimeParseException e) {
            return null;
        }
    }
}
