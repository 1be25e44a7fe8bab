package dev.druidmsk.cli.spec;

import dev.druidmsk.cli.common.BuildInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** `druid-msk spec ...`: everything done to one supervisor spec. */
@Command(
    name = "spec",
    mixinStandardHelpOptions = true,
    versionProvider = BuildInfo.class,
    description = "Render, validate, diff and submit supervisor specs; show, suspend and resume supervisors.",
    subcommands = {
        RenderCommand.class, ValuesCommand.class, ValidateCommand.class, DiffCommand.class, SubmitCommand.class,
        StatusCommand.class, SuspendCommand.class, ResumeCommand.class
    }
)
public final class SpecCommand implements Runnable
{
  @Spec
  private CommandSpec spec;

  @Override
  public void run()
  {
    throw new ParameterException(
        spec.commandLine(),
        "Missing command: choose one of render, values, validate, diff, submit, status, suspend, resume."
    );
  }
}
