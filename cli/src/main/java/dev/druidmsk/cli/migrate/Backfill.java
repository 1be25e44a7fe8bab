package dev.druidmsk.cli.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.druidmsk.cli.common.CliContext;
import dev.druidmsk.cli.druid.DruidEndpoints;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Executes a {@link MigrationPlan}: checks double-writing, marks the target's segments before X unused, submits
 * the reindex and waits for it. Safe to rerun: a succeeded task for the interval means nothing is left to do, a
 * running one is waited for, a failed one is followed by the next attempt.
 */
public final class Backfill
{
  /** Attempts beyond this are a loop of failures a human has to look at. */
  private static final int MAX_ATTEMPTS = 50;

  private final Cluster api;
  private final CliContext context;
  private final Duration pollInterval;
  private final Duration timeout;

  public Backfill(Cluster api, CliContext context, Duration pollInterval, Duration timeout)
  {
    this.api = api;
    this.context = context;
    this.pollInterval = pollInterval;
    this.timeout = timeout;
  }

  /** What earlier runs left for this target and interval: probes the deterministic ids _1, _2, ... in order. */
  static BackfillAttempts attempts(Cluster api, String target, TimeInterval interval)
  {
    final List<TaskStatus> found = new ArrayList<>();
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      final Optional<TaskStatus> status = api.taskStatus(ReindexTask.idOf(target, interval, attempt));
      if (status.isEmpty()) {
        return BackfillAttempts.of(found);
      }
      found.add(status.get());
    }
    throw new MigrationException(
        MAX_ATTEMPTS + " backfill tasks for " + interval + " already exist: read their errors in the Druid console "
        + "before trying again."
    );
  }

  /** True when the target holds the source's data before X: done now, or by an earlier run. */
  public boolean run(MigrationPlan plan)
  {
    final BackfillAttempts attempts = plan.attempts();
    if (attempts.succeeded() != null) {
      context.out().println("Already done: task " + attempts.succeeded().id() + " succeeded for "
                            + plan.backfillInterval() + "; nothing to do.");
      return true;
    }
    final String taskId = plan.task().id();
    if (attempts.active() != null) {
      context.note("Resuming: task " + taskId + " is " + attempts.active().state() + "; waiting for it, submitting nothing.");
    } else {
      checkDoubleWriting(plan);
      final int unused = api.markUnused(plan.target(), plan.backfillInterval());
      context.out().println("Marked " + unused + " segment(s) of '" + plan.target() + "' in " + plan.backfillInterval()
                            + " unused.");
      api.submitTask(plan.task().json());
      context.out().println("Submitted reindex task " + taskId + " (attempt " + attempts.attempt() + ").");
    }
    return report(plan, waitFor(taskId));
  }

  private void checkDoubleWriting(MigrationPlan plan)
  {
    final String state = api.supervisorState(plan.targetSupervisor());
    if (!"RUNNING".equals(state)) {
      throw new MigrationException(
          "The target's supervisor '" + plan.targetSupervisor() + "' is " + state + ", not RUNNING: fix or resume it "
          + "(druid-msk spec status " + plan.targetSupervisor() + ") before backfilling; nothing was changed."
      );
    }
    final List<TimeInterval> locked = api.lockedIntervals(plan.target(), plan.lockFilter(), plan.backfillInterval());
    if (!locked.isEmpty()) {
      // Marking a locked segment unused would leave its stream task waiting for a handoff that never comes, holding
      // the lock the reindex needs: both would wait for ever.
      throw new MigrationException(
          "Tasks of '" + plan.target() + "' still hold locks before X on " + locked + " (stream tasks keep them "
          + "until their segments are handed off): wait for them (or POST /druid/indexer/v1/supervisor/"
          + plan.targetSupervisor() + "/taskGroups/handoff), then rerun; nothing was changed."
      );
    }
    final long source = events(plan, plan.source());
    final long target = events(plan, plan.target());
    if (source != target) {
      throw new MigrationException(
          "Double-writing check failed: in " + plan.doubleWriteWindow() + " (the first segment at X) the source has "
          + source + " events and the target " + target + ". Double-writing started after X (pick a later --cutoff) "
          + "or the target lags (wait and rerun); nothing was changed."
      );
    }
    context.note("Double-writing check passed: " + source + " events in " + plan.doubleWriteWindow() + " in both.");
  }

  private long events(MigrationPlan plan, String dataSource)
  {
    return single(plan.doubleWriteCountSql(dataSource), dataSource);
  }

  /** The one number of a one-row, one-column query; 0 when there is no row. */
  private long single(String sql, String dataSource)
  {
    final List<JsonNode> rows = api.query(sql, dataSource);
    return rows.isEmpty() || !rows.get(0).elements().hasNext() ? 0 : rows.get(0).elements().next().asLong();
  }

  private TaskStatus waitFor(String taskId)
  {
    final long start = System.nanoTime();
    while (true) {
      final TaskStatus status = api.taskStatus(taskId).orElseThrow(() -> new MigrationException(
          "The Overlord no longer knows task " + taskId + ": check its task list; rerun to submit it again."
      ));
      final Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      if (!status.active()) {
        return status;
      }
      context.note("task " + taskId + ": " + status.state() + ", " + format(elapsed) + " elapsed");
      if (elapsed.compareTo(timeout) >= 0) {
        throw new MigrationException(
            "Task " + taskId + " is still " + status.state() + " after --timeout " + format(timeout) + ". It keeps "
            + "running: rerun `druid-msk migrate backfill` with the same options to keep waiting (it submits nothing "
            + "new). WAITING for long means another task (often the target's stream task) holds a lock on the "
            + "interval before X: let it hand off."
        );
      }
      context.sleep(pollInterval);
    }
  }

  private boolean report(MigrationPlan plan, TaskStatus status)
  {
    final String duration = status.durationMs() >= 0 ? format(Duration.ofMillis(status.durationMs())) : "unknown time";
    if (status.succeeded()) {
      context.out().println("Backfill done: task " + status.id() + " SUCCESS in " + duration + "; " + rows(status.id())
                            + ". Next: `druid-msk migrate parity` over " + plan.backfillInterval() + ".");
      return true;
    }
    context.out().println("Backfill FAILED: task " + status.id() + " after " + duration + ": "
                          + (status.errorMsg() == null ? "(no error message)" : status.errorMsg()));
    context.out().println("Fix: read the task's log (GET " + api.overlordUrl() + DruidEndpoints.task(status.id())
                          + "/log), fix the cause, then rerun `druid-msk migrate backfill` with the same options: it "
                          + "submits attempt " + (plan.attempts().attempt() + 1) + ". Until then the target has no data "
                          + "before X: keep readers on the source.");
    return false;
  }

  private String rows(String taskId)
  {
    final Optional<JsonNode> stats = api.taskRowStats(taskId);
    final JsonNode build = stats.map(s -> s.path("buildSegments")).orElse(null);
    if (build == null || !build.isObject()) {
      return "row counts: see the task's reports";
    }
    return "rows read " + build.path("processed").asLong() + ", with errors " + build.path("processedWithError").asLong()
           + ", unparseable " + build.path("unparseable").asLong() + ", thrown away " + build.path("thrownAway").asLong();
  }

  static String format(Duration duration)
  {
    if (duration.toMillis() < 10_000) {
      return duration.toMillis() + " ms";
    }
    final long seconds = duration.toSeconds();
    return seconds >= 60 ? (seconds / 60) + "m" + String.format("%02d", seconds % 60) + "s" : seconds + "s";
  }
}
