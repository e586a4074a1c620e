package org.apache.calcite.jdbc;

import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.AvaticaSpecificDatabaseMetaData;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.UnregisteredDriver;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Properties;
import java.util.TimeZone;

/**
 * The JDBC factory of StreamView's Calcite connections ({@code io.streamview.jdbc.StreamViewDriver} names it):
 * Calcite's own JDBC 4.1 factory for statements, result sets and metadata, making {@link StreamViewCalciteConnection}s.
 *
 * <p>It lives in Calcite's package {@code org.apache.calcite.jdbc} because the connection it makes must extend
 * {@code CalciteConnectionImpl}, which is package-private there; the driver jar and its shaded jar are plain class
 * path jars (calcite-core's jar is not sealed, and neither jar is a named module), where a package may span jars.
 * This package holds nothing else of StreamView's.
 */
public final class StreamViewCalciteFactory extends CalciteFactory {

  private final CalciteJdbc41Factory calcite = new CalciteJdbc41Factory();

  public StreamViewCalciteFactory() {
    super(4, 1);
  }

  @Override public AvaticaConnection newConnection(UnregisteredDriver driver, AvaticaFactory factory, String url,
      Properties info, @Nullable CalciteSchema rootSchema, @Nullable JavaTypeFactory typeFactory) {
    return new StreamViewCalciteConnection((Driver) driver, factory, url, info, rootSchema, typeFactory);
  }

  @Override public AvaticaSpecificDatabaseMetaData newDatabaseMetaData(AvaticaConnection connection) {
    return calcite.newDatabaseMetaData(connection);
  }

  @Override public AvaticaStatement newStatement(AvaticaConnection connection, Meta.@Nullable StatementHandle h,
      int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
    return calcite.newStatement(connection, h, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  @Override public AvaticaPreparedStatement newPreparedStatement(AvaticaConnection connection,
      Meta.@Nullable StatementHandle h, Meta.Signature signature, int resultSetType, int resultSetConcurrency,
      int resultSetHoldability) throws SQLException {
    return calcite.newPreparedStatement(connection, h, signature, resultSetType, resultSetConcurrency,
        resultSetHoldability);
  }

  @Override public CalciteResultSet newResultSet(AvaticaStatement statement, QueryState state,
      Meta.Signature signature, TimeZone timeZone, Meta.Frame firstFrame) throws SQLException {
    return calcite.newResultSet(statement, state, signature, timeZone, firstFrame);
  }

  @Override public ResultSetMetaData newResultSetMetaData(AvaticaStatement statement, Meta.Signature signature)
      throws SQLException {
    return calcite.newResultSetMetaData(statement, signature);
  }
}
