package dev.druidmsk.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Set;

/**
 * Waits for a supervisor to settle after a submit: healthy means Druid reports the expected state (RUNNING, or
 * SUSPENDED for a suspended spec) and `healthy` true; unhealthy means an UNHEALTHY_* or LOST_CONTACT_WITH_STREAM
 * state, `healthy` false, or not reaching the expected state before the timeout.
 */
final class SupervisorHealth
{
  private static final Set<String> UNHEALTHY_STATES =
      Set.of("UNHEALTHY_SUPERVISOR", "UNHEALTHY_TASKS", "LOST_CONTACT_WITH_STREAM");

  private final OverlordClient overlord;
  private final CliContext context;
  private final Duration timeout;
  private final Duration pollInterval;

  SupervisorHealth(OverlordClient overlord, CliContext context, Duration timeout, Duration pollInterval)
  {
    this.overlord = overlord;
    this.context = context;
    this.timeout = timeout;
    this.pollInterval = pollInterval;
  }

  /** Whether the supervisor is healthy, and its state in one readable line. */
  record Verdict(boolean healthy, String description)
  {
  }

  Verdict await(String id, boolean suspended)
  {
    final String expected = suspended ? "SUSPENDED" : "RUNNING";
    final long deadline = System.nanoTime() + timeout.toNanos();
    String lastState = "unknown";
    while (true) {
      final JsonNode payload = statusPayload(id);
      if (payload != null) {
        final String state = payload.path("state").asText("unknown");
        lastState = state;
        if (UNHEALTHY_STATES.contains(state) || !payload.path("healthy").asBoolean(true)) {
          return new Verdict(false, "unhealthy: state " + state + recentError(payload));
        }
        if (expected.equals(state)) {
          return new Verdict(true, state);
        }
      }
      if (System.nanoTime() >= deadline) {
        return new Verdict(
            false,
            "not " + expected + " within --health-timeout " + timeout + " (last state " + lastState + ")"
        );
      }
      context.sleep(pollInterval);
    }
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
    catch (OverlordException e) {
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
    final JsonNode last = errors.get(errors.size() - 1);
    final String message = last.path("message").asText(last.path("exceptionClass").asText(""));
    return message.isEmpty() ? "" : "; last error: " + message.strip().replaceAll("\\s+", " ");
  }
}
