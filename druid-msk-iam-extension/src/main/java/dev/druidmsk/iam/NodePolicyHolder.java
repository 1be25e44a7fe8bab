package dev.druidmsk.iam;

import com.google.inject.Inject;

/**
 * The node policy for code that Kafka or Jackson creates without Guice: the credentials callback handler, which
 * Kafka instantiates by class name, and the checks of a hand-written {@code sasl.jaas.config}. The Druid module
 * installs the bound policy when the node's injector is made; until then, and outside Druid, nothing is restricted.
 */
final class NodePolicyHolder
{
  private static volatile MskIamNodePolicy current = MskIamNodePolicy.UNRESTRICTED;

  private NodePolicyHolder()
  {
  }

  @Inject
  static void install(MskIamNodePolicy policy)
  {
    current = policy;
  }

  static MskIamNodePolicy current()
  {
    return current;
  }
}
