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
      "kafka-cluster:Read**Data, kafka-cluster:ReadData, true",
  })
  void actionsMatchCaseInsensitively(final String pattern, final String action, final boolean matches)
  {
    assertThat(GlobPattern.caseInsensitive(pattern).matches(action)).isEqualTo(matches);
  }
}
