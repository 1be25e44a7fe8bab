package dev.druidmsk.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.cli.druid.DruidEndpoints;
import dev.druidmsk.cli.druid.DruidException;
import dev.druidmsk.cluster.DruidService;
import dev.druidmsk.iam.MskIamNodePolicy;
import dev.druidmsk.ingest.DruidMskCommand;
import dev.druidmsk.localmsk.testing.TestStacks;
import dev.druidmsk.telemetry.ApiRequestGenerator;
import dev.druidmsk.telemetry.ApiRequestProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * druid-msk against a cluster run the way production runs it: the nodes hold a node policy allowing only the reader
 * role ({@code druid.msk.iam.allowedRoleArns}); the Overlord restarts while a submit watches it; two operators with
 * their own state folders submit the same supervisor. One cluster for the suite, one datasource per test. The
 * command's transcripts are printed.
 */
class ProductionRolloutIT
{
  /** Another team's role: the nodes may not let a spec assume it. */
  private static final String OTHER_TEAM_ROLE = "arn:aws:iam::333333333333:role/team-b-reader";
  private static final String SETTLE = "10s";
  /** The update the nodes accept; Druid writes it back as PT3000S. */
  private static final Duration UPDATED_TASK_DURATION = Duration.ofMinutes(50);

  private static E2eCluster stack;

  @BeforeAll
  static void startStack() throws Exception
  {
    // Through a JVM argument file, whose quoted strings take \" for a quote.
    stack = E2eCluster.start(ProductionRolloutIT.class, true, cluster -> cluster.consumerSystemProperty(
        MskIamNodePolicy.ALLOWED_ROLE_ARNS, "[\\\"" + TestStacks.READER_ROLE + "\\\"]"
    ));
  }

  @AfterAll
  static void stopStack() throws Exception
  {
    if (stack != null) {
      stack.close();
    }
  }

  private static Path spec(String dataSource) throws Exception
  {
    stack.stack().createTopic(dataSource, 1);
    return stack.stack().renderTelemetrySpec(dataSource, dataSource, TestStacks.EXTERNAL_ID);
  }

  /** The spec with its ioConfig changed as {@code change} says, written next to it under {@code name}. */
  private static Path variant(Path spec, String name, java.util.function.Consumer<ObjectNode> change) throws Exception
  {
    final ObjectNode json = (ObjectNode) E2eCluster.JSON.readTree(spec.toFile());
    change.accept((ObjectNode) json.path("spec").path("ioConfig"));
    final Path file = spec.resolveSibling(name + ".json");
    Files.writeString(file, E2eCluster.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
    return file;
  }

  private static void otherTeamsRole(ObjectNode ioConfig)
  {
    ((ObjectNode) ioConfig.path("consumerProperties").path("druid.dynamic.config.provider"))
        .put("roleArn", OTHER_TEAM_ROLE);
  }

  private static DruidMskCommand.Result submit(String operator, Path spec, Path stateDir) throws Exception
  {
    return submit(operator, spec, stateDir, SETTLE);
  }

  private static DruidMskCommand.Result submit(String operator, Path spec, Path stateDir, String settle)
      throws Exception
  {
    final List<String> args = List.of(
        "spec", "submit", "--spec", spec.toString(), "--state-dir", stateDir.toString(),
        "--settle", settle, "--health-timeout", "3m", "--poll-interval", "2s", "--request-timeout", "2m"
    );
    final DruidMskCommand.Result result = stack.stack().druidMsk(args.toArray(new String[0]));
    System.out.println("---- " + operator + ": druid-msk " + String.join(" ", args) + "\n" + result + "\n----");
    return result;
  }

  private static boolean updated(String id)
  {
    final String taskDuration = stack.overlordGet(DruidEndpoints.supervisor(id)).at("/spec/ioConfig/taskDuration").asText();
    return Duration.parse(taskDuration).equals(UPDATED_TASK_DURATION);
  }

  /** After a restart the supervisor is PENDING for a while; a submit keeps only a healthy spec as known-good. */
  private static void awaitRunning(String id) throws InterruptedException
  {
    E2eCluster.await(id + " RUNNING", Duration.ofMinutes(2), () -> "RUNNING".equals(
        stack.overlordGet(DruidEndpoints.supervisorStatus(id)).at("/payload/state").asText()
    ));
  }

  private static Path stateDir(String name)
  {
    return stack.stack().workDir().resolve("state-" + name);
  }

  @Test
  void anAllowedRoleIngests() throws Exception
  {
    final String dataSource = "allowed_role";
    final Path spec = spec(dataSource);

    assertThat(submit("operator", spec, stateDir("allowed")).exitCode()).isZero();
    try (ApiRequestProducer producer = new ApiRequestProducer(stack.producerClient("policy-producer"))) {
      final Instant start = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
      producer.send(dataSource, new ApiRequestGenerator(7, start, Duration.ofMillis(10)), 500);
    }
    E2eCluster.await("500 requests in " + dataSource, Duration.ofMinutes(2), () -> stack.stack().sql().sqlLong(
        "SELECT SUM(\"requests\") FROM \"" + dataSource + "\"", "count the requests"
    ) == 500);
  }

  @Test
  void aDisallowedRoleIsRefusedAtSubmitNamingTheProperty() throws Exception
  {
    final String dataSource = "disallowed_role";
    final Path spec = variant(spec(dataSource), dataSource + "-other-team", ProductionRolloutIT::otherTeamsRole);

    final DruidMskCommand.Result result = submit("team b's author", spec, stateDir("disallowed"));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("Druid refused to submit the spec (HTTP 400)")
                               .contains("AWS MSK IAM role " + OTHER_TEAM_ROLE + " is not allowed on this Druid node: "
                                         + MskIamNodePolicy.ALLOWED_ROLE_ARNS + " is [" + TestStacks.READER_ROLE + "]");
    assertThat(stack.overlord().spec(dataSource)).isEmpty();
  }

  @Test
  void aHandWrittenJaasWithADisallowedRoleIsRefusedWithTheSameMessage() throws Exception
  {
    final String dataSource = "raw_jaas";
    final Path spec = variant(spec(dataSource), dataSource + "-raw", ioConfig -> {
      final ObjectNode properties = (ObjectNode) ioConfig.path("consumerProperties");
      properties.remove("druid.dynamic.config.provider");
      properties.put("security.protocol", "SASL_SSL")
                .put("sasl.mechanism", "AWS_MSK_IAM")
                .put("sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required awsRoleArn=\""
                                         + OTHER_TEAM_ROLE + "\" awsRoleSessionName=\"raw\";")
                .put("sasl.client.callback.handler.class", "software.amazon.msk.auth.iam.IAMClientCallbackHandler");
    });
    final JsonNode json = E2eCluster.JSON.readTree(spec.toFile());

    assertThatThrownBy(() -> stack.overlord().submit(json))
        .isInstanceOf(DruidException.class)
        .satisfies(e -> System.out.println("---- POST " + DruidEndpoints.SUPERVISOR + " (raw JAAS): " + e.getMessage()))
        .hasMessageContaining("(HTTP 400)")
        .hasMessageContaining("AWS MSK IAM role " + OTHER_TEAM_ROLE + " is not allowed on this Druid node: "
                              + MskIamNodePolicy.ALLOWED_ROLE_ARNS + " is [" + TestStacks.READER_ROLE + "]");
    assertThat(stack.overlord().spec(dataSource)).isEmpty();
  }

  /** A datasource's first spec, an update the nodes accept (taskDuration PT50M), and one they refuse. */
  private record Versions(Path first, Path accepted, Path refused)
  {
    static Versions of(String dataSource) throws Exception
    {
      final Path first = spec(dataSource);
      return new Versions(
          first,
          variant(first, dataSource + "-v2", ioConfig -> ioConfig.put("taskDuration", UPDATED_TASK_DURATION.toString())),
          variant(first, dataSource + "-v3", ProductionRolloutIT::otherTeamsRole)
      );
    }
  }

  @Test
  void submitAndRollbackWorkAcrossAnOverlordRestart() throws Exception
  {
    final String dataSource = "overlord_restart";
    final Versions versions = Versions.of(dataSource);
    final Path v1 = versions.first();
    final Path v2 = versions.accepted();
    final Path v3 = versions.refused();
    assertThat(submit("operator", v1, stateDir("restart")).exitCode()).isZero();

    final ExecutorService background = Executors.newSingleThreadExecutor();
    try {
      // The Overlord is killed within seconds of accepting v2, while the command waits out --settle reading the
      // supervisor's status.
      final Future<DruidMskCommand.Result> watched =
          background.submit(() -> submit("operator", v2, stateDir("restart"), "20s"));
      E2eCluster.await("v2 submitted", Duration.ofMinutes(1), () -> updated(dataSource));
      System.out.println("---- restarting the Overlord while the submit of v2 watches it");
      final long down = System.nanoTime();
      stack.stack().druid().kill(DruidService.COORDINATOR);
      stack.stack().druid().restart(DruidService.COORDINATOR);
      System.out.println("---- Overlord back after " + Duration.ofNanos(System.nanoTime() - down).toMillis() + " ms");
      assertThat(watched.get(3, TimeUnit.MINUTES).exitCode()).isZero();
    }
    finally {
      background.shutdownNow();
    }

    // The local copies gone: after the restart, the rollback target must come from Druid.
    deleteTree(stateDir("restart"));
    awaitRunning(dataSource);
    final DruidMskCommand.Result rollback = submit("operator", v3, stateDir("restart"));

    assertThat(rollback.exitCode()).isEqualTo(1);
    assertThat(rollback.stdout()).contains("Rolled back '" + dataSource + "' to the known-good spec");
    assertThat(updated(dataSource)).isTrue();
  }

  @Test
  void twoOperatorsNeverRollEachOtherBack() throws Exception
  {
    final String dataSource = "two_operators";
    final Versions versions = Versions.of(dataSource);

    assertThat(submit("alice", versions.first(), stateDir("alice")).exitCode()).isZero();
    assertThat(submit("bob", versions.accepted(), stateDir("bob")).exitCode()).isZero();
    final DruidMskCommand.Result alice = submit("alice", versions.refused(), stateDir("alice"));

    assertThat(alice.exitCode()).isEqualTo(1);
    assertThat(updated(dataSource)).as("bob's spec, not alice's older copy").isTrue();
  }

  private static void deleteTree(Path root) throws Exception
  {
    if (Files.exists(root)) {
      try (var paths = Files.walk(root)) {
        for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }
}
