package dev.druidmsk.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import dev.druidmsk.cli.druid.DruidClient;
import dev.druidmsk.telemetry.ProducedTotals;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The quickstart's analytics view from Druid SQL: requests/s, 5xx rate and p95 latency per route over the last
 * complete minute ({@link RateWindow}), beside the rate the producer sent in that window, so the two can be compared.
 */
final class LiveApiView
{
  /** Time for a minute's last requests to be sent (one refresh) and ingested, with room to spare. */
  static final Duration SETTLE = Duration.ofSeconds(15);

  private final DruidClient sql;
  private final String dataSource;
  private final Instant trafficStart;
  private final ProducedTotals produced;

  LiveApiView(DruidClient sql, String dataSource, Instant trafficStart, ProducedTotals produced)
  {
    this.sql = sql;
    this.dataSource = dataSource;
    this.trafficStart = trafficStart;
    this.produced = produced;
  }

  /** Prints one refresh as of {@code now}. */
  void print(PrintStream out, Instant now)
  {
    final long total = sql.sqlLong("SELECT SUM(\"requests\") FROM \"" + dataSource + "\"", "count the requests");
    final Optional<RateWindow> window = RateWindow.lastCompleteMinute(now, trafficStart, SETTLE);
    if (total == 0) {
      out.println("Waiting for the supervisor's first task to ingest requests...");
      return;
    }
    if (window.isEmpty()) {
      out.printf(
          Locale.ROOT,
          "%,d requests ingested so far; Druid rolls them up per minute, so the first rates come at %s.%n",
          total,
          RateWindow.clock(RateWindow.first(trafficStart, SETTLE))
      );
      return;
    }
    print(out, total, window.get());
  }

  private void print(PrintStream out, long total, RateWindow window)
  {
    final List<JsonNode> routes = sql.sql(
        "SELECT service, route, SUM(\"requests\") AS requests, "
        + "100.0 * SUM(CASE WHEN status >= 500 THEN \"requests\" ELSE 0 END) / SUM(\"requests\") AS error_pct, "
        + "APPROX_QUANTILE_DS(latency_ms_sketch, 0.95) AS p95_ms "
        + "FROM \"" + dataSource + "\" "
        + "WHERE __time >= MILLIS_TO_TIMESTAMP(" + window.firstBucket().toEpochMilli() + ") "
        + "AND __time < MILLIS_TO_TIMESTAMP(" + window.to().toEpochMilli() + ") "
        + "GROUP BY service, route ORDER BY requests DESC",
        "read the last complete minute by route"
    );
    out.printf(Locale.ROOT, "%n%,d requests ingested so far; by route over %s:%n", total, window.describe());
    out.printf(Locale.ROOT, "  %-10s %-20s %9s %8s %9s%n", "service", "route", "req/s", "5xx %", "p95 ms");
    long requests = 0;
    for (JsonNode row : routes) {
      requests += row.path("requests").asLong();
      out.printf(
          Locale.ROOT,
          "  %-10s %-20s %9.1f %8.2f %9.0f%n",
          row.path("service").asText(),
          row.path("route").asText(),
          window.perSecond(row.path("requests").asLong()),
          row.path("error_pct").asDouble(),
          row.path("p95_ms").asDouble()
      );
    }
    final long sent = produced.requestsInMinutes(window.firstBucket(), window.to());
    out.printf(
        Locale.ROOT,
        "  %-31s %9.1f   (the producer sent %,d requests in this window: %.1f req/s)%n",
        "all routes",
        window.perSecond(requests),
        sent,
        window.perSecond(sent)
    );
  }
}
