package io.streamview.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable version of the whole catalog. Every {@code with…}/{@code without…} method returns a
 * new snapshot whose {@link #version()} is one higher; the maps are unmodifiable and iterate in
 * insertion order. External schemas are keyed by their name as given; tables, views and
 * materialized views by {@link #qualifiedName(String, String) lower-case "schema.name"}.
 *
 * @param formatVersion on-disk format the snapshot was read with or will be written as
 * @param version       number of changes since the empty catalog
 */
public record CatalogSnapshot(int formatVersion, long version,
                              Map<String, ExternalSchemaDef> externalSchemas,
                              Map<String, TableDef> tables,
                              Map<String, ViewDef> views,
                              Map<String, MaterializedViewDef> materializedViews) {

    /** The {@code catalog.json} format this code writes, and the highest it reads. */
    public static final int CURRENT_FORMAT_VERSION = 2;

    private static final CatalogSnapshot EMPTY =
            new CatalogSnapshot(CURRENT_FORMAT_VERSION, 0, Map.of(), Map.of(), Map.of(), Map.of());

    public CatalogSnapshot {
        externalSchemas = frozen(externalSchemas);
        tables = frozen(tables);
        views = frozen(views);
        materializedViews = frozen(materializedViews);
    }

    /** A catalog with nothing in it, version 0. */
    public static CatalogSnapshot empty() {
        return EMPTY;
    }

    /** The key of a table, view or materialized view: {@code (schema + "." + name)} in lower case. */
    public static String qualifiedName(String schema, String name) {
        return (schema + "." + name).toLowerCase(Locale.ROOT);
    }

    public CatalogSnapshot withExternalSchema(ExternalSchemaDef d) {
        Objects.requireNonNull(d, "d");
        return next(put(externalSchemas, d.name(), d), tables, views, materializedViews);
    }

    public CatalogSnapshot withoutExternalSchema(String name) {
        return next(remove(externalSchemas, name), tables, views, materializedViews);
    }

    public CatalogSnapshot withTable(TableDef d) {
        Objects.requireNonNull(d, "d");
        return next(externalSchemas, put(tables, d.qualifiedName(), d), views, materializedViews);
    }

    public CatalogSnapshot withoutTable(String qualifiedName) {
        return next(externalSchemas, remove(tables, lower(qualifiedName)), views, materializedViews);
    }

    public CatalogSnapshot withView(ViewDef d) {
        Objects.requireNonNull(d, "d");
        return next(externalSchemas, tables, put(views, d.qualifiedName(), d), materializedViews);
    }

    public CatalogSnapshot withoutView(String qualifiedName) {
        return next(externalSchemas, tables, remove(views, lower(qualifiedName)), materializedViews);
    }

    public CatalogSnapshot withMaterializedView(MaterializedViewDef d) {
        Objects.requireNonNull(d, "d");
        return next(externalSchemas, tables, views, put(materializedViews, d.qualifiedName(), d));
    }

    public CatalogSnapshot withoutMaterializedView(String qualifiedName) {
        return next(externalSchemas, tables, views, remove(materializedViews, lower(qualifiedName)));
    }

    private CatalogSnapshot next(Map<String, ExternalSchemaDef> e, Map<String, TableDef> t,
                                 Map<String, ViewDef> v, Map<String, MaterializedViewDef> m) {
        return new CatalogSnapshot(CURRENT_FORMAT_VERSION, version + 1, e, t, v, m);
    }

    private static String lower(String qualifiedName) {
        return Objects.requireNonNull(qualifiedName, "qualifiedName").toLowerCase(Locale.ROOT);
    }

    private static <T> Map<String, T> put(Map<String, T> map, String key, T value) {
        Map<String, T> copy = new LinkedHashMap<>(map);
        copy.put(key, value);
        return copy;
    }

    private static <T> Map<String, T> remove(Map<String, T> map, String key) {
        Objects.requireNonNull(key, "key");
        Map<String, T> copy = new LinkedHashMap<>(map);
        copy.remove(key);
        return copy;
    }

    private static <T> Map<String, T> frozen(Map<String, T> map) {
        if (map == null || map.isEmpty()) {
            return Collections.unmodifiableMap(new LinkedHashMap<>());
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
