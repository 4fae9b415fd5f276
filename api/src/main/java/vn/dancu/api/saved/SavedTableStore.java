package vn.dancu.api.saved;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import vn.dancu.api.error.ApiException;
import vn.dancu.api.state.StateDatabase;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Saved tables in the state database (table {@code saved_tables}, migration V3). */
public final class SavedTableStore
{
    private static final String COLUMNS = "id, owner_name, table_name, query_text, created_at, updated_at";

    private final StateDatabase database;

    public SavedTableStore(StateDatabase database)
    {
        this.database = requireNonNull(database, "database is null");
    }

    /** Saves a new table; a name the owner already uses is a 409. */
    public SavedTable create(String owner, String name, String query, Instant now)
    {
        return unique(name, () -> database.inTransaction(handle -> {
            long id = handle.createUpdate("INSERT INTO saved_tables (owner_name, table_name, query_text, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")
                    .bind(0, owner).bind(1, name).bind(2, query).bind(3, Timestamp.from(now)).bind(4, Timestamp.from(now))
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            return find(handle, id).orElseThrow();
        }));
    }

    public Optional<SavedTable> find(long id)
    {
        return database.withHandle(handle -> find(handle, id));
    }

    /** The owner's tables by name; every table (by owner, then name) when {@code owner} is empty. */
    public List<SavedTable> list(Optional<String> owner)
    {
        return database.withHandle(handle -> owner
                .map(name -> handle.createQuery("SELECT " + COLUMNS + " FROM saved_tables WHERE owner_name = ? ORDER BY table_name, id").bind(0, name))
                .orElseGet(() -> handle.createQuery("SELECT " + COLUMNS + " FROM saved_tables ORDER BY owner_name, table_name, id"))
                .map((rs, ctx) -> row(rs)).list());
    }

    /** Renames a table; a name the owner already uses is a 409. */
    public SavedTable rename(long id, String name, Instant now)
    {
        return unique(name, () -> database.inTransaction(handle -> {
            handle.createUpdate("UPDATE saved_tables SET table_name = ?, updated_at = ? WHERE id = ?")
                    .bind(0, name).bind(1, Timestamp.from(now)).bind(2, id).execute();
            return find(handle, id).orElseThrow(() -> ApiException.notFound("saved table " + id, List.of()));
        }));
    }

    /** Deletes a table and its subscriptions (the deliveries already made stay listed). */
    public boolean delete(long id)
    {
        return database.inTransaction(handle -> handle.createUpdate("DELETE FROM saved_tables WHERE id = ?").bind(0, id).execute() == 1);
    }

    static Optional<SavedTable> find(Handle handle, long id)
    {
        return handle.createQuery("SELECT " + COLUMNS + " FROM saved_tables WHERE id = ?").bind(0, id).map((rs, ctx) -> row(rs)).findOne();
    }

    private static SavedTable row(ResultSet rs) throws SQLException
    {
        return new SavedTable(rs.getLong("id"), rs.getString("owner_name"), rs.getString("table_name"), rs.getString("query_text"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    private static SavedTable unique(String name, java.util.function.Supplier<SavedTable> write)
    {
        try {
            return write.get();
        }
        catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                throw ApiException.conflict("you already have a saved table named '" + name + "'; choose another name, or rename or delete that table");
            }
            throw e;
        }
    }
}
