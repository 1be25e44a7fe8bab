package dev.druidmsk.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the packaged {@code druid-msk} command (the cli distribution's bin/druid-msk) as an operator would. */
public final class DruidMskCommand
{
  private final Path launcher;
  private final Map<String, String> environment;

  /** {@code environment}: DRUID_MSK_OVERLORD, DRUID_MSK_DRUID_HOME, DRUID_MSK_STATE_DIR and the like. */
  public DruidMskCommand(Path launcher, Map<String, String> environment)
  {
    this.launcher = launcher;
    this.environment = Map.copyOf(environment);
  }

  public Result run(String... args) throws IOException, InterruptedException
  {
    final List<String> command = new ArrayList<>();
    command.add(launcher.toString());
    command.addAll(List.of(args));
    final ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    final Process process = builder.start();
    process.getOutputStream().close();
    final CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
    final String stdout = read(process.getInputStream());
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("druid-msk " + String.join(" ", args) + " did not finish in 5 minutes");
    }
    return new Result(process.exitValue(), stdout, stderr.join());
  }

  /**
   * The reader role's permissions policy for {@code spec} as {@code druid-msk policy} generates it: written with the
   * trust policy into {@code outputDir}, returned as JSON.
   */
  public String readerPolicy(Path spec, String clusterArn, String trustedPrincipal, Path outputDir)
      throws IOException, InterruptedException
  {
    Files.createDirectories(outputDir);
    final Result result = run(
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
