package dev.druidmsk.cli.common;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Mixed into every command that needs the run's {@link CliContext}: picocli injects the command it is mixed into, and
 * the context comes from the root command of that command line, so no command names the root's class. It adds no
 * option; {@code @Command} only makes picocli accept it as a mixin.
 */
@Command
public final class ContextMixin
{
  @Spec(Spec.Target.MIXEE)
  private CommandSpec command;

  public CliContext context()
  {
    return ((ContextOwner) command.root().userObject()).context();
  }
}
