package dev.druidmsk.cli.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.druidmsk.cli.common.CliContext;
import dev.druidmsk.cli.druid.DruidClient;
import dev.druidmsk.cli.druid.DruidException;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Watches a supervisor after a submit. Healthy means Druid reports the expected state (RUNNING, or SUSPENDED for a
 * suspended spec) with `healthy` true, held for the settle time with no error reported since the submit. Unhealthy
 * means an UNHEALTHY_* or LOST_CONTACT_WITH_STREAM state, `healthy` false, a new entry in `recentErrors`, or not
 * settling before the timeout.
 *
 * <p>The settle time matters: a Kafka supervisor can report RUNNING right after an update and only fail on its next
 * run (every ioConfig.period, 30 s by default), for instance when the new spec's role cannot be assumed; Druid
 * calls it unhealthy only after three failed runs.
 */
final class SupervisorHealth
{
  private static final Set<String> UNHEALTHY_STATES =
      Set.of("UNHEALTHY_SUPERVISOR", "UNHEALTHY_TASKS", "LOST_CONTACT_WITH_STREAM");

  private final DruidClient overlord;
  private final CliContext context;
  private final Duration timeout;
  private final Duration settle;
  private final Duration pollInterval;

  SupervisorHealth(DruidClient overlord, CliContext context, Duration timeout, Duration settle, Duration pollInterval)
  {
    this.overlord = overlord;
    this.context = context;
    this.timeout = timeout;
    this.settle = settle;
    this.pollInterval = pollInterval;
  }

  /** Whether the supervisor is healthy, and its state in one readable line. */
  record Verdict(boolean healthy, String description)
  {
  }

  /** Call right after the submit: errors Druid reports from then on count against the update. */
  Verdict await(String id, boolean suspended)
  {
    final String expected = suspended ? "SUSPENDED" : "RUNNING";
    final Instant submitted = Instant.now();
    final long start = System.nanoTime();
    final long deadline = start + timeout.toNanos();
    String lastState = "unknown";
    while (true) {
      final JsonNode payload = statusPayload(id);
      if (payload != null) {
        final String state = payload.path("state").asText("unknown");
        lastState = state;
        if (UNHEALTHY_STATES.contains(state) || !payload.path("healthy").asBoolean(true)) {
          return new Verdict(false, "unhealthy: state " + state + recentError(payload));
        }
        final JsonNode newError = errorSince(payload, submitted);
        if (newError != null) {
          return new Verdict(false, "failing: state " + state + " but it reported an error after the update; "
                                    + describe(newError));
        }
        if (expected.equals(state) && System.nanoTime() - start >= settle.toNanos()) {
          return new Verdict(true, state);
        }
      }
      if (System.nanoTime() >= deadline) {
        return new Verdict(
            false,
            "not " + expected + " and settled (--settle " + settle + ") within --health-timeout " + timeout
            + " (last state " + lastState + ")"
        );
      }
      context.sleep(pollInterval);
    }
  }

  /** The latest recent error stamped at or after {@code since}, or null. */
  private static JsonNode errorSince(JsonNode payload, Instant since)
  {
    JsonNode latest = null;
    for (JsonNode error : payload.path("recentErrors")) {
      try {
        if (!Instant.parse(error.path("timestamp").asText()).isBefore(since)) {
          latest = error;
        }
      }
      catch (DateTimeParseException unstamped) {
        // An error without a readable time cannot be placed after the update; Druid always stamps them.
      }
    }
    return latest;
  }

  /** One look, no waiting: RUNNING or SUSPENDED, and healthy. */
  boolean isHealthyNow(String id)
  {
    final JsonNode payload = statusPayload(id);
    if (payload == null) {
      return false;
    }
    final String state = payload.path("state").asText();
    return ("RUNNING".equals(state) || "SUSPENDED".equals(state)) && payload.path("healthy").asBoolean(true);
  }

  /** Null while Druid has no status for it yet (just created, or gone after a rejected update). */
  private JsonNode statusPayload(String id)
  {
    try {
      return overlord.status(id).path("payload");
    }
    catch (DruidException e) {
      if (e.status() == 404) {
        return null;
      }
      throw e;
    }
  }

  private static String recentError(JsonNode payload)
  {
    final JsonNode errors = payload.path("recentErrors");
    if (!errors.isArray() || errors.isEmpty()) {
      return "";
    }
    final String message = describe(errors.get(errors.size() - 1));
    return message.isEmpty() ? "" : "; last " + message;
  }

  private static String describe(JsonNode error)
  {
    final String message = error.path("message").asText(error.path("exceptionClass").asText(""));
    return message.isEmpty() ? "" : "error: " + message.strip().replaceAll("\\s+", " ");
  }
}
