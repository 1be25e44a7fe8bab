package dev.druidmsk.localmsk.authz;

import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class MskActionTest
{
  @ParameterizedTest(name = "{0} {1} -> kafka-cluster:{2}")
  @CsvSource({
      "DESCRIBE, CLUSTER, DescribeCluster",
      "ALTER, CLUSTER, AlterCluster",
      "DESCRIBE_CONFIGS, CLUSTER, DescribeClusterDynamicConfiguration",
      "ALTER_CONFIGS, CLUSTER, AlterClusterDynamicConfiguration",
      "IDEMPOTENT_WRITE, CLUSTER, WriteDataIdempotently",
      "CREATE, TOPIC, CreateTopic",
      "DESCRIBE, TOPIC, DescribeTopic",
      "ALTER, TOPIC, AlterTopic",
      "DELETE, TOPIC, DeleteTopic",
      "DESCRIBE_CONFIGS, TOPIC, DescribeTopicDynamicConfiguration",
      "ALTER_CONFIGS, TOPIC, AlterTopicDynamicConfiguration",
      "READ, TOPIC, ReadData",
      "WRITE, TOPIC, WriteData",
      "DESCRIBE, GROUP, DescribeGroup",
      "READ, GROUP, AlterGroup",
      "DELETE, GROUP, DeleteGroup",
      "DESCRIBE, TRANSACTIONAL_ID, DescribeTransactionalId",
      "WRITE, TRANSACTIONAL_ID, AlterTransactionalId",
  })
  void documentedEquivalents(final AclOperation operation, final ResourceType type, final String action)
  {
    assertThat(MskAction.forKafka(operation, type)).map(MskAction::iamName).contains("kafka-cluster:" + action);
  }

  @ParameterizedTest(name = "{0} {1} has no MSK action")
  @CsvSource({
      "CREATE, CLUSTER",
      "CLUSTER_ACTION, CLUSTER",
      "ALTER, GROUP",
      "DESCRIBE_CONFIGS, GROUP",
      "ALTER_CONFIGS, GROUP",
      "CREATE, DELEGATION_TOKEN",
      "DESCRIBE, DELEGATION_TOKEN",
      "DESCRIBE, USER",
      "ALTER, USER",
      "ALL, TOPIC",
      "WRITE, CLUSTER",
  })
  void undocumentedPairsAreDenied(final AclOperation operation, final ResourceType type)
  {
    assertThat(MskAction.forKafka(operation, type)).isEmpty();
  }

  @Test
  void readDataRequiresWhatTheGuideListsAndWhatThoseRequire()
  {
    assertThat(MskAction.READ_DATA.withRequired()).containsExactlyInAnyOrder(
        MskAction.READ_DATA,
        MskAction.CONNECT,
        MskAction.DESCRIBE_TOPIC,
        MskAction.ALTER_GROUP,
        MskAction.DESCRIBE_GROUP
    );
  }

  @Test
  void alterTransactionalIdRequiresWriteDataAndItsDescribeTopic()
  {
    assertThat(MskAction.ALTER_TRANSACTIONAL_ID.withRequired()).containsExactlyInAnyOrder(
        MskAction.ALTER_TRANSACTIONAL_ID,
        MskAction.CONNECT,
        MskAction.DESCRIBE_TRANSACTIONAL_ID,
        MskAction.WRITE_DATA,
        MskAction.DESCRIBE_TOPIC
    );
  }

  @Test
  void connectRequiresNothing()
  {
    assertThat(MskAction.CONNECT.withRequired()).containsExactly(MskAction.CONNECT);
  }
}
