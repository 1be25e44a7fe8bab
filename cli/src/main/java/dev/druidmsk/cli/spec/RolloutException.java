package dev.druidmsk.cli.spec;

import dev.druidmsk.cli.common.FixableException;

/** A submit that could not be carried out; whether the supervisor may have changed decides what the user must do. */
public final class RolloutException extends FixableException
{
  private final boolean outcomeUnknown;

  RolloutException(String message, boolean outcomeUnknown)
  {
    super(message);
    this.outcomeUnknown = outcomeUnknown;
  }

  /** True when the update may or may not have been applied: the cluster must be looked at. */
  public boolean outcomeUnknown()
  {
    return outcomeUnknown;
  }
}
