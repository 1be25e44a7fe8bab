package dev.druidmsk.cli.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.druidmsk.cli.druid.DruidClient;
import dev.druidmsk.cli.druid.DruidException;

import java.time.Instant;
import java.util.List;

/** Druid SQL of a migration: text for names and times that come from the command line, and running it. */
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

  /** Rows of {@code sql} over {@code dataSource} on the Broker, with errors that name the datasource or column. */
  static List<JsonNode> rows(DruidClient broker, String sql, String dataSource)
  {
    try {
      return broker.sql(sql, "run Druid SQL over '" + dataSource + "'");
    }
    catch (DruidException e) {
      if (e.getMessage().contains("Object '" + dataSource + "' not found")) {
        throw new MigrationException(
            "No datasource '" + dataSource + "' on " + broker.base() + ": check the name (Druid SQL: SELECT DISTINCT "
            + "datasource FROM sys.segments) and that --broker is the Broker or Router of that cluster."
        );
      }
      if (e.getMessage().contains("Column '")) {
        throw new MigrationException(
            e.getMessage() + " Check --count-metric, --metric and --distinct against the columns of '" + dataSource + "'."
        );
      }
      throw e;
    }
  }

  private static String timestamp(Instant instant)
  {
    return "TIME_PARSE('" + instant + "')";
  }
}
