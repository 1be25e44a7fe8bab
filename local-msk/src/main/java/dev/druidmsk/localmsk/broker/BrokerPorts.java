package dev.druidmsk.localmsk.broker;

import dev.druidmsk.localmsk.process.FreePorts;

/** The four listener ports, fixed at the first start so that a restart keeps them. */
record BrokerPorts(int saslPlaintext, int saslSsl, int internal, int controller)
{
  static BrokerPorts resolve(final BrokerConfig config)
  {
    return new BrokerPorts(
        FreePorts.resolve(config.saslPlaintextPort),
        FreePorts.resolve(config.saslSslPort),
        FreePorts.resolve(config.internalPort),
        FreePorts.resolve(config.controllerPort)
    );
  }
}
