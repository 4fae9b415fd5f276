package vn.dancu.api.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import vn.dancu.api.access.Caller;
import vn.dancu.api.error.ApiException;
import vn.dancu.api.http.Http;
import vn.dancu.api.http.Json;
import vn.dancu.api.saved.SavedTable;
import vn.dancu.api.saved.SavedTableController;
import vn.dancu.api.saved.SavedTables;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** HTTP only: {@code /api/v1/subscriptions}, {@code /api/v1/deliveries} and {@code /api/v1/admin/subscriptions}. */
public final class SubscriptionController
{
    private final Subscriptions subscriptions;
    private final SavedTables tables;
    private final boolean mails;

    /** @param mails whether the server e-mails deliveries (an SMTP server is configured) */
    public SubscriptionController(Subscriptions subscriptions, SavedTables tables, boolean mails)
    {
        this.subscriptions = requireNonNull(subscriptions, "subscriptions is null");
        this.tables = requireNonNull(tables, "tables is null");
        this.mails = mails;
    }

    /**
     * POST {"savedTableId": 5, "formats": ["csv"], "email": "…"} or
     * {"report": {"kind", "period" (yyyy-MM, yyyy or latest), "geo", "lang"}, "formats": ["xlsx"], "email": "…"}.
     */
    public void create(Context ctx)
    {
        Caller caller = Http.caller(ctx);
        JsonNode body = SavedTableController.fields(Json.body(ctx), Set.of("savedTableId", "report", "formats", "email"));
        boolean table = body.hasNonNull("savedTableId");
        boolean report = body.hasNonNull("report");
        if (table == report) {
            throw ApiException.badParameter("savedTableId", "give either savedTableId (a saved table of yours) or report, not "
                    + (table ? "both" : "neither"), List.of());
        }
        List<String> formats = Json.texts(body, "formats");
        Optional<String> email = Optional.ofNullable(Json.text(body, "email", false));
        Subscription made;
        if (table) {
            JsonNode id = body.get("savedTableId");
            if (!id.canConvertToLong() || !id.isIntegralNumber()) {
                throw ApiException.badParameter("savedTableId", "must be the number of a saved table of yours", List.of());
            }
            made = subscriptions.subscribeToTable(caller, id.asLong(), formats, email);
        }
        else {
            JsonNode fields = body.get("report");
            if (!fields.isObject()) {
                throw ApiException.badParameter("report", "must be an object {kind, period, geo, lang}", List.of());
            }
            SavedTableController.fields(fields, Set.of("kind", "period", "geo", "lang"));
            made = subscriptions.subscribeToReport(caller, ReportSubscription.of(Json.text(fields, "kind", true), Json.text(fields, "period", false),
                    Json.text(fields, "geo", false), Json.text(fields, "lang", false)), formats, email);
        }
        ctx.status(201).json(json(made));
    }

    /** GET: the caller's subscriptions, and whether deliveries are e-mailed. */
    public void list(Context ctx)
    {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subscriptions", subscriptions.list(Http.caller(ctx)).stream().map(this::json).toList());
        body.put("email", mails);
        ctx.json(body);
    }

    /** GET /admin/subscriptions: everyone's. */
    public void all(Context ctx)
    {
        ctx.json(Map.of("subscriptions", subscriptions.all(Http.caller(ctx)).stream().map(this::json).toList()));
    }

    public void delete(Context ctx)
    {
        subscriptions.delete(Http.caller(ctx), SavedTableController.id(ctx));
        ctx.status(204);
    }

    /** GET /deliveries: the caller's (an admin: everyone's), newest first. */
    public void deliveries(Context ctx)
    {
        ctx.json(Map.of("deliveries", subscriptions.deliveries(Http.caller(ctx)).stream().map(SubscriptionController::json).toList()));
    }

    /** GET /deliveries/{id}/file?format=: one delivered file. */
    public void file(Context ctx)
    {
        Subscriptions.DeliveredPath file = subscriptions.file(Http.caller(ctx), SavedTableController.id(ctx), Optional.ofNullable(ctx.queryParam("format")));
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file.path());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Http.audit(ctx, null, 0);
        ctx.header("Cache-Control", "private, no-cache");
        ctx.header("Content-Disposition", "attachment; filename=\"" + file.file().name() + "\"");
        ctx.contentType(file.file().contentType());
        ctx.result(bytes);
    }

    private Map<String, Object> json(Subscription subscription)
    {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", subscription.id());
        json.put("owner", subscription.owner());
        json.put("kind", subscription.kind());
        subscription.savedTableId().ifPresent(id -> {
            json.put("savedTableId", id);
            json.put("title", tables.find(id).map(SavedTable::name).orElse("saved table " + id));
        });
        subscription.report().ifPresent(report -> {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("kind", report.kind());
            fields.put("period", report.period());
            fields.put("geo", report.geography());
            fields.put("lang", report.language());
            json.put("report", fields);
            json.put("title", report.title());
        });
        json.put("formats", subscription.formats());
        json.put("email", subscription.email().orElse(null));
        json.put("createdVersion", subscription.createdVersion());
        json.put("createdAt", subscription.createdAt().toString());
        return json;
    }

    private static Map<String, Object> json(Delivery delivery)
    {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", delivery.id());
        json.put("subscriptionId", delivery.subscriptionId());
        json.put("owner", delivery.owner());
        json.put("title", delivery.title());
        json.put("version", delivery.version());
        json.put("outcome", delivery.outcome());
        json.put("reason", delivery.reason().orElse(null));
        json.put("files", delivery.files().stream().map(file -> Map.of("format", file.format(), "name", file.name(),
                "url", "/api/v1/deliveries/" + delivery.id() + "/file?format=" + file.format())).toList());
        Map<String, Object> mail = new LinkedHashMap<>();
        mail.put("status", delivery.mailStatus());
        mail.put("error", delivery.mailError().orElse(null));
        json.put("mail", mail);
        json.put("deliveredAt", delivery.deliveredAt().toString());
        return json;
    }
}
