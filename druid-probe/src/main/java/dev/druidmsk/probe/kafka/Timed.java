package dev.druidmsk.probe.kafka;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs one network step on a daemon thread and gives up after the doctor's timeout. */
final class Timed
{
  private Timed()
  {
  }

  static <T> T call(Duration timeout, Callable<T> step) throws Exception
  {
    final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
      final Thread thread = new Thread(runnable, "druid-msk-doctor-step");
      thread.setDaemon(true);
      thread.setContextClassLoader(Thread.currentThread().getContextClassLoader());
      return thread;
    });
    final Future<T> future = executor.submit(step);
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
    catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
    }
    catch (TimeoutException e) {
      future.cancel(true);
      throw new TimeoutException("no answer within " + timeout.toSeconds() + " s");
    }
    finally {
      executor.shutdownNow();
    }
  }
}
