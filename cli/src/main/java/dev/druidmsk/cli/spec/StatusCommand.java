package dev.druidmsk.cli.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.druidmsk.cli.common.BuildInfo;
import dev.druidmsk.cli.common.CliContext;
import dev.druidmsk.cli.common.ContextMixin;
import dev.druidmsk.cli.common.JsonFlag;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;

/** `druid-msk spec status ID`: the supervisor's state, health, lag and recent errors. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    versionProvider = BuildInfo.class,
    description = "Show a supervisor's status (GET /druid/indexer/v1/supervisor/{id}/status); --json prints "
                  + "Druid's answer as is. Exit code: 0 shown (whatever the state), 2 error."
)
final class StatusCommand implements Runnable
{
  @Mixin
  private ContextMixin run;

  @Mixin
  private SupervisorTarget target;

  @Override
  public void run()
  {
    final CliContext context = run.context();
    final JsonNode status = target.overlord.connect(context).status(target.id);
    if (target.json.isSet()) {
      JsonFlag.print(context, status);
      return;
    }
    final JsonNode payload = status.path("payload");
    final PrintWriter out = context.out();
    row(out, "supervisor", target.id);
    row(out, "state", payload.path("state").asText("?") + detailed(payload));
    row(out, "healthy", payload.path("healthy").asBoolean(false) ? "yes" : "no");
    row(out, "suspended", payload.path("suspended").asBoolean(false) ? "yes" : "no");
    row(out, "stream", payload.path("stream").asText("?") + " (" + payload.path("partitions").asText("?")
                       + " partitions, " + payload.path("replicas").asText("?") + " replicas)");
    row(out, "tasks", payload.path("activeTasks").size() + " active, " + payload.path("publishingTasks").size()
                      + " publishing");
    row(out, "lag", payload.hasNonNull("aggregateLag") ? payload.get("aggregateLag").asText() + " messages" : "unknown");
    final JsonNode errors = payload.path("recentErrors");
    row(out, "recent errors", errors.size() == 0 ? "none" : String.valueOf(errors.size()));
    for (JsonNode error : errors) {
      out.println("  " + error.path("timestamp").asText("") + " " + context.redactor().redact(
          error.path("message").asText(error.path("exceptionClass").asText("")).strip().replaceAll("\\s+", " ")
      ));
    }
    out.flush();
  }

  private static String detailed(JsonNode payload)
  {
    final String state = payload.path("state").asText();
    final String detailed = payload.path("detailedState").asText(state);
    return detailed.equals(state) ? "" : " (" + detailed + ")";
  }

  private static void row(PrintWriter out, String label, String value)
  {
    out.printf("%-14s %s%n", label, value);
  }
}
