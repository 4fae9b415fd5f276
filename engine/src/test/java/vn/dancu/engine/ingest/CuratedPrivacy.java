package vn.dancu.engine.ingest;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The check that no name and no raw identifier reaches {@code curated/}: every text file is searched as text, and
 * every value of every string column of every Parquet table is compared (Parquet pages are compressed, so a byte
 * search would prove nothing).
 */
final class CuratedPrivacy
{
    private CuratedPrivacy() {}

    static void assertNoneUnderCurated(SparkSession spark, Path curated, List<String> secrets) throws IOException
    {
        List<String> found = new ArrayList<>();
        List<Path> tables = new ArrayList<>();
        try (Stream<Path> files = Files.walk(curated)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".parquet")) {
                    Path table = file.getParent();
                    while (table.getFileName().toString().contains("=")) {
                        table = table.getParent();
                    }
                    if (!tables.contains(table)) {
                        tables.add(table);
                    }
                    continue;
                }
                String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                for (String secret : secrets) {
                    if (text.contains(secret)) {
                        found.add(curated.relativize(file) + " contains " + secret);
                    }
                }
            }
        }
        assertTrue(tables.size() >= 5, "expected the curated tables, found " + tables);
        for (Path table : tables) {
            Dataset<Row> rows = spark.read().parquet(table.toString());
            for (StructField field : rows.schema().fields()) {
                if (!field.dataType().equals(DataTypes.StringType)) {
                    continue;
                }
                for (Row row : rows.select(field.name()).distinct().collectAsList()) {
                    String value = row.getString(0);
                    for (String secret : secrets) {
                        if (value != null && value.contains(secret)) {
                            found.add(curated.relativize(table) + "." + field.name() + " holds " + secret);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }
}
