package dev.druidmsk.localmsk.authz;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IamPolicyEvaluatorTest
{
  /** The example authorization policy of the MSK developer guide ("Create authorization policies"). */
  private static final String GUIDE_EXAMPLE = """
      {
        "Version": "2012-10-17",
        "Statement": [
          {
            "Effect": "Allow",
            "Action": ["kafka-cluster:Connect", "kafka-cluster:AlterCluster", "kafka-cluster:DescribeCluster"],
            "Resource": [
              "arn:aws:kafka:us-east-1:0123456789012:cluster/MyTestCluster/abcd1234-0123-abcd-5678-1234abcd-1"
            ]
          },
          {
            "Effect": "Allow",
            "Action": ["kafka-cluster:*Topic*", "kafka-cluster:WriteData", "kafka-cluster:ReadData"],
            "Resource": ["arn:aws:kafka:us-east-1:0123456789012:topic/MyTestCluster/*"]
          },
          {
            "Effect": "Allow",
            "Action": ["kafka-cluster:AlterGroup", "kafka-cluster:DescribeGroup"],
            "Resource": ["arn:aws:kafka:us-east-1:0123456789012:group/MyTestCluster/*"]
          }
        ]
      }
      """;
  private static final String ARN = "arn:aws:kafka:us-east-1:0123456789012:";
  private static final String UUID = "abcd1234-0123-abcd-5678-1234abcd-1";
  private static final List<String> WRITE_DATA = List.of("kafka-cluster:WriteData");

  @ParameterizedTest(name = "{0} on {1}: allowed {2} by statement {3}")
  @CsvSource({
      "kafka-cluster:Connect, cluster/MyTestCluster/" + UUID + ", true, 0",
      "kafka-cluster:DescribeCluster, cluster/MyTestCluster/" + UUID + ", true, 0",
      // The cluster statement names one incarnation of the cluster; the topic statement every incarnation.
      "kafka-cluster:Connect, cluster/MyTestCluster/another-uuid, false, -1",
      "kafka-cluster:AlterClusterDynamicConfiguration, cluster/MyTestCluster/" + UUID + ", false, -1",
      "kafka-cluster:CreateTopic, topic/MyTestCluster/another-uuid/orders, true, 1",
      "kafka-cluster:AlterTopicDynamicConfiguration, topic/MyTestCluster/" + UUID + "/orders, true, 1",
      "kafka-cluster:ReadData, topic/MyTestCluster/" + UUID + "/orders, true, 1",
      "kafka-cluster:ReadData, topic/OtherCluster/" + UUID + "/orders, false, -1",
      "kafka-cluster:ReadData, group/MyTestCluster/" + UUID + "/orders, false, -1",
      "kafka-cluster:AlterGroup, group/MyTestCluster/" + UUID + "/druid, true, 2",
      "kafka-cluster:DeleteGroup, group/MyTestCluster/" + UUID + "/druid, false, -1",
      "kafka-cluster:DescribeTransactionalId, transactional-id/MyTestCluster/" + UUID + "/tx, false, -1",
  })
  void guideExamplePolicy(final String action, final String resource, final boolean allowed, final int statement)
  {
    final Decision decision = evaluator(GUIDE_EXAMPLE).evaluate(action, ARN + resource);

    assertThat(decision.allowed()).isEqualTo(allowed);
    if (statement < 0) {
      assertThat(decision.statement()).isNull();
      assertThat(decision.reason()).isEqualTo("no statement allows it");
    } else {
      assertThat(decision.statement()).isEqualTo(
          new Decision.StatementRef(0, statement, "", IamPolicy.Effect.ALLOW)
      );
    }
  }

  @Test
  void denyInAnyPolicyWinsOverAllowInAnother()
  {
    final IamPolicyEvaluator evaluator = evaluator(
        GUIDE_EXAMPLE,
        """
            {"Version": "2012-10-17", "Statement": [{"Sid": "NoPayments", "Effect": "Deny",
              "Action": "kafka-cluster:ReadData", "Resource": "arn:aws:kafka:*:*:topic/MyTestCluster/*/payments"}]}
            """
    );

    final Decision decision = evaluator.evaluate("kafka-cluster:ReadData", ARN + "topic/MyTestCluster/u/payments");

    assertThat(decision.allowed()).isFalse();
    assertThat(decision.reason()).isEqualTo("decided by policy 1 statement 0 (Sid NoPayments) Deny");
    assertThat(evaluator.evaluate("kafka-cluster:ReadData", ARN + "topic/MyTestCluster/u/orders").allowed()).isTrue();
  }

  @Test
  void noPolicyIsAnImplicitDeny()
  {
    assertThat(new IamPolicyEvaluator(List.of()).evaluate("kafka-cluster:Connect", ARN + "cluster/c/u").allowed())
        .isFalse();
  }

  /**
   * Some topic of cluster c/u may get WriteData: an Allow with the {@code allowed} resource, and a Deny of
   * {@code kafka-cluster:Write*} on {@code denied} unless blank. When allowed, the topic found is one that
   * {@link IamPolicyEvaluator#evaluate} allows.
   */
  @ParameterizedTest(name = "allow {0}, deny {1}: some topic allowed {2}")
  @CsvSource({
      "arn:aws:kafka:*:*:topic/c/*/orders-*, '', true",
      "*, '', true",
      "arn:aws:kafka:*:*:topic/other/*, '', false",
      "arn:aws:kafka:*:*:topic/c/u/orders-*, arn:aws:kafka:*:*:topic/c/*/orders*, false",
      "arn:aws:kafka:*:*:topic/c/u/orders-*, arn:aws:kafka:*:*:topic/c/u/orders-eu*, true",
      "arn:aws:kafka:*:*:topic/c/u/orders-?, arn:aws:kafka:*:*:topic/c/u/orders-?*, false",
  })
  void someResource(final String allowed, final String denied, final boolean expected)
  {
    final IamPolicyEvaluator evaluator = denied.isEmpty()
                                         ? evaluator(allow("kafka-cluster:WriteData", allowed))
                                         : evaluator(allow("kafka-cluster:WriteData", allowed),
                                                     deny("kafka-cluster:Write*", denied));

    final Decision decision = evaluator.evaluateOnSome(WRITE_DATA, ARN + "topic/c/u/", c -> true);

    assertThat(decision.allowed()).isEqualTo(expected);
    if (expected) {
      assertThat(decision.resource()).startsWith(ARN + "topic/c/u/");
      assertThat(evaluator.evaluate("kafka-cluster:WriteData", decision.resource()).allowed()).isTrue();
    } else if (!denied.isEmpty()) {
      assertThat(decision.statement()).isEqualTo(new Decision.StatementRef(1, 0, "", IamPolicy.Effect.DENY));
    }
  }

  @Test
  void someResourceNeedsEveryActionOnTheSameResource()
  {
    final IamPolicyEvaluator evaluator = evaluator(
        allow("kafka-cluster:WriteData", "arn:aws:kafka:*:*:topic/c/u/a-*"),
        allow("kafka-cluster:DescribeTopic", "arn:aws:kafka:*:*:topic/c/u/b-*")
    );

    assertThat(evaluator.evaluateOnSome(List.of("kafka-cluster:WriteData", "kafka-cluster:DescribeTopic"),
                                        ARN + "topic/c/u/", c -> true).allowed()).isFalse();
  }

  @Test
  void someResourceHasOnlyCharactersLegalInItsName()
  {
    final IamPolicyEvaluator evaluator = evaluator(allow("kafka-cluster:WriteData", "arn:aws:kafka:*:*:topic/c/u/a/b"));

    assertThat(evaluator.evaluateOnSome(WRITE_DATA, ARN + "topic/c/u/", c -> true).allowed()).isTrue();
    assertThat(evaluator.evaluateOnSome(WRITE_DATA, ARN + "topic/c/u/", c -> c != '/').allowed()).isFalse();
  }

  @Test
  void wildcardOfAnArnSegmentStaysInThatSegment()
  {
    final IamPolicyEvaluator evaluator = evaluator(allow("kafka-cluster:AlterGroup", "arn:aws:kafka:*:*:group/c/u/b"));

    assertThat(evaluator.evaluate("kafka-cluster:AlterGroup", ARN + "group/c/u/b").allowed()).isTrue();
    assertThat(evaluator.evaluate("kafka-cluster:AlterGroup", "arn:aws:kafka:r:1:x:group/c/u/b").allowed()).isFalse();
  }

  @Test
  void someResourceHonoursNotResource()
  {
    final IamPolicyEvaluator evaluator = evaluator(
        allow("kafka-cluster:WriteData", "*"),
        """
            {"Statement": {"Effect": "Deny", "Action": "kafka-cluster:WriteData",
              "NotResource": "arn:aws:kafka:*:*:topic/c/u/sandbox"}}
            """
    );

    final Decision decision = evaluator.evaluateOnSome(WRITE_DATA, ARN + "topic/c/u/", c -> true);

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.resource()).isEqualTo(ARN + "topic/c/u/sandbox");
  }

  static String allow(final String action, final String resource)
  {
    return statement("Allow", action, resource);
  }

  static String deny(final String action, final String resource)
  {
    return statement("Deny", action, resource);
  }

  private static String statement(final String effect, final String action, final String resource)
  {
    return "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"" + effect + "\", \"Action\": \"" + action
           + "\", \"Resource\": \"" + resource + "\"}]}";
  }

  private static IamPolicyEvaluator evaluator(final String... policies)
  {
    return new IamPolicyEvaluator(java.util.Arrays.stream(policies).map(IamPolicy::parse).toList());
  }
}
