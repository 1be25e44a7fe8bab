package dev.druidmsk.cli.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.druidmsk.cli.druid.DruidClient;
import dev.druidmsk.cli.druid.DruidEndpoints;
import dev.druidmsk.templates.spec.SupervisorSpec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Druid cluster a migration runs in, its Overlord (supervisors, segments, tasks) and its Broker (SQL), with the
 * answers read into the migration's model.
 */
public final class Cluster
{
  private final DruidClient overlord;
  private final DruidClient broker;

  public Cluster(DruidClient overlord, DruidClient broker)
  {
    this.overlord = overlord;
    this.broker = broker;
  }

  public String overlordUrl()
  {
    return overlord.base().toString();
  }

  public String brokerUrl()
  {
    return broker.base().toString();
  }

  /** The dataSchema of a supervisor's live spec. */
  JsonNode supervisorDataSchema(String supervisor)
  {
    final JsonNode spec = overlord.spec(supervisor).orElseThrow(() -> new MigrationException(
        "No supervisor '" + supervisor + "' on " + overlordUrl() + ": the target must be ingested by a supervisor "
        + "(submit it with `druid-msk spec submit`); pass --target-supervisor ID when its id is not the target's name."
    ));
    final JsonNode schema = SupervisorSpec.of(spec).dataSchema();
    if (!schema.isObject()) {
      throw new MigrationException("Supervisor '" + supervisor + "' has no dataSchema: is it a Kafka or Kinesis supervisor?");
    }
    return schema;
  }

  /** The supervisor's state as its status reports it (RUNNING, SUSPENDED, UNHEALTHY_SUPERVISOR...). */
  String supervisorState(String supervisor)
  {
    return overlord.getJson(
        DruidEndpoints.supervisorStatus(supervisor), "read the status of supervisor '" + supervisor + "'"
    ).map(status -> status.path("payload").path("state").asText("UNKNOWN")).orElse("NOT FOUND");
  }

  /** Rows of a Druid SQL query over {@code dataSource}, with errors that name the datasource or column. */
  List<JsonNode> query(String sql, String dataSource)
  {
    return Sql.rows(broker, sql, dataSource);
  }

  /** The first and last row times of a datasource, or empty when it has no rows. */
  Optional<TimeInterval> dataRange(String dataSource)
  {
    final List<JsonNode> rows = query(
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
    return overlord.markUnused(dataSource, interval.toString());
  }

  /** The intervals of {@code dataSource} that tasks hold locks on, as far as they overlap {@code within}. */
  List<TimeInterval> lockedIntervals(String dataSource, JsonNode lockFilter, TimeInterval within)
  {
    final JsonNode answer = overlord.lockedIntervals(lockFilter, "list the task locks on '" + dataSource + "'");
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
    overlord.submitTask(task);
  }

  /** A task's status, or empty when the Overlord knows no task with this id. */
  Optional<TaskStatus> taskStatus(String id)
  {
    return overlord.taskStatus(id).map(TaskStatus::from);
  }

  /** Rows the task read and wrote, from its reports; empty when Druid keeps none. */
  Optional<JsonNode> taskRowStats(String id)
  {
    return overlord.taskReports(id)
                   .map(reports -> reports.path("ingestionStatsAndErrors").path("payload").path("rowStats"))
                   .filter(JsonNode::isObject);
  }
}
