package dev.druidmsk.cli.migrate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Raw events per datasource, measured the way parity's SQL measures them (count, sums, distinct values per
 * bucket), so that the comparison and bisection logic can be tested on known data. Counts its queries.
 */
final class InMemoryEvents implements BucketSource
{
  /** One event: its time, a `service` dimension and a `bytes` metric. */
  record Event(Instant time, String service, long bytes)
  {
  }

  private final Map<String, List<Event>> events = new HashMap<>();
  private final List<String> queries = new ArrayList<>();

  /** {@code count} events from {@code start}, {@code spacing} apart, cycling through three services. */
  InMemoryEvents add(String dataSource, Instant start, Duration spacing, int count)
  {
    final List<Event> list = events.computeIfAbsent(dataSource, name -> new ArrayList<>());
    for (int i = 0; i < count; i++) {
      list.add(new Event(start.plus(spacing.multipliedBy(i)), "service-" + (i % 3), 100 + i % 7));
    }
    return this;
  }

  /** A copy of {@code from} into {@code to}, without the events of {@code dropped}. */
  InMemoryEvents copy(String from, String to, TimeInterval dropped)
  {
    final List<Event> list = events.computeIfAbsent(to, name -> new ArrayList<>());
    events.get(from).stream().filter(event -> dropped == null || !dropped.contains(event.time())).forEach(list::add);
    return this;
  }

  InMemoryEvents change(String dataSource, Instant time, long bytes)
  {
    final List<Event> list = events.get(dataSource);
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).time().equals(time)) {
        list.set(i, new Event(time, list.get(i).service(), bytes));
      }
    }
    return this;
  }

  List<String> queries()
  {
    return queries;
  }

  @Override
  public Map<Instant, Map<String, Double>> buckets(
      String dataSource,
      TimeInterval interval,
      Granularity granularity,
      List<Measure> measures
  )
  {
    queries.add(dataSource + " " + interval + " " + granularity);
    final Map<Instant, List<Event>> byBucket = new TreeMap<>();
    for (Event event : events.getOrDefault(dataSource, List.of())) {
      if (interval.contains(event.time())) {
        byBucket.computeIfAbsent(granularity.floor(event.time()), bucket -> new ArrayList<>()).add(event);
      }
    }
    final Map<Instant, Map<String, Double>> result = new TreeMap<>();
    byBucket.forEach((bucket, list) -> {
      final Map<String, Double> values = new HashMap<>();
      for (Measure measure : measures) {
        values.put(measure.label(), value(measure, list));
      }
      result.put(bucket, values);
    });
    return result;
  }

  private static double value(Measure measure, List<Event> list)
  {
    if (measure.distinct()) {
      final Set<String> services = new HashSet<>();
      list.forEach(event -> services.add(event.service()));
      return services.size();
    }
    if (Measure.ROWS.equals(measure.key())) {
      return list.size();
    }
    return list.stream().mapToLong(Event::bytes).sum();
  }
}
