package dev.druidmsk.cli.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.cli.druid.ApiCall;
import dev.druidmsk.cli.druid.DruidEndpoints;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What a backfill does, computed once from the facts read from Druid, so that `migrate plan` prints exactly what
 * `migrate backfill` then executes: the snapped cutoff, the interval [start, X) taken from the source, the reindex
 * task, and the steps with their API calls.
 */
public final class MigrationPlan
{
  private final String source;
  private final String target;
  private final String targetSupervisor;
  private final Cutoff cutoff;
  private final TimeInterval backfill;
  private final TimeInterval doubleWriteWindow;
  private final String rowCount;
  private final ReindexTask task;
  private final BackfillAttempts attempts;

  private MigrationPlan(
      String source,
      String target,
      String targetSupervisor,
      Cutoff cutoff,
      TimeInterval backfill,
      String rowCount,
      ReindexTask task,
      BackfillAttempts attempts
  )
  {
    this.source = source;
    this.target = target;
    this.targetSupervisor = targetSupervisor;
    this.cutoff = cutoff;
    this.backfill = backfill;
    this.doubleWriteWindow = new TimeInterval(cutoff.effective(), cutoff.segmentGranularity().next(cutoff.effective()));
    this.rowCount = rowCount;
    this.task = task;
    this.attempts = attempts;
  }

  /**
   * {@code sourceData}: the source's first and last row times; {@code targetDataSchema}: the dataSchema of the
   * target's supervisor; {@code attemptsOf}: what earlier backfills of an interval left; {@code now}: to refuse a
   * cutoff in the future.
   */
  public static MigrationPlan of(
      String source,
      String target,
      String targetSupervisor,
      Cutoff cutoff,
      TimeInterval sourceData,
      JsonNode targetDataSchema,
      int maxSubTasks,
      Function<TimeInterval, BackfillAttempts> attemptsOf,
      Instant now
  )
  {
    final Instant x = cutoff.effective();
    if (x.isAfter(now)) {
      throw new IllegalArgumentException(
          "cutoff X = " + x + " is in the future: the target's stream must have data from X on before the data "
          + "before X is replaced; pick a cutoff in the past, after double-writing started."
      );
    }
    if (!sourceData.start().isBefore(x)) {
      throw new IllegalArgumentException(
          "source '" + source + "' has no data before cutoff X = " + x + " (its first row is at "
          + sourceData.start() + "): nothing to backfill; pick a cutoff after " + sourceData.start() + "."
      );
    }
    final Granularity segments = cutoff.segmentGranularity();
    final TimeInterval backfill = new TimeInterval(segments.floor(sourceData.start()), x);
    final BackfillAttempts attempts = attemptsOf.apply(backfill);
    final ReindexTask task = ReindexTask.of(source, target, targetDataSchema, backfill, maxSubTasks, attempts.attempt());
    return new MigrationPlan(source, target, targetSupervisor, cutoff, backfill, rowCountOf(targetDataSchema), task, attempts);
  }

  /** SUM of the target's `count` metric (events, not rolled-up rows), or COUNT(*) when it has none. */
  static String rowCountOf(JsonNode dataSchema)
  {
    for (JsonNode metric : dataSchema.path("metricsSpec")) {
      if ("count".equals(metric.path("type").asText())) {
        return "SUM(" + Sql.identifier(metric.path("name").asText()) + ")";
      }
    }
    return "COUNT(*)";
  }

  public Cutoff cutoff()
  {
    return cutoff;
  }

  public TimeInterval backfillInterval()
  {
    return backfill;
  }

  public ReindexTask task()
  {
    return task;
  }

  BackfillAttempts attempts()
  {
    return attempts;
  }

  /** The first segment at X, where source and target must already agree if double-writing began before X. */
  TimeInterval doubleWriteWindow()
  {
    return doubleWriteWindow;
  }

  /** The SQL counting the events of one datasource in the double-write window. */
  String doubleWriteCountSql(String dataSource)
  {
    return "SELECT " + rowCount + " AS \"events\" FROM " + Sql.identifier(dataSource) + " WHERE "
           + Sql.timeFilter(doubleWriteWindow);
  }

  /**
   * The SQL counting the target's segments before X that a stream task still holds (served only by the task, or
   * published but not yet loaded): their handoff must finish before they are marked unused.
   */
  /**
   * The Overlord's filter for task locks on the target before X, at any priority. A stream task keeps its lock until
   * its segments are handed off, which the Overlord knows at once (the Broker's sys.segments can lag by a minute).
   */
  ArrayNode lockFilter()
  {
    final ArrayNode filters = JsonNodeFactory.instance.arrayNode();
    final ObjectNode filter = filters.addObject().put("datasource", target).put("priority", 0);
    filter.putArray("intervals").add(backfill.toString());
    return filters;
  }

  public List<PlanStep> steps(String overlordUrl, String brokerUrl)
  {
    final List<PlanStep> steps = new ArrayList<>();
    if (attempts.succeeded() != null) {
      steps.add(new PlanStep(
          "Backfill: already done",
          "Task " + attempts.succeeded().id() + " succeeded for " + backfill + ": `migrate backfill` does nothing.",
          List.of(new ApiCall("GET", overlordUrl + DruidEndpoints.taskStatus(attempts.succeeded().id()), null))
      ));
    } else if (attempts.active() != null) {
      steps.add(new PlanStep(
          "Backfill: in progress",
          "Task " + attempts.active().id() + " is " + attempts.active().state() + ": `migrate backfill` waits for it "
          + "and submits nothing.",
          List.of(new ApiCall("GET", overlordUrl + DruidEndpoints.taskStatus(attempts.active().id()), null))
      ));
    } else {
      steps.add(doubleWriteCheck(overlordUrl, brokerUrl));
      steps.add(new PlanStep(
          "Drop the target's data before X",
          "Marks every segment of '" + target + "' wholly inside " + backfill + " unused (the Overlord's API; the "
          + "Coordinator's markUnused is deprecated in Druid 33). Readers still use the source until the flag flips.",
          List.of(new ApiCall("POST", overlordUrl + DruidEndpoints.markUnused(target), DruidEndpoints.markUnusedBody(backfill.toString())))
      ));
      steps.add(new PlanStep(
          "Reindex the source's data before X into the target",
          "index_parallel reading '" + source + "' over " + backfill + " with the druid input source, the target's "
          + "dimensions and combining metrics, appendToExisting false and dropExisting true: every target segment of "
          + "the interval is replaced, empty ones get tombstones, nothing at or after X is touched. Attempt "
          + attempts.attempt() + "; its id is deterministic, so a rerun finds it. Then poll its status until SUCCESS.",
          List.of(
              new ApiCall("POST", overlordUrl + DruidEndpoints.TASK, task.json()),
              new ApiCall("GET", overlordUrl + DruidEndpoints.taskStatus(task.id()), null)
          )
      ));
    }
    steps.add(new PlanStep(
        "Parity gate",
        "druid-msk migrate parity --source " + source + " --target " + target + " --interval " + backfill.start()
        + "/<end of the last complete segment> --granularity P1D --finest PT1H"
        + countMetricOption() + " --metric <each metric> --distinct <each dimension>: exit 0 is the gate.",
        List.of()
    ));
    steps.add(new PlanStep(
        "Flip the feature flag",
        "Point readers at '" + target + "' (your application's flag; druid-msk does not touch it), then stop "
        + "double-writing and suspend the source's supervisor.",
        List.of()
    ));
    return steps;
  }

  private PlanStep doubleWriteCheck(String overlordUrl, String brokerUrl)
  {
    final List<ApiCall> calls = new ArrayList<>();
    calls.add(new ApiCall("GET", overlordUrl + DruidEndpoints.supervisorStatus(targetSupervisor), null));
    calls.add(new ApiCall("POST", overlordUrl + DruidEndpoints.LOCKED_INTERVALS, lockFilter()));
    for (String dataSource : List.of(source, target)) {
      calls.add(new ApiCall("POST", brokerUrl + DruidEndpoints.SQL, DruidEndpoints.sqlBody(doubleWriteCountSql(dataSource))));
    }
    return new PlanStep(
        "Check double-writing",
        "The target's supervisor must be RUNNING, no task may hold a lock on the target before X (its stream tasks "
        + "keep theirs until their segments are handed off: an empty answer), and both datasources must hold the same events in the first "
        + "segment at X, " + doubleWriteWindow + ": otherwise double-writing started after X (pick a later "
        + "--cutoff) or the target lags (wait).",
        calls
    );
  }

  private String countMetricOption()
  {
    return rowCount.startsWith("SUM(") ? " --count-metric " + rowCount.substring(5, rowCount.length() - 2) : "";
  }

  public String source()
  {
    return source;
  }

  public String target()
  {
    return target;
  }

  public String targetSupervisor()
  {
    return targetSupervisor;
  }
}
