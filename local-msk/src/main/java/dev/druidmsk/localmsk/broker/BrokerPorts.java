package dev.druidmsk.localmsk.broker;

import dev.druidmsk.localmsk.process.FreePorts;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

/**
 * The listener ports, fixed at the first start so that a restart keeps them; {@code ssl} and {@code scram} are 0 when
 * their listener is off.
 */
record BrokerPorts(int saslPlaintext, int saslSsl, int internal, int controller, int ssl, int scram)
{
  private static final String LOOPBACK = "127.0.0.1";

  static BrokerPorts resolve(final BrokerConfig config) throws PortTakenException
  {
    final String endpoint = config.node.endpointAddress();
    requireFree("saslPlaintextPort", config.saslPlaintextPort, LOOPBACK);
    requireFree("saslSslPort", config.saslSslPort, endpoint);
    requireFree("internalPort", config.internalPort, LOOPBACK);
    requireFree("controllerPort", config.controllerPort, LOOPBACK);
    requireFree("tlsListenerPort", config.tlsListenerPort, endpoint);
    requireFree("scramListenerPort", config.scramListenerPort, endpoint);
    return new BrokerPorts(
        FreePorts.resolve(config.saslPlaintextPort),
        FreePorts.resolve(config.saslSslPort),
        FreePorts.resolve(config.internalPort),
        FreePorts.resolve(config.controllerPort),
        config.tlsListener ? onEndpoint(config, config.tlsListenerPort) : 0,
        config.scramListener ? onEndpoint(config, config.scramListenerPort) : 0
    );
  }

  /** A configured port another process listens on fails here, before any JVM starts, rather than in the broker's log. */
  private static void requireFree(final String setting, final int port, final String address)
      throws PortTakenException
  {
    if (port == 0) {
      return;
    }
    try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(address))) {
      // Free: the broker binds it next.
    }
    catch (IOException e) {
      throw new PortTakenException(
          port,
          setting + " " + port + " is in use on " + address + " by another process (" + e.getMessage() + "): "
          + "configure another port, or 0 to have a free one chosen"
      );
    }
  }

  /** Whether {@code port} is one of these that was chosen free, not configured. */
  boolean choseFree(final int port, final BrokerConfig config)
  {
    return (port == saslPlaintext && config.saslPlaintextPort == 0)
           || (port == saslSsl && config.saslSslPort == 0)
           || (port == internal && config.internalPort == 0)
           || (port == controller && config.controllerPort == 0)
           || (port == ssl && config.tlsListenerPort == 0)
           || (port == scram && config.scramListenerPort == 0);
  }

  /** The configured port, else one free on the broker's endpoint address, where the TLS-bearing listeners bind. */
  private static int onEndpoint(final BrokerConfig config, final int configured)
  {
    return configured != 0 ? configured : FreePorts.resolveOnAll(List.of(config.node.endpointAddress()));
  }
}
