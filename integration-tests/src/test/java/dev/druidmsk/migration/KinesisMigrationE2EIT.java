package dev.druidmsk.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.cli.druid.DruidEndpoints;
import dev.druidmsk.e2e.E2eCluster;
import dev.druidmsk.e2e.SharedCluster;
import dev.druidmsk.ingest.DruidMskCommand;
import dev.druidmsk.localmsk.testing.TestStacks;
import dev.druidmsk.telemetry.ApiRequest;
import dev.druidmsk.telemetry.ApiRequestGenerator;
import dev.druidmsk.telemetry.ApiRequestProducer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kinesis-to-MSK migration on a real Druid 33 cluster: a "legacy" datasource batch-ingested with four hours of
 * API events spanning the cutoff X (as the Kinesis datasource holds them), a Kafka supervisor reading the same events
 * from an hour before X on through the IAM broker (double-writing started then), `druid-msk migrate backfill` and
 * `migrate parity` run from the packaged command. On the {@link SharedCluster}; the test runs the whole migration in
 * order.
 */
@ExtendWith(SharedCluster.class)
class KinesisMigrationE2EIT
{
  private static final String LEGACY = "api_requests_kinesis";
  private static final String TARGET = "api_requests_msk";
  private static final long SEED = 7;
  private static final Duration SPACING = Duration.ofSeconds(4);
  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  private static E2eCluster stack;

  @BeforeAll
  static void useSharedStack(E2eCluster shared)
  {
    stack = shared;
  }

  @Test
  void backfillThenParityMatchesExactlyAndADroppedHourIsFoundByBisection() throws Exception
  {
    // X falls 17 minutes into an hour segment, two hours back: backfill must move it to the next hour.
    final Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
    final Instant requestedCutoff = hour.minus(2, ChronoUnit.HOURS).plus(17, ChronoUnit.MINUTES);
    final Instant cutoff = hour.minus(1, ChronoUnit.HOURS);
    final Instant first = cutoff.minus(3, ChronoUnit.HOURS);
    final List<ApiRequest> events = events(first, cutoff.plus(1, ChronoUnit.HOURS));
    final Instant doubleWriteStart = cutoff.minus(1, ChronoUnit.HOURS);
    final List<ApiRequest> streamed = events.stream()
                                            .filter(event -> !event.timestamp().isBefore(doubleWriteStart))
                                            .collect(Collectors.toList());

    ingestLegacy(events);
    streamIntoTarget(first, events.size() - streamed.size(), streamed.size());
    final long legacyRowsBeforeX = stack.stack().sql().sqlLong(
        "SELECT COUNT(*) FROM \"" + LEGACY + "\" WHERE __time < TIME_PARSE('" + cutoff + "')",
        "count the legacy rows before X"
    );

    final DruidMskCommand.Result plan = migrate("plan", "--source", LEGACY, "--target", TARGET,
                                                "--cutoff", requestedCutoff.toString());
    assertThat(plan.exitCode()).as("%s", plan).isZero();
    final String taskId = "druid-msk-backfill_" + TARGET + "_" + first + "_" + cutoff + "_1";
    assertThat(plan.stdout()).contains("Cutoff X moved from " + requestedCutoff + " to " + cutoff)
                             .contains("/druid/indexer/v1/datasources/" + TARGET + "/markUnused")
                             .contains("\"id\" : \"" + taskId + "\"");
    final DruidMskCommand.Result dryRun = migrate("backfill", "--source", LEGACY, "--target", TARGET,
                                                  "--cutoff", requestedCutoff.toString(), "--dry-run");
    assertThat(dryRun.exitCode()).as("%s", dryRun).isZero();
    assertThat(dryRun.stdout()).contains("Dry run: no call was made.");
    assertThat(stack.overlord().taskStatus(taskId)).as("no task after plan and dry run").isEmpty();

    final DruidMskCommand.Result backfill = migrate("backfill", "--source", LEGACY, "--target", TARGET,
                                                    "--cutoff", requestedCutoff.toString(), "--poll-interval", "2s",
                                                    "--timeout", "3m");
    assertThat(backfill.exitCode()).as("%s", backfill).isZero();
    assertThat(backfill.stderr()).contains("Cutoff X moved from " + requestedCutoff + " to " + cutoff);
    assertThat(backfill.stdout()).contains("Submitted reindex task " + taskId)
                                 .contains("Backfill done").contains("rows read " + legacyRowsBeforeX + ",");
    System.out.println("[migration] backfill:\n" + backfill.stdout());

    final DruidMskCommand.Result again = migrate("backfill", "--source", LEGACY, "--target", TARGET,
                                                 "--cutoff", requestedCutoff.toString());
    assertThat(again.exitCode()).as("%s", again).isZero();
    assertThat(again.stdout()).contains("Already done").doesNotContain("Submitted");

    final String interval = first + "/" + cutoff.plus(1, ChronoUnit.HOURS);
    awaitEvents(TARGET, events.size());
    final DruidMskCommand.Result parity = parity(interval);
    System.out.println("[migration] parity after backfill:\n" + parity.stdout());
    assertThat(parity.exitCode()).as("%s", parity).isZero();
    assertThat(parity.stdout()).contains("MATCH: " + LEGACY + " and " + TARGET).doesNotContain("MISMATCH");

    final Instant droppedStart = cutoff.minus(2, ChronoUnit.HOURS);
    final String dropped = droppedStart + "/" + droppedStart.plus(1, ChronoUnit.HOURS);
    stack.overlord().markUnused(TARGET, dropped);
    awaitEvents(TARGET, events.size() - countIn(events, droppedStart, droppedStart.plus(1, ChronoUnit.HOURS)));

    final DruidMskCommand.Result mismatch = parity(interval);
    System.out.println("[migration] parity after dropping " + dropped + ":\n" + mismatch.stdout());
    assertThat(mismatch.exitCode()).as("%s", mismatch).isEqualTo(1);
    assertThat(mismatch.stdout()).contains("MISMATCH in 1 interval(s), bisected to PT1H:").contains("  " + dropped);
    final JsonNode json = E2eCluster.JSON.readTree(parity(interval, "--json").stdout());
    assertThat(json.path("mismatches").toString()).isEqualTo("[\"" + dropped + "\"]");
  }

  @Test
  void anUnknownDatasourceIsNamedWithTheFix() throws Exception
  {
    final DruidMskCommand.Result parity = migrate("parity", "--source", "no_such_datasource", "--target", LEGACY,
                                                  "--interval", "2026-01-01T00:00:00Z/2026-01-02T00:00:00Z");
    assertThat(parity.exitCode()).as("%s", parity).isEqualTo(2);
    assertThat(parity.stderr()).contains("No datasource 'no_such_datasource'").contains("check the name");
  }

  /** One event every {@link #SPACING} over [from, to), reproducible. */
  private static List<ApiRequest> events(Instant from, Instant to)
  {
    final ApiRequestGenerator generator = new ApiRequestGenerator(SEED, from, SPACING);
    final List<ApiRequest> events = new ArrayList<>();
    for (ApiRequest event = generator.next(); event.timestamp().isBefore(to); event = generator.next()) {
      events.add(event);
    }
    return events;
  }

  /** The legacy datasource as a Kinesis supervisor would have filled it: the template's schema, batch-ingested. */
  private static void ingestLegacy(List<ApiRequest> events) throws Exception
  {
    final Path dir = Files.createDirectories(TestStacks.workDir(KinesisMigrationE2EIT.class).resolve("legacy"));
    Files.write(dir.resolve("events.json"), events.stream().map(ApiRequest::toJson).collect(Collectors.toList()));
    final JsonNode schema = telemetrySpec(LEGACY).at("/spec/dataSchema");
    final ObjectNode task = E2eCluster.JSON.createObjectNode().put("type", "index_parallel");
    final ObjectNode spec = task.putObject("spec");
    spec.set("dataSchema", schema);
    final ObjectNode io = spec.putObject("ioConfig").put("type", "index_parallel");
    io.putObject("inputSource").put("type", "local").put("baseDir", dir.toString()).put("filter", "events.json");
    io.putObject("inputFormat").put("type", "json");
    spec.putObject("tuningConfig").put("type", "index_parallel").put("maxNumConcurrentSubTasks", 1);
    final String id = stack.overlord().postJson(DruidEndpoints.TASK, task, "accept the legacy batch task")
                           .path("task").asText();
    E2eCluster.await("legacy batch ingestion " + id, TIMEOUT, () -> {
      final String state = stack.overlordGet(DruidEndpoints.taskStatus(id)).at("/status/statusCode").asText();
      assertThat(state).as("legacy ingestion task").isNotEqualTo("FAILED");
      return "SUCCESS".equals(state);
    });
    awaitEvents(LEGACY, events.size());
  }

  /**
   * The target: the shipped MSK IAM template, submitted with druid-msk, fed over IAM with the same events as the
   * legacy datasource from the {@code skipped}-th on (double-writing started an hour before X).
   */
  private static void streamIntoTarget(Instant first, int skipped, int streamed) throws Exception
  {
    stack.stack().createTopic(TARGET, 1);
    final Path spec = stack.stack().renderTelemetrySpec(TARGET, TARGET, TestStacks.EXTERNAL_ID);
    final DruidMskCommand.Result submit = stack.stack().druidMsk("spec", "submit", "--spec", spec.toString(), "--settle", "5s");
    assertThat(submit.exitCode()).as("%s", submit).isZero();
    try (ApiRequestProducer producer = new ApiRequestProducer(stack.producerClient("migration-producer"))) {
      final ApiRequestGenerator replay = new ApiRequestGenerator(SEED, first, SPACING);
      for (int i = 0; i < skipped; i++) {
        replay.next();
      }
      producer.send(TARGET, replay, streamed);
    }
    awaitEvents(TARGET, streamed);
    // Hand the stream's segments off, as hours of double-writing would have: backfill refuses to drop segments a
    // task still holds, and the reindex needs the task's locks.
    // The Overlord's task list, not the supervisor's status report, which can lag behind a supervisor this young.
    final List<String> streaming = new ArrayList<>();
    stack.overlordGet("/druid/indexer/v1/tasks?state=running&datasource=" + TARGET)
         .forEach(task -> streaming.add(task.path("id").asText()));
    assertThat(streaming).as("the stream task that ingested the events").isNotEmpty();
    final ObjectNode groups = E2eCluster.JSON.createObjectNode();
    groups.putArray("taskGroupIds").add(0);
    stack.overlord().postJson(
        DruidEndpoints.supervisor(TARGET) + "/taskGroups/handoff", groups, "hand off the tasks of " + TARGET
    );
    for (String task : streaming) {
      E2eCluster.await("stream task " + task + " handed off", TIMEOUT, () -> "SUCCESS".equals(
          stack.overlordGet(DruidEndpoints.taskStatus(task)).at("/status/statusCode").asText()
      ));
    }
  }

  private static JsonNode telemetrySpec(String dataSource) throws Exception
  {
    return E2eCluster.JSON.readTree(stack.stack().renderTelemetrySpec(dataSource, dataSource, TestStacks.EXTERNAL_ID).toFile());
  }

  private static DruidMskCommand.Result parity(String interval, String... extra) throws Exception
  {
    final List<String> args = new ArrayList<>(List.of(
        "parity", "--source", LEGACY, "--target", TARGET, "--interval", interval, "--granularity", "P1D",
        "--finest", "PT1H", "--count-metric", "requests", "--metric", "bytes_sum", "--metric", "latency_ms_sum",
        "--distinct", "service", "--distinct", "route", "--distinct", "consumer"
    ));
    args.addAll(List.of(extra));
    return migrate(args.toArray(new String[0]));
  }

  /** `druid-msk migrate ...` from the packaged command, with the Broker for SQL (the Overlord comes from the env). */
  private static DruidMskCommand.Result migrate(String... args) throws Exception
  {
    final List<String> command = new ArrayList<>(List.of("migrate"));
    command.addAll(List.of(args));
    command.addAll(List.of("--broker", stack.stack().druid().brokerUrl().toString()));
    return stack.stack().druidMsk(command.toArray(new String[0]));
  }

  private static void awaitEvents(String dataSource, long expected) throws InterruptedException
  {
    E2eCluster.await(expected + " events queryable in " + dataSource, TIMEOUT, () -> stack.stack().sql().sqlLong(
        "SELECT SUM(\"requests\") FROM \"" + dataSource + "\"", "count the requests in " + dataSource
    ) == expected);
  }

  private static long countIn(List<ApiRequest> events, Instant from, Instant to)
  {
    return events.stream().filter(event -> !event.timestamp().isBefore(from) && event.timestamp().isBefore(to)).count();
  }
}
