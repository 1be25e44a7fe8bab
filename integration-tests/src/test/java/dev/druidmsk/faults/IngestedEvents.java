package dev.druidmsk.faults;

import dev.druidmsk.cluster.DruidSql;

import java.util.Map;

/**
 * What a datasource without rollup holds of an {@link EventStream}, counted exactly: rows (one per ingested
 * event), distinct event ids, and the smallest and largest id.
 */
record IngestedEvents(long rows, long distinct, long minId, long maxId)
{
  private static final Map<String, Object> EXACT = Map.of("useApproximateCountDistinct", false);

  static IngestedEvents of(DruidSql sql, String dataSource) throws Exception
  {
    final Map<String, Object> row = sql.query(
        "SELECT COUNT(*) AS \"rows\", COUNT(DISTINCT event_id) AS \"distinct\", MIN(event_id) AS \"min\","
        + " MAX(event_id) AS \"max\" FROM \"" + dataSource + "\"",
        EXACT
    ).get(0);
    return new IngestedEvents(number(row, "rows"), number(row, "distinct"), number(row, "min"), number(row, "max"));
  }

  /** Rows only, for polling while ingestion catches up; 0 until the datasource exists. */
  static long rows(DruidSql sql, String dataSource) throws Exception
  {
    return sql.queryLong("SELECT COUNT(*) FROM \"" + dataSource + "\"");
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

  private static long number(Map<String, Object> row, String column)
  {
    final Object value = row.get(column);
    return value == null ? 0 : ((Number) value).longValue();
  }
}
