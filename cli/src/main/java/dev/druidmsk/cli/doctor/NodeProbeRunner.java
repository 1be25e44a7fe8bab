package dev.druidmsk.cli.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.cli.common.Folders;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts the node-side probe as a node starts a Druid service: the node's Java, {@code <home>/lib/*} on the class
 * path, the node's system properties, this process's environment. Only files cross: the request (spec's consumer
 * properties) and the node's system properties as a java argument file (both mode 0600, deleted afterwards), and the
 * check results.
 */
public final class NodeProbeRunner
{
  static final String MAIN_CLASS = "dev.druidmsk.probe.node.NodeProbe";
  /** The checks the probe answers, for the report when it cannot answer at all. */
  static final List<String> PROBE_CHECKS = List.of(
      "installation.java", "classloading.provider", "classloading.iam-classes", "credentials.base-identity",
      "credentials.assume-role", "credentials.lifetime", "kafka.authenticate", "kafka.describe-topic", "kafka.fetch",
      "kafka.consumer-group"
  );
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path java;
  private final Path home;
  private final Path probeDir;
  private final List<String> systemProperties;
  private final Duration deadline;

  /**
   * @param systemProperties {@code -Dkey=value} flags of the node's JVM
   * @param deadline         the whole probe's limit, after which its JVM is killed
   */
  public NodeProbeRunner(Path java, Path home, Path probeDir, List<String> systemProperties, Duration deadline)
  {
    this.java = java;
    this.home = home;
    this.probeDir = probeDir;
    this.systemProperties = List.copyOf(systemProperties);
    this.deadline = deadline;
  }

  /** The probe's check results, and its Druid's answer on the spec (null, with the reason, when it gave none). */
  public record Answer(List<CheckResult> checks, JsonNode spec, String specUnanswered)
  {
  }

  /** {@code request}: the consumer properties, topic and timeout, and the spec probe's request under "spec". */
  public Answer run(ObjectNode request)
  {
    Path work = null;
    try {
      work = Files.createTempDirectory("druid-msk-doctor-", PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rwx------")));
      request.put("extensionsDirectory", home.resolve("extensions").toString());
      request.put("kafkaProbeRoot", probeDir.resolve("druid-probe-kafka.jar").toString());
      final Path requestFile = Files.writeString(work.resolve("request.json"), MAPPER.writeValueAsString(request));
      final Path responseFile = work.resolve("response.json");
      final Path log = work.resolve("probe.log");
      final List<String> command = new ArrayList<>();
      command.add(java.toString());
      // C1 only: the probe runs for seconds, and C2's compiler threads would take CPU from the node's Druid.
      command.add("-XX:TieredStopAtLevel=1");
      command.add("@" + argumentFile(work));
      command.add("-cp");
      command.add(home.resolve("lib") + File.separator + "*" + File.pathSeparator + probeDir.resolve("druid-probe.jar"));
      command.add(MAIN_CLASS);
      command.add(requestFile.toString());
      command.add(responseFile.toString());
      final Process process = new ProcessBuilder(command).redirectErrorStream(true)
                                                         .redirectOutput(log.toFile())
                                                         .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                                                         .start();
      if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        return failedAll("the node probe did not finish within " + deadline.toSeconds() + " s", tail(log),
                         "raise --timeout, or look for a network step that hangs without one");
      }
      if (process.exitValue() != 0 || !Files.exists(responseFile)) {
        return failedAll("the node probe failed (exit " + process.exitValue() + ") with " + java, tail(log),
                         "check --java (the node's Java) and --druid-home, and the output above");
      }
      final JsonNode response = MAPPER.readTree(responseFile.toFile());
      final List<CheckResult> results = new ArrayList<>();
      for (JsonNode check : response.path("checks")) {
        final List<String> evidence = new ArrayList<>();
        check.path("evidence").forEach(line -> evidence.add(line.asText()));
        final String fix = check.hasNonNull("missingAction")
                           ? MissingAction.fix(check.get("missingAction").asText())
                           : check.path("fix").asText(null);
        results.add(new CheckResult(check.path("name").asText(), CheckStatus.valueOf(check.path("status").asText()),
                                    check.path("summary").asText(), evidence, fix));
      }
      return new Answer(results, response.get("spec"),
                        response.path("specError").asText("the node probe was not asked about the spec"));
    }
    catch (IOException e) {
      return failedAll("cannot start the node probe with " + java + ": " + e.getMessage(), List.of(),
                       "pass --java PATH of the node's Java 17 (default: $JAVA_HOME/bin/java)");
    }
    catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failedAll("interrupted", List.of(), "run the doctor again");
    }
    finally {
      deleteQuietly(work);
    }
  }

  /**
   * The node's system properties (passwords and keys among them) in a java argument file readable by us only: on
   * the command line every user of the host could read them in /proc or ps.
   */
  private Path argumentFile(Path work) throws IOException
  {
    final StringBuilder arguments = new StringBuilder();
    for (String property : systemProperties) {
      arguments.append('"')
               .append(property.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r"))
               .append("\"\n");
    }
    final Path file = Files.createFile(work.resolve("jvm.args"), PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rw-------")));
    return Files.writeString(file, arguments);
  }

  private static Answer failedAll(String summary, List<String> evidence, String fix)
  {
    final List<CheckResult> results = new ArrayList<>();
    results.add(CheckResult.fail(PROBE_CHECKS.get(0), summary, evidence, fix));
    PROBE_CHECKS.subList(1, PROBE_CHECKS.size())
                .forEach(name -> results.add(CheckResult.skip(name, "skipped: the node probe did not answer")));
    return new Answer(results, null, "the node probe did not answer");
  }

  private static List<String> tail(Path log)
  {
    try {
      final List<String> lines = Files.readAllLines(log);
      return lines.subList(Math.max(0, lines.size() - 15), lines.size());
    }
    catch (IOException e) {
      return List.of();
    }
  }

  private static void deleteQuietly(Path work)
  {
    if (work == null) {
      return;
    }
    try {
      Folders.delete(work);
    }
    catch (IOException e) {
      // A temporary folder left behind; it holds no more than the spec's consumer properties, readable by us only.
    }
  }
}
