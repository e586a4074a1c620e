package io.streamview.jdbc.ddl;

import io.streamview.catalog.CatalogSnapshot;
import io.streamview.catalog.ExternalSchemaDef;
import io.streamview.engine.database.Database;
import io.streamview.jdbc.error.ErrorCode;
import io.streamview.jdbc.error.StreamViewException;
import io.streamview.jdbc.parser.SqlCreateExternalSchema;

import java.time.Instant;
import java.util.Locale;

/** {@code CREATE EXTERNAL SCHEMA … FROM KINESIS}. */
final class ExternalSchemaCommands {

  private ExternalSchemaCommands() {
  }

  static void create(Database db, SqlCreateExternalSchema node) {
    String name = node.name.getSimple();
    String kind = node.sourceKind.toUpperCase(Locale.ROOT);
    if (!kind.equals("KINESIS")) {
      throw new StreamViewException(ErrorCode.FEATURE_NOT_SUPPORTED, "external schema " + name + ": FROM " + kind
          + " is not supported; StreamView reads Amazon Kinesis Data Streams: CREATE EXTERNAL SCHEMA " + name
          + " FROM KINESIS IAM_ROLE default");
    }
    String role = node.iamRole == null ? "default" : node.iamRole;
    if (!role.equalsIgnoreCase("default")) {
      for (String arn : role.split(",")) {
        if (!arn.startsWith("arn:")) {
          throw new StreamViewException(ErrorCode.INVALID_PARAMETER_VALUE, "external schema " + name
              + ": IAM_ROLE '" + arn + "' is not a role ARN; use IAM_ROLE default or "
              + "'arn:aws:iam::<account>:role/<name>' (a comma-separated chain without spaces is allowed)");
        }
      }
    }
    synchronized (db.ddlLock()) {
      CatalogSnapshot catalog = db.catalog().current();
      if (catalog.externalSchemas().containsKey(name) || name.equals(ObjectNames.LOCAL_SCHEMA)) {
        if (node.ifNotExists) {
          return;
        }
        throw new StreamViewException(ErrorCode.DUPLICATE_SCHEMA, name);
      }
      ExternalSchemaDef def = new ExternalSchemaDef(name, kind, role, node.region, Instant.now());
      db.catalog().update(c -> c.withExternalSchema(def));
    }
  }
}
