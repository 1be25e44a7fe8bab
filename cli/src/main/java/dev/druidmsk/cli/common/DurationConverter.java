package dev.druidmsk.cli.common;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads `500ms`, `30s`, `5m`, `1h` or an ISO-8601 duration (`PT30S`). */
public final class DurationConverter implements ITypeConverter<Duration>
{
  private static final Pattern SHORT = Pattern.compile("([0-9]{1,9})(ms|s|m|h)");

  @Override
  public Duration convert(String value)
  {
    final Matcher matcher = SHORT.matcher(value);
    if (matcher.matches()) {
      final long amount = Long.parseLong(matcher.group(1));
      switch (matcher.group(2)) {
        case "ms":
          return positive(Duration.ofMillis(amount), value);
        case "s":
          return positive(Duration.ofSeconds(amount), value);
        case "m":
          return positive(Duration.ofMinutes(amount), value);
        default:
          return positive(Duration.ofHours(amount), value);
      }
    }
    try {
      return positive(Duration.parse(value), value);
    }
    catch (DateTimeParseException e) {
      throw new TypeConversionException(
          "'" + value + "' is not a duration: write e.g. 500ms, 30s, 5m, 1h or PT30S"
      );
    }
  }

  private static Duration positive(Duration duration, String value)
  {
    if (duration.isNegative() || duration.isZero()) {
      throw new TypeConversionException("'" + value + "' must be longer than zero, e.g. 30s");
    }
    return duration;
  }
}
