package dev.druidmsk.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.druidmsk.cli.druid.DruidClient;

/**
 * What a datasource without rollup holds of an {@link EventStream}, counted exactly: rows (one per ingested
 * event), distinct event ids, and the smallest and largest id.
 */
record IngestedEvents(long rows, long distinct, long minId, long maxId)
{
  /** Distinct counts are exact: DruidClient's SQL turns Druid's approximate COUNT(DISTINCT) off. */
  static IngestedEvents of(DruidClient broker, String dataSource)
  {
    final JsonNode row = broker.sql(
        "SELECT COUNT(*) AS \"rows\", COUNT(DISTINCT event_id) AS \"distinct\", MIN(event_id) AS \"min\","
        + " MAX(event_id) AS \"max\" FROM \"" + dataSource + "\"",
        "count the events in " + dataSource
    ).get(0);
    return new IngestedEvents(number(row, "rows"), number(row, "distinct"), number(row, "min"), number(row, "max"));
  }

  /** Rows only, for polling while ingestion catches up; 0 until the datasource exists. */
  static long rows(DruidClient broker, String dataSource)
  {
    return broker.sqlLong("SELECT COUNT(*) FROM \"" + dataSource + "\"", "count the rows of " + dataSource);
  }

  /**
   * Produced events not ingested. Exact when the ids lie within 0 to {@code produced}-1, which
   * {@link #idsWithin} tells.
   */
  long lost(long produced)
  {
    return produced - distinct;
  }

  boolean idsWithin(long produced)
  {
    return rows == 0 || (minId >= 0 && maxId < produced);
  }

  /** Rows beyond the first of each id. */
  long duplicated()
  {
    return rows - distinct;
  }

  private static long number(JsonNode row, String column)
  {
    return row.path(column).asLong(0);
  }
}
