package dev.druidmsk.cli.migrate;

import java.util.List;

/**
 * The backfill tasks earlier runs submitted for one interval (ids ending _1, _2, ...), and what they mean for this
 * run: done, still running (wait for it), or a new attempt to submit.
 */
record BackfillAttempts(TaskStatus succeeded, TaskStatus active, int nextAttempt)
{
  /** {@code found}: the statuses of attempts 1..n in order, as far as the Overlord knows them. */
  static BackfillAttempts of(List<TaskStatus> found)
  {
    TaskStatus succeeded = null;
    TaskStatus active = null;
    for (TaskStatus status : found) {
      if (status.succeeded()) {
        succeeded = status;
      } else if (status.active()) {
        active = status;
      }
    }
    return new BackfillAttempts(succeeded, active, found.size() + 1);
  }

  static BackfillAttempts none()
  {
    return new BackfillAttempts(null, null, 1);
  }

  /** The attempt whose task this run works with: the finished or running one, else the next to submit. */
  int attempt()
  {
    if (succeeded != null) {
      return attemptOf(succeeded.id());
    }
    if (active != null) {
      return attemptOf(active.id());
    }
    return nextAttempt;
  }

  private static int attemptOf(String taskId)
  {
    return Integer.parseInt(taskId.substring(taskId.lastIndexOf('_') + 1));
  }
}
