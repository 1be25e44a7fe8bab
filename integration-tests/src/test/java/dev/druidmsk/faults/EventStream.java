package dev.druidmsk.faults;

import dev.druidmsk.telemetry.ApiRequestGenerator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * API-request events, each with a unique {@code event_id} (0, 1, 2, ...), sent at a steady rate on a thread of
 * its own into a topic by an idempotent producer that waits for every replica, so what the broker
 * acknowledged is in the topic exactly once. It writes through the broker's operator listener: the faults are for
 * Druid's side of the IAM path, and the producer's count is the ground truth they are measured against.
 */
final class EventStream implements AutoCloseable
{
  /** Long enough to ride out a broker restart without a send ever failing. */
  private static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(5);
  private static final int PACE_EVERY = 50;

  private final String topic;
  private final Map<String, Object> operator;
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final CompletableFuture<Long> done;
  /** {@link System#nanoTime()} after which no event is sent; none until {@link #endAfter} sets it. */
  private volatile long endNanos = Long.MAX_VALUE;

  private EventStream(String topic, Map<String, Object> operator, int events, int perSecond)
  {
    this.topic = topic;
    this.operator = operator;
    this.done = CompletableFuture.supplyAsync(() -> send(events, perSecond), runnable -> {
      final Thread thread = new Thread(runnable, "event-stream-" + topic);
      thread.setDaemon(true);
      thread.start();
    });
  }

  /** Starts sending {@code events} events at {@code perSecond} to {@code topic} through {@code operator}. */
  static EventStream start(String topic, Map<String, Object> operator, int events, int perSecond)
  {
    return new EventStream(topic, operator, events, perSecond);
  }

  /** Sends no event later than {@code delay} from now, even if fewer than the stream's events were sent. */
  void endAfter(Duration delay)
  {
    endNanos = System.nanoTime() + delay.toNanos();
  }

  /** Events the broker has acknowledged so far. */
  long acknowledged()
  {
    return acknowledged.get();
  }

  /** Waits until every event is sent and acknowledged; fails if any send failed. Returns the acknowledged count. */
  long finish(Duration timeout) throws Exception
  {
    final long sent = done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (failure.get() != null) {
      throw new IllegalStateException("A send to " + topic + " failed", failure.get());
    }
    return sent;
  }

  /** The end offset of each of the topic's partitions: without transactions, the number of records in it. */
  Map<Integer, Long> endOffsets()
  {
    final Map<String, Object> properties = new HashMap<>(operator);
    properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
      final List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30))
                                                      .stream()
                                                      .map(info -> new TopicPartition(topic, info.partition()))
                                                      .collect(Collectors.toList());
      return consumer.endOffsets(partitions, Duration.ofSeconds(30))
                     .entrySet()
                     .stream()
                     .collect(Collectors.toMap(end -> end.getKey().partition(), Map.Entry::getValue));
    }
  }

  private long send(int events, int perSecond)
  {
    final Map<String, Object> properties = new HashMap<>(operator);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis());
    properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, DELIVERY_TIMEOUT.toMillis());
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    final Instant firstEvent = Instant.now().minus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    final ApiRequestGenerator generator = new ApiRequestGenerator(8, firstEvent, Duration.ofMillis(10));
    final long start = System.nanoTime();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties)) {
      for (long id = 0; id < events; id++) {
        if (id % PACE_EVERY == 0) {
          pace(start, id, perSecond);
          if (System.nanoTime() > endNanos) {
            break;
          }
        }
        producer.send(
            new ProducerRecord<>(topic, event(id, generator).getBytes(StandardCharsets.UTF_8)),
            (metadata, error) -> {
              if (error == null) {
                acknowledged.incrementAndGet();
              } else {
                failure.compareAndSet(null, error);
              }
            }
        );
      }
      producer.flush();
    }
    return acknowledged.get();
  }

  /** The generated request's JSON with {@code event_id} added as its first field. */
  private static String event(long id, ApiRequestGenerator generator)
  {
    return "{\"event_id\":" + id + "," + generator.next().toJson().substring(1);
  }

  private static void pace(long start, long sent, int perSecond)
  {
    final long due = start + sent * 1_000_000_000L / perSecond;
    final long wait = due - System.nanoTime();
    if (wait > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while pacing the event stream", e);
      }
    }
  }

  /** Waits for the stream to end (it is not cut short: its count must stay exact). */
  @Override
  public void close() throws Exception
  {
    done.exceptionally(error -> 0L).get(DELIVERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }
}
