package dev.druidmsk.localmsk;

import dev.druidmsk.localmsk.testing.ReaderStack;
import dev.druidmsk.localmsk.testing.TestStacks;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A real aws-msk-iam-auth client, assuming a role through the local STS, against the broker's IAM authorization: a
 * role allowed {@code kafka-cluster:Connect} and {@code DescribeTopic} on one topic sees exactly that, and a policy
 * changed while the broker runs applies at once.
 */
class TopicAuthorizationIT
{
  private static final String SESSION = "authz-reader";
  private static final String DESCRIBED = "described-topic";
  private static final String OTHER = "other-topic";
  private static ReaderStack stack;
  private static String clusterArn;

  @BeforeAll
  static void startStack() throws Exception
  {
    stack = ReaderStack.start(TopicAuthorizationIT.class, msk -> msk);
    clusterArn = stack.msk().clusterArn();
    stack.createTopics(DESCRIBED, OTHER);
    // Test data comes in through the setup listener: producing is not what this test is about.
    final Map<String, Object> operatorProducer = Map.of("bootstrap.servers", stack.msk().broker().internalBootstrap());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(
        operatorProducer, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(DESCRIBED, "k", "described-value")).get(60, TimeUnit.SECONDS);
    }
  }

  @BeforeEach
  void allowConnectAndDescribeOfOneTopic() throws Exception
  {
    stack.policies(TestStacks.READER_ROLE, """
        {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": "kafka-cluster:Connect", "Resource": "%s"},
          {"Effect": "Allow", "Action": "kafka-cluster:DescribeTopic", "Resource": "%s"}
        ]}
        """.formatted(clusterArn, topicArn(DESCRIBED)));
  }

  @AfterAll
  static void stopStack() throws Exception
  {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void roleDescribesTheTopicItIsAllowedToDescribe() throws Exception
  {
    try (Admin admin = Admin.create(reader())) {
      final TopicDescription description = admin.describeTopics(List.of(DESCRIBED))
                                                .allTopicNames()
                                                .get(60, TimeUnit.SECONDS)
                                                .get(DESCRIBED);

      assertThat(description.partitions()).hasSize(1);
    }
  }

  @Test
  void describingAnotherTopicFailsWithTopicAuthorizationAndNoDetail()
  {
    try (Admin admin = Admin.create(reader())) {
      assertThatThrownBy(() -> admin.describeTopics(List.of(OTHER)).allTopicNames().get(60, TimeUnit.SECONDS))
          .isInstanceOfSatisfying(ExecutionException.class, e -> {
            assertThat(e.getCause()).isInstanceOf(TopicAuthorizationException.class);
            assertThat(e.getCause().getMessage()).doesNotContain("kafka-cluster", "arn:", "msk-reader");
          });
    }
  }

  @Test
  void readingTheDescribedTopicIsDeniedWithoutReadData()
  {
    try (KafkaConsumer<String, String> consumer = readerConsumer()) {
      assertThatThrownBy(() -> pollUntilRead(consumer)).isInstanceOfSatisfying(
          TopicAuthorizationException.class,
          e -> assertThat(e.unauthorizedTopics()).containsExactly(DESCRIBED)
      );
    }
  }

  @Test
  void policyChangedWhileTheBrokerRunsAppliesWithoutRestart() throws Exception
  {
    final long brokerPid = stack.msk().broker().pid();

    stack.policies(TestStacks.READER_ROLE, """
        {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": "kafka-cluster:Connect", "Resource": "%s"},
          {"Effect": "Allow", "Action": ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"], "Resource": "%s"},
          {"Effect": "Allow", "Action": ["kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup"], "Resource": "%s"}
        ]}
        """.formatted(clusterArn, topicArn(DESCRIBED), clusterArn.replace(":cluster/", ":group/") + "/*"));

    try (KafkaConsumer<String, String> consumer = readerConsumer()) {
      assertThat(pollUntilRead(consumer)).containsExactly("described-value");
    }
    assertThat(stack.msk().broker().pid()).isEqualTo(brokerPid);
  }

  private static String topicArn(final String topic)
  {
    return clusterArn.replace(":cluster/", ":topic/") + '/' + topic;
  }

  private static Map<String, Object> reader()
  {
    return stack.readerClient(SESSION, TestStacks.EXTERNAL_ID, false);
  }

  /** Reads the described topic from its start without a consumer group (no group rights needed to ask). */
  private static KafkaConsumer<String, String> readerConsumer()
  {
    final KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
        reader(), new StringDeserializer(), new StringDeserializer()
    );
    final TopicPartition partition = new TopicPartition(DESCRIBED, 0);
    consumer.assign(List.of(partition));
    consumer.seekToBeginning(List.of(partition));
    return consumer;
  }

  private static List<String> pollUntilRead(final KafkaConsumer<String, String> consumer)
  {
    final List<String> values = new ArrayList<>();
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (values.isEmpty() && System.nanoTime() < deadline) {
      for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
        values.add(record.value());
      }
    }
    return values;
  }
}
