package io.streamview.kinesis;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.kinesis.model.KmsThrottlingException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;

/**
 * Retries the Kinesis calls that may succeed later — throttling ({@code ProvisionedThroughputExceeded},
 * {@code LimitExceeded}, any throttling error code), 5xx answers, and connection failures — with exponential backoff
 * and full jitter, a bounded number of times. Everything else, and the last failure, reaches the caller as thrown.
 * Backoff sleeps end early with {@link Stopped} when the caller's stop condition turns true.
 */
final class KinesisRetryPolicy {

  static final KinesisRetryPolicy DEFAULT = new KinesisRetryPolicy(8, 100, 5_000);

  private static final Logger LOG = LoggerFactory.getLogger(KinesisRetryPolicy.class);
  private static final long STOP_CHECK_MILLIS = 50;

  /** How to wait; tests replace it. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  /** Thrown instead of waiting longer when the caller asked to stop (cancelled or aborted read). */
  static final class Stopped extends RuntimeException {
    Stopped() {
      super("stop requested", null, false, false);
    }
  }

  private final int maxAttempts;
  private final long baseDelayMillis;
  private final long maxDelayMillis;
  private final Sleeper sleeper;

  KinesisRetryPolicy(int maxAttempts, long baseDelayMillis, long maxDelayMillis) {
    this(maxAttempts, baseDelayMillis, maxDelayMillis, Thread::sleep);
  }

  KinesisRetryPolicy(int maxAttempts, long baseDelayMillis, long maxDelayMillis, Sleeper sleeper) {
    if (maxAttempts < 1 || baseDelayMillis < 0 || maxDelayMillis < baseDelayMillis) {
      throw new IllegalArgumentException("invalid retry policy");
    }
    this.maxAttempts = maxAttempts;
    this.baseDelayMillis = baseDelayMillis;
    this.maxDelayMillis = maxDelayMillis;
    this.sleeper = sleeper;
  }

  int maxAttempts() {
    return maxAttempts;
  }

  /**
   * Runs the call, retrying retryable failures up to {@link #maxAttempts()} calls in all.
   *
   * @param operation for logs, e.g. {@code "GetRecords shardId-000000000001"}
   * @param stop      checked before each retry and during backoff
   * @throws Stopped when {@code stop} turned true while retrying
   */
  <T> T call(String operation, Supplier<T> call, BooleanSupplier stop) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (RuntimeException e) {
        if (!isRetryable(e) || attempt >= maxAttempts) {
          throw e;
        }
        long delay = delayMillis(attempt);
        LOG.debug("{} failed (attempt {} of {}: {}); retrying in {} ms", operation, attempt, maxAttempts,
            e.getClass().getSimpleName(), delay);
        pause(delay, stop);
      }
    }
  }

  /** Full jitter: uniform in [0, min(max, base * 2^(attempt-1))]. */
  long delayMillis(int attempt) {
    long ceiling = Math.min(maxDelayMillis, baseDelayMillis << Math.min(attempt - 1, 20));
    return ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1);
  }

  /** Whether a failed call may succeed when made again. */
  static boolean isRetryable(Throwable e) {
    if (e instanceof ProvisionedThroughputExceededException || e instanceof LimitExceededException
        || e instanceof KmsThrottlingException) {
      return true;
    }
    if (e instanceof SdkServiceException service) {
      return service.statusCode() >= 500 || service.isThrottlingException();
    }
    if (e instanceof AbortedException) {
      return false; // interrupted
    }
    if (e instanceof ApiCallAttemptTimeoutException || e instanceof ApiCallTimeoutException) {
      return true;
    }
    if (e instanceof SdkClientException) {
      return isConnectionFailure(e);
    }
    return false;
  }

  /** A client-side failure caused by the network (refused, reset, timed out, unknown host) rather than by setup. */
  static boolean isConnectionFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private void pause(long millis, BooleanSupplier stop) {
    long left = millis;
    do {
      if (stop.getAsBoolean()) {
        throw new Stopped();
      }
      long slice = Math.min(left, STOP_CHECK_MILLIS);
      try {
        sleeper.sleep(slice);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Stopped();
      }
      left -= slice;
    } while (left > 0);
  }
}
