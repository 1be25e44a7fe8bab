package dev.druidmsk.cli.migrate;

import java.time.Instant;

/** Druid SQL text for names and times that come from the command line. */
final class Sql
{
  private Sql()
  {
  }

  /** A double-quoted identifier: any datasource or column name, quotes doubled. */
  static String identifier(String name)
  {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /** `__time` within [start, end), the instants as ISO literals Druid folds to constants. */
  static String timeFilter(TimeInterval interval)
  {
    return "__time >= " + timestamp(interval.start()) + " AND __time < " + timestamp(interval.end());
  }

  private static String timestamp(Instant instant)
  {
    return "TIME_PARSE('" + instant + "')";
  }
}
