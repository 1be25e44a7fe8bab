package dev.druidmsk.cli.druid;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The paths and request bodies of the Druid APIs druid-msk calls, written once: {@link DruidClient} calls them and
 * printed plans show them as curl commands.
 */
public final class DruidEndpoints
{
  public static final String SUPERVISOR = "/druid/indexer/v1/supervisor";
  public static final String TASK = "/druid/indexer/v1/task";
  /** The indexers and middle managers registered with the Overlord. */
  public static final String WORKERS = "/druid/indexer/v1/workers";
  public static final String LOCKED_INTERVALS = "/druid/indexer/v1/lockedIntervals/v2";
  public static final String SQL = "/druid/v2/sql";
  public static final String TERMINATE_ALL_SUPERVISORS = SUPERVISOR + "/terminateAll";
  /** Every Druid service: {@code true} once its HTTP server is up, before it is ready to serve. */
  public static final String HEALTH = "/status/health";

  private DruidEndpoints()
  {
  }

  public static String supervisor(String id)
  {
    return SUPERVISOR + "/" + encode(id);
  }

  /** The supervisor's specs as Druid stored them, newest first, each with its version (a timestamp). */
  public static String supervisorHistory(String id)
  {
    return supervisor(id) + "/history";
  }

  public static String supervisorStatus(String id)
  {
    return supervisor(id) + "/status";
  }

  public static String task(String id)
  {
    return TASK + "/" + encode(id);
  }

  public static String taskStatus(String id)
  {
    return task(id) + "/status";
  }

  /** The Overlord's markUnused (the Coordinator's is deprecated in Druid 33). */
  public static String markUnused(String dataSource)
  {
    return "/druid/indexer/v1/datasources/" + encode(dataSource) + "/markUnused";
  }

  public static ObjectNode markUnusedBody(String interval)
  {
    return JsonNodeFactory.instance.objectNode().put("interval", interval);
  }

  /** Rows as JSON objects, exact distinct counts and UTC times, so that numbers compare and buckets do not shift. */
  public static ObjectNode sqlBody(String query)
  {
    final ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("query", query);
    body.put("resultFormat", "object");
    body.putObject("context").put("useApproximateCountDistinct", false).put("sqlTimeZone", "Etc/UTC");
    return body;
  }

  private static String encode(String value)
  {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
