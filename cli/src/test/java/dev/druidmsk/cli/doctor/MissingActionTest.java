package dev.druidmsk.cli.doctor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class MissingActionTest
{
  @ParameterizedTest
  @CsvSource({
      "kafka-cluster:Connect, ConnectToCluster, the cluster ARN",
      "kafka-cluster:DescribeTopic, ReadTopic, the topic's ARN",
      "kafka-cluster:ReadData, ReadTopic, the topic's ARN",
      "kafka-cluster:DescribeGroup, UseDruidConsumerGroups, Druid's consumer groups",
      "kafka-cluster:AlterGroup, UseDruidConsumerGroups, Druid's consumer groups"
  })
  void fixNamesTheActionAndTheReaderPolicyStatementGrantingIt(String action, String sid, String resource)
  {
    assertThat(MissingAction.fix(action))
        .startsWith("grant the role " + action + " on " + resource)
        .contains("statement " + sid + " of druid-msk's reader policy", "`druid-msk policy --spec SPEC");
  }

  @Test
  void actionOutsideTheReaderPolicyIsNamedWithoutAStatement()
  {
    assertThat(MissingAction.fix("kafka-cluster:WriteData"))
        .startsWith("grant the role kafka-cluster:WriteData;")
        .doesNotContain("statement");
  }
}
