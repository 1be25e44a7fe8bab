package dev.druidmsk.localmsk.authz;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class GlobPatternTest
{
  @ParameterizedTest(name = "action pattern {0} matches {1}: {2}")
  @CsvSource({
      // The MSK guide's own examples of action wildcards.
      "kafka-cluster:*Topic, kafka-cluster:CreateTopic, true",
      "kafka-cluster:*Topic, kafka-cluster:DeleteTopic, true",
      "kafka-cluster:*Topic, kafka-cluster:DescribeTopicDynamicConfiguration, false",
      "kafka-cluster:*, kafka-cluster:AlterTransactionalId, true",
      "kafka-cluster:*Topic*, kafka-cluster:AlterTopicDynamicConfiguration, true",
      // IAM compares service prefix and action name without regard to case.
      "Kafka-Cluster:readdata, kafka-cluster:ReadData, true",
      "kafka-cluster:Read?ata, kafka-cluster:ReadData, true",
      "kafka-cluster:Read?ata, kafka-cluster:ReadDData, false",
      "kafka-cluster:ReadData, kafka-cluster:ReadDataX, false",
      "*, kafka-cluster:Connect, true",
  })
  void actionsMatchCaseInsensitively(final String pattern, final String action, final boolean matches)
  {
    assertThat(GlobPattern.caseInsensitive(pattern).matches(action)).isEqualTo(matches);
  }

  @ParameterizedTest(name = "resource pattern {0} matches {1}: {2}")
  @CsvSource({
      // The MSK guide's own examples of resource wildcards.
      "arn:aws:kafka:r:1:topic/MyTestCluster/*, arn:aws:kafka:r:1:topic/MyTestCluster/abcd/orders, true",
      "arn:aws:kafka:r:1:topic/MyTestCluster/abcd/*_test, arn:aws:kafka:r:1:topic/MyTestCluster/abcd/a_test, true",
      "arn:aws:kafka:r:1:topic/MyTestCluster/abcd/*_test, arn:aws:kafka:r:1:topic/MyTestCluster/abcd/a_testing, false",
      "arn:aws:kafka:r:1:topic/MyTestCluster/*/orders-*, arn:aws:kafka:r:1:topic/MyTestCluster/uuid-9/orders-eu, true",
      "arn:aws:kafka:r:1:topic/MyTestCluster/*/orders-*, arn:aws:kafka:r:1:topic/OtherCluster/uuid-9/orders-eu, false",
      // Resource ARNs compare with case.
      "arn:aws:kafka:r:1:topic/MyTestCluster/*/Orders, arn:aws:kafka:r:1:topic/MyTestCluster/u/orders, false",
      "arn:aws:kafka:*:*:group/C/U/g?, arn:aws:kafka:eu-west-1:123456789012:group/C/U/g1, true",
      "arn:aws:kafka:*:*:group/C/U/g?, arn:aws:kafka:eu-west-1:123456789012:group/C/U/g, false",
      "a**b, ab, true",
  })
  void resourcesMatchWithCase(final String pattern, final String resource, final boolean matches)
  {
    assertThat(GlobPattern.caseSensitive(pattern).matches(resource)).isEqualTo(matches);
  }
}
