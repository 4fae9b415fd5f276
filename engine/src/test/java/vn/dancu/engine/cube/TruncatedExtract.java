package vn.dancu.engine.cube;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;

/**
 * The extract a register would have given on an earlier day, cut from a later extract (Parquet, one file or folder
 * of parts per table)
 * with DuckDB: the events up to that day, the persons who had lived in the area by then, and each person as the
 * register held them on that day (commune, status, chip card and VNeID as of that day). The register keeps no earlier
 * status of people who left later, so they are taken as permanent residents. A status the later extract left stale
 * (someone who died or moved out before the day, with no event since, still marked resident) was already stale on
 * that day: the earlier extract has it too, as a register that had not been corrected would.
 *
 * <p>Optionally one event is held back, as an event registered late: it is missing from the earlier extract.
 */
public final class TruncatedExtract
{
    private TruncatedExtract() {}

    private static final String ORDERED_EVENTS = """
            SELECT *, CASE WHEN event_type IN ('BIRTH', 'MOVE_IN') THEN 0 WHEN event_type = 'MOVE_WITHIN' THEN 1 ELSE 2 END AS same_day_order
            FROM read_parquet('%s')""";

    public static void write(Path laterRaw, Path earlierRaw, LocalDate day, String heldBackEventId) throws IOException, SQLException
    {
        Files.createDirectories(earlierRaw);
        String events = table(laterRaw, "events");
        String persons = table(laterRaw, "persons");
        String held = heldBackEventId == null ? "" : heldBackEventId;
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duckdb.createStatement()) {
            sql.execute("CREATE TABLE all_events AS " + ORDERED_EVENTS.formatted(events));
            sql.execute("CREATE TABLE known_events AS SELECT * FROM all_events WHERE event_date <= DATE '%s' AND record_id <> '%s'"
                    .formatted(day, held));
            sql.execute("""
                    COPY (SELECT record_id, event_type, event_date, id_number, commune_code, from_commune_code, mother_id_number,
                                 other_place, least(registered_date, DATE '%s') AS registered_date
                          FROM known_events ORDER BY record_id) TO '%s' (FORMAT PARQUET)"""
                    .formatted(day, earlierRaw.resolve("events.parquet")));
            sql.execute("""
                    COPY (
                      WITH first_event AS (
                             SELECT id_number, arg_min(event_type, (event_date, same_day_order)) AS kind, min(event_date) AS day
                             FROM all_events GROUP BY id_number),
                           next_event AS (
                             SELECT id_number, arg_min(event_type, (event_date, same_day_order)) AS kind,
                                    arg_min(commune_code, (event_date, same_day_order)) AS commune,
                                    arg_min(from_commune_code, (event_date, same_day_order)) AS origin
                             FROM all_events WHERE event_date > DATE '%1$s' GROUP BY id_number),
                           last_event AS (
                             SELECT id_number, arg_max(event_type, (event_date, same_day_order)) AS kind,
                                    arg_max(commune_code, (event_date, same_day_order)) AS commune
                             FROM known_events GROUP BY id_number)
                      SELECT p.record_id, p.person_key, p.id_number, p.full_name, p.birth_date, p.sex, p.ethnicity_code, p.religion,
                             CASE WHEN l.kind IN ('DEATH', 'MOVE_OUT') THEN l.commune
                                  WHEN n.kind = 'MOVE_WITHIN' THEN n.origin
                                  WHEN n.kind IN ('DEATH', 'MOVE_OUT') THEN n.commune
                                  ELSE p.commune_code END AS commune_code,
                             p.former_commune_code, p.household_id, p.relation_to_head,
                             CASE WHEN l.kind IN ('DEATH', 'MOVE_OUT') AND n.kind IS NULL AND p.residence_status IN ('Thường trú', 'Tạm trú')
                                  THEN p.residence_status
                                  WHEN l.kind = 'DEATH' THEN 'Đã chết'
                                  WHEN l.kind = 'MOVE_OUT' THEN 'Đã chuyển đi'
                                  WHEN p.residence_status IN ('Đã chết', 'Đã chuyển đi') THEN 'Thường trú'
                                  ELSE p.residence_status END AS residence_status,
                             CASE WHEN p.chip_card_issue_date <= DATE '%1$s' THEN p.chip_card_issue_date END AS chip_card_issue_date,
                             CASE WHEN p.vneid_activation_date <= DATE '%1$s' THEN p.vneid_level ELSE 0 END AS vneid_level,
                             CASE WHEN p.vneid_activation_date <= DATE '%1$s' THEN p.vneid_activation_date END AS vneid_activation_date
                      FROM read_parquet('%2$s') p
                      LEFT JOIN first_event f USING (id_number) LEFT JOIN next_event n USING (id_number)
                      LEFT JOIN last_event l USING (id_number)
                      WHERE f.kind IS NULL OR NOT (f.kind IN ('BIRTH', 'MOVE_IN') AND f.day > DATE '%1$s')
                      ORDER BY p.record_id) TO '%3$s' (FORMAT PARQUET)"""
                    .formatted(day, persons, earlierRaw.resolve("persons.parquet")));
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode metadata = (ObjectNode) json.readTree(laterRaw.resolve("extract.json").toFile());
        metadata.put("extractId", metadata.get("extractId").asText() + "-cut-" + day)
                .put("extractDate", day.toString())
                .put("periodEnd", day.toString());
        metadata.remove("files");
        Files.writeString(earlierRaw.resolve("extract.json"), metadata.toPrettyString());
    }

    /** A table of a generated extract: one file, or a folder of parts for large registers. */
    private static String table(Path raw, String name)
    {
        Path file = raw.resolve(name + ".parquet");
        return Files.exists(file) ? file.toString() : raw.resolve(name).resolve("*.parquet").toString();
    }

    /** The record id of a death in {@code month} that is its person's last event, for holding back. */
    public static String deathIn(Path raw, java.time.YearMonth month) throws SQLException
    {
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duckdb.createStatement();
             ResultSet rows = sql.executeQuery("""
                     SELECT d.record_id FROM read_parquet('%1$s') d
                     WHERE d.event_type = 'DEATH' AND d.event_date BETWEEN DATE '%2$s' AND DATE '%3$s'
                       AND NOT EXISTS (SELECT 1 FROM read_parquet('%1$s') b WHERE b.mother_id_number = d.id_number)
                     ORDER BY d.record_id LIMIT 1""".formatted(raw.resolve("events.parquet"), month.atDay(1), month.atEndOfMonth()))) {
            if (!rows.next()) {
                throw new IllegalStateException("no death in " + month + " to hold back");
            }
            return rows.getString(1);
        }
    }
}
