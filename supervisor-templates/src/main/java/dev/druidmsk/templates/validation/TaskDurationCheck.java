package dev.druidmsk.templates.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.druidmsk.templates.spec.SupervisorSpec;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Druid 33's streaming tasks break with a taskDuration under a minute: a zero-minute fixed delay throws. */
final class TaskDurationCheck
{
  private static final Duration MINIMUM = Duration.ofMinutes(1);

  private TaskDurationCheck()
  {
  }

  static void check(SupervisorSpec spec, SupervisorSpec canonical, List<Problem> problems)
  {
    // Druid writes the duration back as PT<seconds>S whatever form was given; the given text is the fallback.
    final JsonNode written = canonical.ioConfig().path("taskDuration");
    final JsonNode given = spec.ioConfig().path("taskDuration");
    final JsonNode value = written.isTextual() ? written : given;
    if (!value.isTextual()) {
      return;
    }
    final Duration duration;
    try {
      duration = Duration.parse(value.asText());
    }
    catch (DateTimeParseException e) {
      return;
    }
    if (duration.compareTo(MINIMUM) < 0) {
      problems.add(new Problem(
          Severity.ERROR,
          spec.sectionPath(SupervisorSpec.IO_CONFIG).key("taskDuration").toString(),
          "taskDuration " + given.asText() + " is shorter than PT1M; Druid 33's streaming tasks then schedule with "
          + "a zero-minute delay, fail, and the supervisor restarts them forever",
          "set taskDuration to PT1M or more (PT1H is Druid's default); to publish sooner, force a handoff with "
          + "POST /druid/indexer/v1/supervisor/<id>/taskGroups/handoff"
      ));
    }
  }
}
