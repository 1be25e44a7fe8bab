package dev.druidmsk.localmsk;

import dev.druidmsk.localmsk.testing.ReaderStack;
import dev.druidmsk.localmsk.testing.TestStacks;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** With Kafka's StandardAuthorizer on, an authenticated role reads only what its ACLs grant. */
class TopicAuthorizationIT
{
  private static final String SESSION = "acl-reader";
  private static final String GRANTED = "granted-topic";
  private static final String FORBIDDEN = "forbidden-topic";
  private static final String GROUP = "acl-readers";
  private static ReaderStack stack;

  @BeforeAll
  static void startStack() throws Exception
  {
    stack = ReaderStack.start(TopicAuthorizationIT.class, msk -> msk.broker(broker -> broker.authorization(true)));
    final String reader = TestStacks.readerPrincipal(SESSION);
    stack.msk().broker().allow(reader, ResourceType.TOPIC, GRANTED, AclOperation.READ, AclOperation.DESCRIBE);
    stack.msk().broker().allow(reader, ResourceType.GROUP, GROUP, AclOperation.READ);
    stack.createTopics(GRANTED, FORBIDDEN);
    final Map<String, Object> operatorProducer = Map.of("bootstrap.servers", stack.msk().broker().internalBootstrap());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(
        operatorProducer, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(GRANTED, "k", "granted-value")).get(60, TimeUnit.SECONDS);
      producer.send(new ProducerRecord<>(FORBIDDEN, "k", "forbidden-value")).get(60, TimeUnit.SECONDS);
    }
  }

  @AfterAll
  static void stopStack() throws Exception
  {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void roleReadsTheTopicItIsGranted()
  {
    try (KafkaConsumer<String, String> consumer = readerConsumer()) {
      consumer.subscribe(Set.of(GRANTED));

      final List<String> values = new ArrayList<>();
      final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (values.isEmpty() && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          values.add(record.value());
        }
      }
      assertThat(values).containsExactly("granted-value");
    }
  }

  @Test
  void roleIsAuthenticatedButNotAuthorisedToReadAnotherTopic()
  {
    try (KafkaConsumer<String, String> consumer = readerConsumer()) {
      consumer.subscribe(Set.of(FORBIDDEN));

      assertThatThrownBy(() -> {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
          consumer.poll(Duration.ofMillis(500));
        }
      }).isInstanceOfSatisfying(
          TopicAuthorizationException.class,
          e -> assertThat(e.unauthorizedTopics()).containsExactly(FORBIDDEN)
      );
    }
  }

  private static KafkaConsumer<String, String> readerConsumer()
  {
    final Map<String, Object> properties = stack.readerClient(SESSION, TestStacks.EXTERNAL_ID, false);
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
  }
}
