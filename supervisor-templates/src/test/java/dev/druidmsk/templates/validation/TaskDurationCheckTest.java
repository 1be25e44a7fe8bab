package dev.druidmsk.templates.validation;

import dev.druidmsk.templates.spec.SupervisorSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TaskDurationCheckTest
{
  private static List<Problem> check(SupervisorSpec spec, SupervisorSpec canonical)
  {
    final List<Problem> problems = new ArrayList<>();
    TaskDurationCheck.check(spec, canonical, problems);
    return problems;
  }

  private static List<Problem> check(SupervisorSpec spec)
  {
    return check(spec, SupervisorSpec.of(null));
  }

  private static List<Problem> given(String taskDuration)
  {
    return check(Specs.kafka("{'taskDuration': '" + taskDuration + "'}", "{}"));
  }

  @Test
  void underAMinuteIsAnErrorAtTheTaskDuration()
  {
    assertThat(given("PT30S")).singleElement().satisfies(problem -> {
      assertThat(problem.severity()).isEqualTo(Severity.ERROR);
      assertThat(problem.jsonPath()).isEqualTo("$.spec.ioConfig.taskDuration");
      assertThat(problem.fix()).contains("PT1M");
    });
  }

  @Test
  void aMinuteOrMorePasses()
  {
    assertThat(given("PT1M")).isEmpty();
    assertThat(given("PT1H")).isEmpty();
    assertThat(given("P1D")).isEmpty();
  }

  @Test
  void druidsOwnReadingOfTheDurationWins()
  {
    final SupervisorSpec spec =
        Specs.view(Specs.json("{'type': 'kafka', 'spec': {'ioConfig': {'taskDuration': 'PT0.5M'}}}"));
    final SupervisorSpec canonical = Specs.view(Specs.json("{'spec': {'ioConfig': {'taskDuration': 'PT30S'}}}"));

    assertThat(check(spec, canonical)).hasSize(1);
  }

  @Test
  void theOlderTopLevelLayoutIsCheckedToo()
  {
    assertThat(check(Specs.view(Specs.json("{'type': 'kafka', 'ioConfig': {'taskDuration': 'PT10S'}}"))))
        .extracting(Problem::jsonPath)
        .containsExactly("$.ioConfig.taskDuration");
  }
}
