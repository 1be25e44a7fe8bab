package dev.druidmsk.cli.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The `index_parallel` task that copies the source's data of [start, X) into the target: Druid's `druid` input
 * source over the source datasource, the target's dimensions and (combining) metrics, the target's segment and
 * query granularity, and `dropExisting` with the interval given, so that every target segment of [start, X) is
 * replaced (or tombstoned where the source has nothing) and nothing at or after X is touched.
 */
public final class ReindexTask
{
  /** Task context key marking druid-msk's backfill tasks, so operators can find them in the task list. */
  public static final String CONTEXT_MARKER = "druidMskBackfill";
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final String id;
  private final ObjectNode task;

  private ReindexTask(String id, ObjectNode task)
  {
    this.id = id;
    this.task = task;
  }

  /**
   * {@code targetDataSchema}: the dataSchema of the target's supervisor spec; {@code attempt}: 1 for the first
   * submission, more after a failed one (Druid refuses a second task with the same id).
   */
  public static ReindexTask of(
      String source,
      String target,
      JsonNode targetDataSchema,
      TimeInterval interval,
      int maxSubTasks,
      int attempt
  )
  {
    final String id = idOf(target, interval, attempt);
    final ObjectNode task = JSON.objectNode();
    task.put("type", "index_parallel");
    task.put("id", id);
    final ObjectNode spec = task.putObject("spec");
    spec.set("dataSchema", dataSchema(target, targetDataSchema, interval));

    final ObjectNode ioConfig = spec.putObject("ioConfig");
    ioConfig.put("type", "index_parallel");
    final ObjectNode inputSource = ioConfig.putObject("inputSource");
    inputSource.put("type", "druid");
    inputSource.put("dataSource", source);
    inputSource.put("interval", interval.toString());
    ioConfig.put("appendToExisting", false);
    ioConfig.put("dropExisting", true);

    final ObjectNode tuning = spec.putObject("tuningConfig");
    tuning.put("type", "index_parallel");
    tuning.putObject("partitionsSpec").put("type", "dynamic");
    tuning.put("maxNumConcurrentSubTasks", maxSubTasks);

    task.putObject("context").put(CONTEXT_MARKER, source + " -> " + target + " " + interval);
    return new ReindexTask(id, task);
  }

  /** Deterministic, so that a rerun finds the task of an earlier run instead of submitting a second one. */
  static String idOf(String target, TimeInterval interval, int attempt)
  {
    return "druid-msk-backfill_" + target + "_" + interval.start() + "_" + interval.end() + "_" + attempt;
  }

  private static ObjectNode dataSchema(String target, JsonNode targetDataSchema, TimeInterval interval)
  {
    final ObjectNode schema = JSON.objectNode();
    schema.put("dataSource", target);
    // The druid input source exposes each row's time as __time, in milliseconds.
    schema.putObject("timestampSpec").put("column", "__time").put("format", "millis");
    schema.set("dimensionsSpec", targetDataSchema.path("dimensionsSpec").deepCopy());
    schema.set("metricsSpec", CombiningAggregators.of(targetDataSchema.path("metricsSpec")));
    final JsonNode targetGranularity = targetDataSchema.path("granularitySpec");
    final ObjectNode granularity = schema.putObject("granularitySpec");
    granularity.put("type", "uniform");
    granularity.set("segmentGranularity", targetGranularity.path("segmentGranularity").deepCopy());
    if (targetGranularity.has("queryGranularity")) {
      granularity.set("queryGranularity", targetGranularity.get("queryGranularity").deepCopy());
    }
    granularity.put("rollup", targetGranularity.path("rollup").asBoolean(true));
    granularity.putArray("intervals").add(interval.toString());
    return schema;
  }

  public String id()
  {
    return id;
  }

  public ObjectNode json()
  {
    return task.deepCopy();
  }
}
