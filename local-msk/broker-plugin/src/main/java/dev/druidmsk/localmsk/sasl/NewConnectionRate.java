package dev.druidmsk.localmsk.sasl;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * MSK's quota on the rate of new IAM connections per broker: at most {@code perSecond} AWS_MSK_IAM authentications
 * in any one-second window, across the broker's IAM listeners; the ones over it are refused during authentication
 * ("Too many connects"), and still count, since each was a connection made. Re-authentications count too: the SASL
 * server cannot tell them apart, and on MSK they are rare (one per connection per session).
 */
final class NewConnectionRate
{
  private static final Duration WINDOW = Duration.ofSeconds(1);
  private static NewConnectionRate shared;

  private final int perSecond;
  private final Deque<Instant> recent = new ArrayDeque<>();

  NewConnectionRate(final int perSecond)
  {
    this.perSecond = perSecond;
  }

  /** The one limiter of this broker process, shared by its IAM listeners' callback handlers. */
  static synchronized NewConnectionRate ofBroker(final int perSecond)
  {
    if (shared == null || shared.perSecond != perSecond) {
      shared = new NewConnectionRate(perSecond);
    }
    return shared;
  }

  /** Records an authentication at {@code now}; false when it is over the rate. Zero per second means no limit. */
  synchronized boolean admit(final Instant now)
  {
    if (perSecond <= 0) {
      return true;
    }
    while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(WINDOW))) {
      recent.removeFirst();
    }
    recent.addLast(now);
    return recent.size() <= perSecond;
  }
}
