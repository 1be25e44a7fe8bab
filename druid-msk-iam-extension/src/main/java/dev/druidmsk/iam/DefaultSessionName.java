package dev.druidmsk.iam;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The STS session name used when a spec sets none: {@code druid-<host>}, so CloudTrail shows which Druid node
 * assumed the role. It is computed on the node that builds the consumer, not where the spec was parsed.
 */
final class DefaultSessionName
{
  private DefaultSessionName()
  {
  }

  static String forThisNode()
  {
    return forHost(hostName());
  }

  /** Replaces what STS does not accept with '-' and truncates to STS's 64-character limit. */
  static String forHost(String host)
  {
    final String sanitised = host == null || host.isBlank()
                             ? "node"
                             : host.trim().replaceAll("[^A-Za-z0-9+=,.@_-]", "-");
    final String name = MskIamOptions.DEFAULT_SESSION_NAME_PREFIX + sanitised;
    final int maxLength = OptionRules.ROLE_SESSION_NAME.maxLength;
    return name.length() > maxLength ? name.substring(0, maxLength) : name;
  }

  private static String hostName()
  {
    // Kubernetes and most init systems export HOSTNAME; asking the resolver may block on a broken DNS.
    final String fromEnvironment = System.getenv("HOSTNAME");
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    }
    catch (UnknownHostException e) {
      return null;
    }
  }
}
