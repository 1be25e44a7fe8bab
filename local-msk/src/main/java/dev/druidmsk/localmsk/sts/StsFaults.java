package dev.druidmsk.localmsk.sts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

/**
 * STS faults on demand, as AWS STS produces them: throttling ({@code Throttling}, HTTP 400), service failures
 * ({@code InternalFailure} 500, {@code ServiceUnavailable} 503), added latency, and an outage (connection refused).
 * Every faulted call is counted in {@link CallCounters} (outcomes {@link CallCounters.Outcome#THROTTLED} and
 * {@link CallCounters.Outcome#FAILED}) under its action, role and session name, so a test can count a client's
 * retries. Faults last until {@link #clear()}.
 */
public final class StsFaults
{
  private final LocalSts sts;
  private final CallCounters counters;
  private volatile StsFault answer;
  private volatile Duration latency = Duration.ZERO;
  private boolean outage;

  StsFaults(final LocalSts sts, final CallCounters counters)
  {
    this.sts = sts;
    this.counters = counters;
  }

  /** Every call is answered {@code Throttling} (HTTP 400, "Rate exceeded"), as STS does over its request quota. */
  public StsFaults throttle()
  {
    answer = new StsFault(400, "Throttling", "Rate exceeded");
    return this;
  }

  /** Every call fails on the service side: 500 {@code InternalFailure} or 503 {@code ServiceUnavailable}. */
  public StsFaults internalFailure(final int status)
  {
    answer = switch (status) {
      case 500 -> new StsFault(500, "InternalFailure", "The request processing has failed because of an unknown "
                                                       + "error, exception or failure.");
      case 503 -> new StsFault(503, "ServiceUnavailable", "Service is unavailable. Please try again later.");
      default -> throw new IllegalArgumentException("STS fails with 500 or 503, not " + status);
    };
    return this;
  }

  /** Every call (answered or faulted) is delayed by {@code delay} before its answer. */
  public StsFaults latency(final Duration delay)
  {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("Latency must not be negative, got " + delay);
    }
    latency = delay;
    return this;
  }

  /** The STS stops listening: clients get connection refused, on the same endpoint, until {@link #clear()}. */
  public synchronized StsFaults outage()
  {
    if (!outage) {
      sts.stop();
      outage = true;
    }
    return this;
  }

  /** Ends every fault: the STS answers at once and normally again. */
  public synchronized StsFaults clear()
  {
    answer = null;
    latency = Duration.ZERO;
    if (outage) {
      try {
        sts.restart();
      }
      catch (IOException e) {
        throw new UncheckedIOException("The local STS could not listen again on " + sts.endpoint(), e);
      }
      outage = false;
    }
    return this;
  }

  /** Delays, then throws the configured fault (counted), if any. */
  void inject(final Map<String, String> parameters) throws StsFault
  {
    final Duration delay = latency;
    if (!delay.isZero()) {
      try {
        Thread.sleep(delay.toMillis());
      }
      catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StsFault(503, "ServiceUnavailable", "Service is unavailable. Please try again later.");
      }
    }
    final StsFault fault = answer;
    if (fault != null) {
      counters.record(
          parameters.getOrDefault("Action", ""),
          fault.status() < 500 ? CallCounters.Outcome.THROTTLED : CallCounters.Outcome.FAILED,
          parameters.get("RoleArn"),
          parameters.get("RoleSessionName")
      );
      throw new StsFault(fault.status(), fault.code(), fault.getMessage());
    }
  }
}
