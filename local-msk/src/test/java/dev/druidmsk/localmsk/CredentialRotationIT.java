package dev.druidmsk.localmsk;

import dev.druidmsk.localmsk.testing.ClientMetrics;
import dev.druidmsk.localmsk.testing.ReaderStack;
import dev.druidmsk.localmsk.testing.TestStacks;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Credentials that live seconds and a broker that demands re-authentication every few seconds: a producer and a
 * consumer keep working across several rotations, re-authenticating as the same assumed-role principal.
 */
class CredentialRotationIT
{
  private static final Duration CREDENTIAL_LIFETIME = Duration.ofSeconds(6);
  private static final Duration REAUTHENTICATION = Duration.ofSeconds(3);
  private static final Duration RUN = Duration.ofSeconds(20);
  private static final String TOPIC = "rotating";
  private static final String REAUTHENTICATED = "successful-reauthentication-total";
  private static ReaderStack stack;

  @BeforeAll
  static void startStack() throws Exception
  {
    stack = ReaderStack.start(CredentialRotationIT.class, msk -> msk.rotationTestLifetime(CREDENTIAL_LIFETIME)
                                                                     .broker(broker -> broker.reauthentication(REAUTHENTICATION)));
    // One role produces and consumes here: the test is about its credentials, not about what it may do.
    stack.policies(
        TestStacks.READER_ROLE,
        TestStacks.producerPolicy(stack.msk().clusterArn()),
        TestStacks.readerPolicy(stack.msk().clusterArn())
    );
    stack.createTopics(TOPIC);
  }

  @AfterAll
  static void stopStack() throws Exception
  {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void producerAndConsumerKeepWorkingAcrossCredentialRotations() throws Exception
  {
    final Map<String, Object> client = stack.readerClient("rotation", TestStacks.EXTERNAL_ID, false);
    final Map<String, Object> consumerProperties = new HashMap<>(client);
    consumerProperties.put(ConsumerConfig.GROUP_ID_CONFIG, "rotation-readers");
    consumerProperties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    final long assumeRolesBefore = stack.msk().sts().counters().issued(TestStacks.READER_ROLE);

    int sent = 0;
    int received = 0;
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(client, new StringSerializer(), new StringSerializer());
         KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
             consumerProperties, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(Set.of(TOPIC));
      final long end = System.nanoTime() + RUN.toNanos();
      while (System.nanoTime() < end) {
        producer.send(new ProducerRecord<>(TOPIC, "k", "v" + sent)).get(30, TimeUnit.SECONDS);
        sent++;
        for (ConsumerRecord<String, String> ignored : consumer.poll(Duration.ofMillis(200))) {
          received++;
        }
      }
      final long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (received < sent && System.nanoTime() < drainDeadline) {
        received += consumer.poll(Duration.ofMillis(200)).count();
      }
      final double producerReauthentications = ClientMetrics.sum(producer.metrics(), REAUTHENTICATED);
      System.out.println("CredentialRotationIT: sent " + sent + ", received " + received
                         + ", producer re-authentications " + producerReauthentications
                         + ", consumer re-authentications " + ClientMetrics.sum(consumer.metrics(), REAUTHENTICATED));

      assertThat(received).isEqualTo(sent);
      assertThat(producerReauthentications).isGreaterThanOrEqualTo(3);
      assertThat(ClientMetrics.sum(producer.metrics(), "failed-reauthentication-total")).isZero();
      assertThat(ClientMetrics.sum(consumer.metrics(), "failed-reauthentication-total")).isZero();
    }
    // Each refresh of the seconds-long credentials is an AssumeRole call that issued new ones.
    assertThat(stack.msk().sts().counters().issued(TestStacks.READER_ROLE) - assumeRolesBefore)
        .isGreaterThanOrEqualTo(4);
  }
}
