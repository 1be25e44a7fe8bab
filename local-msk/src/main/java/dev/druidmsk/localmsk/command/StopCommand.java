package dev.druidmsk.localmsk.command;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code local-msk stop}: asks the local-msk of a work directory to stop (as Ctrl-C does) and waits for it. */
final class StopCommand
{
  static final String USAGE = String.join(
      "\n",
      "Usage: local-msk stop --work-dir DIR [--timeout SECONDS]",
      "Stops the local-msk started with that work directory (SIGTERM, as Ctrl-C: it stops the broker, then the STS)",
      "and waits until it has exited.",
      "",
      "  --work-dir DIR     the work directory given to local-msk start (required)",
      "  --timeout SECONDS  how long to wait for it to exit (default: 90)",
      "  --help             this text",
      "",
      "Exit codes: 0 stopped, or nothing was running (said so); 1 still running after the timeout; 2 bad options."
  );
  private static final Set<String> SINGLE = Set.of("--work-dir", "--timeout");

  private StopCommand()
  {
  }

  static int run(final List<String> args, final PrintStream out, final PrintStream err)
      throws IOException, InterruptedException
  {
    final Path workDir;
    final int timeout;
    try {
      final Options options = Options.parse(args, SINGLE, Set.of());
      if (options.help()) {
        out.println(USAGE);
        return 0;
      }
      final String dir = options.get("--work-dir", null);
      if (dir == null) {
        throw new UsageException("--work-dir is required: the work directory given to local-msk start");
      }
      workDir = Path.of(dir).toAbsolutePath();
      timeout = options.number("--timeout", 90, 1);
    }
    catch (UsageException e) {
      return LocalMskCommand.usageError("stop", e.getMessage(), USAGE, err);
    }
    final PidFile pidFile = new PidFile(workDir);
    final Optional<ProcessHandle> running = pidFile.running();
    if (running.isEmpty()) {
      pidFile.removeStale();
      out.println("Nothing to stop: no local-msk runs from " + workDir + '.');
      return 0;
    }
    final ProcessHandle process = running.get();
    out.println("Stopping local-msk (pid " + process.pid() + ") of " + workDir + "...");
    process.destroy();
    try {
      process.onExit().get(timeout, TimeUnit.SECONDS);
    }
    catch (TimeoutException e) {
      err.println("local-msk stop: pid " + process.pid() + " still runs after " + timeout + " s; see its broker's logs"
                  + " in " + workDir.resolve("broker/logs") + ", wait longer (--timeout) or kill it");
      return 1;
    }
    catch (ExecutionException e) {
      throw new IOException("could not wait for pid " + process.pid(), e);
    }
    out.println("Stopped local-msk (pid " + process.pid() + ").");
    return 0;
  }
}
