package dev.druidmsk.cli.druid;

import dev.druidmsk.cli.common.FixableException;

/** A Druid service (Overlord, Broker, Router) answered with an error status, or could not be reached (status 0). */
public final class DruidException extends FixableException
{
  private final int status;

  DruidException(int status, String message)
  {
    super(message);
    this.status = status;
  }

  public int status()
  {
    return status;
  }
}
