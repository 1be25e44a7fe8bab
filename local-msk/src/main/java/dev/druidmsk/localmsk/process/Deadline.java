package dev.druidmsk.localmsk.process;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Polls a condition until it holds or the deadline passes, reporting progress every few seconds. */
public final class Deadline
{
  private static final Duration POLL = Duration.ofMillis(250);
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

  private Deadline()
  {
  }

  /**
   * Waits until {@code condition} returns true. {@code condition} may throw; that counts as "not yet".
   * {@code failFast} is checked on every poll and ends the wait with its message when it returns non-null.
   */
  public static void await(
      String what,
      Duration timeout,
      Callable<Boolean> condition,
      Supplier<String> failFast,
      Consumer<String> progress
  ) throws InterruptedException
  {
    await(what, timeout, POLL, condition, failFast, progress);
  }

  /** As above, checking every {@code poll} instead of every 250 ms: for conditions that cost the service asked. */
  public static void await(
      String what,
      Duration timeout,
      Duration poll,
      Callable<Boolean> condition,
      Supplier<String> failFast,
      Consumer<String> progress
  ) throws InterruptedException
  {
    final long start = System.nanoTime();
    long nextProgress = start + PROGRESS_EVERY.toNanos();
    while (true) {
      final String fatal = failFast.get();
      if (fatal != null) {
        throw new IllegalStateException("Gave up waiting for " + what + ": " + fatal);
      }
      try {
        if (Boolean.TRUE.equals(condition.call())) {
          return;
        }
      }
      catch (InterruptedException e) {
        throw e;
      }
      catch (Exception notYet) {
        // Services refuse connections until they bind; keep polling.
      }
      final long now = System.nanoTime();
      if (now - start > timeout.toNanos()) {
        throw new IllegalStateException("Timed out after " + timeout.toSeconds() + " s waiting for " + what);
      }
      if (now > nextProgress) {
        progress.accept("still waiting for " + what + " (" + Duration.ofNanos(now - start).toSeconds() + " s)");
        nextProgress = now + PROGRESS_EVERY.toNanos();
      }
      Thread.sleep(poll.toMillis());
    }
  }
}
