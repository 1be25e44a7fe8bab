package dev.druidmsk.quickstart;

import dev.druidmsk.cluster.DruidSql;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The quickstart's analytics view: per route over the last minute, from Druid SQL. */
final class LiveApiView
{
  private final DruidSql sql;
  private final String dataSource;

  LiveApiView(DruidSql sql, String dataSource)
  {
    this.sql = sql;
    this.dataSource = dataSource;
  }

  /** Prints one refresh; returns the total number of requests Druid holds so far. */
  long print(PrintStream out) throws Exception
  {
    final long total = sql.queryLong("SELECT SUM(\"requests\") FROM \"" + dataSource + "\"");
    if (total == 0) {
      out.println("Waiting for the supervisor's first task to ingest requests...");
      return 0;
    }
    final List<Map<String, Object>> routes = sql.query(
        "SELECT service, route, SUM(\"requests\") / 60.0 AS rps, "
        + "100.0 * SUM(CASE WHEN status >= 500 THEN \"requests\" ELSE 0 END) / SUM(\"requests\") AS error_pct, "
        + "APPROX_QUANTILE_DS(latency_ms_sketch, 0.95) AS p95_ms "
        + "FROM \"" + dataSource + "\" WHERE __time >= CURRENT_TIMESTAMP - INTERVAL '1' MINUTE "
        + "GROUP BY service, route ORDER BY rps DESC"
    );
    out.printf(Locale.ROOT, "%n%,d requests ingested so far; last minute by route:%n", total);
    out.printf(Locale.ROOT, "  %-10s %-20s %9s %8s %9s%n", "service", "route", "req/s", "5xx %", "p95 ms");
    for (Map<String, Object> row : routes) {
      out.printf(
          Locale.ROOT,
          "  %-10s %-20s %9.1f %8.2f %9.0f%n",
          row.get("service"),
          row.get("route"),
          number(row.get("rps")),
          number(row.get("error_pct")),
          number(row.get("p95_ms"))
      );
    }
    return total;
  }

  private static double number(Object value)
  {
    return value == null ? 0 : ((Number) value).doubleValue();
  }
}
