package vn.dancu.engine.ingest;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.dancu.datasets.geo.Area;
import vn.dancu.datasets.synthetic.GeneratorOptions;
import vn.dancu.datasets.synthetic.RegisterFormat;
import vn.dancu.datasets.synthetic.RegisterGenerator;
import vn.dancu.engine.SparkTestSession;
import vn.dancu.engine.storage.Storage;
import vn.dancu.model.publish.DataLayout;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acceptance test: a register generated with {@code --bad-rate} in each of the three formats, ingested, and
 * compared with the generator's ground truth ({@code faults.csv}): every injected fault is quarantined with its
 * reason code at its line, nothing else is quarantined, faults that ingest must repair are accepted repaired, and
 * every file reconciles with the record counts {@code extract.json} declares.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedRegisterIngestTest
{
    private static final long PERSONS = 1_500;
    private static final double BAD_RATE = 0.05;

    private final SparkSession spark = SparkTestSession.get();
    private final Map<RegisterFormat, Path> data = new EnumMap<>(RegisterFormat.class);
    private final Map<RegisterFormat, IngestResult> results = new EnumMap<>(RegisterFormat.class);

    @BeforeAll
    void generateAndIngest() throws IOException
    {
        for (RegisterFormat format : RegisterFormat.values()) {
            Path folder = Files.createTempDirectory("ingest-generated-" + format.extension());
            RegisterGenerator.generate(new GeneratorOptions(folder.resolve("raw"), Area.konray(), PERSONS, 17,
                    LocalDate.of(2016, 11, 1), LocalDate.of(2025, 9, 30), format, BAD_RATE));
            data.put(format, folder);
            results.put(format, new IngestJob(spark, new Storage(spark.sparkContext().hadoopConfiguration()))
                    .run(new IngestOptions(new DataLayout(folder.toString()), folder.resolve("raw").toString(), IngestCsvExtractTest.KEY)));
        }
    }

    /** {@code file:line} → expected reason code, from faults.csv. */
    private Map<String, String> faults(RegisterFormat format, boolean repaired) throws IOException
    {
        Map<String, String> faults = new TreeMap<>();
        try (Reader in = Files.newBufferedReader(data.get(format).resolve("raw/faults.csv"), StandardCharsets.UTF_8)) {
            for (CSVRecord fault : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                boolean none = fault.get("expected_reason_code").equals("NONE");
                if (none == repaired) {
                    faults.put(fault.get("file") + ":" + fault.get("line_number"), fault.get("expected_reason_code"));
                }
            }
        }
        return faults;
    }

    private Dataset<Row> quarantine(RegisterFormat format)
    {
        return spark.read().schema(Quarantine.SCHEMA).parquet(results.get(format).quarantineFolder() + "/records");
    }

    @Test
    void everyInjectedFaultIsQuarantinedWithItsReasonAndNothingElseIs() throws IOException
    {
        for (RegisterFormat format : RegisterFormat.values()) {
            Map<String, String> quarantined = new TreeMap<>();
            for (Row row : quarantine(format).collectAsList()) {
                quarantined.put(row.getAs("source_file") + ":" + row.getAs("line_number"), row.getAs("reason_code"));
            }
            assertEquals(faults(format, false), quarantined, format.name());
        }
    }

    @Test
    void faultsIngestMustRepairAreAcceptedInNfcWithoutPadding() throws IOException
    {
        for (RegisterFormat format : RegisterFormat.values()) {
            Map<String, String> repaired = faults(format, true);
            for (Row row : quarantine(format).collectAsList()) {
                String at = row.getAs("source_file") + ":" + row.getAs("line_number");
                assertTrue(!repaired.containsKey(at), format + ": a fault to repair was quarantined at " + at);
            }
            for (String table : List.of("persons", "events")) {
                Dataset<Row> rows = spark.read().schema(table.equals("persons") ? CuratedSchemas.PERSONS_SCHEMA : CuratedSchemas.EVENTS_SCHEMA)
                        .parquet(results.get(format).snapshotFolder() + "/" + table);
                for (StructField field : rows.schema().fields()) {
                    if (!field.dataType().equals(DataTypes.StringType)) {
                        continue;
                    }
                    for (Row value : rows.select(field.name()).distinct().collectAsList()) {
                        String text = value.getString(0);
                        if (text != null) {
                            assertEquals(text.strip(), text, format + " " + table + "." + field.name());
                            assertTrue(Normalizer.isNormalized(text, Normalizer.Form.NFC), format + " " + table + "." + field.name() + " " + text);
                        }
                    }
                }
            }
        }
    }

    @Test
    void everyFileReconcilesWithTheRecordsExtractJsonDeclares()
    {
        for (RegisterFormat format : RegisterFormat.values()) {
            IngestReport report = results.get(format).report();
            assertEquals(List.of("persons." + format.extension(), "events." + format.extension()),
                    report.files().stream().map(IngestReport.FileReport::file).toList());
            for (IngestReport.FileReport file : report.files()) {
                assertEquals(file.declaredRecords(), file.read(), file.file());
                assertEquals(file.read(), file.accepted() + file.quarantined(), file.file());
                assertTrue(file.accepted() > 0, file.file());
            }
        }
    }

    @Test
    void noNameNoIdNumberAndNoHouseholdBookNumberUnderCurated() throws IOException
    {
        Path raw = data.get(RegisterFormat.PARQUET).resolve("raw/persons.parquet");
        List<String> secrets = new ArrayList<>();
        for (Row row : spark.read().parquet(raw.toString()).select("id_number", "full_name", "household_id").collectAsList()) {
            for (int i = 0; i < 3; i++) {
                if (!row.isNullAt(i)) {
                    secrets.add(row.getString(i));
                }
            }
        }
        assertTrue(secrets.size() > 3 * PERSONS, "secrets: " + secrets.size());
        CuratedPrivacy.assertNoneUnderCurated(spark, data.get(RegisterFormat.PARQUET).resolve("curated"), secrets);
    }
}
