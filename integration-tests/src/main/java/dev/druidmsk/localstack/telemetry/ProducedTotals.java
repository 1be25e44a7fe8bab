package dev.druidmsk.localstack.telemetry;

import java.util.Map;
import java.util.TreeMap;

/** What was produced, in the shape the ingestion checks compare against Druid's answers. */
public final class ProducedTotals
{
  private long requests;
  private long bytes;
  private long serverErrors;
  private final Map<Integer, Long> requestsByStatus = new TreeMap<>();

  void add(ApiRequest request)
  {
    requests++;
    bytes += request.bytes();
    if (request.isError()) {
      serverErrors++;
    }
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

  public long serverErrors()
  {
    return serverErrors;
  }

  public Map<Integer, Long> requestsByStatus()
  {
    return Map.copyOf(requestsByStatus);
  }
}
