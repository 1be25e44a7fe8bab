package dev.druidmsk.cli.common;

/** The root command, which creates the run's {@link CliContext}; subcommands reach it through {@link ContextMixin}. */
public interface ContextOwner
{
  CliContext context();
}
