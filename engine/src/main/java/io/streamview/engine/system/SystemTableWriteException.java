package io.streamview.engine.system;

/** INSERT, UPDATE, MERGE or DELETE on a system table: system tables are read-only. */
public final class SystemTableWriteException extends RuntimeException {

  public SystemTableWriteException(String tableName, String operation) {
    super(operation + " on system table " + tableName + " is not supported: system tables are read-only");
  }
}
