package dev.druidmsk.localmsk.authz;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ArnPatternTest
{
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
      // A segment's wildcard stays in its segment.
      "arn:aws:kafka:*:1:group/C/U/b, arn:aws:kafka:r:2:1:group/C/U/b, false",
      "*, arn:aws:kafka:r:1:x:group/C/U/b, true",
  })
  void resourcesMatchWithCase(final String pattern, final String resource, final boolean matches)
  {
    assertThat(ArnPattern.of(pattern).matches(resource)).isEqualTo(matches);
  }
}
