package io.streamview.testharness;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a real Kinesis endpoint, chosen once per test JVM:
 * <ol>
 *   <li>the endpoint in the environment variable {@code STREAMVIEW_KINESIS_ENDPOINT}, if set;</li>
 *   <li>else LocalStack through Testcontainers, if a Docker engine runs;</li>
 *   <li>else kinesis-mock, which the build installs with npm into {@code test-harness/kinesis-mock}, run with node.</li>
 * </ol>
 * The endpoint lives in the root extension-context store and is closed (emulator stopped) when the test plan ends.
 * Resolves {@link KinesisEndpoint} and {@link KinesisTestStreams} parameters; a {@code KinesisTestStreams} deletes the
 * streams it created when the scope it was resolved for (test method or class) ends.
 */
public final class KinesisEndpointExtension implements ParameterResolver, BeforeAllCallback {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(KinesisEndpointExtension.class);
  private static final String ENDPOINT_KEY = "endpoint";

  @Override
  public void beforeAll(ExtensionContext context) {
    endpoint(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    return type == KinesisEndpoint.class || type == KinesisTestStreams.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    KinesisEndpoint endpoint = endpoint(extensionContext);
    if (type == KinesisEndpoint.class) {
      return endpoint;
    }
    if (type == KinesisTestStreams.class) {
      KinesisTestStreams streams = new KinesisTestStreams(endpoint);
      // delete this scope's streams when it ends (the emulator is shared by the whole JVM)
      extensionContext.getStore(NAMESPACE).put(streams, (AutoCloseable) streams::deleteCreated);
      return streams;
    }
    throw new ParameterResolutionException("Cannot resolve " + type.getName());
  }

  /** The JVM's endpoint, started on first use. */
  static KinesisEndpoint endpoint(ExtensionContext context) {
    ExtensionContext.Store root = context.getRoot().getStore(NAMESPACE);
    return root.getOrComputeIfAbsent(ENDPOINT_KEY, key -> KinesisEndpointResource.open(),
        KinesisEndpointResource.class).endpoint();
  }
}
