package dev.druidmsk.localmsk.authz;

import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code kafka-cluster:*} actions of MSK's IAM access control, their resource types and required actions, and the
 * Kafka operation each one stands for. Sources: MSK developer guide, "Semantics of IAM authorization policy actions and
 * resources" (page {@code kafka-actions}: columns Action, Required actions, Required resources; each description says
 * "equivalent to Apache Kafka's OPERATION RESOURCE ACL"), and the Service Authorization Reference page for
 * {@code kafka-cluster} ({@code list_apachekafkaapisforamazonmskclusters}: resource types and dependent actions, the
 * same as the guide's).
 *
 * <pre>
 * Kafka operation + resource  MSK action (kafka-cluster:)          resource  required actions (kafka-cluster:)
 * DESCRIBE CLUSTER            DescribeCluster                      cluster   Connect
 * ALTER CLUSTER               AlterCluster                         cluster   Connect, DescribeCluster
 * DESCRIBE_CONFIGS CLUSTER    DescribeClusterDynamicConfiguration  cluster   Connect
 * ALTER_CONFIGS CLUSTER       AlterClusterDynamicConfiguration     cluster   Connect,
 *                                                                            DescribeClusterDynamicConfiguration
 * IDEMPOTENT_WRITE CLUSTER    WriteDataIdempotently                cluster   Connect, WriteData
 * CREATE TOPIC                CreateTopic                          topic     Connect
 * DESCRIBE TOPIC              DescribeTopic                        topic     Connect
 * ALTER TOPIC                 AlterTopic                           topic     Connect, DescribeTopic
 * DELETE TOPIC                DeleteTopic                          topic     Connect, DescribeTopic
 * DESCRIBE_CONFIGS TOPIC      DescribeTopicDynamicConfiguration    topic     Connect
 * ALTER_CONFIGS TOPIC         AlterTopicDynamicConfiguration       topic     Connect, DescribeTopicDynamicConfiguration
 * READ TOPIC                  ReadData                             topic     Connect, DescribeTopic, AlterGroup
 * WRITE TOPIC                 WriteData                            topic     Connect, DescribeTopic
 * DESCRIBE GROUP              DescribeGroup                        group     Connect
 * READ GROUP                  AlterGroup                           group     Connect, DescribeGroup
 * DELETE GROUP                DeleteGroup                          group     Connect, DescribeGroup
 * DESCRIBE TRANSACTIONAL_ID   DescribeTransactionalId              t.-id     Connect
 * WRITE TRANSACTIONAL_ID      AlterTransactionalId                 t.-id     Connect, DescribeTransactionalId,
 *                                                                            WriteData
 * </pre>
 *
 * Connect (cluster, no required action) is the right to authenticate; MSK checks it at connection time, and it stays
 * required for every request.
 *
 * <p>Every other pair is denied, because no action is documented as its equivalent: CREATE CLUSTER (the guide calls
 * CreateTopic "equivalent to CREATE CLUSTER/TOPIC" but gives it only the topic resource; Kafka asks CREATE CLUSTER
 * only as a shortcut before asking CREATE TOPIC for each topic, so denying it costs nothing), CLUSTER_ACTION CLUSTER
 * (inter-broker requests such as WriteTxnMarkers), ALTER GROUP, DESCRIBE_CONFIGS and ALTER_CONFIGS GROUP, every
 * operation on DELEGATION_TOKEN and USER resources (delegation tokens, SCRAM credentials, quotas), and ALL/ANY.
 */
enum MskAction
{
  CONNECT("Connect", MskResourceType.CLUSTER),
  DESCRIBE_CLUSTER("DescribeCluster", MskResourceType.CLUSTER),
  ALTER_CLUSTER("AlterCluster", MskResourceType.CLUSTER),
  DESCRIBE_CLUSTER_DYNAMIC_CONFIGURATION("DescribeClusterDynamicConfiguration", MskResourceType.CLUSTER),
  ALTER_CLUSTER_DYNAMIC_CONFIGURATION("AlterClusterDynamicConfiguration", MskResourceType.CLUSTER),
  WRITE_DATA_IDEMPOTENTLY("WriteDataIdempotently", MskResourceType.CLUSTER),
  CREATE_TOPIC("CreateTopic", MskResourceType.TOPIC),
  DESCRIBE_TOPIC("DescribeTopic", MskResourceType.TOPIC),
  ALTER_TOPIC("AlterTopic", MskResourceType.TOPIC),
  DELETE_TOPIC("DeleteTopic", MskResourceType.TOPIC),
  DESCRIBE_TOPIC_DYNAMIC_CONFIGURATION("DescribeTopicDynamicConfiguration", MskResourceType.TOPIC),
  ALTER_TOPIC_DYNAMIC_CONFIGURATION("AlterTopicDynamicConfiguration", MskResourceType.TOPIC),
  READ_DATA("ReadData", MskResourceType.TOPIC),
  WRITE_DATA("WriteData", MskResourceType.TOPIC),
  DESCRIBE_GROUP("DescribeGroup", MskResourceType.GROUP),
  ALTER_GROUP("AlterGroup", MskResourceType.GROUP),
  DELETE_GROUP("DeleteGroup", MskResourceType.GROUP),
  DESCRIBE_TRANSACTIONAL_ID("DescribeTransactionalId", MskResourceType.TRANSACTIONAL_ID),
  ALTER_TRANSACTIONAL_ID("AlterTransactionalId", MskResourceType.TRANSACTIONAL_ID);

  private final String iamName;
  private final MskResourceType resourceType;

  MskAction(final String name, final MskResourceType resourceType)
  {
    this.iamName = "kafka-cluster:" + name;
    this.resourceType = resourceType;
  }

  /** As written in a policy's Action element, for example {@code kafka-cluster:ReadData}. */
  String iamName()
  {
    return iamName;
  }

  MskResourceType resourceType()
  {
    return resourceType;
  }

  /** The guide's "Required actions" column, without the action itself. */
  List<MskAction> required()
  {
    return switch (this) {
      case CONNECT -> List.of();
      case DESCRIBE_CLUSTER, DESCRIBE_CLUSTER_DYNAMIC_CONFIGURATION, CREATE_TOPIC, DESCRIBE_TOPIC,
          DESCRIBE_TOPIC_DYNAMIC_CONFIGURATION, DESCRIBE_GROUP, DESCRIBE_TRANSACTIONAL_ID -> List.of(CONNECT);
      case ALTER_CLUSTER -> List.of(CONNECT, DESCRIBE_CLUSTER);
      case ALTER_CLUSTER_DYNAMIC_CONFIGURATION -> List.of(CONNECT, DESCRIBE_CLUSTER_DYNAMIC_CONFIGURATION);
      case WRITE_DATA_IDEMPOTENTLY -> List.of(CONNECT, WRITE_DATA);
      case ALTER_TOPIC, DELETE_TOPIC, WRITE_DATA -> List.of(CONNECT, DESCRIBE_TOPIC);
      case ALTER_TOPIC_DYNAMIC_CONFIGURATION -> List.of(CONNECT, DESCRIBE_TOPIC_DYNAMIC_CONFIGURATION);
      case READ_DATA -> List.of(CONNECT, DESCRIBE_TOPIC, ALTER_GROUP);
      case ALTER_GROUP, DELETE_GROUP -> List.of(CONNECT, DESCRIBE_GROUP);
      case ALTER_TRANSACTIONAL_ID -> List.of(CONNECT, DESCRIBE_TRANSACTIONAL_ID, WRITE_DATA);
    };
  }

  /** This action and everything it requires, directly or through a required action (AlterGroup needs DescribeGroup). */
  Set<MskAction> withRequired()
  {
    final Set<MskAction> all = EnumSet.of(this);
    for (MskAction required : required()) {
      all.addAll(required.withRequired());
    }
    return all;
  }

  /** The action MSK checks for a Kafka operation on a resource type; empty when none is documented (then: deny). */
  static Optional<MskAction> forKafka(final AclOperation operation, final ResourceType resourceType)
  {
    final MskAction action = switch (resourceType) {
      case CLUSTER -> switch (operation) {
        case DESCRIBE -> DESCRIBE_CLUSTER;
        case ALTER -> ALTER_CLUSTER;
        case DESCRIBE_CONFIGS -> DESCRIBE_CLUSTER_DYNAMIC_CONFIGURATION;
        case ALTER_CONFIGS -> ALTER_CLUSTER_DYNAMIC_CONFIGURATION;
        case IDEMPOTENT_WRITE -> WRITE_DATA_IDEMPOTENTLY;
        default -> null;
      };
      case TOPIC -> switch (operation) {
        case CREATE -> CREATE_TOPIC;
        case DESCRIBE -> DESCRIBE_TOPIC;
        case ALTER -> ALTER_TOPIC;
        case DELETE -> DELETE_TOPIC;
        case DESCRIBE_CONFIGS -> DESCRIBE_TOPIC_DYNAMIC_CONFIGURATION;
        case ALTER_CONFIGS -> ALTER_TOPIC_DYNAMIC_CONFIGURATION;
        case READ -> READ_DATA;
        case WRITE -> WRITE_DATA;
        default -> null;
      };
      case GROUP -> switch (operation) {
        case DESCRIBE -> DESCRIBE_GROUP;
        case READ -> ALTER_GROUP;
        case DELETE -> DELETE_GROUP;
        default -> null;
      };
      case TRANSACTIONAL_ID -> switch (operation) {
        case DESCRIBE -> DESCRIBE_TRANSACTIONAL_ID;
        case WRITE -> ALTER_TRANSACTIONAL_ID;
        default -> null;
      };
      default -> null;
    };
    return Optional.ofNullable(action);
  }
}
