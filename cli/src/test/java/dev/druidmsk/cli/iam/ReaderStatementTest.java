package dev.druidmsk.cli.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReaderStatementTest
{
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void everyActionOfTheGeneratedPolicyIsGrantedByTheStatementOfItsSid() throws Exception
  {
    final JsonNode spec = MAPPER.readTree(
        "{\"type\":\"kafka\",\"spec\":{\"ioConfig\":{\"topic\":\"api-requests\",\"consumerProperties\":{"
        + "\"druid.dynamic.config.provider\":{\"type\":\"aws-msk-iam\","
        + "\"roleArn\":\"arn:aws:iam::123456789012:role/r\"}}}}}"
    );
    final JsonNode policy = IamPolicies.permissions(
        MskCluster.parse("arn:aws:kafka:eu-west-1:123456789012:cluster/c/0f3a1b2c-1234-4d5e-8f90-0a1b2c3d4e5f-3"),
        ReaderRole.of(spec)
    );

    int actions = 0;
    for (JsonNode statement : policy.path("Statement")) {
      for (JsonNode action : statement.path("Action")) {
        assertThat(ReaderStatement.granting(action.asText())).map(ReaderStatement::sid)
                                                             .contains(statement.path("Sid").asText());
        actions++;
      }
    }
    assertThat(actions).isEqualTo(5);
  }

  @Test
  void actionOutsideTheReaderPolicyHasNoStatement()
  {
    assertThat(ReaderStatement.granting("kafka-cluster:WriteData")).isEmpty();
  }
}
