package dev.druidmsk.localmsk;

import dev.druidmsk.localmsk.iam.IssuedCredentials;
import dev.druidmsk.localmsk.sasl.ConnectPayloads;
import dev.druidmsk.localmsk.testing.RawSaslClient;
import dev.druidmsk.localmsk.testing.ReaderStack;
import dev.druidmsk.localmsk.testing.ScopedSystemProperties;
import dev.druidmsk.localmsk.testing.TestStacks;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The real aws-msk-iam-auth 2.3.9 and kafka-clients 3.9.0 against the local MSK emulator: a role assumed with an
 * external ID through the local STS works end to end, and every way of getting it wrong is refused with a clear
 * message. One broker serves the whole class.
 */
class MskIamClientIT
{
  private static final String SESSION = "druid-msk-it";
  private static ReaderStack stack;
  private static LocalMsk msk;

  @BeforeAll
  static void startStack() throws Exception
  {
    // About authentication: the reader role may do anything once in (TopicAuthorizationIT is about authorization).
    stack = ReaderStack.start(MskIamClientIT.class, msk -> msk.policy(TestStacks.READER_ROLE, TestStacks.EVERY_KAFKA_ACTION));
    msk = stack.msk();
  }

  @AfterAll
  static void stopStack() throws Exception
  {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void adminCreatesATopicAsTheAssumedRole() throws Exception
  {
    try (Admin admin = Admin.create(reader(false))) {
      admin.createTopics(List.of(new NewTopic("admin-created", 1, (short) 1))).all().get(60, TimeUnit.SECONDS);

      // The broker learns of the controller's new topic asynchronously (KRaft), so one listing may still lack it.
      Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!topics.contains("admin-created") && System.nanoTime() < deadline) {
        Thread.sleep(200);
        topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      }
      assertThat(topics).contains("admin-created");
    }
  }

  @Test
  void consumerGroupReadsWhatWasProducedAndCommitsItsOffset() throws Exception
  {
    stack.createTopics("orders");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(
        reader(false), new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < 10; i++) {
        producer.send(new ProducerRecord<>("orders", "key-" + i, "order-" + i)).get(60, TimeUnit.SECONDS);
      }
    }

    final List<String> values = consume("orders", "order-readers", 10);

    assertThat(values).containsExactly("order-0", "order-1", "order-2", "order-3", "order-4",
                                       "order-5", "order-6", "order-7", "order-8", "order-9");
    try (Admin admin = Admin.create(reader(false))) {
      final long committed = admin.listConsumerGroupOffsets("order-readers")
                                  .partitionsToOffsetAndMetadata()
                                  .get(30, TimeUnit.SECONDS)
                                  .get(new TopicPartition("orders", 0))
                                  .offset();
      assertThat(committed).isEqualTo(10);
    }
  }

  @Test
  void saslSslListenerAuthenticatesTheAssumedRole() throws Exception
  {
    stack.createTopics("over-tls");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(
        reader(true), new StringSerializer(), new StringSerializer())) {
      assertThat(producer.send(new ProducerRecord<>("over-tls", "k", "v")).get(60, TimeUnit.SECONDS).offset())
          .isEqualTo(0);
    }
  }

  @Test
  void wrongExternalIdIsRefusedByTheSts()
  {
    final long issuedBefore = msk.sts().counters().issued(TestStacks.READER_ROLE);
    final long refusedBefore = msk.sts().counters().refused(TestStacks.READER_ROLE);
    final Map<String, Object> properties = stack.readerClient(SESSION, "not-the-external-id", false);

    assertThatThrownBy(() -> describeCluster(properties))
        .hasStackTraceContaining("is not authorized to perform: sts:AssumeRole on resource: " + TestStacks.READER_ROLE);
    assertThat(msk.sts().counters().refused(TestStacks.READER_ROLE)).isGreaterThan(refusedBefore);
    assertThat(msk.sts().counters().issued(TestStacks.READER_ROLE)).isEqualTo(issuedBefore);
  }

  @Test
  void aSilentFallbackAuthenticatesAsTheBaseUserAsOnMskAndOnlyAuthorizationStopsIt() throws Exception
  {
    final Map<String, Object> properties = reader(false);
    // What a client that does not fail closed signs with when the STS is unreachable: the default chain's base user.
    properties.put("sasl.jaas.config", ((String) properties.get("sasl.jaas.config"))
        .replace("awsAddDefaultProviders=\"false\"", "awsAddDefaultProviders=\"true\""));
    try (ScopedSystemProperties unreachableSts = new ScopedSystemProperties()) {
      unreachableSts.put("aws.endpointUrlSts", "http://127.0.0.1:" + closedPort());
      try (Admin admin = Admin.create(properties)) {
        assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("fallback-made", 1, (short) 1)))
                                      .all()
                                      .get(60, TimeUnit.SECONDS))
            .hasRootCauseInstanceOf(AuthorizationException.class);
      }
    }
    System.out.println("MskIamClientIT: principals the broker authenticated " + Set.copyOf(msk.broker().authenticatedPrincipals()));
    assertThat(msk.broker().authenticatedPrincipals()).contains(TestStacks.DRUID.arn());
  }

  @Test
  void failingClosedNoConnectionAuthenticatesAsTheBaseUserWhenTheStsIsDown() throws Exception
  {
    final String session = "fail-closed-probe";
    final Map<String, Object> properties = stack.readerClient(session, TestStacks.EXTERNAL_ID, false);
    final int before = msk.broker().authenticatedPrincipals().size();
    try (ScopedSystemProperties unreachableSts = new ScopedSystemProperties()) {
      unreachableSts.put("aws.endpointUrlSts", "http://127.0.0.1:" + closedPort());

      assertThatThrownBy(() -> describeCluster(properties))
          .hasCauseInstanceOf(SaslAuthenticationException.class)
          .hasStackTraceContaining("Failed to find AWS IAM Credentials");
    }

    final List<String> principals = msk.broker().authenticatedPrincipals();
    assertThat(principals.subList(before, principals.size())).doesNotContain(TestStacks.DRUID.arn());
  }

  @Test
  void credentialsExpiringWithinTwoSecondsAreRefusedSessionTooShort() throws Exception
  {
    final IssuedCredentials nearlyExpired = msk.authority().issue(
        "arn:aws:sts::222222222222:assumed-role/msk-reader/raw", Instant.now().plusMillis(1_500)
    );

    final RawSaslClient.Verdict verdict = rawAuthenticate(
        ConnectPayloads.signed(nearlyExpired, "localhost", "us-east-1", Instant.now(), 900)
    );

    assertThat(verdict.error()).isEqualTo(Errors.SASL_AUTHENTICATION_FAILED);
    assertThat(verdict.message()).matches("\\[[0-9a-f-]{36}]: Session too short");
    assertThat(msk.broker().refusals()).contains(verdict.message());
  }

  @Test
  void signatureValidForMoreThan900SecondsIsRefusedByTheBroker() throws Exception
  {
    final RawSaslClient.Verdict verdict = rawAuthenticate(
        ConnectPayloads.signed(issued(), "localhost", "us-east-1", Instant.now(), 901)
    );

    assertThat(verdict.error()).isEqualTo(Errors.SASL_AUTHENTICATION_FAILED);
    assertThat(verdict.message()).contains("x-amz-expires 901 is outside 1..900");
  }

  @Test
  void signatureForAnotherRegionIsRefusedByTheBroker()
  {
    try (ScopedSystemProperties otherRegion = new ScopedSystemProperties()) {
      otherRegion.put("aws.region", "eu-west-1");

      assertThatThrownBy(() -> describeCluster(reader(false)))
          .hasRootCauseInstanceOf(SaslAuthenticationException.class)
          .hasStackTraceContaining("the credential is scoped to region 'eu-west-1' but this cluster is in 'us-east-1'");
    }
  }

  @Test
  void correctlySignedPayloadIsAcceptedOverTheRawProtocol() throws Exception
  {
    final RawSaslClient.Verdict verdict = rawAuthenticate(ConnectPayloads.signed(
        issued(), "localhost", "us-east-1", Instant.now(), 900
    ));

    assertThat(verdict.error()).isEqualTo(Errors.NONE);
    assertThat(verdict.reply()).contains("\"version\":\"2020_10_22\"");
  }

  @Test
  void tamperedSignatureIsRefusedByTheBroker() throws Exception
  {
    final Map<String, String> payload = ConnectPayloads.signed(issued(), "localhost", "us-east-1", Instant.now(), 900);
    final String signature = payload.get("x-amz-signature");
    payload.put("x-amz-signature", (signature.charAt(0) == '0' ? '1' : '0') + signature.substring(1));

    final RawSaslClient.Verdict verdict = rawAuthenticate(payload);

    assertThat(verdict.error()).isEqualTo(Errors.SASL_AUTHENTICATION_FAILED);
    assertThat(verdict.message()).contains("the signature does not match the request it claims to sign");
  }

  @Test
  void expiredSignatureIsRefusedByTheBroker() throws Exception
  {
    final Instant sixteenMinutesAgo = Instant.now().minus(Duration.ofMinutes(16));

    final RawSaslClient.Verdict verdict = rawAuthenticate(
        ConnectPayloads.signed(issued(), "localhost", "us-east-1", sixteenMinutesAgo, 900)
    );

    assertThat(verdict.error()).isEqualTo(Errors.SASL_AUTHENTICATION_FAILED);
    assertThat(verdict.message()).contains("the signature expired at");
  }

  private static Map<String, Object> reader(final boolean tls)
  {
    return stack.readerClient(SESSION, TestStacks.EXTERNAL_ID, tls);
  }

  /** Credentials as the local STS hands them out, for payloads no real client would sign. */
  private static IssuedCredentials issued()
  {
    return msk.authority().issue(
        "arn:aws:sts::222222222222:assumed-role/msk-reader/raw", Instant.now().plus(Duration.ofMinutes(30))
    );
  }

  private static RawSaslClient.Verdict rawAuthenticate(final Map<String, String> payload) throws Exception
  {
    final String bootstrap = msk.broker().saslPlaintextBootstrap();
    final int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
    return RawSaslClient.authenticate("127.0.0.1", port, ConnectPayloads.json(payload));
  }

  private static void describeCluster(final Map<String, Object> properties) throws Exception
  {
    try (Admin admin = Admin.create(properties)) {
      admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
    }
  }

  private static List<String> consume(final String topic, final String group, final int count)
  {
    final Map<String, Object> properties = reader(false);
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    final List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
        properties, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(Set.of(topic));
      final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (values.size() < count && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          values.add(record.value());
        }
      }
      consumer.commitSync(Duration.ofSeconds(30));
    }
    return values;
  }

  private static int closedPort() throws Exception
  {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
