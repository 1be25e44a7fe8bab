package dev.druidmsk.provider;

import dev.druidmsk.localmsk.testing.ClientMetrics;
import dev.druidmsk.localmsk.testing.ReaderStack;
import dev.druidmsk.localmsk.testing.TestStacks;
import dev.druidmsk.testing.DruidReaderClients;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Credentials that live ten seconds (local-msk's rotation-test opt-in; AWS issues 900 s at least), so the broker
 * caps each session at what is left of them and refuses credentials within two seconds of expiry, MSK's "Session too
 * short": a client that keeps re-authenticating must never be refused. The client is druid-msk's aws-msk-iam
 * provider, which refreshes before expiry (plain aws-msk-iam-auth signs with nearly expired credentials here).
 */
class ShortSessionReauthenticationIT
{
  /**
   * The provider never signs within 5 s of expiry: shorter credentials (local-msk's expiry falls on a whole second,
   * up to 1 s early) would leave too little time between fetching new ones and signing with them.
   */
  private static final Duration CREDENTIAL_LIFETIME = Duration.ofSeconds(10);
  /** Sessions last 5 to 10 s, so the client re-authenticates every 4 to 10 s: long enough for at least 3. */
  private static final Duration RUN = Duration.ofSeconds(45);
  private static final String TOPIC = "short-sessions";
  private static ReaderStack stack;

  @BeforeAll
  static void startStack() throws Exception
  {
    stack = ReaderStack.start(ShortSessionReauthenticationIT.class, msk -> msk.rotationTestLifetime(CREDENTIAL_LIFETIME));
    // The reader role is the producer here: the test is about its sessions, not about what it may do.
    stack.policies(TestStacks.READER_ROLE, TestStacks.producerPolicy(stack.msk().clusterArn()));
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
  void aProducerReauthenticatesWithoutRefusalWhenSessionsEndWithSecondsLongCredentials() throws Exception
  {
    int sent = 0;
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(
        DruidReaderClients.clientProperties(
            stack.msk(), DruidReaderClients.readerProvider("short-sessions", TestStacks.EXTERNAL_ID, false), false
        ),
        new StringSerializer(),
        new StringSerializer()
    )) {
      final long end = System.nanoTime() + RUN.toNanos();
      while (System.nanoTime() < end) {
        producer.send(new ProducerRecord<>(TOPIC, "k", "v" + sent)).get(30, TimeUnit.SECONDS);
        sent++;
        Thread.sleep(50);
      }
      final double reauthentications = ClientMetrics.sum(producer.metrics(), "successful-reauthentication-total");
      final double failures = ClientMetrics.sum(producer.metrics(), "failed-reauthentication-total")
                              + ClientMetrics.sum(producer.metrics(), "failed-authentication-total");
      final long brokerReauthentications = stack.msk().broker().reauthentications();
      System.out.println("ShortSessionReauthenticationIT: sent " + sent + ", re-authentications " + reauthentications
                         + " (broker: " + brokerReauthentications + "), failed (re-)authentications " + failures);

      // One per credential lifetime at least (the broker caps each session at what is left of the credentials).
      assertThat(reauthentications).isGreaterThanOrEqualTo(RUN.dividedBy(CREDENTIAL_LIFETIME) - 1);
      assertThat(failures).isZero();
      // The broker logs each one it completes: its count is what the fault suite relies on.
      assertThat(brokerReauthentications).isGreaterThanOrEqualTo((long) reauthentications);
    }
  }
}
