package dev.druidmsk.cli;

/** The Overlord answered with an error status, or could not be reached (status 0). */
final class OverlordException extends CliException
{
  private final int status;

  OverlordException(int status, String message)
  {
    super(message);
    this.status = status;
  }

  int status()
  {
    return status;
  }
}
