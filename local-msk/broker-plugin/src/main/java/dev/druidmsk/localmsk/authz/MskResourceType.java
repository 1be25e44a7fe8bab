package dev.druidmsk.localmsk.authz;

import java.util.function.Predicate;

/** The four resource types of MSK's IAM access control, named as in their ARNs. */
enum MskResourceType
{
  CLUSTER("cluster", c -> true),
  // Kafka limits topic names to [a-zA-Z0-9._-].
  TOPIC("topic", c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                      || c == '.' || c == '_' || c == '-'),
  GROUP("group", c -> true),
  TRANSACTIONAL_ID("transactional-id", c -> true);

  private final String arnName;
  private final Predicate<Character> legalInName;

  MskResourceType(final String arnName, final Predicate<Character> legalInName)
  {
    this.arnName = arnName;
    this.legalInName = legalInName;
  }

  String arnName()
  {
    return arnName;
  }

  /** Which characters a resource of this type may have in its name; one instance per type. */
  Predicate<Character> legalInName()
  {
    return legalInName;
  }
}
