package dev.druidmsk.localmsk.process;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child JVM whose output goes to a log file, stopped by TERM and then KILL after a deadline, and killed by a
 * shutdown hook should the parent JVM exit first.
 */
public final class JvmProcess implements AutoCloseable
{
  private static final int LOG_TAIL_LINES = 40;
  private static final Duration HOOK_GRACE = Duration.ofSeconds(20);

  private final String name;
  private final Process process;
  private final Path log;
  private final Thread reaper;

  private JvmProcess(final String name, final Process process, final Path log)
  {
    this.name = name;
    this.process = process;
    this.log = log;
    this.reaper = new Thread(this::stopQuietly, "stop-" + name);
    Runtime.getRuntime().addShutdownHook(reaper);
  }

  public static JvmProcess start(final JavaCommand command) throws IOException
  {
    Files.createDirectories(command.log().getParent());
    final ProcessBuilder builder = new ProcessBuilder(command.commandLine())
        .directory(command.workDir().toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(command.log().toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().putAll(command.environment());
    final Process process = builder.start();
    return new JvmProcess(command.name(), process, command.log());
  }

  /** Runs a tool to completion within {@code deadline}; fails with the tail of its log if it exits non-zero. */
  public static void run(final JavaCommand command, final Duration deadline)
      throws IOException, InterruptedException, TimeoutException
  {
    try (JvmProcess tool = start(command)) {
      if (!tool.process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new TimeoutException(command.name() + " did not finish within " + deadline + "; see " + command.log());
      }
      if (tool.process.exitValue() != 0) {
        throw new IOException(command.name() + " exited with " + tool.process.exitValue() + ":\n" + tool.logTail());
      }
    }
  }

  public long pid()
  {
    return process.pid();
  }

  public boolean isAlive()
  {
    return process.isAlive();
  }

  /** The exit code of the ended process (137 after a KILL, as the OOM killer sends). */
  public int exitValue()
  {
    return process.exitValue();
  }

  public Path log()
  {
    return log;
  }

  /** The last lines of the log, to explain a failure. */
  public String logTail()
  {
    try {
      final List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    }
    catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  /** TERM, then KILL if it has not exited within {@code grace}. Returns once the process is gone. */
  public void stop(final Duration grace) throws InterruptedException
  {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor();
      }
    }
    removeReaper();
  }

  /** KILL at once, as a crash or the OOM killer would; returns once the process is gone. */
  public void kill() throws InterruptedException
  {
    process.destroyForcibly();
    process.waitFor();
    removeReaper();
  }

  private void removeReaper()
  {
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    }
    catch (IllegalStateException e) {
      // The JVM is already shutting down, and the hook is doing this same work.
    }
  }

  /** For the shutdown hook: a JVM exiting on Ctrl-C still stops its children gracefully. */
  private void stopQuietly()
  {
    process.destroy();
    try {
      if (!process.waitFor(HOOK_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
      }
    }
    catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException
  {
    stop(Duration.ofSeconds(30));
  }

  @Override
  public String toString()
  {
    return name + " (pid " + process.pid() + ")";
  }
}
