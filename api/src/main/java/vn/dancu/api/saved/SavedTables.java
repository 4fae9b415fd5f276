package vn.dancu.api.saved;

import vn.dancu.api.access.Caller;
import vn.dancu.api.error.ApiException;
import vn.dancu.api.export.ExportFormat;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What a signed-in user may do with saved tables. Each user sees and changes their own; an admin also lists, reads
 * and deletes everyone's. Another user's table answers 404, exactly as a table that does not exist: an account cannot
 * learn which tables others saved.
 */
public final class SavedTables
{
    public static final int MAX_NAME = 100;

    private final SavedTableStore store;
    private final SavedTableRenderer renderer;
    private final Clock clock;

    public SavedTables(SavedTableStore store, SavedTableRenderer renderer, Clock clock)
    {
        this.store = requireNonNull(store, "store is null");
        this.renderer = requireNonNull(renderer, "renderer is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public SavedTable save(Caller caller, String name, String query)
    {
        String owner = signedIn(caller);
        String checkedName = name(name);
        SavedTableQuery checked = SavedTableQuery.parse("query", query);
        return store.create(owner, checkedName, checked.text(), clock.instant());
    }

    /** The caller's tables; an admin's list holds everyone's. */
    public List<SavedTable> list(Caller caller)
    {
        signedIn(caller);
        return store.list(caller.role().administers() ? Optional.empty() : Optional.of(caller.username()));
    }

    /** A table the caller may read (their own; any, for an admin), or 404. */
    public SavedTable get(Caller caller, long id)
    {
        signedIn(caller);
        return store.find(id)
                .filter(table -> table.owner().equals(caller.username()) || caller.role().administers())
                .orElseThrow(() -> notFound(id));
    }

    /** A table of the caller's own, or 404 (also for an admin: only its owner renames, renders or subscribes to a table). */
    public SavedTable own(Caller caller, long id)
    {
        signedIn(caller);
        return store.find(id).filter(table -> table.owner().equals(caller.username())).orElseThrow(() -> notFound(id));
    }

    public SavedTable rename(Caller caller, long id, String name)
    {
        String checkedName = name(name);
        own(caller, id);
        return store.rename(id, checkedName, clock.instant());
    }

    /** Deletes the caller's table (an admin: anyone's), with its subscriptions. */
    public void delete(Caller caller, long id)
    {
        SavedTable table = get(caller, id);
        store.delete(table.id());
    }

    /** The caller's table rendered now from the newest cube version, as the caller may see it. */
    public SavedTableRenderer.Rendered render(Caller caller, long id, ExportFormat format)
    {
        return renderer.render(own(caller, id).query(), caller, format);
    }

    public SavedTableRenderer renderer()
    {
        return renderer;
    }

    public Optional<SavedTable> find(long id)
    {
        return store.find(id);
    }

    static String signedIn(Caller caller)
    {
        if (caller.anonymousVisitor()) {
            throw ApiException.unauthorized("saved tables belong to an account: log in (POST /api/v1/auth/login) or send an API token");
        }
        return caller.username();
    }

    private static String name(String name)
    {
        if (name == null || name.isBlank()) {
            throw ApiException.badParameter("name", "missing; give the table a name of 1 to " + MAX_NAME + " characters", List.of());
        }
        String stripped = name.strip();
        int length = stripped.length();
        if (length > MAX_NAME) {
            throw ApiException.badParameter("name", "is " + length + " characters long; at most " + MAX_NAME, List.of());
        }
        if (stripped.codePoints().anyMatch(Character::isISOControl)) {
            throw ApiException.badParameter("name", "must not contain control characters (line breaks, tabs)", List.of());
        }
        return stripped;
    }

    private static ApiException notFound(long id)
    {
        return ApiException.notFound("saved table " + id, List.of());
    }
}
