package dev.druidmsk.telemetry;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

/** What was produced, in the shape the ingestion checks compare against Druid's answers. */
public final class ProducedTotals
{
  private long requests;
  private long bytes;
  private final Map<Integer, Long> requestsByStatus = new TreeMap<>();
  /** Requests per minute of event time: what a datasource rolled up per minute holds in each bucket. */
  private final TreeMap<Instant, Long> requestsByMinute = new TreeMap<>();

  public synchronized void add(ApiRequest request)
  {
    requests++;
    bytes += request.bytes();
    requestsByStatus.merge(request.status(), 1L, Long::sum);
    requestsByMinute.merge(request.timestamp().truncatedTo(ChronoUnit.MINUTES), 1L, Long::sum);
  }

  /** Adds what {@code other} counted, so a run of batches has one total. */
  public synchronized void add(ProducedTotals other)
  {
    requests += other.requests;
    bytes += other.bytes;
    other.requestsByStatus.forEach((status, n) -> requestsByStatus.merge(status, n, Long::sum));
    other.requestsByMinute.forEach((minute, n) -> requestsByMinute.merge(minute, n, Long::sum));
  }

  public long requests()
  {
    return requests;
  }

  public long bytes()
  {
    return bytes;
  }

  public Map<Integer, Long> requestsByStatus()
  {
    return Map.copyOf(requestsByStatus);
  }

  /** Requests whose event time falls in the minutes from {@code fromMinute} (inclusive) to {@code toMinute}. */
  public synchronized long requestsInMinutes(Instant fromMinute, Instant toMinute)
  {
    return requestsByMinute.subMap(fromMinute, toMinute).values().stream().mapToLong(Long::longValue).sum();
  }
}
