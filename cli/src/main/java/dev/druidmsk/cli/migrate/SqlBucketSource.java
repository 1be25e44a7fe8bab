package dev.druidmsk.cli.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.druidmsk.cli.druid.DruidClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parity's numbers from Druid SQL: one query for the row count and sums, one per exact distinct count (Druid plans
 * an exact COUNT(DISTINCT) as a nested GROUP BY, and several in one query need grouping sets).
 */
public final class SqlBucketSource implements BucketSource
{
  private final DruidClient broker;

  public SqlBucketSource(DruidClient broker)
  {
    this.broker = broker;
  }

  @Override
  public Map<Instant, Map<String, Double>> buckets(
      String dataSource,
      TimeInterval interval,
      Granularity granularity,
      List<Measure> measures
  )
  {
    final Map<Instant, Map<String, Double>> buckets = new TreeMap<>();
    final List<Measure> plain = new ArrayList<>();
    for (Measure measure : measures) {
      if (measure.distinct()) {
        collect(buckets, dataSource, query(dataSource, interval, granularity, List.of(measure)), List.of(measure));
      } else {
        plain.add(measure);
      }
    }
    if (!plain.isEmpty()) {
      collect(buckets, dataSource, query(dataSource, interval, granularity, plain), plain);
    }
    return buckets;
  }

  static String query(String dataSource, TimeInterval interval, Granularity granularity, List<Measure> measures)
  {
    final StringBuilder sql = new StringBuilder("SELECT TIME_FLOOR(__time, '").append(granularity.iso())
                                                                           .append("') AS \"bucket\"");
    for (int i = 0; i < measures.size(); i++) {
      sql.append(", ").append(measures.get(i).expression()).append(" AS \"m").append(i).append('"');
    }
    return sql.append(" FROM ").append(Sql.identifier(dataSource))
              .append(" WHERE ").append(Sql.timeFilter(interval))
              .append(" GROUP BY 1")
              .toString();
  }

  private void collect(
      Map<Instant, Map<String, Double>> buckets,
      String dataSource,
      String query,
      List<Measure> measures
  )
  {
    for (JsonNode row : Sql.rows(broker, query, dataSource)) {
      final Map<String, Double> values = buckets.computeIfAbsent(
          Instant.parse(row.path("bucket").asText()),
          bucket -> new TreeMap<>()
      );
      for (int i = 0; i < measures.size(); i++) {
        values.put(measures.get(i).label(), row.path("m" + i).asDouble());
      }
    }
  }
}
