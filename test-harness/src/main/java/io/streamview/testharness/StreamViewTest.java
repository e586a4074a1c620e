package io.streamview.testharness;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * For users' tests of StreamView: everything {@link WithKinesis} gives (a real Kinesis endpoint, {@link KinesisEndpoint}
 * and {@link KinesisTestStreams} parameters), plus {@link java.sql.Connection} parameters: each is a connection to a
 * fresh, private {@code jdbc:streamview:mem:} database already pointed at that endpoint, closed when its scope (test
 * method, or class for constructor and {@code @BeforeAll} parameters) ends. The StreamView driver
 * ({@code io.streamview:streamview-jdbc}) must be on the test class path.
 *
 * <pre>{@code
 * @StreamViewTest
 * class MyViewTest {
 *   @Test
 *   void counts(Connection db, KinesisTestStreams kinesis) throws Exception { ... }
 * }
 * }</pre>
 */
@Documented
@Target(TYPE)
@Retention(RUNTIME)
@ExtendWith({KinesisEndpointExtension.class, StreamViewConnectionExtension.class})
public @interface StreamViewTest {
}
