package vn.dancu.engine.cube;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import vn.dancu.engine.SparkTestSession;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The change points of the stock's segments: one at the start and one at the end of each segment up to the horizon,
 * hashed with every key and the birth date, so that a snapshot in which any of them differs gives other digests.
 */
class ChangePointsTest
{
    private static final List<String> KEYS = List.of("commune_code", "sex", "ethnicity_code", "residence_status");
    private static final StructType SEGMENTS = new StructType()
            .add("commune_code", DataTypes.StringType).add("sex", DataTypes.StringType).add("ethnicity_code", DataTypes.StringType)
            .add("residence_status", DataTypes.StringType).add(ResidenceSegments.BIRTH_DATE, DataTypes.DateType)
            .add(ResidenceSegments.START, DataTypes.DateType).add(ResidenceSegments.END, DataTypes.DateType);
    private static final LocalDate HORIZON = LocalDate.of(2026, 10, 31);

    private final SparkSession spark = SparkTestSession.get();

    @Test
    void aSegmentHasAPointAtItsStartAndOneAtItsEndUpToTheHorizon()
    {
        assertEquals(List.of("2019-03-01", "2024-05-06"), days(segment("23000", "MALE", "01", "PERMANENT", "1980-01-01", "2019-03-01", "2024-05-06")));
        assertEquals(List.of("2019-03-01"), days(segment("23000", "MALE", "01", "PERMANENT", "1980-01-01", "2019-03-01", null)));
        assertEquals(List.of("2019-03-01"), days(segment("23000", "MALE", "01", "PERMANENT", "1980-01-01", "2019-03-01", "2026-11-01")));
        assertEquals(List.of(), days(segment("23000", "MALE", "01", "PERMANENT", "1980-01-01", "2026-11-01", null)));
    }

    @Test
    void theSameSegmentGivesTheSamePointsAndAnyKeyOrTheBirthDateChangesThem()
    {
        Object[] base = {"23000", "MALE", "01", "PERMANENT", "1980-01-01", "2019-03-01", "2024-05-06"};
        List<String> basePoints = points(segment(base));
        assertEquals(basePoints, points(segment(base.clone())));
        Object[] others = {"23001", "FEMALE", "02", "TEMPORARY", "1980-01-02"};
        for (int field = 0; field < others.length; field++) {
            Object[] changed = base.clone();
            changed[field] = others[field];
            List<String> changedPoints = points(segment(changed));
            assertEquals(List.of("2019-03-01", "2024-05-06"), changedPoints.stream().map(point -> point.substring(0, 10)).toList(), "field " + field);
            for (int point = 0; point < 2; point++) {
                assertNotEquals(basePoints.get(point), changedPoints.get(point), "field " + field + ", point " + point);
            }
        }
    }

    @Test
    void aStartAndAnEndOnTheSameDayAreDifferentPoints()
    {
        List<String> points = points(segment("23000", "MALE", "01", "PERMANENT", "1980-01-01", "2019-03-01", "2019-03-01"));

        assertEquals(2, points.size());
        assertNotEquals(points.get(0).substring(11), points.get(1).substring(11));
    }

    private Row segment(Object... values)
    {
        List<Object> row = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            row.add(i < 4 || values[i] == null ? values[i] : Date.valueOf((String) values[i]));
        }
        return RowFactory.create(row.toArray());
    }

    /** {@code day h1 h2} of each point, ordered by day and hashes. */
    private List<String> points(Row segment)
    {
        return ResidenceSegments.changePoints(spark.createDataFrame(List.of(segment), SEGMENTS), KEYS, HORIZON)
                .orderBy("day", "h1").collectAsList().stream()
                .map(row -> row.getDate(0) + " " + row.getLong(1) + " " + row.getInt(2)).toList();
    }

    private List<String> days(Row segment)
    {
        return points(segment).stream().map(point -> point.substring(0, 10)).toList();
    }
}
