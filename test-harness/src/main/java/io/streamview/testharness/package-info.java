/**
 * A JUnit 5 extension ({@link io.streamview.testharness.WithKinesis}) that gives tests a real Kinesis endpoint — an
 * external one, LocalStack through Testcontainers, or kinesis-mock run with node — plus a producer helper.
 * {@link io.streamview.testharness.StreamViewTest} adds {@code java.sql.Connection} parameters (fresh mem: databases
 * wired to the endpoint) for users of the driver. May import JUnit, the AWS SDK, Testcontainers, SLF4J and java.sql;
 * never StreamView's own modules (they test against it; the driver is reached through DriverManager).
 */
package io.streamview.testharness;
