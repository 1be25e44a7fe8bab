package dev.druidmsk.localmsk.command;

/** A command line that cannot run as given; the message says what to change. Exit code 2, nothing started. */
public final class UsageException extends Exception
{
  public UsageException(final String message)
  {
    super(message);
  }
}
