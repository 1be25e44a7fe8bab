package dev.druidmsk.cli.migrate;

import dev.druidmsk.cli.common.FixableException;

/** A spec that cannot be converted, or a migration step that cannot go on; the message names the fix. */
public final class MigrationException extends FixableException
{
  MigrationException(String message)
  {
    super(message);
  }
}
