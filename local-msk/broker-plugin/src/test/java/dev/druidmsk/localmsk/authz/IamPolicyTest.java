package dev.druidmsk.localmsk.authz;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IamPolicyTest
{
  private static final String ALLOW_CONNECT =
      "{\"Effect\": \"Allow\", \"Action\": \"kafka-cluster:Connect\", \"Resource\": \"*\"";

  static Stream<Arguments> invalidDocuments()
  {
    return Stream.of(
        Arguments.of("Condition", "{\"Statement\": " + ALLOW_CONNECT
                                  + ", \"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"true\"}}}}",
                     "statement 0: Condition is not supported by local-msk"),
        Arguments.of("Principal", "{\"Statement\": " + ALLOW_CONNECT + ", \"Principal\": \"*\"}}",
                     "statement 0: Principal is not allowed in an identity-based policy"),
        Arguments.of("Effect in lower case",
                     "{\"Statement\": {\"Effect\": \"allow\", \"Action\": \"*\", \"Resource\": \"*\"}}",
                     "Effect must be \"Allow\" or \"Deny\""),
        Arguments.of("no Effect", "{\"Statement\": {\"Action\": \"*\", \"Resource\": \"*\"}}",
                     "Effect must be \"Allow\" or \"Deny\", not null"),
        Arguments.of("Action and NotAction",
                     "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"NotAction\": \"*\","
                     + " \"Resource\": \"*\"}}",
                     "statement 0 must have exactly one of Action and NotAction"),
        Arguments.of("no Resource", "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\"}}",
                     "statement 0 must have exactly one of Resource and NotResource"),
        Arguments.of("empty Statement", "{\"Version\": \"2012-10-17\", \"Statement\": []}", "Statement is empty"),
        Arguments.of("no Statement", "{\"Version\": \"2012-10-17\"}", "the policy has no Statement"),
        Arguments.of("Version", "{\"Version\": \"2012-10-18\", \"Statement\": " + ALLOW_CONNECT + "}}",
                     "Version must be \"2012-10-17\" or \"2008-10-17\", not \"2012-10-18\""),
        Arguments.of("unknown policy element", "{\"Statements\": []}", "unknown policy element Statements"),
        Arguments.of("unknown statement element", "{\"Statement\": " + ALLOW_CONNECT + ", \"Efect\": \"Deny\"}}",
                     "statement 0: unknown element Efect"),
        Arguments.of("not JSON", "{\"Statement\": ", "not valid JSON"),
        Arguments.of("duplicate key", "{\"Statement\": " + ALLOW_CONNECT + ", \"Effect\": \"Deny\"}}",
                     "Duplicate field 'Effect'"),
        Arguments.of("duplicate Sid",
                     "{\"Statement\": [{\"Sid\": \"A\", " + ALLOW_CONNECT.substring(1) + "}, {\"Sid\": \"A\", "
                     + ALLOW_CONNECT.substring(1) + "}]}",
                     "Sid A is used by more than one statement"),
        Arguments.of("Sid with a dash",
                     "{\"Statement\": {\"Sid\": \"read-orders\", " + ALLOW_CONNECT.substring(1) + "}}",
                     "Sid may hold only the letters A-Z, a-z and digits"),
        Arguments.of("action without service",
                     "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"ReadData\", \"Resource\": \"*\"}}",
                     "statement 0: action ReadData is not \"*\" or service:Action"),
        Arguments.of("action not a string",
                     "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": [1], \"Resource\": \"*\"}}",
                     "statement 0: Action must hold non-empty strings, not 1"),
        Arguments.of("empty Resource list",
                     "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": []}}",
                     "statement 0: Resource is empty"),
        Arguments.of("resource not an ARN",
                     "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"topic/orders\"}}",
                     "statement 0: resource topic/orders is not \"*\" or an ARN"),
        Arguments.of("statement not an object", "{\"Statement\": [\"Allow\"]}", "statement 0 must be a JSON object"),
        Arguments.of("document not an object", "[]", "a policy document must be a JSON object")
    );
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidDocuments")
  void invalidDocumentIsRefusedNamingWhatIsWrong(final String name, final String json, final String message)
  {
    assertThatThrownBy(() -> IamPolicy.parse(json)).isInstanceOf(IllegalArgumentException.class)
                                                   .hasMessageContaining(message);
  }

  @Test
  void statementMayBeOneObjectAndElementsOneString()
  {
    final IamPolicy policy = IamPolicy.parse("{\"Version\": \"2012-10-17\", \"Statement\": " + ALLOW_CONNECT + "}}");

    assertThat(policy.statements()).singleElement().satisfies(statement -> {
      assertThat(statement.effect()).isEqualTo(IamPolicy.Effect.ALLOW);
      assertThat(statement.appliesToAction("kafka-cluster:Connect")).isTrue();
      assertThat(statement.appliesToResource("arn:aws:kafka:us-east-1:123456789012:cluster/c/u")).isTrue();
    });
  }

  @Test
  void notActionAndNotResourceApplyToEverythingElse()
  {
    final IamPolicy policy = IamPolicy.parse(
        "{\"Statement\": {\"Effect\": \"Deny\", \"NotAction\": \"kafka-cluster:Describe*\","
        + " \"NotResource\": \"arn:aws:kafka:*:*:topic/c/*/public-*\"}}"
    );
    final IamPolicy.Statement statement = policy.statements().get(0);

    assertThat(statement.appliesToAction("kafka-cluster:ReadData")).isTrue();
    assertThat(statement.appliesToAction("kafka-cluster:DescribeTopic")).isFalse();
    assertThat(statement.appliesToResource("arn:aws:kafka:r:1:topic/c/u/secret")).isTrue();
    assertThat(statement.appliesToResource("arn:aws:kafka:r:1:topic/c/u/public-news")).isFalse();
  }
}
