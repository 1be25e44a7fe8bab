package dev.druidmsk.cli.common;

/**
 * What a command ends with when it does not return an exit code: a message for the user and the exit code. Thrown by
 * commands and their option mixins only; the code they call throws its own {@link FixableException}s.
 */
public class CliException extends FixableException
{
  private final int exitCode;

  public CliException(String message)
  {
    this(message, ExitCode.ERROR);
  }

  public CliException(String message, int exitCode)
  {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode()
  {
    return exitCode;
  }
}
