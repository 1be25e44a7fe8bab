package dev.druidmsk.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.cli.druid.DruidEndpoints;
import dev.druidmsk.ingest.DruidMskCommand;
import dev.druidmsk.localmsk.testing.TestStacks;
import dev.druidmsk.telemetry.ApiRequestGenerator;
import dev.druidmsk.telemetry.ApiRequestProducer;
import dev.druidmsk.telemetry.ProducedTotals;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Druid 33 ingesting API telemetry from the MSK IAM emulator through the aws-msk-iam provider: a home provisioned
 * by bootstrap's installer, specs rendered from the shipped template, submitted with the druid-msk command, over
 * SASL_SSL with role assumption and an external ID. One cluster for the suite, one topic and datasource per test.
 */
class MskIngestionE2EIT
{
  private static final int EVENTS = 10_000;
  private static final Duration INGEST_TIMEOUT = Duration.ofMinutes(3);
  /** How STS words a trust-policy refusal (a wrong external ID among its causes), as the supervisor reports it. */
  private static final String STS_REFUSAL = "is not authorized to perform: sts:AssumeRole";

  private static E2eCluster stack;

  @BeforeAll
  static void startStack() throws Exception
  {
    stack = E2eCluster.start(MskIngestionE2EIT.class, true);
  }

  /**
   * Each test's supervisor reads its own topic; terminating them lets their tasks publish and give their slots back
   * while the next test runs (the indexer has four).
   */
  @AfterEach
  void terminateSupervisors() throws Exception
  {
    stack.overlord().post(DruidEndpoints.TERMINATE_ALL_SUPERVISORS, "terminate every supervisor");
  }

  @AfterAll
  static void stopStack() throws Exception
  {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void everyProducedRequestIsQueryableAndSurvivesHandoffToTheHistorical() throws Exception
  {
    final String dataSource = "api_requests_happy";
    stack.stack().createTopic(dataSource, 1);
    final Path spec = stack.stack().renderTelemetrySpec(dataSource, dataSource, TestStacks.EXTERNAL_ID);

    final DruidMskCommand.Result submit = stack.stack().druidMsk("spec", "submit", "--spec", spec.toString());
    assertThat(submit.exitCode()).as("%s", submit).isZero();

    final ProducedTotals produced = produce(dataSource, EVENTS);
    E2eCluster.await(EVENTS + " requests in " + dataSource, INGEST_TIMEOUT,
                     () -> requests(dataSource) == EVENTS);
    assertAggregatesMatch(dataSource, produced);

    final long rows = stack.stack().sql().sqlLong(
        "SELECT COUNT(*) FROM \"" + dataSource + "\"", "count the rows of " + dataSource
    );
    handOff(dataSource);
    E2eCluster.await("segments of " + dataSource + " served by the historical", INGEST_TIMEOUT,
                     () -> historicalRows(dataSource) == rows);
    assertAggregatesMatch(dataSource, produced);
  }

  @Test
  void wrongExternalIdIngestsNothingAndStatusSaysWhy() throws Exception
  {
    final String dataSource = "api_requests_wrong_external_id";
    stack.stack().createTopic(dataSource, 1);
    produce(dataSource, 100);
    final Path spec = stack.stack().renderTelemetrySpec(dataSource, dataSource, "not-the-external-id");

    // Druid accepts the spec: the role is only assumed when Kafka connects.
    stack.overlord().submit(E2eCluster.JSON.readTree(spec.toFile()));

    E2eCluster.await("the supervisor of " + dataSource + " to turn unhealthy with the STS refusal", Duration.ofMinutes(3),
                     () -> {
                       final String status = stack.stack().druidMsk("spec", "status", dataSource).stdout();
                       return status.contains(STS_REFUSAL) && status.contains("UNHEALTHY_SUPERVISOR");
                     });
    final DruidMskCommand.Result status = stack.stack().druidMsk("spec", "status", dataSource);
    assertThat(status.stdout()).contains("UNHEALTHY_SUPERVISOR")
                               .contains(STS_REFUSAL + " on resource: " + TestStacks.READER_ROLE)
                               .doesNotContain("not-the-external-id");
    assertThat(requests(dataSource)).isZero();
  }

  @Test
  void resubmittingAnUnchangedSpecRestartsNothingAndAnUnhealthyUpdateIsRolledBack() throws Exception
  {
    final String dataSource = "api_requests_update";
    stack.stack().createTopic(dataSource, 1);
    final Path good = stack.stack().renderTelemetrySpec(dataSource, dataSource, TestStacks.EXTERNAL_ID);
    assertThat(stack.stack().druidMsk("spec", "submit", "--spec", good.toString()).exitCode()).isZero();
    E2eCluster.await("a running task for " + dataSource, INGEST_TIMEOUT,
                     () -> !stack.activeTaskIds(dataSource).isEmpty());
    final List<String> tasks = stack.activeTaskIds(dataSource);

    final DruidMskCommand.Result unchanged = stack.stack().druidMsk("spec", "submit", "--spec", good.toString());
    assertThat(unchanged.exitCode()).as("%s", unchanged).isZero();
    stack.overlord().submit(E2eCluster.JSON.readTree(good.toFile()));
    assertThat(stack.activeTaskIds(dataSource)).isEqualTo(tasks);

    final Path bad = stack.stack().renderTelemetrySpec(dataSource, dataSource, "rotated-by-mistake");
    final DruidMskCommand.Result rejected = stack.stack().druidMsk(
        "spec", "submit", "--spec", bad.toString(), "--health-timeout", "2m", "--settle", "45s"
    );
    assertThat(rejected.exitCode()).as("%s", rejected).isEqualTo(1);
    assertThat(rejected.stdout() + rejected.stderr()).contains("known-good");
    final JsonNode live = stack.overlordGet(DruidEndpoints.supervisor(dataSource));
    assertThat(live.path("spec").path("ioConfig").path("consumerProperties")
                   .path("druid.dynamic.config.provider").path("externalId").asText())
        .isEqualTo(TestStacks.EXTERNAL_ID);
  }

  @Test
  void iamAndPlaintextIngestTheSameEventsAndBothTimesArePrinted() throws Exception
  {
    final long iam = submitToAllQueryable("api_requests_bench_iam", false);
    final long plaintext = submitToAllQueryable("api_requests_bench_plaintext", true);

    System.out.printf(
        "BENCH submit to all %,d events queryable: IAM/SASL_SSL %,d ms, PLAINTEXT %,d ms, ratio %.2f%n",
        EVENTS, iam, plaintext, (double) iam / plaintext
    );
    System.out.printf("BENCH Druid start to healthy: %,d ms; peak RSS of the stack: %,d MiB%n",
                      stack.stack().druid().startTime().toMillis(), peakRssMiB());
  }

  /**
   * Milliseconds from submitting a telemetry spec for a topic already holding {@link #EVENTS} events to all of them
   * being queryable; {@code plaintext} reads the broker's PLAINTEXT listener with no authentication instead.
   */
  private static long submitToAllQueryable(String dataSource, boolean plaintext) throws Exception
  {
    stack.stack().createTopic(dataSource, 1);
    final ProducedTotals produced = produce(dataSource, EVENTS);
    final Path spec = stack.stack().renderTelemetrySpec(dataSource, dataSource, TestStacks.EXTERNAL_ID);
    final ObjectNode json = (ObjectNode) E2eCluster.JSON.readTree(spec.toFile());
    if (plaintext) {
      final ObjectNode consumer = (ObjectNode) json.at("/spec/ioConfig/consumerProperties");
      consumer.removeAll();
      consumer.put("bootstrap.servers", stack.stack().msk().broker().internalBootstrap());
    }
    final long start = System.nanoTime();
    stack.overlord().submit(json);
    E2eCluster.await(EVENTS + " requests in " + dataSource, INGEST_TIMEOUT,
                     () -> requests(dataSource) == produced.requests());
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** Sum of the peak resident sets (VmHWM) of every process of the stack, this test JVM aside. */
  private static long peakRssMiB() throws Exception
  {
    final List<Long> pids = new java.util.ArrayList<>(stack.stack().druid().pids());
    pids.add(stack.stack().msk().broker().pid());
    long kib = 0;
    for (long pid : pids) {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmHWM:")) {
          kib += Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    }
    return kib / 1024;
  }

  private static ProducedTotals produce(String topic, int count) throws Exception
  {
    try (ApiRequestProducer producer = new ApiRequestProducer(stack.producerClient("e2e-producer"))) {
      final Instant start = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
      return producer.send(topic, new ApiRequestGenerator(42, start, Duration.ofMillis(10)), count);
    }
  }

  private static long requests(String dataSource) throws Exception
  {
    return stack.stack().sql().sqlLong(
        "SELECT SUM(\"requests\") FROM \"" + dataSource + "\"", "count the requests in " + dataSource
    );
  }

  private static long historicalRows(String dataSource) throws Exception
  {
    return stack.stack().sql().sqlLong(
        "SELECT SUM(num_rows) FROM sys.segments WHERE datasource = '" + dataSource
        + "' AND is_published = 1 AND is_available = 1 AND is_realtime = 0",
        "count the rows Historicals serve for " + dataSource
    );
  }

  private static void handOff(String dataSource) throws Exception
  {
    final ObjectNode groups = E2eCluster.JSON.createObjectNode();
    groups.putArray("taskGroupIds").add(0);
    stack.overlord().postJson(
        DruidEndpoints.supervisor(dataSource) + "/taskGroups/handoff", groups, "hand off the tasks of " + dataSource
    );
  }

  private static void assertAggregatesMatch(String dataSource, ProducedTotals produced) throws Exception
  {
    assertThat(requests(dataSource)).isEqualTo(produced.requests());
    assertThat(stack.stack().sql().sqlLong("SELECT SUM(bytes_sum) FROM \"" + dataSource + "\"", "sum the bytes"))
        .isEqualTo(produced.bytes());
    final Map<Integer, Long> byStatus = stack.stack().sql().sql(
        "SELECT status, SUM(\"requests\") AS n FROM \"" + dataSource + "\" GROUP BY status", "count by status"
    ).stream().collect(Collectors.toMap(row -> row.path("status").asInt(), row -> row.path("n").asLong()));
    assertThat(byStatus).isEqualTo(produced.requestsByStatus());
  }
}
