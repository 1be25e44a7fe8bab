package dev.druidmsk.localmsk.broker;

/**
 * The KRaft quorum of a local cluster: one controller, which is also a broker, and the cluster ID every node is
 * formatted with. One voter is enough to reproduce what clients see; MSK's controllers are not visible to them.
 *
 * @param clusterId      Kafka's cluster ID ({@code kafka-storage format -t})
 * @param controllerId   the node id of the broker that is also the controller
 * @param controllerPort its CONTROLLER listener's port on 127.0.0.1
 */
public record KraftQuorum(String clusterId, int controllerId, int controllerPort)
{
  boolean isController(final BrokerNode node)
  {
    return node.id() == controllerId;
  }

  String voters()
  {
    return controllerId + "@127.0.0.1:" + controllerPort;
  }
}
