package io.streamview.catalog;

import java.util.List;
import java.util.Objects;

/**
 * An ordinary (non-materialized) view.
 *
 * @param schema  schema name
 * @param name    view name
 * @param sql     the view's defining query
 * @param columns the view's output columns
 */
public record ViewDef(String schema, String name, String sql, List<ColumnDef> columns) {

    public ViewDef {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sql, "sql");
        columns = columns == null ? List.of() : List.copyOf(columns);
    }

    /** The catalog key: lower-case {@code schema.name}. */
    public String qualifiedName() {
        return CatalogSnapshot.qualifiedName(schema, name);
    }
}
