package dev.druidmsk.cli.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.cli.CliException;
import dev.druidmsk.cli.OverlordClient;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The Druid calls of a backfill: supervisor specs, segments and tasks on the Overlord, SQL on the Broker. */
public final class DruidApi
{
  static final String TASK_PATH = "/druid/indexer/v1/task";
  static final String LOCKED_INTERVALS_PATH = "/druid/indexer/v1/lockedIntervals/v2";

  private final OverlordClient overlord;
  private final DruidSql sql;

  public DruidApi(OverlordClient overlord, DruidSql sql)
  {
    this.overlord = overlord;
    this.sql = sql;
  }

  public String overlordUrl()
  {
    return overlord.base().toString();
  }

  public DruidSql sql()
  {
    return sql;
  }

  /** The dataSchema of a supervisor's live spec. */
  JsonNode supervisorDataSchema(String supervisor)
  {
    final JsonNode spec = overlord.getJson(supervisorPath(supervisor), "read the spec of supervisor '" + supervisor + "'")
                                  .orElseThrow(() -> new CliException(
                                      "No supervisor '" + supervisor + "' on " + overlordUrl() + ": the target must be "
                                      + "ingested by a supervisor (submit it with `druid-msk spec submit`); pass "
                                      + "--target-supervisor ID when its id is not the target's name."
                                  ));
    final JsonNode schema = spec.path("spec").has("dataSchema") ? spec.path("spec").path("dataSchema") : spec.path("dataSchema");
    if (!schema.isObject()) {
      throw new CliException("Supervisor '" + supervisor + "' has no dataSchema: is it a Kafka or Kinesis supervisor?");
    }
    return schema;
  }

  /** The supervisor's state as its status reports it (RUNNING, SUSPENDED, UNHEALTHY_SUPERVISOR...). */
  String supervisorState(String supervisor)
  {
    return overlord.getJson(supervisorPath(supervisor) + "/status", "read the status of supervisor '" + supervisor + "'")
                   .map(status -> status.path("payload").path("state").asText("UNKNOWN"))
                   .orElse("NOT FOUND");
  }

  /** The first and last row times of a datasource, or empty when it has no rows. */
  Optional<TimeInterval> dataRange(String dataSource)
  {
    final List<JsonNode> rows = sql.query(
        "SELECT MIN(__time) AS \"first\", MAX(__time) AS \"last\" FROM " + Sql.identifier(dataSource),
        dataSource
    );
    if (rows.isEmpty() || rows.get(0).path("first").isNull() || rows.get(0).path("first").isMissingNode()) {
      return Optional.empty();
    }
    final Instant first = Instant.parse(rows.get(0).get("first").asText());
    final Instant last = Instant.parse(rows.get(0).get("last").asText());
    return Optional.of(new TimeInterval(first, last.plusMillis(1)));
  }

  /** Marks the datasource's segments wholly inside the interval unused; returns how many changed. */
  int markUnused(String dataSource, TimeInterval interval)
  {
    final JsonNode answer = overlord.postJson(
        markUnusedPath(dataSource),
        markUnusedBody(interval),
        "mark segments of '" + dataSource + "' in " + interval + " unused"
    );
    return answer.path("numChangedSegments").asInt();
  }

  static String markUnusedPath(String dataSource)
  {
    return "/druid/indexer/v1/datasources/" + encode(dataSource) + "/markUnused";
  }

  static ObjectNode markUnusedBody(TimeInterval interval)
  {
    return JsonNodeFactory.instance.objectNode().put("interval", interval.toString());
  }

  /** The intervals of {@code dataSource} that tasks hold locks on, as far as they overlap {@code within}. */
  List<TimeInterval> lockedIntervals(String dataSource, JsonNode lockFilter, TimeInterval within)
  {
    final JsonNode answer = overlord.postJson(
        LOCKED_INTERVALS_PATH, lockFilter, "list the task locks on '" + dataSource + "'"
    );
    final List<TimeInterval> locked = new ArrayList<>();
    for (JsonNode interval : answer.path(dataSource)) {
      final TimeInterval overlap = TimeInterval.parse(interval.asText()).clip(within);
      if (overlap != null) {
        locked.add(overlap);
      }
    }
    return locked;
  }

  void submitTask(JsonNode task)
  {
    overlord.postJson(TASK_PATH, task, "accept task '" + task.path("id").asText() + "'");
  }

  /** A task's status, or empty when the Overlord knows no task with this id. */
  Optional<TaskStatus> taskStatus(String id)
  {
    return overlord.getJson(taskPath(id) + "/status", "read the status of task '" + id + "'")
                   .map(answer -> answer.path("status"))
                   .filter(JsonNode::isObject)
                   .map(TaskStatus::from);
  }

  /** Rows the task read and wrote, from its reports; empty when Druid keeps none. */
  Optional<JsonNode> taskRowStats(String id)
  {
    return overlord.getJson(taskPath(id) + "/reports", "read the reports of task '" + id + "'")
                   .map(reports -> reports.path("ingestionStatsAndErrors").path("payload").path("rowStats"))
                   .filter(JsonNode::isObject);
  }

  static String taskPath(String id)
  {
    return TASK_PATH + "/" + encode(id);
  }

  static String supervisorPath(String id)
  {
    return "/druid/indexer/v1/supervisor/" + encode(id);
  }

  private static String encode(String value)
  {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
