package vn.dancu.model.sql;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** A named, documented view a statistician may query, and the version of the data behind it. */
public record ViewDefinition(String name, ViewKind kind, String description, String source, List<ViewColumn> columns)
{
    public ViewDefinition
    {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(description, "description is null");
        requireNonNull(source, "source is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
    }
}
