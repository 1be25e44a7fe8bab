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
}
