package dev.druidmsk.cli.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.cli.common.CliContext;
import dev.druidmsk.cli.druid.DruidClient;
import dev.druidmsk.cli.druid.DruidException;
import dev.druidmsk.cli.input.SpecFiles;
import dev.druidmsk.cli.spec.SubmitReport.Outcome;

import java.util.Optional;

/**
 * Submits a validated spec and makes sure a datasource is not left with a broken supervisor (apache/druid#18827):
 * on rejection or bad health, the known-good spec goes back.
 */
final class Rollout
{
  private final DruidClient overlord;
  private final KnownGoodStore store;
  private final SupervisorHealth health;
  private final CliContext context;

  Rollout(DruidClient overlord, KnownGoodStore store, SupervisorHealth health, CliContext context)
  {
    this.overlord = overlord;
    this.store = store;
    this.health = health;
    this.context = context;
  }

  /** Submits a spec that differs from the live one (null when there is no supervisor yet). */
  SubmitReport run(ObjectNode spec, JsonNode live, SubmitReport report)
  {
    final String id = SpecFiles.supervisorId(spec);
    if (live != null) {
      adoptRunningSpec(id, live);
    }
    try {
      overlord.submit(spec);
    }
    catch (DruidException e) {
      if (e.status() == 401 || e.status() == 403) {
        throw e;
      }
      if (e.status() == 0) {
        throw new RolloutException(
            e.getMessage() + " The update may or may not have been applied: check `druid-msk spec status " + id + "`.",
            true
        );
      }
      if (live == null && store.load(id).isEmpty()) {
        throw new RolloutException(e.getMessage() + " No supervisor '" + id + "' ran before: nothing changed.", false);
      }
      context.note(e.getMessage());
      return rollBack(id, report, "Druid rejected the update");
    }
    context.note("Submitted '" + id + "'; waiting for it to become healthy...");
    final SupervisorHealth.Verdict verdict = health.await(id, isSuspended(spec));
    if (verdict.healthy()) {
      store.save(id, spec);
      return report.outcome(
          Outcome.SUBMITTED,
          "Submitted '" + id + "': " + verdict.description() + ". Kept as known-good in " + store.file(id) + "."
      );
    }
    context.note("The updated supervisor '" + id + "' is " + verdict.description() + ".");
    return rollBack(id, report, "the updated supervisor was " + verdict.description());
  }

  /** Before the first submit through druid-msk, the spec running healthy now is the one to come back to. */
  private void adoptRunningSpec(String id, JsonNode live)
  {
    if (store.load(id).isEmpty() && health.isHealthyNow(id)) {
      store.save(id, live);
      context.note("Kept the running spec of '" + id + "' as known-good in " + store.file(id) + ".");
    }
  }

  private SubmitReport rollBack(String id, SubmitReport report, String reason)
  {
    final Optional<ObjectNode> knownGood = store.load(id);
    if (knownGood.isEmpty()) {
      return report.outcome(
          Outcome.ROLLBACK_FAILED,
          "Not rolled back (" + reason + "): there is no known-good spec of '" + id + "' in " + store.file(id)
          + ". The supervisor is left as it is: fix the spec and submit again, or stop it with "
          + "`druid-msk spec suspend " + id + "`."
      );
    }
    context.note("Rolling back: re-submitting the known-good spec of '" + id + "' from " + store.file(id) + "...");
    try {
      overlord.submit(knownGood.get());
    }
    catch (DruidException e) {
      return report.outcome(
          Outcome.ROLLBACK_FAILED,
          "Rolling back failed (" + reason + "): " + e.getMessage() + " Re-submit " + store.file(id)
          + " yourself with `druid-msk spec submit --spec FILE` once the Overlord accepts it."
      );
    }
    final SupervisorHealth.Verdict verdict = health.await(id, isSuspended(knownGood.get()));
    if (!verdict.healthy()) {
      return report.outcome(
          Outcome.ROLLBACK_FAILED,
          "Rolled back '" + id + "' to the known-good spec (" + reason + "), but it is " + verdict.description()
          + " too: the cause is likely outside the spec (Kafka, IAM, tasks); see `druid-msk spec status " + id + "`."
      );
    }
    return report.outcome(
        Outcome.ROLLED_BACK,
        "Rolled back '" + id + "' to the known-good spec from " + store.file(id) + " because " + reason + "; it is "
        + verdict.description() + " again. The new spec was not kept."
    );
  }

  private static boolean isSuspended(JsonNode spec)
  {
    return spec.path("suspended").asBoolean(false);
  }
}
