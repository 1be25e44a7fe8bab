package dev.druidmsk.templates;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TaskDurationCheckTest
{
  private static List<Problem> check(SpecView spec)
  {
    final List<Problem> problems = new ArrayList<>();
    TaskDurationCheck.check(spec, problems);
    return problems;
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
    final SpecView spec = new SpecView(
        Specs.json("{'type': 'kafka', 'spec': {'ioConfig': {'taskDuration': 'PT0.5M'}}}"),
        Specs.json("{'spec': {'ioConfig': {'taskDuration': 'PT30S'}}}")
    );

    assertThat(check(spec)).hasSize(1);
  }

  @Test
  void theOlderTopLevelLayoutIsCheckedToo()
  {
    assertThat(check(Specs.view(Specs.json("{'type': 'kafka', 'ioConfig': {'taskDuration': 'PT10S'}}"))))
        .extracting(Problem::jsonPath)
        .containsExactly("$.ioConfig.taskDuration");
  }
}
