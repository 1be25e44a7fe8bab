package dev.druidmsk.cli.migrate;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Druid time granularity in UTC (the only time zone druid-msk supports): how Druid cuts time into segments, and
 * how parity cuts an interval into buckets. Buckets are aligned as Druid aligns them (to the epoch for fixed
 * durations, to Monday for weeks, to the calendar for months, quarters and years).
 */
public final class Granularity
{
  /** Druid's named granularities and the ISO period each stands for. */
  private static final Map<String, String> NAMES = Map.ofEntries(
      Map.entry("SECOND", "PT1S"),
      Map.entry("MINUTE", "PT1M"),
      Map.entry("FIVE_MINUTE", "PT5M"),
      Map.entry("TEN_MINUTE", "PT10M"),
      Map.entry("FIFTEEN_MINUTE", "PT15M"),
      Map.entry("THIRTY_MINUTE", "PT30M"),
      Map.entry("HOUR", "PT1H"),
      Map.entry("SIX_HOUR", "PT6H"),
      Map.entry("EIGHT_HOUR", "PT8H"),
      Map.entry("DAY", "P1D"),
      Map.entry("WEEK", "P1W"),
      Map.entry("MONTH", "P1M"),
      Map.entry("QUARTER", "P3M"),
      Map.entry("YEAR", "P1Y")
  );
  /** Where bisection goes next: each entry nests in every coarser granularity above. */
  private static final List<String> LADDER = List.of("P1Y", "P1M", "P1D", "PT1H", "PT1M", "PT1S");

  private final String iso;
  private final Duration fixed;
  private final Period calendar;

  private Granularity(String iso, Duration fixed, Period calendar)
  {
    this.iso = iso;
    this.fixed = fixed;
    this.calendar = calendar;
  }

  /** Reads `HOUR`, `hour`, `PT1H`, `P1D`...; the error names the accepted forms. */
  public static Granularity parse(String text)
  {
    final String upper = text.strip().toUpperCase(Locale.ROOT);
    final String iso = NAMES.getOrDefault(upper, upper);
    if (iso.matches("PT[0-9]{1,5}[HMS]")) {
      final Duration duration = Duration.parse(iso);
      if (!duration.isZero() && Duration.ofDays(1).toMillis() % duration.toMillis() == 0) {
        return new Granularity(iso, duration, null);
      }
    } else if (NAMES.containsValue(iso)) {
      return new Granularity(iso, null, Period.parse(iso));
    }
    throw new IllegalArgumentException(
        "'" + text + "' is not a granularity druid-msk can align: use HOUR, DAY, ... or an ISO period that divides a "
        + "day (PT1M, PT15M, PT1H, PT6H) or P1D, P1W, P1M, P3M, P1Y"
    );
  }

  /** A granularity as a supervisor spec writes it: a name, or {"type": "period", "period": "PT1H"}. */
  public static Granularity fromSpec(JsonNode node)
  {
    if (node.isTextual()) {
      return parse(node.asText());
    }
    if (node.isObject() && node.hasNonNull("period")) {
      if (node.hasNonNull("timeZone") && !"UTC".equalsIgnoreCase(node.get("timeZone").asText())) {
        throw new IllegalArgumentException("granularity " + node + " has a time zone: druid-msk aligns in UTC only");
      }
      return parse(node.get("period").asText());
    }
    if (node.isObject() && node.hasNonNull("type")) {
      return parse(node.get("type").asText());
    }
    throw new IllegalArgumentException("granularity " + node + " is neither a name nor a period object");
  }

  /** The ISO period, as Druid SQL's TIME_FLOOR takes it. */
  public String iso()
  {
    return iso;
  }

  public Instant floor(Instant instant)
  {
    if (fixed != null) {
      final long step = fixed.toMillis();
      return Instant.ofEpochMilli(Math.floorDiv(instant.toEpochMilli(), step) * step);
    }
    final LocalDate day = instant.atZone(ZoneOffset.UTC).toLocalDate();
    final LocalDate start;
    if (calendar.getYears() > 0) {
      start = day.withDayOfYear(1);
    } else if (calendar.getMonths() > 0) {
      final int month = day.getMonthValue() - 1;
      start = day.withDayOfMonth(1).withMonth(month - month % calendar.getMonths() + 1);
    } else if (calendar.getDays() == 7) {
      start = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    } else {
      start = day;
    }
    return start.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** The first bucket boundary at or after {@code instant}. */
  public Instant ceil(Instant instant)
  {
    final Instant floor = floor(instant);
    return floor.equals(instant) ? instant : next(floor);
  }

  /** The start of the bucket after the one starting at {@code bucketStart}. */
  public Instant next(Instant bucketStart)
  {
    if (fixed != null) {
      return bucketStart.plus(fixed);
    }
    final ZonedDateTime start = bucketStart.atZone(ZoneOffset.UTC);
    return start.plus(calendar).toInstant();
  }

  /** The next finer granularity to bisect a mismatching bucket with, or null when none is finer. */
  public Granularity finer()
  {
    final Duration nominal = nominal();
    for (String step : LADDER) {
      final Granularity candidate = parse(step);
      if (candidate.nominal().compareTo(nominal) < 0) {
        return candidate;
      }
    }
    return null;
  }

  /** Approximate length, for ordering only (a month counts 31 days). */
  Duration nominal()
  {
    if (fixed != null) {
      return fixed;
    }
    return ChronoUnit.DAYS.getDuration().multipliedBy(calendar.getYears() * 366L + calendar.getMonths() * 31L + calendar.getDays());
  }

  public boolean isFinerThan(Granularity other)
  {
    return nominal().compareTo(other.nominal()) < 0;
  }

  @Override
  public boolean equals(Object o)
  {
    return o instanceof Granularity && ((Granularity) o).iso.equals(iso);
  }

  @Override
  public int hashCode()
  {
    return iso.hashCode();
  }

  @Override
  public String toString()
  {
    return iso;
  }
}
