/**
 * A JUnit 5 extension ({@link io.streamview.testharness.WithKinesis}) that gives tests a real Kinesis endpoint — an
 * external one, LocalStack through Testcontainers, or kinesis-mock run with node — plus a producer helper.
 * May import JUnit, the AWS SDK, Testcontainers and SLF4J; never StreamView's own modules (they test against it).
 */
package io.streamview.testharness;
