package dev.druidmsk.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.cli.druid.DruidEndpoints;
import dev.druidmsk.doctor.Doctor;
import dev.druidmsk.e2e.E2eCluster;
import dev.druidmsk.e2e.SharedCluster;
import dev.druidmsk.ingest.LocalIngestionStack;
import dev.druidmsk.localmsk.broker.LocalKafkaBroker;
import dev.druidmsk.localmsk.sts.Role;
import dev.druidmsk.localmsk.testing.TestStacks;
import dev.druidmsk.telemetry.ApiRequestGenerator;
import dev.druidmsk.telemetry.ApiRequestProducer;
import dev.druidmsk.telemetry.ProducedTotals;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Is every action of the reader policy {@code druid-msk policy} generates needed? One Druid cluster; a control
 * supervisor reads as the reader role holding the generated policy, and for each action of that policy one more
 * supervisor reads, all at once, each with its own topic, datasource and role, whose policy is the generated one
 * without that action. For each: what broke in Druid (supervisor state and errors, rows ingested, failed tasks), which
 * action the broker's DENIED lines name, and what {@code druid-msk doctor} says with that role. Prints the NECESSITY
 * table of docs/cli.md. On the {@link SharedCluster}, with roles of its own created for the suite.
 */
@ExtendWith(SharedCluster.class)
class ReaderPolicyNecessityIT
{
  /** Roles for the reduced policies, more than the generator emits actions; each policy gets one. */
  private static final int ROLE_POOL = 8;
  private static final int EVENTS = 20;
  private static final Duration INGEST_TIMEOUT = Duration.ofMinutes(6);
  /** How long the reduced supervisors get to show what broke, from the control's last row on. */
  private static final Duration BREAK_TIMEOUT = Duration.ofMinutes(4);
  private static final Pattern DENIED = Pattern.compile(
      "DENIED \\S+: (kafka-cluster:\\w+) on \\S+ \\((.*?)\\):"
      + "(?: requires (kafka-cluster:\\w+(?: and kafka-cluster:\\w+)*) on \\S+:)?"
  );
  private static final Pattern STATEMENT = Pattern.compile("statement (\\w+)");

  private static E2eCluster cluster;

  @BeforeAll
  static void createRoles(E2eCluster shared)
  {
    cluster = shared;
    for (int i = 1; i <= ROLE_POOL; i++) {
      cluster.stack().msk().createRole(Role.trusting(roleArn(i), TestStacks.EXTERNAL_ID, TestStacks.DRUID.arn()));
    }
  }

  private static String roleArn(int index)
  {
    return "arn:aws:iam::222222222222:role/msk-reader-necessity-" + index;
  }

  @Test
  void everyActionOfTheGeneratedReaderPolicyIsNeededByDruidAndNamedByTheDoctor() throws Exception
  {
    final var stack = cluster.stack();
    final String control = "necessity_full";
    stack.createTopic(control, 1);
    final Path controlSpec =
        stack.renderTelemetrySpec(control, control, E2eCluster.READER.roleArn(), TestStacks.EXTERNAL_ID);
    final JsonNode generated = E2eCluster.JSON.readTree(stack.attachReaderPolicy(controlSpec));
    final Map<String, String> sidOfAction = new LinkedHashMap<>();
    for (JsonNode statement : generated.path("Statement")) {
      actions(statement).forEach(action -> sidOfAction.put(action, statement.path("Sid").asText()));
    }
    assertThat(sidOfAction).as("actions of the generated policy").isNotEmpty().hasSizeLessThanOrEqualTo(ROLE_POOL);

    final List<Reduced> reduced = new ArrayList<>();
    int role = 1;
    for (String action : sidOfAction.keySet()) {
      final String dataSource = "without_" + action.substring(action.indexOf(':') + 1).toLowerCase();
      stack.createTopic(dataSource, 1);
      final Path spec = stack.renderTelemetrySpec(dataSource, dataSource, roleArn(role), TestStacks.EXTERNAL_ID);
      final String policy = without(stack.generatedReaderPolicy(spec), action);
      stack.msk().broker().policies(roleArn(role), List.of(policy));
      reduced.add(new Reduced(action, sidOfAction.get(action), dataSource, roleArn(role), spec));
      role++;
    }

    final long requests = produce(control);
    for (Reduced r : reduced) {
      produce(r.dataSource);
    }
    submit(controlSpec);
    for (Reduced r : reduced) {
      submit(r.spec);
    }
    final ExecutorService doctors = Executors.newFixedThreadPool(2);
    final Map<String, CompletableFuture<Doctor.Result>> doctorResults = new LinkedHashMap<>();
    for (Reduced r : reduced) {
      doctorResults.put(r.action, CompletableFuture.supplyAsync(() -> doctor(r.spec), doctors));
    }
    // No more work: the pool's threads end with the doctors (each has its own timeout), even if a wait below fails.
    doctors.shutdown();

    E2eCluster.await(requests + " requests in " + control, INGEST_TIMEOUT, () -> requests(control) == requests);
    final long brokenBy = System.nanoTime() + BREAK_TIMEOUT.toNanos();
    while (System.nanoTime() < brokenBy && !reduced.stream().allMatch(ReaderPolicyNecessityIT::showsWhatBroke)) {
      Thread.sleep(5_000);
    }

    final List<String> table = new ArrayList<>();
    table.add("NECESSITY | action removed | what broke | what doctor said");
    table.add("NECESSITY | none (control, the full generated policy) | nothing: " + requests(control) + "/" + requests
              + " requests ingested, supervisor " + state(control) + ", broker denied: "
              + deniedOperations(TestStacks.READER_ROLE) + " | -");
    final Map<String, Doctor.Result> said = new LinkedHashMap<>();
    for (Reduced r : reduced) {
      said.put(r.action, doctorResults.get(r.action).join());
      table.add("NECESSITY | " + r.action + " (" + r.sid + ") | " + whatBroke(r, requests) + " | "
                + whatDoctorSaid(said.get(r.action), r.action));
    }
    table.forEach(System.out::println);
    deniedLines().forEach(line -> System.out.println("NECESSITY-DENIED " + line));

    assertThat(requests(control)).as("the full generated policy ingests everything").isEqualTo(requests);
    for (Reduced r : reduced) {
      assertThat(requests(r.dataSource))
          .as("without %s Druid ingested something: %s is not needed, the generator should not emit it",
              r.action, r.action)
          .isZero();
      assertThat(decidingActions(r.roleArn)).as("actions the broker's DENIED lines name for %s", r.roleArn)
                                            .contains(r.action);
      assertThat(doctorRefusals(said.get(r.action), r.action))
          .as("doctor's FAIL naming %s and statement %s:\n%s", r.action, r.sid, said.get(r.action))
          .anyMatch(check -> check.path("fix").asText()
                                  .contains("statement " + r.sid + " of druid-msk's reader policy"));
    }
  }

  private record Reduced(String action, String sid, String dataSource, String roleArn, Path spec)
  {
  }

  private static List<String> actions(JsonNode statement)
  {
    final List<String> actions = new ArrayList<>();
    if (statement.path("Action").isArray()) {
      statement.path("Action").forEach(action -> actions.add(action.asText()));
    } else {
      actions.add(statement.path("Action").asText());
    }
    return actions;
  }

  /** The generated policy with one action taken out (and its statement, if that was its only action). */
  private static String without(String policy, String action) throws IOException
  {
    final ObjectNode document = (ObjectNode) E2eCluster.JSON.readTree(policy);
    final ArrayNode statements = (ArrayNode) document.get("Statement");
    for (int i = statements.size() - 1; i >= 0; i--) {
      final ObjectNode statement = (ObjectNode) statements.get(i);
      final List<String> kept = actions(statement).stream().filter(a -> !a.equals(action)).collect(Collectors.toList());
      if (kept.isEmpty()) {
        statements.remove(i);
      } else {
        kept.forEach(statement.putArray("Action")::add);
      }
    }
    return E2eCluster.JSON.writeValueAsString(document);
  }

  private static long produce(String topic) throws Exception
  {
    try (ApiRequestProducer producer = new ApiRequestProducer(cluster.producerClient("necessity-producer"))) {
      final Instant start = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
      final ProducedTotals produced =
          producer.send(topic, new ApiRequestGenerator(7, start, Duration.ofMillis(10)), EVENTS);
      return produced.requests();
    }
  }

  private static void submit(Path spec) throws Exception
  {
    // Druid accepts every one of these specs: the role is only used when Kafka connects. A refusal throws.
    cluster.overlord().submit(E2eCluster.JSON.readTree(Files.readString(spec)));
  }

  private static long requests(String dataSource) throws Exception
  {
    return cluster.stack().sql().sqlLong(
        "SELECT SUM(\"requests\") FROM \"" + dataSource + "\"", "requests ingested into " + dataSource
    );
  }

  private static String state(String supervisor) throws Exception
  {
    return cluster.overlordGet(DruidEndpoints.supervisorStatus(supervisor)).path("payload")
                  .path("detailedState").asText("?");
  }

  /** Something in Druid shows the refusal: the supervisor's errors or state, or a failed task; and the broker's log. */
  private static boolean showsWhatBroke(Reduced r)
  {
    try {
      final JsonNode payload = cluster.overlordGet(DruidEndpoints.supervisorStatus(r.dataSource))
                                      .path("payload");
      final boolean druidShows = !payload.path("recentErrors").isEmpty() || failedTasks(r.dataSource).size() > 0
                                 || payload.path("detailedState").asText().startsWith("UNHEALTHY");
      return druidShows && decidingActions(r.roleArn).contains(r.action);
    }
    catch (Exception e) {
      return false;
    }
  }

  private static List<JsonNode> failedTasks(String dataSource) throws Exception
  {
    final List<JsonNode> failed = new ArrayList<>();
    cluster.overlordGet("/druid/indexer/v1/tasks?state=complete&datasource=" + dataSource).forEach(task -> {
      if ("FAILED".equals(task.path("statusCode").asText())) {
        failed.add(task);
      }
    });
    return failed;
  }

  private static String whatBroke(Reduced r, long requests) throws Exception
  {
    final JsonNode payload = cluster.overlordGet(DruidEndpoints.supervisorStatus(r.dataSource))
                                    .path("payload");
    final StringBuilder broke = new StringBuilder();
    broke.append(requests(r.dataSource)).append('/').append(requests).append(" requests ingested; supervisor ")
         .append(payload.path("detailedState").asText("?"));
    final JsonNode errors = payload.path("recentErrors");
    if (!errors.isEmpty()) {
      broke.append(", recent error: ").append(firstLine(errors.get(errors.size() - 1).path("message").asText()));
    }
    final List<JsonNode> failed = failedTasks(r.dataSource);
    broke.append("; ").append(failed.size()).append(" failed tasks");
    if (!failed.isEmpty()) {
      broke.append(" (").append(firstLine(failed.get(0).path("errorMsg").asText())).append(')');
    }
    return broke.append("; broker denied: ").append(deniedOperations(r.roleArn)).toString();
  }

  private static String firstLine(String text)
  {
    final String line = text.lines().findFirst().orElse("").strip();
    return line.length() > 140 ? line.substring(0, 140) + "..." : line;
  }

  /** Every broker's: a group's requests go to its coordinator, which need not lead the topic's partition. */
  private static List<String> deniedLines() throws IOException
  {
    final List<String> denied = new ArrayList<>();
    for (LocalKafkaBroker broker : cluster.stack().msk().cluster().brokers()) {
      try (var lines = Files.lines(broker.logDir().resolve("server.log"), StandardCharsets.UTF_8)) {
        lines.filter(line -> line.contains(" DENIED ")).forEach(denied::add);
      }
    }
    return denied;
  }

  /** The DENIED lines of Druid's sessions of the role (the specs' roleSessionName is druid-DATASOURCE). */
  private static List<Matcher> denied(String roleArn) throws IOException
  {
    final String principal = "assumed-role/" + roleArn.substring(roleArn.lastIndexOf('/') + 1) + "/druid-";
    final List<Matcher> matches = new ArrayList<>();
    for (String line : deniedLines()) {
      final Matcher matcher = DENIED.matcher(line);
      if (line.contains(principal) && matcher.find()) {
        matches.add(matcher);
      }
    }
    return matches;
  }

  /** The actions each DENIED line of the role says were missing: the one asked, or the required ones that failed. */
  private static Set<String> decidingActions(String roleArn) throws IOException
  {
    return denied(roleArn).stream().flatMap(m -> List.of(deciding(m).split(" and ")).stream())
                          .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  private static String deciding(Matcher denied)
  {
    return denied.group(3) != null ? denied.group(3) : denied.group(1);
  }

  /** Kafka operation -> deciding actions, as the broker logged them: DESCRIBE TOPIC -> kafka-cluster:DescribeTopic. */
  private static String deniedOperations(String roleArn) throws IOException
  {
    final Set<String> operations = new LinkedHashSet<>();
    for (Matcher m : denied(roleArn)) {
      final String kafka = m.group(2).contains("asked as ") ? m.group(2).substring(m.group(2).indexOf("asked as ") + 9)
                                                             : m.group(2);
      final String[] words = kafka.split(" ");
      operations.add(words[0] + " " + words[1] + " -> " + deciding(m));
    }
    return operations.isEmpty() ? "nothing" : String.join(", ", operations);
  }

  /** The doctor on {@code spec} as its own role session, so that the broker's lines of Druid's sessions stay apart. */
  private static Doctor.Result doctor(Path spec)
  {
    final Path work = cluster.stack().workDir();
    try {
      final ObjectNode doctorSpec = (ObjectNode) E2eCluster.JSON.readTree(spec.toFile());
      final ObjectNode provider = (ObjectNode) doctorSpec.path("spec").path("ioConfig").path("consumerProperties")
                                                         .path("druid.dynamic.config.provider");
      provider.put("roleSessionName", provider.path("roleSessionName").asText().replaceFirst("^druid-", "doctor-"));
      final Path doctorSpecFile = work.resolve("doctor-" + spec.getFileName());
      Files.writeString(doctorSpecFile, E2eCluster.JSON.writeValueAsString(doctorSpec));
      final List<String> args = new ArrayList<>(List.of(
          "--druid-home", work.resolve("druid-home").toString(), "--spec", doctorSpecFile.toString(),
          "--timeout", Doctor.PROBE_TIMEOUT, "--json"
      ));
      if (cluster.stack().msk().cluster().brokers().size() > 1) {
        // As Druid's JVMs do, the probe reaches brokers past the bootstrap by their advertised names.
        args.addAll(List.of(
            "-D", LocalIngestionStack.HOSTS_FILE_PROPERTY + "=" + work.resolve(LocalIngestionStack.BROKER_HOSTS_FILE)
        ));
      }
      return Doctor.onNode(cluster.stack().msk(), LocalIngestionStack.TRUSTSTORE_PASSWORD_VARIABLE)
                   .run(work.resolve("doctor"), args.toArray(new String[0]));
    }
    catch (IOException e) {
      throw new IllegalStateException("druid-msk doctor could not run", e);
    }
    catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** The doctor's FAIL checks whose summary says the role lacks {@code action}. */
  private static List<JsonNode> doctorRefusals(Doctor.Result result, String action) throws IOException
  {
    final List<JsonNode> refusals = new ArrayList<>();
    result.json().path("checks").forEach(check -> {
      if ("FAIL".equals(check.path("status").asText()) && check.path("summary").asText().contains("lacks " + action)) {
        refusals.add(check);
      }
    });
    return refusals;
  }

  private static String whatDoctorSaid(Doctor.Result result, String action) throws IOException
  {
    final List<String> said = new ArrayList<>();
    for (JsonNode check : doctorRefusals(result, action)) {
      final Matcher statement = STATEMENT.matcher(check.path("fix").asText());
      said.add(check.path("name").asText() + " FAIL: lacks " + action
               + (statement.find() ? ", grant statement " + statement.group(1) : ""));
    }
    return said.isEmpty() ? "nothing about " + action + " (exit " + result.exitCode() + ")" : String.join("; ", said);
  }
}
