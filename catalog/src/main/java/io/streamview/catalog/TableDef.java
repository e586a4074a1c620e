package io.streamview.catalog;

import java.util.List;
import java.util.Objects;

/**
 * An ordinary table.
 *
 * @param schema     schema name
 * @param name       table name
 * @param columns    columns in declaration order
 * @param primaryKey primary-key column names, empty when none
 * @param storeName  the engine's row store holding the table's rows
 */
public record TableDef(String schema, String name, List<ColumnDef> columns, List<String> primaryKey, String storeName) {

    public TableDef {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        columns = columns == null ? List.of() : List.copyOf(columns);
        primaryKey = primaryKey == null ? List.of() : List.copyOf(primaryKey);
    }

    /** The catalog key: lower-case {@code schema.name}. */
    public String qualifiedName() {
        return CatalogSnapshot.qualifiedName(schema, name);
    }
}
