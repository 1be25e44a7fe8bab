package dev.druidmsk.probe.kafka;

import org.apache.kafka.common.Node;

/**
 * The fixes of a broker that fails its own check while the bootstrap works: MSK reached over PrivateLink with one
 * interface endpoint per broker, where each broker's advertised name must resolve on the node to that broker's
 * endpoint, which must serve the advertised port with that broker's certificate.
 */
final class PrivateLinkFix
{
  private PrivateLinkFix()
  {
  }

  /** The name does not resolve on this node. */
  static String unresolved(Node broker)
  {
    return "create a private DNS record " + broker.host() + " for broker " + broker.id() + "'s interface endpoint "
           + "(in a private hosted zone associated with this VPC, or this node's resolver); " + pattern(broker);
  }

  /** The name resolves, but nothing there accepts the advertised port. */
  static String port(Node broker)
  {
    return "the endpoint " + broker.host() + " resolves to must accept port " + broker.port() + ": check the "
           + "listener of broker " + broker.id() + "'s endpoint service and the endpoint's security group; "
           + pattern(broker);
  }

  /** The name reaches a server whose certificate is not for it: another broker's endpoint, or no broker. */
  static String certificate(Node broker)
  {
    return "the record " + broker.host() + " must point at broker " + broker.id() + "'s own endpoint, not another "
           + "broker's; " + pattern(broker);
  }

  /** Connected, but the broker never answered the request. */
  static String noAnswer(Node broker)
  {
    return "the endpoint behind " + broker.host() + " must forward to broker " + broker.id() + "; " + pattern(broker);
  }

  private static String pattern(Node broker)
  {
    return "with PrivateLink every broker needs its own endpoint and one private DNS record per advertised broker "
           + "name, and MSK's advertised port (here " + broker.port() + ") must be reachable on each endpoint";
  }
}
