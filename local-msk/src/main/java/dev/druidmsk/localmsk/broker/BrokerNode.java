package dev.druidmsk.localmsk.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One broker of a local cluster: its node id and its SASL_SSL endpoint, a loopback address of its own (as MSK over
 * PrivateLink puts one interface endpoint in front of each broker) and the host name it advertises there.
 *
 * @param id              Kafka's {@code node.id}, MSK's broker id
 * @param endpointAddress the loopback address the SASL_SSL listener binds, e.g. {@code 127.0.0.2}
 * @param advertisedHost  the name clients connect to, sign for and verify the certificate of after bootstrapping
 */
public record BrokerNode(int id, String endpointAddress, String advertisedHost)
{
  static final String LOCALHOST = "localhost";
  private static final String LOCALHOST_ADDRESS = "127.0.0.1";
  private static final Pattern LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  // The name ends up inside JAAS and properties values: DNS characters only.
  private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
  /**
   * The single broker local-msk runs by default: the SASL_SSL listener on 127.0.0.1, advertised as localhost.
   * Declared after the patterns, which its constructor uses during class initialisation.
   */
  public static final BrokerNode SINGLE = new BrokerNode(1, "127.0.0.1", "localhost");

  public BrokerNode
  {
    if (id < 1) {
      throw new IllegalArgumentException("Broker id " + id + ": use 1 or more");
    }
    if (!LOOPBACK.matcher(endpointAddress).matches()) {
      throw new IllegalArgumentException("Endpoint address '" + endpointAddress + "' of broker " + id
                                         + " is not a 127.x.y.z loopback address");
    }
    if (!HOST.matcher(advertisedHost).matches() || advertisedHost.length() > 253) {
      throw new IllegalArgumentException("Advertised host '" + advertisedHost + "' of broker " + id
                                         + " is not a lower-case DNS name");
    }
  }

  /** Whether the endpoint is 127.0.0.1, which clients may also reach as {@code localhost} (the bootstrap). */
  boolean onLocalhost()
  {
    return LOCALHOST_ADDRESS.equals(endpointAddress);
  }

  /** The names a client may reach the SASL_SSL listener by, so sign for and verify the certificate of. */
  List<String> tlsHosts()
  {
    final List<String> hosts = new ArrayList<>(List.of(advertisedHost));
    if (onLocalhost() && !LOCALHOST.equals(advertisedHost)) {
      hosts.add(LOCALHOST);
    }
    return hosts;
  }

  /** keytool's SAN extension: every name of {@link #tlsHosts()} and the endpoint address. */
  String subjectAlternativeNames()
  {
    final StringBuilder san = new StringBuilder();
    tlsHosts().forEach(host -> san.append("dns:").append(host).append(','));
    return san.append("ip:").append(endpointAddress).toString();
  }
}
