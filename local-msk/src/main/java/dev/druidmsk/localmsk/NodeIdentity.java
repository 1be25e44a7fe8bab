package dev.druidmsk.localmsk;

/**
 * How a Druid node gets its own AWS identity, from which it assumes the reader role: each kind is what the AWS SDK's
 * default credential chain finds on such a node.
 */
public enum NodeIdentity
{
  /** An IAM user's long-term keys ({@code aws.accessKeyId} / {@code aws.secretAccessKey}): the base user. */
  KEYS,
  /** EKS IRSA: a web identity token file and a role, exchanged with AssumeRoleWithWebIdentity. */
  IRSA,
  /** EKS Pod Identity: the agent's credentials URI and its authorization token file. */
  POD_IDENTITY,
  /** EC2 instance profile: IMDSv2. */
  INSTANCE_PROFILE
}
