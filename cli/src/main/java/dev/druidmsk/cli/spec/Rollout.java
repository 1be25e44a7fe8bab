package dev.druidmsk.cli.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.cli.common.CliContext;
import dev.druidmsk.cli.druid.DruidClient;
import dev.druidmsk.cli.druid.DruidException;
import dev.druidmsk.cli.input.SpecFiles;
import dev.druidmsk.cli.spec.SubmitReport.Outcome;

import java.util.List;

/**
 * Submits a validated spec and makes sure a datasource is not left with a broken supervisor (apache/druid#18827):
 * on rejection or bad health, the known-good spec goes back.
 *
 * <p>The known-good spec is Druid's, never a local copy: the spec running healthy right before the submit, read
 * from the Overlord. So a rollback never brings back a spec older than the one that ran, whoever submitted that
 * one; and before rolling back, Druid's spec history must show no update after ours, so two operators never undo
 * each other's work. The local store only keeps a copy for the record.
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
    final KnownGood knownGood = knownGood(id, live);
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
      if (live == null) {
        throw new RolloutException(e.getMessage() + " No supervisor '" + id + "' ran before: nothing changed.", false);
      }
      context.note(e.getMessage());
      return rollBack(id, knownGood, report, "Druid rejected the update");
    }
    context.note("Submitted '" + id + "'; waiting for it to become healthy...");
    final SupervisorHealth.Verdict verdict;
    try {
      verdict = health.await(id, isSuspended(spec));
      if (verdict.healthy()) {
        store.save(id, spec);
      }
    }
    catch (DruidException | RolloutException e) {
      throw afterSubmit(id, knownGood, e);
    }
    if (verdict.healthy()) {
      return report.outcome(
          Outcome.SUBMITTED,
          "Submitted '" + id + "': " + verdict.description() + ". A copy is kept in " + store.file(id) + "."
      );
    }
    context.note("The updated supervisor '" + id + "' is " + verdict.description() + ".");
    return rollBack(id, knownGood, report, "the updated supervisor was " + verdict.description());
  }

  /** Druid's truth before the update: the live spec if it runs healthy, and the newest version Druid stored. */
  private KnownGood knownGood(String id, JsonNode live)
  {
    if (live == null) {
      return new KnownGood(null, null);
    }
    if (!health.isHealthyNow(id)) {
      context.note("The running spec of '" + id + "' is not healthy now: it is not a known-good spec to return to.");
      return new KnownGood(null, null);
    }
    final List<JsonNode> history = overlord.history(id);
    final String version = history.isEmpty() ? null : history.get(0).path("version").asText(null);
    store.save(id, live);
    context.note("The running spec of '" + id + "' (version " + version + ") is the known-good one; a copy is in "
                 + store.file(id) + ".");
    return new KnownGood(live, version);
  }

  private SubmitReport rollBack(String id, KnownGood knownGood, SubmitReport report, String reason)
  {
    if (knownGood.spec() == null) {
      return report.outcome(
          Outcome.ROLLBACK_FAILED,
          "Not rolled back (" + reason + "): no spec of '" + id + "' ran healthy before this update. The supervisor "
          + "is left as it is: fix the spec and submit again, or stop it with `druid-msk spec suspend " + id + "`."
      );
    }
    final String newerUpdate = updateAfterOurs(id, knownGood.version());
    if (newerUpdate != null) {
      return report.outcome(
          Outcome.ROLLBACK_FAILED,
          "Not rolled back (" + reason + "): Druid's spec history of '" + id + "' shows " + newerUpdate
          + " after ours, so someone else has changed it since; rolling back would undo their change. See "
          + "`druid-msk spec status " + id + "` and settle it with them."
      );
    }
    context.note("Rolling back: re-submitting the spec of '" + id + "' that ran healthy before (version "
                 + knownGood.version() + ")...");
    try {
      overlord.submit((ObjectNode) knownGood.spec());
    }
    catch (DruidException e) {
      return report.outcome(
          Outcome.ROLLBACK_FAILED,
          "Rolling back failed (" + reason + "): " + e.getMessage() + " The spec that ran before is in "
          + store.file(id) + " (secrets masked unless it was saved with --full-state-copy): re-submit it with "
          + "`druid-msk spec submit --spec FILE` once the Overlord accepts it."
      );
    }
    final SupervisorHealth.Verdict verdict;
    try {
      verdict = health.await(id, isSuspended(knownGood.spec()));
    }
    catch (DruidException e) {
      throw new RolloutException(
          "Rolled back '" + id + "' to the spec that ran before (" + reason + "): the Overlord accepted it, so it is "
          + "live now, but watching its health failed: " + e.getMessage() + " Check it with `druid-msk spec status "
          + id + "`.",
          true
      );
    }
    if (!verdict.healthy()) {
      return report.outcome(
          Outcome.ROLLBACK_FAILED,
          "Rolled back '" + id + "' to the known-good spec (" + reason + "), but it is " + verdict.description()
          + " too: the cause is likely outside the spec (Kafka, IAM, tasks); see `druid-msk spec status " + id + "`."
      );
    }
    return report.outcome(
        Outcome.ROLLED_BACK,
        "Rolled back '" + id + "' to the known-good spec (the one that ran before, version " + knownGood.version()
        + ") because " + reason + "; it is " + verdict.description() + " again. The new spec was not kept."
    );
  }

  /**
   * Describes an update Druid stored after ours, or null. Our submit adds at most one version on top of the one
   * before it (none when Druid rejected it); a second one is someone else's.
   */
  private String updateAfterOurs(String id, String versionBefore)
  {
    final List<JsonNode> history = overlord.history(id);
    int newer = 0;
    while (newer < history.size() && !history.get(newer).path("version").asText("").equals(versionBefore)) {
      newer++;
    }
    if (versionBefore != null && newer == history.size()) {
      return "no trace of the version that ran before (" + versionBefore + ")";
    }
    return newer > 1 ? "version " + history.get(0).path("version").asText() : null;
  }

  /** A failure once Druid has accepted the new spec: it is live, so "nothing changed" would be false. */
  private RolloutException afterSubmit(String id, KnownGood knownGood, RuntimeException e)
  {
    final String back = knownGood.spec() == null
                        ? "No spec of '" + id + "' ran healthy before it, so there is nothing to roll back to."
                        : "To go back, submit the spec that ran before (version " + knownGood.version() + "), kept in "
                          + store.file(id) + " (secrets masked unless it was saved with --full-state-copy), with "
                          + "`druid-msk spec submit --spec FILE`.";
    return new RolloutException(
        "The Overlord accepted the new spec of '" + id + "', so it is live now, but then: " + e.getMessage()
        + " Nothing was rolled back. Check it with `druid-msk spec status " + id + "`. " + back,
        true
    );
  }

  private static boolean isSuspended(JsonNode spec)
  {
    return spec.path("suspended").asBoolean(false);
  }

  /** The spec to roll back to (null: none ran healthy) and the newest spec version Druid had before the update. */
  private record KnownGood(JsonNode spec, String version)
  {
  }
}
