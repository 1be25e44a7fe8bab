package dev.druidmsk.cli.iam;

import dev.druidmsk.cli.common.FixableException;

/** A spec, cluster ARN or principal from which no least-privilege policy can be written; the message names the fix. */
public final class PolicyException extends FixableException
{
  PolicyException(String message)
  {
    super(message);
  }
}
