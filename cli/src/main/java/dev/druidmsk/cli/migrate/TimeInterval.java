package dev.druidmsk.cli.migrate;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** A half-open time interval [start, end), written as Druid writes intervals: `start/end` in ISO-8601 UTC. */
public record TimeInterval(Instant start, Instant end)
{
  public TimeInterval
  {
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("interval " + start + "/" + end + " is empty: its start must be before its end");
    }
  }

  /** Reads `2026-11-01T00:00:00Z/2026-11-02T00:00:00Z`; the error shows that form. */
  public static TimeInterval parse(String text)
  {
    final String[] parts = text.split("/", -1);
    if (parts.length != 2) {
      throw new IllegalArgumentException("'" + text + "' is not an interval: write START/END, e.g. 2026-11-01T00:00:00Z/2026-11-02T00:00:00Z");
    }
    try {
      return new TimeInterval(Instant.parse(parts[0].strip()), Instant.parse(parts[1].strip()));
    }
    catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not an interval of UTC instants: write e.g. 2026-11-01T00:00:00Z/2026-11-02T00:00:00Z"
      );
    }
  }

  public boolean contains(Instant instant)
  {
    return !instant.isBefore(start) && instant.isBefore(end);
  }

  /** The part of this interval inside {@code other}, or null when they do not overlap. */
  public TimeInterval clip(TimeInterval other)
  {
    final Instant from = start.isAfter(other.start) ? start : other.start;
    final Instant to = end.isBefore(other.end) ? end : other.end;
    return from.isBefore(to) ? new TimeInterval(from, to) : null;
  }

  @Override
  public String toString()
  {
    return start + "/" + end;
  }
}
