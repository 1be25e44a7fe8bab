package dev.druidmsk.cli.druid;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before trying a call to Druid again: doubling from {@code first} up to {@code max}, each wait
 * drawn between half and all of that, so that clients failing together do not come back together.
 */
record BackOff(Duration first, Duration max)
{
  static final BackOff DEFAULT = new BackOff(Duration.ofMillis(250), Duration.ofSeconds(4));

  /** The wait after the {@code attempt}-th failed attempt (1 for the first). */
  Duration after(int attempt)
  {
    final long ceiling = Math.min(max.toMillis(), first.toMillis() << Math.min(attempt - 1, 20));
    return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
  }
}
