package dev.druidmsk.localmsk.testing;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A Kafka client for a JVM of its own (started with {@code -Djdk.net.hosts.file}, which a running JVM cannot take):
 * writes one record to every partition of a topic and reads them back, through the client properties in a file.
 * Prints {@code leader PARTITION HOST:PORT} for each partition and {@code read PARTITION VALUE} for each record read,
 * then exits 0; on any failure prints {@code failed:} with the whole cause chain and exits 1.
 * <p>
 * Arguments: the client properties file, the topic.
 */
public final class RoundTripClient
{
  private static final Duration DEADLINE = Duration.ofSeconds(15);
  /**
   * For setting up a connection and for the first metadata: a fresh JVM's first IAM handshake loads the AWS SDK and
   * calls STS, which took over 9 s on a busy two-core machine (Kafka's default setup timeout is 10 s). A broker that
   * fails TLS on its name still fails at once; a send still fails after {@link #DEADLINE}.
   */
  private static final Duration FIRST_CONNECTION_DEADLINE = Duration.ofSeconds(45);

  private RoundTripClient()
  {
  }

  public static void main(final String[] args) throws IOException
  {
    final Properties client = new Properties();
    try (Reader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
      client.load(in);
    }
    try {
      roundTrip(client, args[1]);
    }
    catch (Exception e) {
      final StringBuilder chain = new StringBuilder("failed:");
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        chain.append(' ').append(cause.getClass().getName()).append(": ").append(cause.getMessage()).append(" |");
      }
      System.out.println(chain);
      System.exit(1);
    }
    System.exit(0);
  }

  private static void roundTrip(final Properties client, final String topic) throws Exception
  {
    final Properties producerProperties = new Properties();
    producerProperties.putAll(client);
    // Bounded, so that an unreachable bootstrap or leader fails the run instead of blocking it.
    producerProperties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(FIRST_CONNECTION_DEADLINE.toMillis()));
    producerProperties.put(ProducerConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG,
                           Long.toString(FIRST_CONNECTION_DEADLINE.toMillis()));
    producerProperties.put(ProducerConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG,
                           Long.toString(FIRST_CONNECTION_DEADLINE.toMillis()));
    producerProperties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(DEADLINE.toMillis()));
    producerProperties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(DEADLINE.toMillis() / 2));
    final List<TopicPartition> partitions = new ArrayList<>();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(
        producerProperties, new StringSerializer(), new StringSerializer())) {
      for (PartitionInfo partition : producer.partitionsFor(topic)) {
        System.out.println("leader " + partition.partition() + ' ' + partition.leader().host() + ':'
                           + partition.leader().port());
        partitions.add(new TopicPartition(topic, partition.partition()));
      }
      for (TopicPartition partition : partitions) {
        producer.send(new ProducerRecord<>(topic, partition.partition(), null, "record-" + partition.partition()))
                .get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
    final Properties consumerProperties = new Properties();
    consumerProperties.putAll(client);
    consumerProperties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
        consumerProperties, new StringDeserializer(), new StringDeserializer())) {
      consumer.assign(partitions);
      int read = 0;
      final long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (read < partitions.size() && System.nanoTime() < deadline) {
        for (var record : consumer.poll(Duration.ofMillis(500))) {
          System.out.println("read " + record.partition() + ' ' + record.value());
          read++;
        }
      }
    }
  }
}
