package dev.druidmsk.bootstrap;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs bootstrap/druid-msk-install as an operator would where Druid runs: bash with the official Druid image's
 * tools only (the {@link Sandbox} as PATH), a clean environment with the test JVM's Java as JAVA_HOME and no
 * DRUID_HOME, as root or as another uid, output captured to files so a killed run still leaves what it printed.
 */
final class Installer
{
  static final Path BOOTSTRAP_DIR = Path.of(System.getProperty("druidmsk.bootstrap.dir"));
  static final Path SCRIPT = BOOTSTRAP_DIR.resolve("druid-msk-install");
  static final String DIE_AT = "DRUID_MSK_INSTALL_TEST_DIE_AT";
  static final String PAUSE_AT = "DRUID_MSK_INSTALL_TEST_PAUSE_AT";
  static final String RESUME_FILE = "DRUID_MSK_INSTALL_TEST_RESUME_FILE";

  private final Map<String, String> environment = new HashMap<>();
  private final Path outputDir;
  private Integer uid;

  Installer(Path outputDir)
  {
    this.outputDir = outputDir;
    environment.put("PATH", Sandbox.shared().path());
    environment.put("JAVA_HOME", System.getProperty("java.home"));
    environment.put("TMPDIR", System.getProperty("java.io.tmpdir"));
  }

  Installer with(String name, String value)
  {
    environment.put(name, value);
    return this;
  }

  Installer without(String name)
  {
    environment.remove(name);
    return this;
  }

  /** Runs as UID (group UID, no supplementary groups), as a container runtime would with runAsUser. */
  Installer asUser(int uid)
  {
    this.uid = uid;
    return this;
  }

  Result run(String... arguments) throws IOException, InterruptedException
  {
    return start(List.of(arguments)).await();
  }

  /** install --druid-home HOME --bundle (the real bundle), then EXTRA. */
  Result install(Path home, String... extra) throws IOException, InterruptedException
  {
    return start(installArguments(home, extra)).await();
  }

  static List<String> installArguments(Path home, String... extra)
  {
    final List<String> arguments = new ArrayList<>(
        List.of("install", "--druid-home", home.toString(), "--bundle", Bundle.TARBALL.toString())
    );
    arguments.addAll(List.of(extra));
    return arguments;
  }

  Result runCommand(List<String> command) throws IOException, InterruptedException
  {
    return startCommand(command).await();
  }

  Running start(List<String> arguments) throws IOException
  {
    final List<String> command = new ArrayList<>();
    command.add("bash");
    command.add(SCRIPT.toString());
    command.addAll(arguments);
    return startCommand(command);
  }

  private Running startCommand(List<String> command) throws IOException
  {
    final File stdout = Files.createTempFile(outputDir, "stdout", ".txt").toFile();
    final File stderr = Files.createTempFile(outputDir, "stderr", ".txt").toFile();
    final List<String> asUser = new ArrayList<>();
    if (uid != null) {
      // util-linux's setpriv, outside the sandbox: busybox's setpriv cannot change the uid.
      asUser.addAll(List.of("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups", "--"));
    }
    asUser.addAll(command);
    final ProcessBuilder builder = new ProcessBuilder(asUser).redirectOutput(stdout).redirectError(stderr);
    builder.environment().clear();
    builder.environment().putAll(environment);
    return new Running(builder.start(), stdout.toPath(), stderr.toPath());
  }

  static final class Running
  {
    final Process process;
    private final Path stdout;
    private final Path stderr;

    private Running(Process process, Path stdout, Path stderr)
    {
      this.process = process;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    String stderrSoFar() throws IOException
    {
      return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    Result await() throws IOException, InterruptedException
    {
      if (!process.waitFor(180, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        throw new IllegalStateException("druid-msk-install did not finish in 180 s: " + stderrSoFar());
      }
      return new Result(
          process.exitValue(),
          Files.readString(stdout, StandardCharsets.UTF_8),
          Files.readString(stderr, StandardCharsets.UTF_8)
      );
    }
  }

  static final class Result
  {
    final int exitCode;
    final String stdout;
    final String stderr;

    Result(int exitCode, String stdout, String stderr)
    {
      this.exitCode = exitCode;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    @Override
    public String toString()
    {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
  }
}
