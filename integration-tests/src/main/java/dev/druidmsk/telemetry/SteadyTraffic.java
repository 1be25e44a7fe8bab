package dev.druidmsk.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * API traffic at a steady rate by event time: the i-th request is stamped {@code start + i / rate}, and each batch
 * holds exactly the requests due by the time it is taken, so any span of event time holds {@code rate} per second
 * however irregularly the batches are sent.
 */
public final class SteadyTraffic
{
  private final Instant start;
  private final int perSecond;
  private final ApiRequestGenerator generator;
  private long taken;

  public SteadyTraffic(long seed, Instant start, int perSecond)
  {
    this.start = start;
    this.perSecond = perSecond;
    this.generator = new ApiRequestGenerator(seed, start, Duration.ofNanos(1_000_000_000L / perSecond));
  }

  /** The event time of the first request. */
  public Instant start()
  {
    return start;
  }

  /** The requests stamped up to {@code now} that no earlier call returned. */
  public List<ApiRequest> due(Instant now)
  {
    final long due = Duration.between(start, now).toNanos() * perSecond / 1_000_000_000L;
    final List<ApiRequest> batch = new ArrayList<>();
    for (; taken < due; taken++) {
      batch.add(generator.next());
    }
    return batch;
  }
}
