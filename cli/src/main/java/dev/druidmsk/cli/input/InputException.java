package dev.druidmsk.cli.input;

import dev.druidmsk.cli.common.FixableException;

/** A spec, template, values file or Druid home that cannot be used as given; the message names the fix. */
public final class InputException extends FixableException
{
  public InputException(String message)
  {
    super(message);
  }
}
