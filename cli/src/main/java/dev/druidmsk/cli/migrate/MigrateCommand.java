package dev.druidmsk.cli.migrate;

import dev.druidmsk.cli.common.BuildInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** `druid-msk migrate`: the steps of moving a Druid datasource's ingestion from Kinesis to MSK with IAM. */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    versionProvider = BuildInfo.class,
    description = {
        "Move a datasource's streaming ingestion from Amazon Kinesis to MSK with IAM, live: the producers write to "
        + "both streams, a Kafka datasource runs beside the Kinesis one, everything before a cutoff X is re-indexed "
        + "from the Kinesis datasource into the Kafka one, and queries switch once both hold the same data.",
        "Steps: convert the Kinesis supervisor spec into an MSK-IAM Kafka one, plan the cut-over at X, backfill the "
        + "data before X, prove parity."
    },
    subcommands = {ConvertCommand.class, PlanCommand.class, BackfillCommand.class, ParityCommand.class}
)
public final class MigrateCommand implements Runnable
{
  @Spec
  private CommandSpec spec;

  @Override
  public void run()
  {
    throw new ParameterException(spec.commandLine(), "Missing command: choose one of convert, plan, backfill, parity.");
  }
}
