package dev.druidmsk.templates.validation;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClearSecretCheckTest
{
  private static List<Problem> check(String consumerProperties)
  {
    final List<Problem> problems = new ArrayList<>();
    ClearSecretCheck.check(Specs.kafka("{'consumerProperties': " + consumerProperties + "}", "{}"), problems);
    return problems;
  }

  @Test
  void aPasswordInClearIsAWarningAtItsPath()
  {
    assertThat(check("{'ssl.truststore.password': 'changeit'}")).singleElement().satisfies(problem -> {
      assertThat(problem.severity()).isEqualTo(Severity.WARNING);
      assertThat(problem.jsonPath()).isEqualTo("$.spec.ioConfig.consumerProperties[\"ssl.truststore.password\"]");
      assertThat(problem.message()).doesNotContain("changeit");
    });
  }

  @Test
  void aPasswordProviderPasses()
  {
    assertThat(check("{'ssl.truststore.password': {'type': 'environment', 'variable': 'PW'}}")).isEmpty();
  }
}
