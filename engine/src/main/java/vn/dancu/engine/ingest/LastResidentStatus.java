package vn.dancu.engine.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import vn.dancu.engine.storage.Storage;
import vn.dancu.model.publish.DataLayout;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * The residence status a person had while last resident: {@code PERMANENT} or {@code TEMPORARY}, the curated persons'
 * {@code last_resident_status}, which the population stock's residence-status dimension counts.
 *
 * <p>The register keeps only the current status: someone who died or moved out is {@code DECEASED} or
 * {@code MOVED_OUT}, and whether they lived here as a permanent or a temporary resident is gone. Classifying their
 * whole past by the latest extract would restate history: a temporary resident who dies in October would move, in
 * every month since they came, from temporary to permanent residents, and a month already published would change
 * without any new fact about it (measured at 10 million persons: 406 such persons in one month made the
 * incremental build rebuild the stock cube from 2016). So the ingest carries the status from the <em>base
 * snapshot</em>: the curated snapshot of the same area and pseudonym key with the latest extract date before this
 * extract's. A resident keeps this extract's status; a person no longer resident takes the base snapshot's
 * {@code last_resident_status} (its {@code residence_status} when it is older than this column), and
 * {@code PERMANENT} when no base snapshot knows them as a temporary resident (the first extract ingested, a person
 * who came and went between two extracts).
 */
public final class LastResidentStatus
{
    public static final String COLUMN = "last_resident_status";

    private LastResidentStatus() {}

    /** The snapshot whose statuses a new one carries, identified by its id and extract date. */
    public record Base(String snapshotId, LocalDate extractDate) {}

    /**
     * The base snapshot for an extract of {@code area} dated {@code extractDate} pseudonymised with the key of
     * {@code keyFingerprint}: among the published snapshots (those with an ingest report and persons), the one of the
     * same area and key fingerprint with the latest extract date strictly before {@code extractDate}; of two with that
     * date, the greater id. Unreadable reports are skipped: they cannot be a base.
     */
    public static Optional<Base> base(Storage storage, DataLayout layout, String area, LocalDate extractDate, String keyFingerprint)
    {
        ObjectMapper json = new ObjectMapper();
        return storage.listFolders(layout.curated() + "/snapshots").stream()
                .flatMap(id -> {
                    Optional<String> report = storage.readText(layout.snapshot(id) + "/" + CuratedSchemas.REPORT_JSON);
                    if (report.isEmpty() || !storage.exists(layout.snapshot(id) + "/" + CuratedSchemas.PERSONS)) {
                        return Stream.empty();
                    }
                    try {
                        JsonNode root = json.readTree(report.get());
                        LocalDate date = LocalDate.parse(root.path("extractDate").asText());
                        boolean comparable = area.equals(root.path("area").asText())
                                && keyFingerprint.equals(root.path("keyFingerprint").asText())
                                && date.isBefore(extractDate);
                        return comparable ? Stream.of(new Base(id, date)) : Stream.<Base>empty();
                    }
                    catch (IOException | DateTimeParseException e) {
                        return Stream.empty();
                    }
                })
                .max(Comparator.comparing(Base::extractDate).thenComparing(Base::snapshotId));
    }

    /**
     * The persons of a base snapshot who were last resident as temporary residents: {@code pid} only. A snapshot
     * written before {@link #COLUMN} existed gives its {@code residence_status}.
     */
    public static Dataset<Row> temporaryResidents(SparkSession spark, DataLayout layout, Base base)
    {
        Dataset<Row> persons = spark.read().parquet(layout.snapshot(base.snapshotId()) + "/" + CuratedSchemas.PERSONS);
        String status = Arrays.asList(persons.columns()).contains(COLUMN) ? COLUMN : "residence_status";
        return persons.where(col(status).equalTo("TEMPORARY")).select("pid");
    }

    /**
     * Adds {@link #COLUMN} to accepted persons ({@code pid, residence_status, …}): their own status when they are
     * resident, {@code TEMPORARY} for a person no longer resident whose pid is in {@code earlierTemporary} (empty
     * without a base snapshot), {@code PERMANENT} otherwise. Only the persons no longer resident are joined.
     */
    public static Dataset<Row> withLastResidentStatus(Dataset<Row> persons, Dataset<Row> earlierTemporary)
    {
        Column resident = PersonRules.resident(col("residence_status"));
        Dataset<Row> residents = persons.where(resident).withColumn(COLUMN, col("residence_status"));
        // hashed per task, not sorted: the temporary residents of a snapshot are a small part of its persons
        Dataset<Row> marked = earlierTemporary.select(col("pid"), lit(true).as("was_temporary")).hint("shuffle_hash");
        Dataset<Row> gone = persons.where(resident.unary_$bang())
                .join(marked, "pid", "left")
                .withColumn(COLUMN, when(col("was_temporary"), lit("TEMPORARY")).otherwise(lit("PERMANENT")))
                .drop("was_temporary");
        return residents.unionByName(gone);
    }
}
