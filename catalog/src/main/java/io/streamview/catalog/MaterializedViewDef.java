package io.streamview.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A materialized view: a streaming view over one Kinesis stream ({@code sourceSchema} and {@code streamName} set,
 * refreshed incrementally), or a view over tables, views and other materialized views (both {@code null},
 * recomputed from its query on every refresh; see {@link #isStreaming()}).
 *
 * @param schema       schema name
 * @param name         view name
 * @param sql          the view's defining query
 * @param columns      the view's output columns
 * @param sourceSchema external schema the stream belongs to, or {@code null} for a recomputed view
 * @param streamName   Kinesis stream name, or {@code null} for a recomputed view
 * @param autoRefresh  {@code AUTO REFRESH YES}
 * @param backup       {@code BACKUP YES}
 * @param distStyle    {@code DISTSTYLE}, or {@code null}
 * @param distKey      {@code DISTKEY} columns, empty when none
 * @param sortKey      {@code SORTKEY} columns, empty when none
 * @param storeName    the engine's row store holding the view's rows
 * @param createdAt    when the view was created
 * @param dependsOn    the relations (tables, views, materialized views) the query reads, as catalog keys
 *                     ({@link CatalogSnapshot#qualifiedName}); empty for a streaming view
 */
public record MaterializedViewDef(String schema, String name, String sql, List<ColumnDef> columns,
                                  String sourceSchema, String streamName, boolean autoRefresh, boolean backup,
                                  String distStyle, List<String> distKey, List<String> sortKey,
                                  String storeName, Instant createdAt, List<String> dependsOn) {

    public MaterializedViewDef {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sql, "sql");
        columns = columns == null ? List.of() : List.copyOf(columns);
        distKey = distKey == null ? List.of() : List.copyOf(distKey);
        sortKey = sortKey == null ? List.of() : List.copyOf(sortKey);
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    }

    /** A streaming view (no relations it depends on). */
    public MaterializedViewDef(String schema, String name, String sql, List<ColumnDef> columns,
                               String sourceSchema, String streamName, boolean autoRefresh, boolean backup,
                               String distStyle, List<String> distKey, List<String> sortKey,
                               String storeName, Instant createdAt) {
        this(schema, name, sql, columns, sourceSchema, streamName, autoRefresh, backup, distStyle, distKey, sortKey,
                storeName, createdAt, List.of());
    }

    /** Whether the view reads a stream (refreshed incrementally) rather than local relations (recomputed). */
    @JsonIgnore
    public boolean isStreaming() {
        return sourceSchema != null && streamName != null;
    }

    /** This view with another row store (a recomputed view's refresh swaps in a new store). */
    public MaterializedViewDef withStoreName(String newStoreName) {
        return new MaterializedViewDef(schema, name, sql, columns, sourceSchema, streamName, autoRefresh, backup,
                distStyle, distKey, sortKey, newStoreName, createdAt, dependsOn);
    }

    /** This view with AUTO REFRESH set to {@code on}. */
    public MaterializedViewDef withAutoRefresh(boolean on) {
        return new MaterializedViewDef(schema, name, sql, columns, sourceSchema, streamName, on, backup,
                distStyle, distKey, sortKey, storeName, createdAt, dependsOn);
    }

    /** The catalog key: lower-case {@code schema.name}. */
    public String qualifiedName() {
        return CatalogSnapshot.qualifiedName(schema, name);
    }
}
