package dev.druidmsk.telemetry;

import java.util.Map;
import java.util.TreeMap;

/** What was produced, in the shape the ingestion checks compare against Druid's answers. */
public final class ProducedTotals
{
  private long requests;
  private long bytes;
  private final Map<Integer, Long> requestsByStatus = new TreeMap<>();

  void add(ApiRequest request)
  {
    requests++;
    bytes += request.bytes();
    requestsByStatus.merge(request.status(), 1L, Long::sum);
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
}
