package vn.dancu.api.subscription;

import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import vn.dancu.api.state.StateDatabase;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Subscriptions and their deliveries in the state database (tables {@code subscriptions}, {@code deliveries}, migration V3). */
public final class SubscriptionStore
{
    private static final String SUBSCRIPTION = "SELECT id, owner_name, saved_table_id, report_query, formats, email, created_version, created_at FROM subscriptions";
    private static final String DELIVERY = "SELECT id, subscription_id, owner_name, title, version_id, outcome, reason, files, mail_status, mail_error,"
            + " delivered_at FROM deliveries";

    private final StateDatabase database;

    public SubscriptionStore(StateDatabase database)
    {
        this.database = requireNonNull(database, "database is null");
    }

    public Subscription create(String owner, Optional<Long> savedTableId, Optional<ReportSubscription> report, List<String> formats, Optional<String> email,
            String version, Instant now)
    {
        return database.inTransaction(handle -> {
            long id = handle.createUpdate("INSERT INTO subscriptions (owner_name, saved_table_id, report_query, formats, email, created_version, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .bind(0, owner).bind(1, savedTableId.orElse(null)).bind(2, report.map(ReportSubscription::stored).orElse(null))
                    .bind(3, String.join(",", formats)).bind(4, email.orElse(null)).bind(5, version).bind(6, Timestamp.from(now))
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            return handle.createQuery(SUBSCRIPTION + " WHERE id = ?").bind(0, id).map((rs, ctx) -> subscription(rs)).one();
        });
    }

    public Optional<Subscription> find(long id)
    {
        return database.withHandle(handle -> handle.createQuery(SUBSCRIPTION + " WHERE id = ?").bind(0, id).map((rs, ctx) -> subscription(rs)).findOne());
    }

    /** The owner's subscriptions; everyone's (by owner) when {@code owner} is empty. */
    public List<Subscription> list(Optional<String> owner)
    {
        return database.withHandle(handle -> owner
                .map(name -> handle.createQuery(SUBSCRIPTION + " WHERE owner_name = ? ORDER BY id").bind(0, name))
                .orElseGet(() -> handle.createQuery(SUBSCRIPTION + " ORDER BY owner_name, id"))
                .map((rs, ctx) -> subscription(rs)).list());
    }

    public boolean delete(long id)
    {
        return database.inTransaction(handle -> handle.createUpdate("DELETE FROM subscriptions WHERE id = ?").bind(0, id).execute() == 1);
    }

    /** Whether the subscription has a delivery (made or failed) at this version. */
    public boolean delivered(long subscriptionId, String version)
    {
        return database.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM deliveries WHERE subscription_id = ? AND version_id = ?")
                .bind(0, subscriptionId).bind(1, version).mapTo(Integer.class).one() > 0);
    }

    /**
     * Records a delivery; empty when this subscription already has one at this version (another server, or another
     * thread, recorded it first): the database's unique key makes each delivery happen once.
     */
    public Optional<Delivery> record(Subscription subscription, String title, String version, String outcome, Optional<String> reason,
            List<Delivery.DeliveredFile> files, String mailStatus, Instant now)
    {
        try {
            return Optional.of(database.inTransaction(handle -> {
                long id = handle.createUpdate("INSERT INTO deliveries (subscription_id, owner_name, title, version_id, outcome, reason, files, mail_status,"
                                + " mail_error, delivered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)")
                        .bind(0, subscription.id()).bind(1, subscription.owner()).bind(2, cut(title, 200)).bind(3, version).bind(4, outcome)
                        .bind(5, reason.map(text -> cut(text, 2000)).orElse(null))
                        .bind(6, String.join("\n", files.stream().map(Delivery.DeliveredFile::stored).toList()))
                        .bind(7, mailStatus).bind(8, Timestamp.from(now))
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
                return handle.createQuery(DELIVERY + " WHERE id = ?").bind(0, id).map((rs, ctx) -> delivery(rs)).one();
            }));
        }
        catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public Delivery mailed(long deliveryId, String status, Optional<String> error)
    {
        return database.inTransaction(handle -> {
            handle.createUpdate("UPDATE deliveries SET mail_status = ?, mail_error = ? WHERE id = ?")
                    .bind(0, status).bind(1, error.map(text -> cut(text, 2000)).orElse(null)).bind(2, deliveryId).execute();
            return handle.createQuery(DELIVERY + " WHERE id = ?").bind(0, deliveryId).map((rs, ctx) -> delivery(rs)).one();
        });
    }

    public Optional<Delivery> delivery(long id)
    {
        return database.withHandle(handle -> handle.createQuery(DELIVERY + " WHERE id = ?").bind(0, id).map((rs, ctx) -> delivery(rs)).findOne());
    }

    /** The owner's deliveries, newest first; everyone's when {@code owner} is empty. */
    public List<Delivery> deliveries(Optional<String> owner)
    {
        return database.withHandle(handle -> owner
                .map(name -> handle.createQuery(DELIVERY + " WHERE owner_name = ? ORDER BY id DESC").bind(0, name))
                .orElseGet(() -> handle.createQuery(DELIVERY + " ORDER BY id DESC"))
                .map((rs, ctx) -> delivery(rs)).list());
    }

    private static Subscription subscription(ResultSet rs) throws SQLException
    {
        long table = rs.getLong("saved_table_id");
        Optional<Long> savedTable = rs.wasNull() ? Optional.empty() : Optional.of(table);
        Optional<ReportSubscription> report = Optional.ofNullable(rs.getString("report_query")).map(ReportSubscription::parse);
        return new Subscription(rs.getLong("id"), rs.getString("owner_name"), savedTable, report, Arrays.asList(rs.getString("formats").split(",")),
                Optional.ofNullable(rs.getString("email")), rs.getString("created_version"), rs.getTimestamp("created_at").toInstant());
    }

    private static Delivery delivery(ResultSet rs) throws SQLException
    {
        return new Delivery(rs.getLong("id"), rs.getLong("subscription_id"), rs.getString("owner_name"), rs.getString("title"), rs.getString("version_id"),
                rs.getString("outcome"), Optional.ofNullable(rs.getString("reason")), Delivery.DeliveredFile.parse(rs.getString("files")),
                rs.getString("mail_status"), Optional.ofNullable(rs.getString("mail_error")), rs.getTimestamp("delivered_at").toInstant());
    }

    private static String cut(String text, int length)
    {
        return text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }
}
