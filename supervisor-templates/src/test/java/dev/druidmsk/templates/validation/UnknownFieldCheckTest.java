package dev.druidmsk.templates.validation;

import dev.druidmsk.templates.spec.SupervisorSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UnknownFieldCheckTest
{
  private static List<Problem> check(String given, String readByDruid)
  {
    final List<Problem> problems = new ArrayList<>();
    UnknownFieldCheck.check(Specs.view(Specs.json(given)), Specs.view(Specs.json(readByDruid)), problems);
    return problems;
  }

  @Test
  void aFieldDruidDidNotWriteBackIsReportedWithTheClosestKnownOne()
  {
    assertThat(check("{'spec': {'ioConfig': {'taskDuraton': 'PT1H'}}}",
                     "{'spec': {'ioConfig': {'taskDuration': 'PT3600S', 'topic': 't'}}}"))
        .singleElement()
        .satisfies(problem -> {
          assertThat(problem.severity()).isEqualTo(Severity.ERROR);
          assertThat(problem.jsonPath()).isEqualTo("$.spec.ioConfig.taskDuraton");
          assertThat(problem.message()).contains("Did you mean 'taskDuration'?");
        });
  }

  @Test
  void fieldsInsideArraysAreCompared()
  {
    assertThat(check("{'m': [{'name': 'a'}, {'name': 'b', 'fieldNme': 'x'}]}",
                     "{'m': [{'name': 'a'}, {'name': 'b', 'fieldName': 'x'}]}"))
        .extracting(Problem::jsonPath)
        .containsExactly("$.m[1].fieldNme");
  }

  @Test
  void aTypeNameDruidDoesNotWriteBackIsAccepted()
  {
    assertThat(check("{'spec': {'ioConfig': {'type': 'kafka'}}}", "{'spec': {'ioConfig': {}}}")).isEmpty();
  }

  @Test
  void valuesDruidRewritesInAnotherFormAreNotCompared()
  {
    assertThat(check("{'g': {'type': 'period', 'period': 'PT1M'}}", "{'g': 'MINUTE'}")).isEmpty();
  }

  @Test
  void withoutDruidsReadingNothingIsReported()
  {
    final List<Problem> problems = new ArrayList<>();
    UnknownFieldCheck.check(Specs.view(Specs.json("{'anything': 1}")), SupervisorSpec.of(null), problems);

    assertThat(problems).isEmpty();
  }
}
