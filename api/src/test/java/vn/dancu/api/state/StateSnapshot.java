package vn.dancu.api.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every row of the state tables as text, to show that a refused change left the database as it was. */
public final class StateSnapshot
{
    /** The tables of accounts, tokens, settings and targets (migration V2). */
    public static final List<String> TABLES = List.of("account", "account_scope", "api_token", "browser_session", "server_settings",
            "decision06_target");

    private StateSnapshot() {}

    /** "table | column=value, …" for every row of every table, sorted within each table. */
    public static List<String> of(StateDatabase database)
    {
        return database.withHandle(handle -> {
            List<String> lines = new ArrayList<>();
            for (String table : TABLES) {
                List<String> rows = new ArrayList<>();
                for (Map<String, Object> row : handle.createQuery("SELECT * FROM " + table).mapToMap().list()) {
                    rows.add(table + " | " + new TreeMap<>(row));
                }
                rows.sort(null);
                lines.add(table + ": " + rows.size() + " rows");
                lines.addAll(rows);
            }
            return lines;
        });
    }

    /** Empties the tables and puts the settings back to the migration's defaults. */
    public static void empty(StateDatabase database)
    {
        database.inTransaction(handle -> {
            for (String table : List.of("account_scope", "account", "api_token", "browser_session", "decision06_target")) {
                handle.execute("DELETE FROM " + table);
            }
            handle.execute("UPDATE server_settings SET revision = 0, suppression_threshold = 5, chip_card_target = NULL, vneid_level2_target = NULL,"
                    + " updated_at = NULL, updated_by = NULL");
            return null;
        });
    }
}
