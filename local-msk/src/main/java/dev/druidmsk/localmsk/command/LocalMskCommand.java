package dev.druidmsk.localmsk.command;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** Picks the subcommand and maps every outcome to an exit code: 0 done, 1 failed, 2 bad command line. */
public final class LocalMskCommand
{
  static final String USAGE = String.join(
      "\n",
      "Usage: local-msk COMMAND [options]",
      "An offline AWS MSK IAM emulator: a local STS and a Kafka broker that authenticates AWS_MSK_IAM and authorizes",
      "by IAM policy, for testing any MSK IAM client without an AWS account.",
      "",
      "Commands:",
      "  start   start the emulator and run until stopped (local-msk start --help)",
      "  stop    stop the emulator of a work directory (local-msk stop --help)",
      "",
      "Example: local-msk start --work-dir /tmp/msk --role arn:aws:iam::222222222222:role/reader:my-external-id \\",
      "           --policy arn:aws:iam::222222222222:role/reader=reader-policy.json"
  );

  private LocalMskCommand()
  {
  }

  public static int run(final String[] args, final PrintStream out, final PrintStream err)
      throws IOException, InterruptedException
  {
    if (args.length == 0) {
      return usageError(null, "a command is needed", USAGE, err);
    }
    final List<String> rest = Arrays.asList(args).subList(1, args.length);
    return switch (args[0]) {
      case "start" -> StartCommand.run(rest, out, err);
      case "stop" -> StopCommand.run(rest, out, err);
      case "--help", "-h", "help" -> {
        out.println(USAGE);
        yield 0;
      }
      default -> usageError(null, "unknown command '" + args[0] + "': use start or stop", USAGE, err);
    };
  }

  static int usageError(final String command, final String message, final String usage, final PrintStream err)
  {
    err.println("local-msk" + (command == null ? "" : ' ' + command) + ": " + message);
    err.println();
    err.println(usage);
    return 2;
  }
}
