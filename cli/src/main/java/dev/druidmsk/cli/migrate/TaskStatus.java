package dev.druidmsk.cli.migrate;

import com.fasterxml.jackson.databind.JsonNode;

/** What the Overlord says about one task: its state, run time and, when it failed, why. */
record TaskStatus(String id, String state, long durationMs, String errorMsg)
{
  static TaskStatus from(JsonNode status)
  {
    // statusCode is RUNNING, SUCCESS or FAILED; runnerStatusCode tells PENDING and WAITING apart from RUNNING.
    final String code = status.path("statusCode").asText(status.path("status").asText("UNKNOWN"));
    final String runner = status.path("runnerStatusCode").asText("");
    final String state = "RUNNING".equals(code) && !runner.isEmpty() && !"NONE".equals(runner) ? runner : code;
    return new TaskStatus(
        status.path("id").asText(),
        state,
        status.path("duration").asLong(-1),
        status.path("errorMsg").isTextual() ? status.path("errorMsg").asText() : null
    );
  }

  boolean succeeded()
  {
    return "SUCCESS".equals(state);
  }

  boolean failed()
  {
    return "FAILED".equals(state);
  }

  boolean active()
  {
    return !succeeded() && !failed();
  }
}
