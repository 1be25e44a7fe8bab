package dev.druidmsk.localmsk.broker;

import dev.druidmsk.localmsk.ClientProperties;
import dev.druidmsk.localmsk.testing.ReaderStack;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * MSK's TLS and SCRAM listeners beside the IAM ones, on a broker with IAM authorization on: their clients produce and
 * consume without any IAM policy (as on MSK, where Kafka ACLs, none here, govern them), and SCRAM checks the password.
 */
class MskClientListenersIT
{
  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static ReaderStack stack;

  @BeforeAll
  static void startBroker() throws Exception
  {
    stack = ReaderStack.start(
        MskClientListenersIT.class,
        msk -> msk.iamAuthorization(true).broker(broker -> broker.tlsListener().scramListener())
    );
    stack.createTopics("over-tls", "over-scram", "wrong-password");
  }

  @AfterAll
  static void stopBroker() throws Exception
  {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void tlsListenerClientProducesAndConsumesWithoutAuthentication() throws Exception
  {
    final Map<String, Object> client = new HashMap<>(ClientProperties.tls(stack.msk().broker()));

    assertThat(roundTrip(client, "over-tls", 3)).containsExactly("record-0", "record-1", "record-2");
  }

  @Test
  void scramListenerClientProducesAndConsumesAsTheScramUser() throws Exception
  {
    final Map<String, Object> client = new HashMap<>(ClientProperties.scram(stack.msk().broker()));

    assertThat(roundTrip(client, "over-scram", 3)).containsExactly("record-0", "record-1", "record-2");
  }

  @Test
  void scramListenerRefusesAWrongPassword() throws Exception
  {
    final Map<String, Object> client = new HashMap<>(ClientProperties.scram(stack.msk().broker()));
    client.put("sasl.jaas.config", ClientProperties.scramJaasConfig(LocalKafkaBroker.SCRAM_USER, "not-the-password"));

    assertThatThrownBy(() -> roundTrip(client, "wrong-password", 1))
        .hasRootCauseInstanceOf(SaslAuthenticationException.class);
  }

  @Test
  void scramPasswordIsInAnOwnerOnlyFile() throws Exception
  {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stack.msk().broker().scramPasswordFile())))
        .isEqualTo("rw-------");
  }

  /** Sends {@code count} records, then reads the topic's partition from the start; the values read. */
  private static List<String> roundTrip(final Map<String, Object> client, final String topic, final int count)
      throws Exception
  {
    final Map<String, Object> producerProperties = new HashMap<>(client);
    producerProperties.put("max.block.ms", Long.toString(DEADLINE.toMillis()));
    try (KafkaProducer<String, String> producer =
             new KafkaProducer<>(producerProperties, new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < count; i++) {
        producer.send(new ProducerRecord<>(topic, "record-" + i)).get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
    final Map<String, Object> consumerProperties = new HashMap<>(client);
    consumerProperties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    final List<String> read = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
             new KafkaConsumer<>(consumerProperties, new StringDeserializer(), new StringDeserializer())) {
      consumer.assign(List.of(new TopicPartition(topic, 0)));
      final long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (read.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(record -> read.add(record.value()));
      }
    }
    return read;
  }
}
