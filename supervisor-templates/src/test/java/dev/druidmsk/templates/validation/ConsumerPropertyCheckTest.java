package dev.druidmsk.templates.validation;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConsumerPropertyCheckTest
{
  private static final String KAFKA_NAMES = "['bootstrap.servers', 'security.protocol', 'ssl.truststore.location']";

  private static List<Problem> check(String consumerProperties, String knownNames)
  {
    final List<Problem> problems = new ArrayList<>();
    ConsumerPropertyCheck.check(
        Specs.kafka("{'consumerProperties': " + consumerProperties + "}", "{}"),
        Specs.json("{'names': " + knownNames + "}").get("names"),
        problems
    );
    return problems;
  }

  @Test
  void knownPropertiesAndTheDruidProviderPass()
  {
    assertThat(check("{'bootstrap.servers': 'a:1', 'druid.dynamic.config.provider': {}}", KAFKA_NAMES)).isEmpty();
  }

  @Test
  void anUnknownPropertyIsAWarningWithTheClosestKafkaName()
  {
    assertThat(check("{'security.protocl': 'SSL'}", KAFKA_NAMES)).singleElement().satisfies(problem -> {
      assertThat(problem.severity()).isEqualTo(Severity.WARNING);
      assertThat(problem.jsonPath()).isEqualTo("$.spec.ioConfig.consumerProperties[\"security.protocl\"]");
      assertThat(problem.message()).contains("Did you mean 'security.protocol'?");
    });
  }

  @Test
  void withoutAKafkaClientInTheHomeNothingIsChecked()
  {
    final List<Problem> problems = new ArrayList<>();
    ConsumerPropertyCheck.check(Specs.kafka("{'consumerProperties': {'x': 1}}", "{}"), Specs.json("{}").path("n"),
                                problems);

    assertThat(problems).isEmpty();
  }
}
