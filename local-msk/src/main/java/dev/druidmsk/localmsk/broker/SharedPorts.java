package dev.druidmsk.localmsk.broker;

import dev.druidmsk.localmsk.process.FreePorts;

import java.util.List;

/**
 * The ports a cluster's brokers share, each free on every broker's endpoint (as MSK's 9098 is on every broker): the
 * SASL_SSL listener's, MSK's TLS and SCRAM listeners' when asked for (else 0), and the controller's on 127.0.0.1.
 */
record SharedPorts(int saslSsl, int ssl, int scram, int controller)
{
  static SharedPorts choose(final List<String> endpoints, final BrokerConfig common)
  {
    return new SharedPorts(
        FreePorts.resolveOnAll(endpoints),
        common.tlsListener ? FreePorts.resolveOnAll(endpoints) : 0,
        common.scramListener ? FreePorts.resolveOnAll(endpoints) : 0,
        FreePorts.resolve(0)
    );
  }
}
