package dev.druidmsk.cli;

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
  static final String ENV_OVERLORD = "DRUID_MSK_OVERLORD";
  static final String ENV_USER = "DRUID_MSK_USER";
  static final String ENV_PASSWORD = "DRUID_MSK_PASSWORD";
  static final String ENV_STATE_DIR = "DRUID_MSK_STATE_DIR";
  static final String ENV_DRUID_HOME = "DRUID_MSK_DRUID_HOME";

  private final Map<String, String> env;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Redactor redactor = new Redactor();

  CliContext(Map<String, String> env, PrintWriter out, PrintWriter err)
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

  Path home()
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
  Redactor redactor()
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
      throw new CliException("Interrupted while waiting; the cluster may be mid-update: check `druid-msk spec status`.");
    }
  }
}
