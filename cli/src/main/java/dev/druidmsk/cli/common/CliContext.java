package dev.druidmsk.cli.common;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;

/**
 * What a command reads from and writes to outside its options: the environment, the two output streams and the
 * clock. Tests run commands in-process with their own environment and writers.
 */
public final class CliContext
{
  private final Map<String, String> env;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Redactor redactor = new Redactor();

  public CliContext(Map<String, String> env, PrintWriter out, PrintWriter err)
  {
    this.env = Map.copyOf(env);
    this.out = out;
    this.err = err;
  }

  public String env(String name)
  {
    final String value = env.get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  /** The user's home folder: env HOME, else the JVM's user.home. */
  public Path home()
  {
    final String home = env("HOME");
    return home != null ? Paths.get(home) : Paths.get(System.getProperty("user.home"));
  }

  public PrintWriter out()
  {
    return out;
  }

  public PrintWriter err()
  {
    return err;
  }

  /** Every secret read by this run, so that no message can print one by accident. */
  public Redactor redactor()
  {
    return redactor;
  }

  /** Prints a progress or warning line on stderr, keeping stdout for the result. */
  public void note(String line)
  {
    err.println(redactor.redact(line));
    err.flush();
  }

  public void sleep(Duration duration)
  {
    try {
      Thread.sleep(duration.toMillis());
    }
    catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FixableException("Interrupted while waiting; the cluster may be mid-update: check `druid-msk spec status`.");
    }
  }
}
