package dev.druidmsk.localmsk.broker;

import java.io.IOException;

/** A listener's port was in use, found before the broker's JVM started or when it bound the port. */
final class PortTakenException extends IOException
{
  private final int port;

  PortTakenException(final int port, final String message)
  {
    super(message);
    this.port = port;
  }

  int port()
  {
    return port;
  }
}
