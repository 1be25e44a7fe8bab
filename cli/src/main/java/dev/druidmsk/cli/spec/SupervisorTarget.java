package dev.druidmsk.cli.spec;

import dev.druidmsk.cli.common.JsonFlag;
import dev.druidmsk.cli.druid.OverlordOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** One supervisor on one Overlord, named by its ID, for commands that act on it without a spec. */
final class SupervisorTarget
{
  @Parameters(index = "0", paramLabel = "ID", description = "The supervisor ID (its datasource in Druid 33).")
  String id;

  @Mixin
  OverlordOptions overlord;

  @Mixin
  JsonFlag json;
}
