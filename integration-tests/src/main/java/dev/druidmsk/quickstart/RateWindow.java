package dev.druidmsk.quickstart;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * The span of event time the live view's rates are over. The datasource rolls requests up per minute, so only whole
 * minute buckets can be counted: the window is the last minute that ended at least {@code settle} ago (time for its
 * last requests to be sent and ingested), cut to the traffic's start when traffic began inside it, and a rate is the
 * window's requests divided by the seconds the window really covers.
 */
record RateWindow(Instant from, Instant to)
{
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  /** The window at {@code now}, or empty while the minute the traffic started in is not complete yet. */
  static Optional<RateWindow> lastCompleteMinute(Instant now, Instant trafficStart, Duration settle)
  {
    final Instant end = now.minus(settle).truncatedTo(ChronoUnit.MINUTES);
    if (!end.isAfter(trafficStart)) {
      return Optional.empty();
    }
    final Instant start = end.minus(MINUTE);
    return Optional.of(new RateWindow(start.isBefore(trafficStart) ? trafficStart : start, end));
  }

  /** When the first window is there: the end of the minute the traffic started in, plus {@code settle}. */
  static Instant first(Instant trafficStart, Duration settle)
  {
    return trafficStart.truncatedTo(ChronoUnit.MINUTES).plus(MINUTE).plus(settle);
  }

  /** The first minute bucket the window reads; the bucket holds no request from before {@link #from}. */
  Instant firstBucket()
  {
    return from.truncatedTo(ChronoUnit.MINUTES);
  }

  double seconds()
  {
    return Duration.between(from, to).toNanos() / 1e9;
  }

  double perSecond(long requests)
  {
    return requests / seconds();
  }

  /** "16:45:00-16:46:00 UTC", or for a window cut to the traffic's start, how many seconds it covers. */
  String describe()
  {
    final String span = CLOCK.format(from) + "-" + CLOCK.format(to) + " UTC";
    return from.equals(firstBucket()) ? span : span + String.format(Locale.ROOT, " (%.0f s, since the traffic started)", seconds());
  }

  static String clock(Instant instant)
  {
    return CLOCK.format(instant) + " UTC";
  }
}
