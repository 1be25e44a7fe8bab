package dev.druidmsk.localmsk.authz;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An MSK cluster's identity, from its ARN {@code arn:aws:kafka:REGION:ACCOUNT:cluster/NAME/UUID}, and the ARNs of its
 * resources: {@code arn:aws:kafka:REGION:ACCOUNT:topic/NAME/UUID/TOPIC}, likewise {@code group/} and
 * {@code transactional-id/} (MSK developer guide, "Semantics of IAM authorization policy actions and resources",
 * resources table).
 */
record MskCluster(String partition, String region, String account, String name, String uuid)
{
  private static final Pattern CLUSTER_ARN =
      Pattern.compile("arn:(aws[a-z-]*):kafka:([a-z0-9-]+):([0-9]{12}):cluster/([^/*?]+)/([^/*?]+)");

  /** @throws IllegalArgumentException when {@code clusterArn} is not an MSK cluster ARN */
  static MskCluster parse(final String clusterArn)
  {
    final Matcher m = CLUSTER_ARN.matcher(clusterArn == null ? "" : clusterArn.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "not an MSK cluster ARN: " + clusterArn + " (expected arn:aws:kafka:REGION:ACCOUNT:cluster/NAME/UUID)"
      );
    }
    return new MskCluster(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5));
  }

  String arn()
  {
    return typePrefix(MskResourceType.CLUSTER) + name + '/' + uuid;
  }

  /** The ARN of a resource of this cluster; for {@link MskResourceType#CLUSTER} the cluster's own ARN. */
  String arn(final MskResourceType type, final String resourceName)
  {
    return type == MskResourceType.CLUSTER ? arn() : resourcePrefix(type) + resourceName;
  }

  /** What the ARN of every resource of {@code type} in this cluster starts with, up to the resource's name. */
  String resourcePrefix(final MskResourceType type)
  {
    return typePrefix(type) + name + '/' + uuid + '/';
  }

  private String typePrefix(final MskResourceType type)
  {
    return "arn:" + partition + ":kafka:" + region + ':' + account + ':' + type.arnName() + '/';
  }
}
