package dev.druidmsk.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

/** Runs druid-msk in this JVM with a chosen environment and captures both output streams. */
final class Cli
{
  private final Map<String, String> env = new HashMap<>();

  Cli env(String name, String value)
  {
    env.put(name, value);
    return this;
  }

  Result run(String... args)
  {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final int exitCode = DruidMsk.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(exitCode, out.toString(), err.toString());
  }

  /** The outcome of one run. */
  static final class Result
  {
    final int exitCode;
    final String out;
    final String err;

    Result(int exitCode, String out, String err)
    {
      this.exitCode = exitCode;
      this.out = out;
      this.err = err;
    }

    String all()
    {
      return out + err;
    }

    @Override
    public String toString()
    {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }
}
