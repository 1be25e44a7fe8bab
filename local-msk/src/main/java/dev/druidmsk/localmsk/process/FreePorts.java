package dev.druidmsk.localmsk.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Turns a configured port of 0 into a port that is free on the loopback interface now. */
public final class FreePorts
{
  private FreePorts()
  {
  }

  public static int resolve(final int configured)
  {
    if (configured != 0) {
      return configured;
    }
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
    catch (IOException e) {
      throw new UncheckedIOException("No free loopback port", e);
    }
  }
}
