package dev.druidmsk.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import dev.druidmsk.cli.druid.DruidClient;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** The quickstart's analytics view: per route over the last minute, from Druid SQL. */
final class LiveApiView
{
  private final DruidClient sql;
  private final String dataSource;

  LiveApiView(DruidClient sql, String dataSource)
  {
    this.sql = sql;
    this.dataSource = dataSource;
  }

  /** Prints one refresh; returns the total number of requests Druid holds so far. */
  long print(PrintStream out)
  {
    final long total = sql.sqlLong("SELECT SUM(\"requests\") FROM \"" + dataSource + "\"", "count the requests");
    if (total == 0) {
      out.println("Waiting for the supervisor's first task to ingest requests...");
      return 0;
    }
    final List<JsonNode> routes = sql.sql(
        "SELECT service, route, SUM(\"requests\") / 60.0 AS rps, "
        + "100.0 * SUM(CASE WHEN status >= 500 THEN \"requests\" ELSE 0 END) / SUM(\"requests\") AS error_pct, "
        + "APPROX_QUANTILE_DS(latency_ms_sketch, 0.95) AS p95_ms "
        + "FROM \"" + dataSource + "\" WHERE __time >= CURRENT_TIMESTAMP - INTERVAL '1' MINUTE "
        + "GROUP BY service, route ORDER BY rps DESC",
        "read the last minute by route"
    );
    out.printf(Locale.ROOT, "%n%,d requests ingested so far; last minute by route:%n", total);
    out.printf(Locale.ROOT, "  %-10s %-20s %9s %8s %9s%n", "service", "route", "req/s", "5xx %", "p95 ms");
    for (JsonNode row : routes) {
      out.printf(
          Locale.ROOT,
          "  %-10s %-20s %9.1f %8.2f %9.0f%n",
          row.path("service").asText(),
          row.path("route").asText(),
          row.path("rps").asDouble(),
          row.path("error_pct").asDouble(),
          row.path("p95_ms").asDouble()
      );
    }
    return total;
  }
}
