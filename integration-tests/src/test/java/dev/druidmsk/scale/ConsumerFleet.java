package dev.druidmsk.scale;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Consumers of one partition in this JVM, as N supervisors or tasks on one Druid node have them, each polling on
 * its own thread (a Kafka consumer re-authenticates only while it does network I/O). Each one, once told how many
 * records exist, reads up to that many, reports what it read and its authentication metrics, and closes.
 * Closing the fleet without finishing stops every consumer at once.
 */
final class ConsumerFleet implements AutoCloseable
{
  private static final Duration POLL = Duration.ofMillis(200);

  private final List<CompletableFuture<Report>> members = new ArrayList<>();
  private final CompletableFuture<Long> recordsToRead = new CompletableFuture<>();

  /** What one consumer saw: records read and its SASL authentication metrics summed over its connections. */
  static final class Report
  {
    final long records;
    final double authentications;
    final double reauthentications;
    final double failures;

    Report(long records, Map<MetricName, ? extends Metric> metrics)
    {
      this.records = records;
      this.authentications = sum(metrics, "successful-authentication-total");
      this.reauthentications = sum(metrics, "successful-reauthentication-total");
      this.failures = sum(metrics, "failed-authentication-total") + sum(metrics, "failed-reauthentication-total");
    }

    private static double sum(Map<MetricName, ? extends Metric> metrics, String name)
    {
      return metrics.entrySet()
                    .stream()
                    .filter(entry -> entry.getKey().name().equals(name))
                    .mapToDouble(entry -> ((Number) entry.getValue().metricValue()).doubleValue())
                    .sum();
    }
  }

  private ConsumerFleet()
  {
  }

  static ConsumerFleet start(Map<String, Object> client, TopicPartition partition, int size, Duration deadline)
  {
    final ConsumerFleet fleet = new ConsumerFleet();
    final long end = System.nanoTime() + deadline.toNanos();
    for (int i = 0; i < size; i++) {
      final Map<String, Object> properties = new HashMap<>(client);
      properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "fleet-" + i);
      properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
      fleet.members.add(CompletableFuture.supplyAsync(() -> fleet.consume(properties, partition, end), runnable -> {
        final Thread thread = new Thread(runnable, "fleet-consumer");
        thread.setDaemon(true);
        thread.start();
      }));
    }
    return fleet;
  }

  private Report consume(Map<String, Object> properties, TopicPartition partition, long end)
  {
    try (KafkaConsumer<String, String> consumer =
             new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long records = 0;
      while (System.nanoTime() < end && (!recordsToRead.isDone() || records < recordsToRead.join())) {
        records += consumer.poll(POLL).count();
      }
      return new Report(records, consumer.metrics());
    }
  }

  /** Tells every consumer how many records exist, waits for all to read them (or their deadline) and close. */
  List<Report> finish(long records) throws Exception
  {
    recordsToRead.complete(records);
    final List<Report> reports = new ArrayList<>();
    for (CompletableFuture<Report> member : members) {
      reports.add(member.get(5, TimeUnit.MINUTES));
    }
    return reports;
  }

  @Override
  public void close() throws Exception
  {
    if (recordsToRead.complete(0L)) {
      CompletableFuture.allOf(members.toArray(new CompletableFuture[0]))
                       .exceptionally(failure -> null)
                       .get(1, TimeUnit.MINUTES);
    }
  }
}
