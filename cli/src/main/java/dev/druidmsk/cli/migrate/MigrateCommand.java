package dev.druidmsk.cli.migrate;

import dev.druidmsk.cli.BuildInfo;
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
        + "both streams, a Kafka datasource runs beside the Kinesis one, everything before a cutoff is re-indexed from "
        + "the Kinesis datasource into the Kafka one, and queries switch once both hold the same data.",
        "Start with `convert`: the Kinesis supervisor spec becomes an MSK-IAM Kafka supervisor spec for the new "
        + "datasource, with a report of every field it changed or dropped."
    },
    subcommands = {ConvertCommand.class}
)
public final class MigrateCommand implements Runnable
{
  @Spec
  private CommandSpec spec;

  @Override
  public void run()
  {
    throw new ParameterException(spec.commandLine(), "Missing command: choose one of " + subcommandNames() + ".");
  }

  private String subcommandNames()
  {
    return String.join(", ", spec.subcommands().keySet().stream().map(name -> "'" + name + "'").toList());
  }
}
