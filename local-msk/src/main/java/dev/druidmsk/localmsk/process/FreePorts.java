package dev.druidmsk.localmsk.process;

import java.io.IOException;
import java.net.BindException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a configured port of 0 into a port that is free on the loopback interface now, and never hands the same port
 * out twice in one JVM: a probed port is released before its server binds it, and the kernel may offer it again to the
 * next probe (two listeners of one broker once got the same port and the broker refused to start).
 */
public final class FreePorts
{
  private static final int ATTEMPTS = 20;
  private static final Set<Integer> HANDED_OUT = new HashSet<>();

  private FreePorts()
  {
  }

  public static int resolve(final int configured)
  {
    if (configured != 0) {
      return configured;
    }
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        if (handOut(socket.getLocalPort())) {
          return socket.getLocalPort();
        }
      }
      catch (IOException e) {
        throw new UncheckedIOException("No free loopback port", e);
      }
    }
    throw new IllegalStateException("No loopback port this JVM has not handed out already in " + ATTEMPTS + " attempts");
  }

  /** Whether {@code port} was not handed out before; it is from now on. */
  private static synchronized boolean handOut(final int port)
  {
    return HANDED_OUT.add(port);
  }

  /**
   * A port free on every one of {@code addresses} now (loopback addresses such as 127.0.0.2, which Linux routes to
   * the loopback interface without configuration), so that several listeners can share one port number, as MSK's
   * brokers all listen on 9098.
   */
  public static int resolveOnAll(final List<String> addresses)
  {
    IOException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      final List<ServerSocket> held = new ArrayList<>();
      try {
        held.add(new ServerSocket(0, 1, InetAddress.getByName(addresses.get(0))));
        final int port = held.get(0).getLocalPort();
        for (String address : addresses.subList(1, addresses.size())) {
          held.add(new ServerSocket(port, 1, InetAddress.getByName(address)));
        }
        if (handOut(port)) {
          return port;
        }
      }
      catch (BindException e) {
        // Taken on one of the other addresses (or the address is not configured): try another port.
        last = e;
      }
      catch (IOException e) {
        throw new UncheckedIOException("Cannot bind on " + addresses, e);
      }
      finally {
        held.forEach(FreePorts::closeQuietly);
      }
    }
    throw new UncheckedIOException(
        "No port free on all of " + addresses + " in " + ATTEMPTS + " attempts; on macOS, add the addresses to the "
        + "loopback interface first (sudo ifconfig lo0 alias 127.0.0.2 up, and so on)", last
    );
  }

  private static void closeQuietly(final ServerSocket socket)
  {
    try {
      socket.close();
    }
    catch (IOException e) {
      // Only probing; the port is tried again by whoever binds it.
    }
  }
}
