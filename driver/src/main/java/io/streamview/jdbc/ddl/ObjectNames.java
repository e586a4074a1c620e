package io.streamview.jdbc.ddl;

import io.streamview.catalog.CatalogSnapshot;
import io.streamview.jdbc.error.ErrorCode;
import io.streamview.jdbc.error.StreamViewException;

import org.apache.calcite.sql.SqlIdentifier;

import java.security.SecureRandom;
import java.util.Locale;

/** Names of local objects: which schema they are in, what kind of object a name is, fresh store names. */
final class ObjectNames {

  static final String LOCAL_SCHEMA = "public";
  private static final SecureRandom RANDOM = new SecureRandom();

  private ObjectNames() {
  }

  /** A local object's name: {@code name} or {@code public.name}. */
  record Local(String schema, String name) {
    String qualified() {
      return schema + "." + name;
    }

    @Override public String toString() {
      return name;
    }
  }

  /** The kinds of local relation. */
  enum Kind {
    TABLE("a table", "DROP TABLE"),
    VIEW("a view", "DROP VIEW"),
    MATERIALIZED_VIEW("a materialized view", "DROP MATERIALIZED VIEW");

    final String article;
    final String drop;

    Kind(String article, String drop) {
      this.article = article;
      this.drop = drop;
    }
  }

  static Local local(SqlIdentifier id, CatalogSnapshot catalog) {
    if (id.names.size() == 1) {
      return new Local(LOCAL_SCHEMA, id.names.get(0));
    }
    if (id.names.size() == 2) {
      String schema = id.names.get(0);
      if (schema.equals(LOCAL_SCHEMA)) {
        return new Local(schema, id.names.get(1));
      }
      if (catalog.externalSchemas().containsKey(schema)) {
        throw new StreamViewException(ErrorCode.FEATURE_NOT_SUPPORTED, "\"" + schema + "\" is an external schema: "
            + "its relations are streams; create tables and views in schema public");
      }
      throw new StreamViewException(ErrorCode.UNDEFINED_SCHEMA, schema);
    }
    throw new StreamViewException(ErrorCode.VALIDATION_ERROR, "name " + id + " has too many parts; use name or "
        + "public.name");
  }

  /** What {@code name} is, or null if nothing of that name exists. */
  static Kind kindOf(CatalogSnapshot catalog, Local name) {
    String q = name.qualified();
    if (catalog.tables().containsKey(q)) {
      return Kind.TABLE;
    }
    if (catalog.views().containsKey(q)) {
      return Kind.VIEW;
    }
    if (catalog.materializedViews().containsKey(q)) {
      return Kind.MATERIALIZED_VIEW;
    }
    return null;
  }

  /** Fails if a relation named {@code name} exists. */
  static void requireFree(CatalogSnapshot catalog, Local name) {
    if (kindOf(catalog, name) != null) {
      throw new StreamViewException(ErrorCode.DUPLICATE_TABLE, name.name());
    }
  }

  /** A new, unique row-store name for an object. */
  static String newStoreName(String prefix, Local name) {
    String safe = name.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    if (safe.length() > 40) {
      safe = safe.substring(0, 40);
    }
    return prefix + "-" + safe + "-" + Long.toString(System.currentTimeMillis(), 36) + "-"
        + Integer.toString(RANDOM.nextInt(1 << 30), 36);
  }
}
