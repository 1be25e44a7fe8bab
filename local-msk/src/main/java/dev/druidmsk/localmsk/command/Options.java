package dev.druidmsk.localmsk.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A command's {@code --name value} options, each known in advance; {@code --help} anywhere asks for the usage. */
final class Options
{
  private final Map<String, List<String>> values;
  private final boolean help;

  private Options(final Map<String, List<String>> values, final boolean help)
  {
    this.values = values;
    this.help = help;
  }

  /**
   * @param single     options given at most once
   * @param repeatable options that may be given several times, in order
   */
  static Options parse(final List<String> args, final Set<String> single, final Set<String> repeatable)
      throws UsageException
  {
    final Map<String, List<String>> values = new LinkedHashMap<>();
    boolean help = false;
    for (int i = 0; i < args.size(); i++) {
      final String name = args.get(i);
      if ("--help".equals(name) || "-h".equals(name)) {
        help = true;
        continue;
      }
      if (!single.contains(name) && !repeatable.contains(name)) {
        throw new UsageException("unknown option '" + name + "'");
      }
      if (i + 1 >= args.size()) {
        throw new UsageException(name + " needs a value");
      }
      final List<String> given = values.computeIfAbsent(name, ignored -> new ArrayList<>());
      if (!given.isEmpty() && single.contains(name)) {
        throw new UsageException(name + " may be given once");
      }
      given.add(args.get(++i));
    }
    return new Options(values, help);
  }

  boolean help()
  {
    return help;
  }

  boolean has(final String name)
  {
    return values.containsKey(name);
  }

  String get(final String name, final String defaultValue)
  {
    final List<String> given = values.get(name);
    return given == null ? defaultValue : given.get(0);
  }

  List<String> all(final String name)
  {
    return values.getOrDefault(name, List.of());
  }

  /** A whole number from {@code min} up, or {@code defaultValue} when absent. */
  int number(final String name, final int defaultValue, final int min) throws UsageException
  {
    final String value = get(name, null);
    if (value == null) {
      return defaultValue;
    }
    try {
      final int number = Integer.parseInt(value);
      if (number >= min) {
        return number;
      }
    }
    catch (NumberFormatException e) {
      // Answered below.
    }
    throw new UsageException(name + " takes a whole number of at least " + min + ", got '" + value + "'");
  }
}
