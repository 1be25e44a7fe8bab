package dev.druidmsk.cli.iam;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The statements of the reader role's permissions policy, by Sid: what {@code druid-msk policy} emits and what the
 * doctor names when MSK refuses one of their actions.
 */
public enum ReaderStatement
{
  /** Every MSK IAM client signs this action in its SASL handshake, and MSK requires it for every request. */
  CONNECT_TO_CLUSTER("ConnectToCluster", "the cluster ARN", "kafka-cluster:Connect"),
  /** Metadata and offset lookups (partition discovery, lag, start offsets), and the tasks' fetches. */
  READ_TOPIC("ReadTopic", "the topic's ARN", "kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"),
  /** MSK requires AlterGroup (and DescribeGroup) on some group for ReadData; granted on Druid's groups only. */
  USE_DRUID_CONSUMER_GROUPS(
      "UseDruidConsumerGroups",
      "Druid's consumer groups (group ARN .../" + ReaderRole.DRUID_GROUP_PATTERN + ", or the spec's group.id)",
      "kafka-cluster:DescribeGroup",
      "kafka-cluster:AlterGroup"
  );

  private final String sid;
  private final String resource;
  private final List<String> actions;

  ReaderStatement(final String sid, final String resource, final String... actions)
  {
    this.sid = sid;
    this.resource = resource;
    this.actions = List.of(actions);
  }

  public String sid()
  {
    return sid;
  }

  /** The statement's resource, in words. */
  public String resource()
  {
    return resource;
  }

  public List<String> actions()
  {
    return actions;
  }

  /** The statement that grants {@code action} (as written in a policy, {@code kafka-cluster:ReadData}). */
  public static Optional<ReaderStatement> granting(final String action)
  {
    return Arrays.stream(values()).filter(statement -> statement.actions.contains(action)).findFirst();
  }

  String resourceArn(final MskCluster cluster, final ReaderRole role)
  {
    return switch (this) {
      case CONNECT_TO_CLUSTER -> cluster.arn();
      case READ_TOPIC -> cluster.topicArn(role.topicResource());
      case USE_DRUID_CONSUMER_GROUPS -> cluster.groupArn(role.group());
    };
  }
}
