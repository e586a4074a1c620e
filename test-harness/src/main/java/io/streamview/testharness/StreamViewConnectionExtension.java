package io.streamview.testharness;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link Connection} parameters of a {@link StreamViewTest}: a new private {@code jdbc:streamview:mem:}
 * database per parameter, with the test JVM's Kinesis endpoint in its URL ({@link KinesisEndpoint#jdbcProperties()}).
 * Reaches the driver through {@link DriverManager} only, so this module does not depend on it.
 */
public final class StreamViewConnectionExtension implements ParameterResolver {

  /** The URL of a fresh private database, before the endpoint's properties. */
  public static final String MEMORY_URL = "jdbc:streamview:mem:";

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(StreamViewConnectionExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == Connection.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    KinesisEndpoint endpoint = KinesisEndpointExtension.endpoint(extensionContext);
    Connection connection;
    try {
      connection = DriverManager.getConnection(MEMORY_URL + endpoint.jdbcProperties());
    } catch (SQLException e) {
      throw new ParameterResolutionException("Cannot open a StreamView database (" + MEMORY_URL + "): SQLState "
          + e.getSQLState() + ": " + e.getMessage() + ". Is io.streamview:streamview-jdbc on the test class path, "
          + "and does the test JVM have Chronicle Map's --add-opens/--add-exports flags?", e);
    }
    extensionContext.getStore(NAMESPACE).put(connection, (AutoCloseable) connection::close);
    return connection;
  }
}
