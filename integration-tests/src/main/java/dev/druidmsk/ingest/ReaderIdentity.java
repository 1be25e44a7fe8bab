package dev.druidmsk.ingest;

import dev.druidmsk.localmsk.LocalMsk;
import dev.druidmsk.localmsk.NodeIdentity;
import dev.druidmsk.localmsk.sts.BaseUser;

import java.util.Map;

/**
 * Who reads: the Druid nodes' own identity (the base user's long-term keys, or an identity the emulator gives a node
 * without keys: EKS IRSA, Pod Identity, an instance profile), and the role it assumes in the MSK cluster's account
 * with an external ID, as in a cross-account setup.
 */
public record ReaderIdentity(BaseUser nodeUser, String roleArn, String externalId, NodeIdentity node)
{
  /** Nodes that run as {@code nodeUser} with its keys. */
  public ReaderIdentity(BaseUser nodeUser, String roleArn, String externalId)
  {
    this(nodeUser, roleArn, externalId, NodeIdentity.KEYS);
  }

  /** The same reader on nodes whose own identity is {@code kind}. */
  public ReaderIdentity onNodes(NodeIdentity kind)
  {
    return new ReaderIdentity(nodeUser, roleArn, externalId, kind);
  }

  /** The principal the reader role trusts: the user, or the emulator's node role whose sessions the nodes are. */
  public String nodePrincipal()
  {
    return node == NodeIdentity.KEYS ? nodeUser.arn() : LocalMsk.NODE_ROLE_ARN;
  }

  /** The AWS system properties of a node: the STS endpoint, region and the node's own identity, nothing else. */
  public Map<String, String> nodeSystemProperties(LocalMsk msk)
  {
    return node == NodeIdentity.KEYS ? msk.awsSystemProperties() : msk.nodeSystemProperties(node);
  }
}
