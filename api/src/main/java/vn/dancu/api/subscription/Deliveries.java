package vn.dancu.api.subscription;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dancu.api.access.Caller;
import vn.dancu.api.access.Role;
import vn.dancu.api.audit.AuditEntry;
import vn.dancu.api.audit.AuditLog;
import vn.dancu.api.error.ApiException;
import vn.dancu.api.export.ExportFormat;
import vn.dancu.api.query.QueryPeriod;
import vn.dancu.api.query.QueryService;
import vn.dancu.api.report.Report;
import vn.dancu.api.report.ReportFiles;
import vn.dancu.api.report.ReportRequest;
import vn.dancu.api.report.ReportService;
import vn.dancu.api.saved.SavedTable;
import vn.dancu.api.saved.SavedTableQuery;
import vn.dancu.api.saved.SavedTableRenderer;
import vn.dancu.api.saved.SavedTables;
import vn.dancu.model.publish.CubeEntry;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * Delivers every subscription once per cube version: the files are generated as the subscriber (their current role
 * and commune scope, with the disclosure control of any answer of theirs), written under
 * {@code DATA/server/deliveries/<username>/}, recorded in the state database (whose unique key on subscription and
 * version makes the delivery happen once, across restarts and servers), e-mailed when the subscription has an address
 * and the server an SMTP server, and written to the audit log. A delivery that fails is recorded with its reason and
 * does not stop the others.
 */
public final class Deliveries
{
    private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);

    private final SubscriptionStore store;
    private final SavedTables tables;
    private final Optional<ReportService> reports;
    private final QueryService queries;
    private final DeliveryFiles files;
    private final Optional<Mailer> mailer;
    private final AuditLog audit;
    private final AccountDirectory accounts;
    private final Clock clock;

    public Deliveries(SubscriptionStore store, SavedTables tables, Optional<ReportService> reports, QueryService queries, DeliveryFiles files,
            Optional<Mailer> mailer, AuditLog audit, AccountDirectory accounts, Clock clock)
    {
        this.store = requireNonNull(store, "store is null");
        this.tables = requireNonNull(tables, "tables is null");
        this.reports = requireNonNull(reports, "reports is null");
        this.queries = requireNonNull(queries, "queries is null");
        this.files = requireNonNull(files, "files is null");
        this.mailer = requireNonNull(mailer, "mailer is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.accounts = requireNonNull(accounts, "accounts is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Whether deliveries are e-mailed (an SMTP server is configured). */
    public boolean mails()
    {
        return mailer.isPresent();
    }

    /**
     * The deliveries of one round: those recorded, and how many subscriptions met an unexpected error (a database or
     * disk failure; not recorded, so tried again at the next round).
     */
    public record Round(List<Delivery> made, int errors) {}

    /**
     * Delivers, at {@code version}, every subscription made before it that has no delivery at it yet. When a newer
     * version is published meanwhile, the remaining subscriptions are left to it (a subscriber gets the newest figures).
     */
    public synchronized Round deliver(String version)
    {
        List<Delivery> made = new ArrayList<>();
        int errors = 0;
        for (Subscription subscription : store.list(Optional.empty())) {
            if (!queries.cubes().manifest().versionId().equals(version)) {
                break;
            }
            if (subscription.createdVersion().equals(version) || store.delivered(subscription.id(), version)) {
                continue;
            }
            try {
                deliver(subscription, version).ifPresent(made::add);
            }
            catch (RuntimeException e) {
                // The others are still delivered; this one is tried again at the next round.
                errors++;
                LOG.error("delivery of subscription {} at version {} failed", subscription.id(), version, e);
            }
        }
        if (!made.isEmpty()) {
            LOG.info("version {}: {} subscription(s) delivered, {} failed", version,
                    made.stream().filter(delivery -> delivery.outcome().equals(Delivery.DELIVERED)).count(),
                    made.stream().filter(delivery -> delivery.outcome().equals(Delivery.FAILED)).count());
        }
        return new Round(List.copyOf(made), errors);
    }

    /** What a subscription renders: its title, the audited query and cube, and the files (or why none). */
    private record Generated(String title, String query, String cube, List<Mailer.Attachment> files, List<String> formats, long cells,
            Optional<String> failure) {}

    private Optional<Delivery> deliver(Subscription subscription, String version)
    {
        Optional<Caller> caller = accounts.caller(subscription.owner());
        Generated generated = generate(subscription, caller);
        if (!queries.cubes().manifest().versionId().equals(version)) {
            // A newer version was published while the files were made (from it, perhaps): deliver that one instead.
            return Optional.empty();
        }
        Path pending = files.pending(subscription.owner());
        List<Delivery.DeliveredFile> delivered = new ArrayList<>();
        for (int i = 0; i < generated.files().size(); i++) {
            Mailer.Attachment file = generated.files().get(i);
            DeliveryFiles.write(pending, file.fileName(), file.bytes());
            delivered.add(new Delivery.DeliveredFile(generated.formats().get(i), file.fileName(), file.contentType()));
        }
        String outcome = generated.failure().isPresent() ? Delivery.FAILED : Delivery.DELIVERED;
        boolean mails = subscription.email().isPresent() && mailer.isPresent() && !generated.files().isEmpty();
        Optional<Delivery> recorded = store.record(subscription, generated.title(), version, outcome, generated.failure(), delivered,
                mails ? Delivery.MAIL_SENDING : Delivery.MAIL_NONE, clock.instant());
        if (recorded.isEmpty()) {
            DeliveryFiles.discard(pending);
            return Optional.empty();
        }
        Delivery delivery = recorded.get();
        if (delivered.isEmpty()) {
            DeliveryFiles.discard(pending);
        }
        else {
            files.settle(pending, subscription.owner(), delivery.id());
        }
        if (mails) {
            delivery = mail(subscription, delivery, generated);
        }
        String detail = generated.failure().orElse(String.join(", ", delivered.stream().map(Delivery.DeliveredFile::name).toList()))
                + (Delivery.MAIL_NONE.equals(delivery.mailStatus()) ? "" : "; e-mail " + delivery.mailStatus() + delivery.mailError().map(error -> ": " + error).orElse(""));
        Caller as = caller.orElse(new Caller(subscription.owner(), Role.VIEWER, Set.of(), "subscription"));
        audit.submit(AuditEntry.delivery(clock.instant(), subscription.owner(), caller.map(c -> c.role().code()).orElse("none"),
                new ArrayList<>(new TreeSet<>(as.scope())), "subscription/" + subscription.id() + " delivery/" + delivery.id(),
                generated.query(), generated.cube(), generated.cells(), outcome, detail, version));
        return Optional.of(delivery);
    }

    private Generated generate(Subscription subscription, Optional<Caller> account)
    {
        String title;
        String query;
        String cube;
        if (subscription.savedTableId().isPresent()) {
            Optional<SavedTable> table = tables.find(subscription.savedTableId().get());
            title = table.map(SavedTable::name).orElse("saved table " + subscription.savedTableId().get());
            query = table.map(SavedTable::query).orElse("");
            cube = table.map(saved -> SavedTableQuery.parse("query", saved.query()).cube()).orElse(null);
        }
        else {
            ReportSubscription report = subscription.report().orElseThrow();
            title = report.title();
            query = report.stored();
            cube = "report";
        }
        if (account.isEmpty()) {
            return new Generated(title, query, cube, List.of(), List.of(), 0,
                    Optional.of("the account " + subscription.owner() + " is disabled or deleted: nothing is generated for it"));
        }
        Caller caller = new Caller(account.get().username(), account.get().role(), account.get().scope(), "subscription");
        List<Mailer.Attachment> attachments = new ArrayList<>();
        long cells = 0;
        try {
            if (subscription.savedTableId().isPresent()) {
                for (String code : subscription.formats()) {
                    ExportFormat format = ExportFormat.parse(code).orElseThrow(() -> ApiException.badParameter("formats", "'" + code + "' is not allowed",
                            ExportFormat.codes()));
                    SavedTableRenderer.Rendered rendered = tables.renderer().render(query, caller, format);
                    attachments.add(new Mailer.Attachment(rendered.fileName(), rendered.contentType(), rendered.bytes()));
                    cells += rendered.cells();
                }
            }
            else {
                ReportSubscription report = subscription.report().orElseThrow();
                if (reports.isEmpty()) {
                    throw ApiException.unavailable("this server makes no reports");
                }
                if (caller.role() == Role.VIEWER) {
                    throw ApiException.forbidden("reports are for planners, leaders and statisticians; the role of " + caller.name() + " is viewer");
                }
                List<LocalDate> stockDates = queries.cubes().manifest().cube("population_stock").map(CubeEntry::refDates).orElse(List.of());
                String period = report.resolve(stockDates, year -> !queries.coverage().clip(QueryPeriod.year(year)).partial())
                        .orElseThrow(() -> ApiException.badParameter("period", "the published cubes have no population stock", List.of()));
                // the report is built once (its content does not depend on the format) and written in each format
                Report built = null;
                for (String code : subscription.formats()) {
                    ReportRequest request = ReportRequest.parse(Map.of("kind", List.of(report.kind()), "period", List.of(period), "geo",
                            List.of(report.geography()), "lang", List.of(report.language()), "format", List.of(code)));
                    if (built == null) {
                        built = reports.get().build(caller, request);
                        cells = built.tables().stream().mapToLong(table -> (long) table.rows().size() * table.header().size()).sum();
                    }
                    attachments.add(new Mailer.Attachment(request.fileName(), request.format().contentType(), ReportFiles.write(built, request.format())));
                }
                title = title + " — " + period;
            }
        }
        catch (ApiException e) {
            return new Generated(title, query, cube, List.of(), List.of(), 0, Optional.of(e.toError().title()));
        }
        catch (RuntimeException e) {
            LOG.error("subscription {}: its files could not be generated", subscription.id(), e);
            return new Generated(title, query, cube, List.of(), List.of(), 0,
                    Optional.of("internal error while generating the files; the server log has the details"));
        }
        return new Generated(title, query, cube, attachments, subscription.formats(), cells, Optional.empty());
    }

    private Delivery mail(Subscription subscription, Delivery delivery, Generated generated)
    {
        String subject = "dancu: " + delivery.title() + " (" + delivery.version() + ")";
        String text = "Báo cáo của tôi / My reports — dancu\n\n"
                + delivery.title() + "\n"
                + "Phiên bản dữ liệu / data version: " + delivery.version() + ", trích xuất ngày / extract of " + queries.cubes().manifest().extractDate() + "\n"
                + "Tệp đính kèm / attached: " + String.join(", ", generated.files().stream().map(Mailer.Attachment::fileName).toList()) + "\n\n"
                + "Thư này được gửi vì bạn đã đăng ký nhận bảng/báo cáo này trong dancu (Báo cáo của tôi).\n"
                + "You receive this because you subscribed to it in dancu (My reports).\n";
        try {
            mailer.get().send(subscription.email().get(), subject, text, generated.files());
            return store.mailed(delivery.id(), Delivery.MAIL_SENT, Optional.empty());
        }
        catch (Mailer.MailFailure e) {
            LOG.warn("delivery {}: e-mail to {} failed: {}", delivery.id(), subscription.email().get(), e.getMessage());
            return store.mailed(delivery.id(), Delivery.MAIL_FAILED, Optional.of(e.getMessage()));
        }
    }
}
