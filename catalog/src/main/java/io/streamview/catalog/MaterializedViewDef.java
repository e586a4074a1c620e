package io.streamview.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A streaming materialized view over one Kinesis stream.
 *
 * @param schema       schema name
 * @param name         view name
 * @param sql          the view's defining query
 * @param columns      the view's output columns
 * @param sourceSchema external schema the stream belongs to
 * @param streamName   Kinesis stream name
 * @param autoRefresh  {@code AUTO REFRESH YES}
 * @param backup       {@code BACKUP YES}
 * @param distStyle    {@code DISTSTYLE}, or {@code null}
 * @param distKey      {@code DISTKEY} columns, empty when none
 * @param sortKey      {@code SORTKEY} columns, empty when none
 * @param storeName    the engine's row store holding the view's rows
 * @param createdAt    when the view was created
 */
public record MaterializedViewDef(String schema, String name, String sql, List<ColumnDef> columns,
                                  String sourceSchema, String streamName, boolean autoRefresh, boolean backup,
                                  String distStyle, List<String> distKey, List<String> sortKey,
                                  String storeName, Instant createdAt) {

    public MaterializedViewDef {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sql, "sql");
        columns = columns == null ? List.of() : List.copyOf(columns);
        distKey = distKey == null ? List.of() : List.copyOf(distKey);
        sortKey = sortKey == null ? List.of() : List.copyOf(sortKey);
    }

    /** The catalog key: lower-case {@code schema.name}. */
    public String qualifiedName() {
        return CatalogSnapshot.qualifiedName(schema, name);
    }
}
