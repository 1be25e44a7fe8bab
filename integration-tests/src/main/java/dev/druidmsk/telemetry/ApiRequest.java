package dev.druidmsk.telemetry;

import java.time.Instant;
import java.util.Locale;

/**
 * One API request as an API gateway reports it: the event the API-telemetry supervisor template ingests.
 * Every text field comes from the generator's fixed vocabularies, so the JSON needs no escaping.
 */
public record ApiRequest(
    Instant timestamp,
    String service,
    String route,
    String method,
    int status,
    long latencyMs,
    String consumer,
    long bytes
)
{
  public String toJson()
  {
    return String.format(
        Locale.ROOT,
        "{\"timestamp\":\"%s\",\"service\":\"%s\",\"route\":\"%s\",\"method\":\"%s\",\"status\":%d,"
        + "\"latency_ms\":%d,\"consumer\":\"%s\",\"bytes\":%d}",
        timestamp, service, route, method, status, latencyMs, consumer, bytes
    );
  }
}
