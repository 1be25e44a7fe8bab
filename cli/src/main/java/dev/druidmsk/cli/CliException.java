package dev.druidmsk.cli;

/**
 * An error the user can fix. Its message is printed as is, so it names the cause and the fix, and never contains a
 * secret (passwords, external IDs, file contents).
 */
public class CliException extends RuntimeException
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

  int exitCode()
  {
    return exitCode;
  }
}
