package dev.druidmsk.cli.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.cli.CliException;
import dev.druidmsk.cli.OverlordClient;
import dev.druidmsk.cli.OverlordException;

import java.util.ArrayList;
import java.util.List;

/** Druid SQL on the Broker (or a Router), rows as JSON objects, with errors that name the datasource or column. */
public final class DruidSql
{
  static final String PATH = "/druid/v2/sql";

  private final OverlordClient broker;

  public DruidSql(OverlordClient broker)
  {
    this.broker = broker;
  }

  public String url()
  {
    return broker.base().toString();
  }

  /** Exact distinct counts and UTC buckets, so parity never compares estimates or shifted days. */
  List<JsonNode> query(String sql, String dataSource)
  {
    final ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("query", sql);
    body.put("resultFormat", "object");
    body.putObject("context").put("useApproximateCountDistinct", false).put("sqlTimeZone", "Etc/UTC");
    final JsonNode rows;
    try {
      rows = broker.postJson(PATH, body, "run Druid SQL over '" + dataSource + "'");
    }
    catch (OverlordException e) {
      if (e.getMessage().contains("Object '" + dataSource + "' not found")) {
        throw new CliException(
            "No datasource '" + dataSource + "' on " + url() + ": check the name (Druid SQL: SELECT DISTINCT "
            + "datasource FROM sys.segments) and that --broker is the Broker or Router of that cluster."
        );
      }
      if (e.getMessage().contains("Column '")) {
        throw new CliException(
            e.getMessage() + " Check --count-metric, --metric and --distinct against the columns of '" + dataSource + "'."
        );
      }
      throw e;
    }
    final List<JsonNode> list = new ArrayList<>();
    rows.forEach(list::add);
    return list;
  }
}
