package dev.druidmsk.templates.validation;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RollupCheckTest
{
  private static List<Problem> check(String dataSchema)
  {
    final List<Problem> problems = new ArrayList<>();
    RollupCheck.check(Specs.kafka("{}", dataSchema), problems);
    return problems;
  }

  @Test
  void rollupWithACountByMinutePasses()
  {
    assertThat(check("{'granularitySpec': {'rollup': true, 'queryGranularity': 'minute'}, "
                     + "'metricsSpec': [{'type': 'count', 'name': 'n'}]}")).isEmpty();
  }

  @Test
  void rollupWithoutCountWarnsAtTheMetrics()
  {
    assertThat(check("{'granularitySpec': {'queryGranularity': 'hour'}, 'metricsSpec': [{'type': 'longSum', "
                     + "'name': 's', 'fieldName': 'x'}]}"))
        .singleElement()
        .satisfies(problem -> {
          assertThat(problem.severity()).isEqualTo(Severity.WARNING);
          assertThat(problem.jsonPath()).isEqualTo("$.spec.dataSchema.metricsSpec");
          assertThat(problem.fix()).contains("\"type\": \"count\"");
        });
  }

  @Test
  void rollupIsDruidsDefaultSoAMissingFlagMeansOn()
  {
    assertThat(check("{'granularitySpec': {'queryGranularity': 'hour'}}")).hasSize(1);
  }

  @Test
  void rollupWithQueryGranularityNoneWarns()
  {
    assertThat(check("{'granularitySpec': {'rollup': true, 'queryGranularity': 'NONE'}, "
                     + "'metricsSpec': [{'type': 'count', 'name': 'n'}]}"))
        .extracting(Problem::jsonPath)
        .containsExactly("$.spec.dataSchema.granularitySpec.queryGranularity");
  }

  @Test
  void withoutRollupNothingIsLost()
  {
    assertThat(check("{'granularitySpec': {'rollup': false}}")).isEmpty();
  }

  @Test
  void aMetricOverADimensionWarnsAtItsFieldName()
  {
    assertThat(check("{'granularitySpec': {'rollup': false}, 'dimensionsSpec': {'dimensions': ['a', "
                     + "{'type': 'long', 'name': 'bytes'}]}, 'metricsSpec': [{'type': 'longSum', 'name': 's', "
                     + "'fieldName': 'bytes'}]}"))
        .extracting(Problem::jsonPath)
        .containsExactly("$.spec.dataSchema.metricsSpec[0].fieldName");
  }
}
