package dev.druidmsk.cli.input;

import dev.druidmsk.cli.common.CliContext;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

/** `--druid-home`, declared here once for every command that loads Druid's classes or checks a node. */
public final class DruidHomeOption
{
  @Option(
      names = "--druid-home",
      paramLabel = "DIR",
      description = "A Druid home (lib/ + extensions/): use your nodes' own. Default: env " + DruidHome.ENV
                    + ", else druid-home/ beside this distribution's lib/ (a stock Druid, to which `spec validate` "
                    + "adds the druid-msk extension; not for `doctor`), else /opt/druid when it holds lib/ and "
                    + "extensions/."
  )
  private Path druidHome;

  /** The home whose classes validate a spec (see {@link DruidHome#forValidation}). */
  public DruidHome forValidation(CliContext context)
  {
    return DruidHome.forValidation(druidHome, context.env(DruidHome.ENV));
  }

  /** The Druid home of the node a check runs for, if the rule finds one (see {@link DruidHome#ofNode}). */
  public Optional<Path> ofNode(CliContext context)
  {
    return DruidHome.ofNode(druidHome, context.env(DruidHome.ENV));
  }
}
