package io.streamview.testharness;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated test class a real Kinesis endpoint, shared by every test of the JVM; test methods, lifecycle
 * methods and constructors may declare {@link KinesisEndpoint} and {@link KinesisTestStreams} parameters.
 * See {@link KinesisEndpointExtension} for how the endpoint is chosen.
 */
@Documented
@Target(TYPE)
@Retention(RUNTIME)
@ExtendWith(KinesisEndpointExtension.class)
public @interface WithKinesis {
}
