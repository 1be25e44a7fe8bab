package dev.druidmsk.cli.spec;

import dev.druidmsk.cli.common.BuildInfo;
import picocli.CommandLine.Command;

/** `druid-msk spec resume ID`. */
@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    versionProvider = BuildInfo.class,
    description = "Resume a suspended supervisor. --json prints the spec Druid returns. Exit code: 0 done, 2 error."
)
final class ResumeCommand extends LifecycleCommand
{
  @Override
  String action()
  {
    return "resume";
  }

  @Override
  String done()
  {
    return "resumed";
  }
}
