package io.streamview.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.InternalFailureException;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

class KinesisRetryPolicyTest {

  private final List<Long> slept = new ArrayList<>();
  private final KinesisRetryPolicy policy = new KinesisRetryPolicy(5, 100, 1_000, slept::add);

  @Test
  void retriesThrottlingUntilItSucceeds() {
    AtomicInteger calls = new AtomicInteger();
    String result = policy.call("op", () -> {
      if (calls.incrementAndGet() < 3) {
        throw ProvisionedThroughputExceededException.builder().message("slow down").build();
      }
      return "ok";
    }, () -> false);
    assertEquals("ok", result);
    assertEquals(3, calls.get());
  }

  @Test
  void givesUpAfterMaxAttemptsWithTheLastFailure() {
    AtomicInteger calls = new AtomicInteger();
    LimitExceededException limit = LimitExceededException.builder().message("limit").build();
    LimitExceededException thrown = assertThrows(LimitExceededException.class, () -> policy.call("op", () -> {
      calls.incrementAndGet();
      throw limit;
    }, () -> false));
    assertSame(limit, thrown);
    assertEquals(5, calls.get());
  }

  @Test
  void doesNotRetryWhatCannotSucceed() {
    AtomicInteger calls = new AtomicInteger();
    assertThrows(ResourceNotFoundException.class, () -> policy.call("op", () -> {
      calls.incrementAndGet();
      throw ResourceNotFoundException.builder().message("missing").build();
    }, () -> false));
    assertEquals(1, calls.get());
    assertTrue(slept.isEmpty());
  }

  @Test
  void classifiesFailures() {
    assertTrue(KinesisRetryPolicy.isRetryable(ProvisionedThroughputExceededException.builder().build()));
    assertTrue(KinesisRetryPolicy.isRetryable(LimitExceededException.builder().build()));
    assertTrue(KinesisRetryPolicy.isRetryable(InternalFailureException.builder().statusCode(500).build()));
    assertTrue(KinesisRetryPolicy.isRetryable(AwsServiceException.builder().statusCode(503).build()));
    assertTrue(KinesisRetryPolicy.isRetryable(AwsServiceException.builder().statusCode(400)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").build()).build()));
    assertTrue(KinesisRetryPolicy.isRetryable(SdkClientException.create("Unable to execute HTTP request",
        new ConnectException("Connection refused"))));
    assertTrue(KinesisRetryPolicy.isRetryable(SdkClientException.create("wrapped",
        new UncheckedIOException(new java.io.IOException("reset")))));

    assertFalse(KinesisRetryPolicy.isRetryable(SdkClientException.create(
        "Unable to load credentials from any of the providers in the chain")));
    assertFalse(KinesisRetryPolicy.isRetryable(InvalidArgumentException.builder().statusCode(400).build()));
    assertFalse(KinesisRetryPolicy.isRetryable(ExpiredIteratorException.builder().statusCode(400).build()));
    assertFalse(KinesisRetryPolicy.isRetryable(ResourceNotFoundException.builder().statusCode(400).build()));
    assertFalse(KinesisRetryPolicy.isRetryable(new IllegalStateException("consumer")));
  }

  @Test
  void backoffIsExponentialWithFullJitterAndCapped() {
    for (int i = 0; i < 200; i++) {
      assertTrue(policy.delayMillis(1) <= 100);
      assertTrue(policy.delayMillis(2) <= 200);
      assertTrue(policy.delayMillis(4) <= 800);
      long capped = policy.delayMillis(30);
      assertTrue(capped >= 0 && capped <= 1_000, "capped: " + capped);
    }
  }

  @Test
  void stopsWaitingWhenAskedTo() {
    AtomicInteger calls = new AtomicInteger();
    KinesisRetryPolicy slow = new KinesisRetryPolicy(5, 10_000, 10_000, millis -> { });
    assertThrows(KinesisRetryPolicy.Stopped.class, () -> slow.call("op", () -> {
      calls.incrementAndGet();
      throw ProvisionedThroughputExceededException.builder().build();
    }, () -> calls.get() >= 2));
    assertEquals(2, calls.get());
  }
}
