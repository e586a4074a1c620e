package io.streamview.jdbc.error;

import java.sql.SQLException;

/**
 * An SQLException from one of the driver's internal connections (validating a view, filling a table), carried
 * unchecked to the JDBC boundary, where the mapper reads its causes.
 */
public final class InternalSqlException extends RuntimeException {

  public InternalSqlException(String context, SQLException cause) {
    super(context + ": " + cause.getMessage(), cause);
  }
}
