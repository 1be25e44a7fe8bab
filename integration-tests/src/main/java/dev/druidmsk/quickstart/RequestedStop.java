package dev.druidmsk.quickstart;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C, or {@code ./quickstart --stop} from another terminal (SIGINT, SIGTERM), as a normal end: the run is told to
 * stop, stops everything in order (supervisors first) while the JVM waits for it, and the JVM then exits 0 instead of
 * the signal's 130 or 143, unless stopping failed.
 */
final class RequestedStop
{
  private static final Duration STOP_TIME = Duration.ofMinutes(2);

  private final CountDownLatch requested = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean finishedCleanly;

  private RequestedStop()
  {
  }

  static RequestedStop install()
  {
    final RequestedStop stop = new RequestedStop();
    Runtime.getRuntime().addShutdownHook(new Thread(stop::onSignal, "quickstart-stop"));
    return stop;
  }

  /** Waits up to {@code timeout} for a stop request; true when there is one. */
  boolean await(Duration timeout) throws InterruptedException
  {
    return requested.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The run has stopped what it started; {@code cleanly} false when stopping failed. */
  void finished(boolean cleanly)
  {
    finishedCleanly = cleanly;
    finished.countDown();
  }

  private void onSignal()
  {
    // The JVM also runs this hook when the run ends by itself; only a stop that came while it ran is a request.
    final boolean whileRunning = finished.getCount() > 0;
    requested.countDown();
    try {
      finished.await(STOP_TIME.toMillis(), TimeUnit.MILLISECONDS);
    }
    catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (whileRunning && finishedCleanly) {
      Runtime.getRuntime().halt(0);
    }
  }
}
