package dev.druidmsk.localmsk.authz;

/** The four resource types of MSK's IAM access control, named as in their ARNs. */
enum MskResourceType
{
  CLUSTER("cluster"),
  TOPIC("topic"),
  GROUP("group"),
  TRANSACTIONAL_ID("transactional-id");

  private final String arnName;

  MskResourceType(final String arnName)
  {
    this.arnName = arnName;
  }

  String arnName()
  {
    return arnName;
  }

  /** Whether a resource of this type may have {@code c} in its name: Kafka limits topic names to [a-zA-Z0-9._-]. */
  boolean legalInName(final char c)
  {
    return this != TOPIC || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
           || c == '.' || c == '_' || c == '-';
  }
}
