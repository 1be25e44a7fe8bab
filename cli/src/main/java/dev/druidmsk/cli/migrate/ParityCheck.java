package dev.druidmsk.cli.migrate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares two datasources bucket by bucket and bisects every mismatching bucket: it is queried again at the next
 * finer granularity, down to the finest asked for, so the report names the smallest intervals that differ.
 */
public final class ParityCheck
{
  private final BucketSource numbers;
  private final String source;
  private final String target;
  private final List<Measure> measures;
  private final Map<String, Double> tolerances;

  /** {@code tolerances}: relative, per measure key (rows, a metric, a dimension); absent means exact. */
  public ParityCheck(BucketSource numbers, String source, String target, List<Measure> measures, Map<String, Double> tolerances)
  {
    this.numbers = numbers;
    this.source = source;
    this.target = target;
    this.measures = List.copyOf(measures);
    this.tolerances = Map.copyOf(tolerances);
  }

  public ParityReport run(TimeInterval interval, Granularity granularity, Granularity finest)
  {
    if (granularity.isFinerThan(finest)) {
      throw new IllegalArgumentException("--finest " + finest + " is coarser than --granularity " + granularity + ": make it finer or equal");
    }
    final List<Comparison> comparisons = new ArrayList<>();
    final List<TimeInterval> mismatches = new ArrayList<>();
    compare(interval, granularity, finest, 0, comparisons, mismatches);
    return new ParityReport(source, target, interval, granularity, finest, comparisons, mismatches);
  }

  private void compare(
      TimeInterval interval,
      Granularity granularity,
      Granularity finest,
      int depth,
      List<Comparison> comparisons,
      List<TimeInterval> mismatches
  )
  {
    final Map<Instant, Map<String, Double>> left = numbers.buckets(source, interval, granularity, measures);
    final Map<Instant, Map<String, Double>> right = numbers.buckets(target, interval, granularity, measures);
    final TreeSet<Instant> starts = new TreeSet<>(left.keySet());
    starts.addAll(right.keySet());
    for (Instant start : starts) {
      final TimeInterval bucket = new TimeInterval(start, granularity.next(start)).clip(interval);
      boolean bucketOk = true;
      for (Measure measure : measures) {
        final double s = left.getOrDefault(start, Map.of()).getOrDefault(measure.label(), 0.0);
        final double t = right.getOrDefault(start, Map.of()).getOrDefault(measure.label(), 0.0);
        final boolean ok = withinTolerance(s, t, tolerances.getOrDefault(measure.key(), 0.0));
        bucketOk &= ok;
        comparisons.add(new Comparison(depth, granularity, bucket, measure.label(), s, t, ok));
      }
      if (!bucketOk) {
        bisect(bucket, granularity, finest, depth, comparisons, mismatches);
      }
    }
  }

  private void bisect(
      TimeInterval bucket,
      Granularity granularity,
      Granularity finest,
      int depth,
      List<Comparison> comparisons,
      List<TimeInterval> mismatches
  )
  {
    if (!finest.isFinerThan(granularity)) {
      mismatches.add(bucket);
      return;
    }
    final Granularity finer = granularity.finer();
    final Granularity next = finer == null || finer.isFinerThan(finest) ? finest : finer;
    final int before = mismatches.size();
    compare(bucket, next, finest, depth + 1, comparisons, mismatches);
    if (mismatches.size() == before) {
      // Each finer bucket is within tolerance although their sum is not: the coarse bucket is the answer.
      mismatches.add(bucket);
    }
  }

  static boolean withinTolerance(double source, double target, double relative)
  {
    return Math.abs(target - source) <= relative * Math.max(Math.abs(source), Math.abs(target));
  }
}
