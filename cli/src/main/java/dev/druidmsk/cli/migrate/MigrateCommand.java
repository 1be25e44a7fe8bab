package dev.druidmsk.cli.migrate;

import dev.druidmsk.cli.BuildInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** `druid-msk migrate ...`: moving a datasource's history to a new one (Kinesis to MSK) and proving they agree. */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    versionProvider = BuildInfo.class,
    description = "Cut a datasource over to a new one at a cutoff X: plan, backfill the data before X, prove parity.",
    subcommands = {PlanCommand.class, BackfillCommand.class, ParityCommand.class}
)
public final class MigrateCommand implements Runnable
{
  @Spec
  private CommandSpec spec;

  @Override
  public void run()
  {
    throw new ParameterException(spec.commandLine(), "Missing command: choose one of plan, backfill, parity.");
  }
}
