package dev.druidmsk.cli;

import dev.druidmsk.cli.common.BuildInfo;
import dev.druidmsk.cli.common.CliContext;
import dev.druidmsk.cli.common.CliException;
import dev.druidmsk.cli.common.ContextOwner;
import dev.druidmsk.cli.common.DurationConverter;
import dev.druidmsk.cli.common.ExitCode;
import dev.druidmsk.cli.common.FixableException;
import dev.druidmsk.cli.doctor.DoctorCommand;
import dev.druidmsk.cli.migrate.MigrateCommand;
import dev.druidmsk.cli.policy.PolicyCommand;
import dev.druidmsk.cli.spec.SpecCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The `druid-msk` command: git-style subcommands for supervisor specs and IAM policies. */
@Command(
    name = "druid-msk",
    mixinStandardHelpOptions = true,
    versionProvider = BuildInfo.class,
    description = "Render, validate, diff and submit Apache Druid Kafka supervisor specs for AWS MSK with IAM, "
                  + "print the IAM policies their reader role needs, check that a node can reach MSK with IAM, and migrate "
                  + "a datasource to a new one with proof of parity.",
    subcommands = {
        SpecCommand.class, PolicyCommand.class, DoctorCommand.class, MigrateCommand.class, CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:done (diff: same; validate: valid; doctor: every check passed)",
        "1:negative answer (diff: different; validate: invalid; submit: rolled back; doctor: warnings only; "
        + "migrate parity: mismatch; migrate backfill: the reindex task failed)",
        "2:bad input or error, nothing changed (doctor: a check failed)",
        "3:submit: update failed and the known-good spec could not be restored"
    }
)
public final class DruidMsk implements Runnable, ContextOwner
{
  private final CliContext context;

  @Spec
  private CommandSpec spec;

  /** For picocli's completion generator and `main`. */
  public DruidMsk()
  {
    this(new CliContext(
        System.getenv(),
        new PrintWriter(System.out, true, StandardCharsets.UTF_8),
        new PrintWriter(System.err, true, StandardCharsets.UTF_8)
    ));
  }

  DruidMsk(CliContext context)
  {
    this.context = context;
  }

  public static void main(String[] args)
  {
    System.exit(new DruidMsk().execute(args));
  }

  /** Runs one command line in this process and returns its exit code. */
  public static int run(Map<String, String> env, PrintWriter out, PrintWriter err, String... args)
  {
    return new DruidMsk(new CliContext(env, out, err)).execute(args);
  }

  @Override
  public CliContext context()
  {
    return context;
  }

  @Override
  public void run()
  {
    throw new ParameterException(spec.commandLine(), "Missing command: choose one of 'spec', 'policy', 'doctor' or 'migrate'.");
  }

  private int execute(String[] args)
  {
    final CommandLine commandLine = new CommandLine(this)
        .setOut(context.out())
        .setErr(context.err())
        .setCaseInsensitiveEnumValuesAllowed(true)
        // The last of a repeated option wins, so that wrapper scripts can override their own defaults.
        .setOverwrittenOptionsAllowed(true)
        .setExecutionExceptionHandler(this::handleExecutionException)
        .setParameterExceptionHandler(this::handleParameterException);
    commandLine.registerConverter(java.time.Duration.class, new DurationConverter());
    final int exitCode = commandLine.execute(args);
    context.out().flush();
    context.err().flush();
    return exitCode;
  }

  private int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult)
  {
    if (e instanceof FixableException) {
      context.note("druid-msk: " + e.getMessage());
      return e instanceof CliException ? ((CliException) e).exitCode() : ExitCode.ERROR;
    }
    // Not a message of ours: note() masks any secret that a library or server might have quoted in it.
    context.note("druid-msk: unexpected " + e.getClass().getName() + ": " + e.getMessage());
    return ExitCode.ERROR;
  }

  private int handleParameterException(ParameterException e, String[] args)
  {
    context.note("druid-msk: " + e.getMessage());
    fileOptionHint(e).ifPresent(context::note);
    context.note("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
    return ExitCode.ERROR;
  }

  /**
   * For a file name the command cannot place (a second spec file, or a file given without its option): which
   * option takes it. Picocli alone answers "Unmatched argument", which names no fix.
   */
  private static Optional<String> fileOptionHint(ParameterException e)
  {
    if (!(e instanceof UnmatchedArgumentException)) {
      return Optional.empty();
    }
    final Optional<String> file = ((UnmatchedArgumentException) e).getUnmatched()
                                                                   .stream()
                                                                   .filter(arg -> !arg.startsWith("-"))
                                                                   .findFirst();
    if (file.isEmpty()) {
      return Optional.empty();
    }
    final CommandSpec command = e.getCommandLine().getCommandSpec();
    if (command.findOption("--spec") != null) {
      // Its one positional argument is the spec file, already taken.
      return Optional.of("'" + command.qualifiedName() + "' takes one spec file, as SPEC_FILE or --spec FILE.");
    }
    final List<String> fileOptions = command.options()
                                            .stream()
                                            .filter(option -> "FILE".equals(option.paramLabel()))
                                            .map(option -> "`" + option.longestName() + " " + file.get() + "`")
                                            .toList();
    return fileOptions.isEmpty()
           ? Optional.empty()
           : Optional.of("Did you mean " + String.join(" or ", fileOptions) + "?");
  }
}
