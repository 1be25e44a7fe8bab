package dev.druidmsk.cli.migrate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Where parity gets its numbers: per bucket start, per measure label, the value. Buckets without rows are absent. */
public interface BucketSource
{
  Map<Instant, Map<String, Double>> buckets(
      String dataSource,
      TimeInterval interval,
      Granularity granularity,
      List<Measure> measures
  );
}
