package dev.druidmsk.localmsk.broker;

import dev.druidmsk.localmsk.process.FreePorts;

import java.util.List;

/**
 * The listener ports, fixed at the first start so that a restart keeps them; {@code ssl} and {@code scram} are 0 when
 * their listener is off.
 */
record BrokerPorts(int saslPlaintext, int saslSsl, int internal, int controller, int ssl, int scram)
{
  static BrokerPorts resolve(final BrokerConfig config)
  {
    return new BrokerPorts(
        FreePorts.resolve(config.saslPlaintextPort),
        FreePorts.resolve(config.saslSslPort),
        FreePorts.resolve(config.internalPort),
        FreePorts.resolve(config.controllerPort),
        config.tlsListener ? onEndpoint(config, config.tlsListenerPort) : 0,
        config.scramListener ? onEndpoint(config, config.scramListenerPort) : 0
    );
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
