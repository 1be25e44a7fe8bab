package dev.druidmsk.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.cli.druid.DruidEndpoints;
import dev.druidmsk.ingest.DruidMskCommand;
import dev.druidmsk.ingest.LocalIngestionStack;
import dev.druidmsk.localmsk.broker.LocalKafkaBroker;
import dev.druidmsk.localmsk.broker.LocalKafkaCluster;
import dev.druidmsk.localmsk.testing.TestStacks;
import dev.druidmsk.telemetry.ProducedTotals;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Druid 33 ingesting API telemetry from the MSK IAM emulator through the aws-msk-iam provider: a home provisioned
 * by bootstrap's installer, specs rendered from the shipped template, submitted with the druid-msk command, over
 * SASL_SSL with role assumption and an external ID, from three brokers reached by their advertised names. On the
 * {@link SharedCluster}, one topic and datasource per test. The doctor on this cluster: {@link PrivateLinkDoctorE2EIT}.
 */
@ExtendWith(SharedCluster.class)
class MskIngestionE2EIT
{
  private static final int EVENTS = 10_000;
  private static final Duration INGEST_TIMEOUT = Duration.ofMinutes(3);
  /** How STS words a trust-policy refusal (a wrong external ID among its causes), as the supervisor reports it. */
  private static final String STS_REFUSAL = "is not authorized to perform: sts:AssumeRole";
  /**
   * The supervisor period of the specs in the tests that wait for Druid's verdict on a refused role: Druid marks a
   * supervisor unhealthy after three failed runs in a row, one per period (PT30S by default), so it finds the refusal
   * in about 15 s instead of 90 s.
   */
  private static final String SUPERVISOR_PERIOD = "PT5S";
  /** `spec submit --settle` for those specs: three supervisor runs, as the default 45 s is for the default period. */
  private static final String SETTLE = "15s";

  /** As a small MSK cluster reached over PrivateLink, one endpoint per broker (see {@link LocalKafkaCluster}). */
  private static final int BROKERS = SharedCluster.BROKERS;

  private static E2eCluster stack;
  private static long suiteStart;

  @BeforeAll
  static void startStack(E2eCluster shared) throws Exception
  {
    suiteStart = System.nanoTime();
    stack = shared;
  }

  /**
   * Each test's supervisor reads its own topic; terminating them lets their tasks publish and give their slots back
   * while the next test runs (the indexer has four).
   */
  @AfterEach
  void terminateSupervisors() throws Exception
  {
    stack.terminateSupervisors();
  }

  /**
   * What the suite took, and the shared stack's start time and peak memory. No IAM-vs-PLAINTEXT figure: one unwarmed
   * run of each on a loaded test machine measured the order more than IAM; IngestionBenchmarkIT measures it.
   */
  @AfterAll
  static void printSuiteTimeAndStackFootprint() throws Exception
  {
    System.out.printf("BENCH MskIngestionE2EIT with %d brokers: %,d ms from start to stop%n",
                      BROKERS, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - suiteStart));
    System.out.printf("BENCH Druid start to healthy: %,d ms; peak RSS of the stack: %,d MiB%n",
                      stack.stack().druid().startTime().toMillis(), peakRssMiB());
  }

  @Test
  void everyProducedRequestIsQueryableAndSurvivesHandoffToTheHistorical() throws Exception
  {
    final String dataSource = "api_requests_happy";
    stack.stack().createTopic(dataSource, BROKERS);
    assertThat(leaders(dataSource)).containsExactlyInAnyOrder(1, 2, 3);
    final Path spec = stack.stack().renderTelemetrySpec(dataSource, dataSource, TestStacks.EXTERNAL_ID);

    final DruidMskCommand.Result submit = stack.stack().druidMsk("spec", "submit", "--spec", spec.toString());
    assertThat(submit.exitCode()).as("%s", submit).isZero();

    final ProducedTotals produced = stack.produce(dataSource, EVENTS);
    E2eCluster.await(EVENTS + " requests in " + dataSource, INGEST_TIMEOUT,
                     () -> requests(dataSource) == EVENTS);
    assertAggregatesMatch(dataSource, produced);
    // Brokers 2 and 3 are reachable by their advertised names only, through the Druid JVMs' hosts file.
    final String readerSession = "arn:aws:sts::222222222222:assumed-role/msk-reader/druid-api-requests-happy";
    for (LocalKafkaBroker broker : stack.stack().msk().cluster().brokers()) {
      assertThat(broker.authenticatedPrincipals()).as("broker %d", broker.node().id()).contains(readerSession);
    }

    final long rows = stack.stack().sql().sqlLong(
        "SELECT COUNT(*) FROM \"" + dataSource + "\"", "count the rows of " + dataSource
    );
    handOff(dataSource);
    E2eCluster.await("segments of " + dataSource + " served by the historical", INGEST_TIMEOUT,
                     () -> historicalRows(dataSource) == rows);
    // In one CI run (2026-12-05) the first query after handoff answered SUM("requests") with exactly the bytes' sum,
    // a column of the same rows: Druid's answer while its Broker takes in the handed-off segment (whose merged columns
    // come in another order than the task's), not a loss. In another, a query right after a matching answer gave the
    // bytes' sum again (27,175,497 for 10,000), so the answers must match three times in a row. Rows lost or counted
    // twice in handoff never match: the wait fails then.
    E2eCluster.await("the aggregates of " + dataSource + " after handoff to match what was produced, three times in a "
                     + "row", Duration.ofMinutes(1),
                     () -> aggregatesMatch(dataSource, produced) && aggregatesMatch(dataSource, produced)
                           && aggregatesMatch(dataSource, produced));
  }

  @Test
  void wrongExternalIdIngestsNothingAndStatusSaysWhy() throws Exception
  {
    final String dataSource = "api_requests_wrong_external_id";
    stack.stack().createTopic(dataSource, 1);
    stack.produce(dataSource, 100);
    final Path spec = withSupervisorPeriod(
        stack.stack().renderTelemetrySpec(dataSource, dataSource, "not-the-external-id")
    );

    // Druid accepts the spec: the role is only assumed when Kafka connects.
    stack.overlord().submit(E2eCluster.JSON.readTree(spec.toFile()));

    E2eCluster.await("the supervisor of " + dataSource + " to turn unhealthy with the STS refusal", Duration.ofMinutes(3),
                     () -> {
                       final String status = stack.stack().druidMskInThisJvm("spec", "status", dataSource).stdout();
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
    final Path good = withSupervisorPeriod(
        stack.stack().renderTelemetrySpec(dataSource, dataSource, TestStacks.EXTERNAL_ID)
    );
    assertThat(stack.stack().druidMsk("spec", "submit", "--spec", good.toString(), "--settle", SETTLE).exitCode())
        .isZero();
    E2eCluster.await("a running task for " + dataSource, INGEST_TIMEOUT,
                     () -> !stack.activeTaskIds(dataSource).isEmpty());
    final List<String> tasks = stack.activeTaskIds(dataSource);

    final DruidMskCommand.Result unchanged = stack.stack().druidMsk(
        "spec", "submit", "--spec", good.toString(), "--settle", SETTLE
    );
    assertThat(unchanged.exitCode()).as("%s", unchanged).isZero();
    stack.overlord().submit(E2eCluster.JSON.readTree(good.toFile()));
    assertThat(stack.activeTaskIds(dataSource)).isEqualTo(tasks);

    final Path bad = withSupervisorPeriod(
        stack.stack().renderTelemetrySpec(dataSource, dataSource, "rotated-by-mistake")
    );
    final DruidMskCommand.Result rejected = stack.stack().druidMsk(
        "spec", "submit", "--spec", bad.toString(), "--health-timeout", "2m", "--settle", SETTLE
    );
    assertThat(rejected.exitCode()).as("%s", rejected).isEqualTo(1);
    assertThat(rejected.stdout() + rejected.stderr()).contains("known-good");
    final JsonNode live = stack.overlordGet(DruidEndpoints.supervisor(dataSource));
    assertThat(live.path("spec").path("ioConfig").path("consumerProperties")
                   .path("druid.dynamic.config.provider").path("externalId").asText())
        .isEqualTo(TestStacks.EXTERNAL_ID);
  }

  /** The rendered spec, rewritten with {@link #SUPERVISOR_PERIOD} as its supervisor period. */
  private static Path withSupervisorPeriod(Path spec) throws Exception
  {
    final ObjectNode root = (ObjectNode) E2eCluster.JSON.readTree(spec.toFile());
    ((ObjectNode) root.at("/spec/ioConfig")).put("period", SUPERVISOR_PERIOD);
    E2eCluster.JSON.writerWithDefaultPrettyPrinter().writeValue(spec.toFile(), root);
    return spec;
  }

  /** Sum of the peak resident sets (VmHWM) of every process of the stack, this test JVM aside. */
  private static long peakRssMiB() throws Exception
  {
    final List<Long> pids = new java.util.ArrayList<>(stack.stack().druid().pids());
    stack.stack().msk().cluster().brokers().forEach(broker -> pids.add(broker.pid()));
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

  /** The brokers leading the topic's partitions. */
  private static Set<Integer> leaders(String topic) throws Exception
  {
    try (Admin operator = Admin.create(stack.stack().msk().broker().operatorAdminProperties())) {
      return operator.describeTopics(List.of(topic)).allTopicNames().get(60, TimeUnit.SECONDS).get(topic).partitions()
                     .stream().map(partition -> partition.leader().id()).collect(Collectors.toSet());
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

  private static boolean aggregatesMatch(String dataSource, ProducedTotals produced) throws Exception
  {
    try {
      assertAggregatesMatch(dataSource, produced);
      return true;
    }
    catch (AssertionError e) {
      System.out.println("[e2e] Druid's answer differs from what was produced: " + e.getMessage().strip());
      return false;
    }
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
