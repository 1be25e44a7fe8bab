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
 * last requests to be sent and ingested), reaching back to the traffic's start when traffic began inside it or less
 * than {@link #MIN_COVERAGE} before it, and a rate is the window's requests divided by the seconds it really covers.
 */
record RateWindow(Instant from, Instant to)
{
  private static final Duration MINUTE = Duration.ofMinutes(1);
  /** The least time a window covers. */
  static final Duration MIN_COVERAGE = Duration.ofSeconds(30);
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  /** The window at {@code now}, or empty while not even {@link #MIN_COVERAGE} of traffic has settled. */
  static Optional<RateWindow> lastCompleteMinute(Instant now, Instant trafficStart, Duration settle)
  {
    final Instant end = now.minus(settle).truncatedTo(ChronoUnit.MINUTES);
    final Instant minuteStart = end.minus(MINUTE);
    // A short first part of a minute gives noisy rates: it is counted with the minute after it instead.
    final Instant start = minuteStart.isBefore(trafficStart.plus(MIN_COVERAGE)) ? trafficStart : minuteStart;
    return Duration.between(start, end).compareTo(MIN_COVERAGE) < 0
           ? Optional.empty()
           : Optional.of(new RateWindow(start, end));
  }

  /** When the first window is there: the end of the first minute with {@link #MIN_COVERAGE} of traffic, plus settle. */
  static Instant first(Instant trafficStart, Duration settle)
  {
    return trafficStart.plus(MIN_COVERAGE).minusNanos(1).truncatedTo(ChronoUnit.MINUTES).plus(MINUTE).plus(settle);
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
