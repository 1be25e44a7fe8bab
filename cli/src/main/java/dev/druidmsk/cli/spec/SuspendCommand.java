package dev.druidmsk.cli.spec;

import dev.druidmsk.cli.common.BuildInfo;
import picocli.CommandLine.Command;

/** `druid-msk spec suspend ID`. */
@Command(
    name = "suspend",
    mixinStandardHelpOptions = true,
    versionProvider = BuildInfo.class,
    description = "Suspend a supervisor: its tasks publish and stop; the spec stays. --json prints the spec Druid "
                  + "returns. Exit code: 0 done, 2 error."
)
final class SuspendCommand extends LifecycleCommand
{
  @Override
  String action()
  {
    return "suspend";
  }

  @Override
  String done()
  {
    return "suspended";
  }
}
