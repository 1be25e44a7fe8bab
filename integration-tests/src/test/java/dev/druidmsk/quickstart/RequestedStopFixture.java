package dev.druidmsk.quickstart;

import java.time.Duration;

/** A run that waits for a stop request, then stops cleanly, or not with the argument "fail"; for RequestedStopTest. */
final class RequestedStopFixture
{
  private RequestedStopFixture()
  {
  }

  public static void main(String[] args) throws InterruptedException
  {
    final RequestedStop stop = RequestedStop.install();
    System.out.println("running");
    System.out.flush();
    final boolean requested = stop.await(Duration.ofMinutes(1));
    System.out.println(requested ? "stopping" : "never asked to stop");
    System.out.flush();
    stop.finished(args.length == 0 || !"fail".equals(args[0]));
  }
}
