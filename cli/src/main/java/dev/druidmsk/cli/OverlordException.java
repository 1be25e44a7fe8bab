package dev.druidmsk.cli;

/** The Overlord answered with an error status, or could not be reached (status 0). */
public final class OverlordException extends CliException
{
  private final int status;

  OverlordException(int status, String message)
  {
    super(message);
    this.status = status;
  }

  public int status()
  {
    return status;
  }
}
