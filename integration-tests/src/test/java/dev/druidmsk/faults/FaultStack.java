package dev.druidmsk.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.cli.druid.DruidClient;
import dev.druidmsk.cluster.DruidCluster;
import dev.druidmsk.cluster.DruidService;
import dev.druidmsk.e2e.E2eCluster;
import dev.druidmsk.ingest.LocalIngestionStack;
import dev.druidmsk.localmsk.LocalMsk;
import dev.druidmsk.localmsk.NodeIdentity;
import dev.druidmsk.localmsk.testing.TestStacks;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

/**
 * The end-to-end cluster of the fault suite (emulator settings of its own) and the Overlord calls the faults need:
 * a supervisor per topic whose datasource keeps one row per event, its tasks and their outcomes.
 */
final class FaultStack implements AutoCloseable
{
  private final E2eCluster cluster;

  private FaultStack(E2eCluster cluster)
  {
    this.cluster = cluster;
  }

  /**
   * The nodes' own identity is EKS IRSA (a web identity token file, no keys), from which they assume the reader role
   * in the MSK account with its external ID; the Indexer has a slot for each of {@code indexerTasks}.
   */
  static FaultStack start(Class<?> suite, UnaryOperator<LocalMsk.Builder> emulator, int indexerTasks)
      throws Exception
  {
    return new FaultStack(E2eCluster.start(
        suite, true, E2eCluster.READER.onNodes(NodeIdentity.IRSA), emulator,
        druid -> druid.indexerCapacity(indexerTasks)
    ));
  }

  LocalIngestionStack stack()
  {
    return cluster.stack();
  }

  LocalMsk msk()
  {
    return cluster.stack().msk();
  }

  /**
   * Creates a topic of {@code tasks} partitions and submits the shipped telemetry template's supervisor for it (IAM
   * role with external ID, SASL_SSL) with one reading task per partition, changed to keep every event as its own
   * row: no rollup, no metrics, {@code event_id} as a long dimension.
   */
  void submitOneRowPerEvent(String dataSource, int tasks) throws Exception
  {
    cluster.stack().createTopic(dataSource, tasks);
    final Path rendered = cluster.stack().renderTelemetrySpec(dataSource, dataSource, TestStacks.EXTERNAL_ID);
    final ObjectNode spec = (ObjectNode) E2eCluster.JSON.readTree(rendered.toFile());
    ((ObjectNode) spec.at("/spec/ioConfig")).put("taskCount", tasks);
    final ObjectNode schema = (ObjectNode) spec.at("/spec/dataSchema");
    ((ArrayNode) schema.at("/dimensionsSpec/dimensions")).addObject().put("type", "long").put("name", "event_id");
    schema.putArray("metricsSpec");
    ((ObjectNode) schema.get("granularitySpec")).put("rollup", false).put("queryGranularity", "none");
    cluster.overlord().submit(spec);
  }

  /** Ids of the supervisor's active tasks. */
  List<String> activeTasks(String supervisor) throws IOException, InterruptedException
  {
    return cluster.activeTaskIds(supervisor);
  }

  /**
   * Whether the supervisor's reading tasks have, between them, read each partition of its topic up to its offset in
   * {@code ends} (the next offset each task would read, as the task itself reports it).
   */
  boolean readTo(String supervisor, Map<Integer, Long> ends) throws IOException, InterruptedException
  {
    final DruidClient indexer = cluster.stack().druid().client(DruidService.INDEXER);
    final Map<Integer, Long> read = new HashMap<>();
    for (String task : activeTasks(supervisor)) {
      final String path = "/druid/worker/v1/chat/" + task + "/offsets/current";
      indexer.getJson(path, "GET " + path).orElseThrow(() -> new IllegalStateException(task + " is not running"))
             .fields()
             .forEachRemaining(offset -> read.merge(partition(offset.getKey()), offset.getValue().asLong(), Long::max));
    }
    return read.equals(ends);
  }

  /** Druid names a partition by its number, prefixed with the topic and a colon when a supervisor reads several. */
  private static int partition(String key)
  {
    return Integer.parseInt(key.substring(key.lastIndexOf(':') + 1));
  }

  /** Tasks of the datasource the Overlord reports FAILED, with their error messages. */
  List<String> failedTasks(String dataSource) throws IOException, InterruptedException
  {
    final List<String> failed = new ArrayList<>();
    for (JsonNode task : cluster.overlordGet("/druid/indexer/v1/tasks?datasource=" + dataSource)) {
      if ("FAILED".equals(task.path("statusCode").asText())) {
        failed.add(task.path("id").asText() + ": " + task.path("errorMsg").asText());
      }
    }
    return failed;
  }

  /**
   * Suspends the supervisor, waits until its tasks are gone, and resumes it: a new task for every partition group
   * starts at once.
   */
  void suspendAndResume(String supervisor) throws Exception
  {
    cluster.overlord().act(supervisor, "suspend");
    await("the tasks of " + supervisor + " to end", Duration.ofMinutes(3), () -> activeTasks(supervisor).isEmpty());
    cluster.overlord().act(supervisor, "resume");
  }

  void terminateSupervisors()
  {
    cluster.terminateSupervisors();
  }

  static void await(String what, Duration timeout, Callable<Boolean> condition) throws InterruptedException
  {
    DruidCluster.awaitApi(what, timeout, condition, FaultStack::progress);
  }

  private static void progress(String line)
  {
    System.out.println("[faults] " + line);
  }

  @Override
  public void close() throws Exception
  {
    cluster.close();
  }
}
