package dev.druidmsk.ingest;

import dev.druidmsk.cli.DruidMsk;
import dev.druidmsk.cli.input.DruidHome;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged {@code druid-msk} command (the cli distribution's bin/druid-msk) as an operator would, or the same
 * code in this JVM for preparation steps.
 */
public final class DruidMskCommand
{
  private final Path launcher;
  private final Map<String, String> environment;

  /** {@code environment}: DRUID_MSK_OVERLORD, DRUID_MSK_DRUID_HOME, DRUID_MSK_STATE_DIR and the like. */
  public DruidMskCommand(Path launcher, Map<String, String> environment)
  {
    this.launcher = launcher;
    this.environment = Map.copyOf(environment);
    // For runInThisJvm: the class path's cli jar is Maven's, beside no distribution; name the launcher's, as its lib/
    // jar would find it. One value per build, set once per command rather than per call.
    System.setProperty(DruidHome.EXTENSION_DIR_PROPERTY, launcher.getParent().resolveSibling("druid-extension").toString());
  }

  public Result run(String... args) throws IOException, InterruptedException
  {
    final Process process = start(new ProcessBuilder(command(args)));
    final CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
    final String stdout = read(process.getInputStream());
    return new Result(awaitExit(process, args), stdout, stderr.join());
  }

  /**
   * Runs the same command in this JVM, without starting one (about 2 CPU-seconds a launch, over 100 launches a build):
   * for the specs and policies suites prepare. What an operator types goes through {@link #run} and the launcher.
   */
  public Result runInThisJvm(String... args)
  {
    final Map<String, String> env = new HashMap<>(System.getenv());
    env.putAll(environment);
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final int exitCode;
    try (PrintWriter stdout = new PrintWriter(out); PrintWriter stderr = new PrintWriter(err)) {
      exitCode = DruidMsk.run(env, stdout, stderr, args);
    }
    return new Result(exitCode, out.toString(), err.toString());
  }

  /** Runs with its output going straight to this process's, in the order it comes; returns the exit code. */
  public int runShown(String... args) throws IOException, InterruptedException
  {
    return awaitExit(
        start(new ProcessBuilder(command(args)).redirectOutput(ProcessBuilder.Redirect.INHERIT)
                                               .redirectError(ProcessBuilder.Redirect.INHERIT)),
        args
    );
  }

  private List<String> command(String[] args)
  {
    final List<String> command = new ArrayList<>();
    command.add(launcher.toString());
    command.addAll(List.of(args));
    return command;
  }

  private Process start(ProcessBuilder builder) throws IOException
  {
    builder.environment().putAll(environment);
    final Process process = builder.start();
    process.getOutputStream().close();
    return process;
  }

  private static int awaitExit(Process process, String[] args) throws InterruptedException
  {
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("druid-msk " + String.join(" ", args) + " did not finish in 5 minutes");
    }
    return process.exitValue();
  }

  /**
   * The reader role's permissions policy for {@code spec} as {@code druid-msk policy} generates it: written with the
   * trust policy into {@code outputDir}, returned as JSON.
   */
  public String readerPolicy(Path spec, String clusterArn, String trustedPrincipal, Path outputDir)
      throws IOException, InterruptedException
  {
    Files.createDirectories(outputDir);
    final Result result = runInThisJvm(
        "policy", "--spec", spec.toString(), "--cluster-arn", clusterArn, "--trusted-principal", trustedPrincipal,
        "--output-dir", outputDir.toString()
    );
    if (result.exitCode() != 0) {
      throw new IllegalStateException("druid-msk policy failed: " + result);
    }
    return Files.readString(outputDir.resolve("permissions-policy.json"), StandardCharsets.UTF_8);
  }

  private static String read(InputStream stream)
  {
    try {
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    }
    catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  /** Exit code and output of one run. */
  public record Result(int exitCode, String stdout, String stderr)
  {
    @Override
    public String toString()
    {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
  }
}
