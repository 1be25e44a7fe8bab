package dev.druidmsk.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.druidmsk.localmsk.LocalMsk;
import dev.druidmsk.localmsk.testing.TestStacks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Runs the cli distribution's `druid-msk doctor` as a process, with a node's environment. */
public final class Doctor
{
  /**
   * The doctor's per-check {@code --timeout} for checks expected to answer: the probe JVM starts cold and makes its
   * first STS call and connections while another suite's Druid cluster runs beside it on two cores, which took more
   * than 10 s (ReaderPolicyNecessityIT, "no authenticated connection within 10 s" after the broker had authenticated
   * it). Refusals come back at once, so only a stall waits this long.
   */
  public static final String PROBE_TIMEOUT = "30s";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Map<String, String> env = new HashMap<>();
  private final Set<String> unset = new HashSet<>();

  /**
   * As a node of the tests' Druid cluster runs it: the nodes' base user, the emulator's STS and region, the broker
   * truststore's password in {@code truststorePasswordVariable} (the variable the spec names).
   */
  public static Doctor onNode(LocalMsk msk, String truststorePasswordVariable)
  {
    final Map<String, String> aws = msk.awsSystemProperties();
    return new Doctor().env("AWS_ACCESS_KEY_ID", TestStacks.DRUID.accessKeyId())
                       .env("AWS_SECRET_ACCESS_KEY", TestStacks.DRUID.secretAccessKey())
                       .env("AWS_ENDPOINT_URL_STS", aws.get("aws.endpointUrlSts"))
                       .env("AWS_REGION", aws.get("aws.region"))
                       .env(truststorePasswordVariable, msk.broker().tls().truststorePassword());
  }

  public Doctor env(String name, String value)
  {
    env.put(name, value);
    unset.remove(name);
    return this;
  }

  /** The node has no such variable: a base identity other than the tests' user, for one. */
  public Doctor unset(String name)
  {
    env.remove(name);
    unset.add(name);
    return this;
  }

  public Result run(Path workDir, String... args) throws IOException, InterruptedException
  {
    final List<String> command = new ArrayList<>();
    command.add(System.getProperty("druidmsk.cli"));
    command.add("doctor");
    command.addAll(List.of(args));
    Files.createDirectories(workDir);
    final Path out = Files.createTempFile(workDir, "doctor-", ".out");
    final Path err = Files.createTempFile(workDir, "doctor-", ".err");
    final ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
    builder.environment().putAll(env);
    builder.environment().keySet().removeAll(unset);
    final long start = System.nanoTime();
    final Process process = builder.start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
      throw new IllegalStateException("druid-msk doctor did not finish in 5 minutes");
    }
    final Result result = new Result(
        process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)
    );
    System.out.println("druid-msk doctor " + String.join(" ", args) + "\n" + result);
    return result;
  }

  /** The outcome of one run. */
  public record Result(int exitCode, String out, String err, long wallMillis)
  {
    public JsonNode json() throws IOException
    {
      return MAPPER.readTree(out);
    }

    /** The line of a check in the text report, with its evidence and fix: up to the next check. */
    public String check(String name)
    {
      final int start = out.indexOf(" " + name + " ");
      if (start < 0) {
        throw new AssertionError("no check " + name + " in\n" + out);
      }
      final int lineStart = out.lastIndexOf('\n', start) + 1;
      final String rest = out.substring(lineStart);
      final String[] lines = rest.split("\n");
      final StringBuilder block = new StringBuilder(lines[0]).append('\n');
      for (int i = 1; i < lines.length && lines[i].startsWith("          "); i++) {
        block.append(lines[i]).append('\n');
      }
      return block.toString();
    }

    @Override
    public String toString()
    {
      return "exit " + exitCode + " in " + wallMillis + " ms\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }
}
