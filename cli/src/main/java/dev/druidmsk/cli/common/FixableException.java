package dev.druidmsk.cli.common;

/**
 * An error the user can fix, raised by druid-msk's own code. Its message is printed as is, so it names the cause and
 * the fix, and never contains a secret (passwords, external IDs, file contents). Each part of druid-msk throws its own
 * subclass; only commands decide the exit code (see {@link CliException}).
 */
public class FixableException extends RuntimeException
{
  public FixableException(String message)
  {
    super(message);
  }
}
