package dev.druidmsk.provider;

import dev.druidmsk.localmsk.testing.ReaderStack;
import dev.druidmsk.localmsk.testing.TestStacks;
import dev.druidmsk.testing.DruidReaderClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * druid-msk's aws-msk-iam provider and shared credential cache against the local STS's faults, counted by the STS
 * and judged by the broker: many clients of one role make one STS attempt per back-off period while STS throttles;
 * credentials that STS is too slow to replace are not signed once inside MSK's too-short margin; and while STS is
 * down, failing closed keeps every connection from authenticating as the node's base identity (an IAM user with
 * long-term keys, which MSK authenticates as itself), while the fallback, when allowed, shows as that user.
 */
class SharedCacheStsFaultsIT
{
  /** Opt-in short credentials, so a refresh falls within the test. */
  private static final Duration LIFETIME = Duration.ofSeconds(15);
  private static final int CLIENTS = 8;
  private static final Duration THROTTLED = Duration.ofSeconds(20);
  /** The clients' reconnect.backoff.max.ms: how often each asks for credentials again while they fail. */
  private static final Duration RECONNECT = Duration.ofSeconds(1);
  /**
   * The most attempts the cache's back-off allows in {@link #THROTTLED}, were each answered at once: at 0, 0.5,
   * 1.5, 3.5, 7.5 and 15.5 s (the shortest waits, 0.5, 1, 2, 4, 8 s); the AWS SDK sends each up to 4 times.
   */
  private static final int MOST_STS_REQUESTS = 6 * 4;
  private static final String TOPIC = "slow-sts";
  private static final String ASSUMED_READER = "arn:aws:sts::222222222222:assumed-role/msk-reader/";
  private static ReaderStack stack;

  @BeforeAll
  static void startStack() throws Exception
  {
    stack = ReaderStack.start(SharedCacheStsFaultsIT.class, msk -> msk.rotationTestLifetime(LIFETIME));
    // The reader role is the producer here: the test is about its sessions, not about what it may do.
    stack.policies(TestStacks.READER_ROLE, TestStacks.producerPolicy(stack.msk().clusterArn()));
    stack.createTopics(TOPIC);
  }

  @AfterEach
  void stsBack()
  {
    stack.msk().sts().faults().clear();
  }

  @AfterAll
  static void stopStack() throws Exception
  {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void manyClientsOfAThrottledRoleMakeOneStsAttemptPerBackOff() throws Exception
  {
    final long before = stack.msk().sts().counters().assumeRoleCalls(TestStacks.READER_ROLE);
    final AtomicLong failures = new AtomicLong();
    final List<Admin> admins = new ArrayList<>();
    final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      for (int i = 0; i < CLIENTS; i++) {
        admins.add(Admin.create(client("throttled")));
      }
      stack.msk().sts().faults().throttle();
      final long end = System.nanoTime() + THROTTLED.toNanos();
      final List<Future<?>> running = new ArrayList<>();
      for (Admin admin : admins) {
        running.add(clients.submit(() -> {
          while (System.nanoTime() < end) {
            if (!describeCluster(admin, Duration.ofSeconds(2))) {
              failures.incrementAndGet();
              // A failed authentication fails the next call at once: ask again at Kafka's reconnect pace instead.
              Thread.sleep(RECONNECT.toMillis());
            }
          }
          return null;
        }));
      }
      for (Future<?> client : running) {
        client.get(2, TimeUnit.MINUTES);
      }
      final long throttledRequests = stack.msk().sts().counters().assumeRoleCalls(TestStacks.READER_ROLE) - before;
      stack.msk().sts().faults().clear();
      final long cleared = System.nanoTime();
      final List<Future<Boolean>> back = new ArrayList<>();
      for (Admin admin : admins) {
        back.add(clients.submit(() -> describesWithin(admin, Duration.ofSeconds(60))));
      }
      for (Future<Boolean> client : back) {
        assertThat(client.get(2, TimeUnit.MINUTES)).as("a client authenticated after the throttling").isTrue();
      }
      final long recovered = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cleared);
      System.out.printf(
          "SharedCacheStsFaultsIT throttling: %d clients for %d s, %d failed describe calls, AssumeRole requests %d"
          + " (throttled %d), all %d authenticated %d ms after the throttling ended%n",
          CLIENTS, THROTTLED.toSeconds(), failures.get(), throttledRequests,
          stack.msk().sts().counters().throttled(TestStacks.READER_ROLE), CLIENTS, recovered
      );

      assertThat(failures.get()).as("failed describe calls while throttled").isPositive();
      assertThat(throttledRequests).as("AssumeRole requests while throttled").isBetween(1L, (long) MOST_STS_REQUESTS);
    }
    finally {
      clients.shutdownNow();
      admins.forEach(Admin::close);
    }
  }

  @Test
  void credentialsStsIsTooSlowToReplaceAreNotSignedInsideMsksMargin() throws Exception
  {
    final int refusalsBefore = stack.msk().broker().refusals().size();
    long sent = 0;
    long failed = 0;
    final Map<String, Object> properties = DruidReaderClients.clientProperties(
        stack.msk(), DruidReaderClients.readerProvider("slow-sts", TestStacks.EXTERNAL_ID, false), false
    );
    properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "3000");
    properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "3000");
    properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(
        properties, new StringSerializer(), new StringSerializer())) {
      // Retried: the short max.block.ms is for the sends during the fault, and on a loaded machine the first
      // connection (TLS, AssumeRole, SASL) took longer than it to bring the topic's metadata.
      within(Duration.ofSeconds(60),
             () -> producer.send(new ProducerRecord<>(TOPIC, "k", "first")).get(30, TimeUnit.SECONDS));
      // Longer than the credentials live: no refresh can land before they expire.
      stack.msk().sts().faults().latency(LIFETIME.plusSeconds(10));
      final long end = System.nanoTime() + LIFETIME.multipliedBy(2).toNanos();
      while (System.nanoTime() < end) {
        try {
          producer.send(new ProducerRecord<>(TOPIC, "k", "v" + sent)).get(10, TimeUnit.SECONDS);
          sent++;
        }
        catch (Exception e) {
          failed++;
        }
        Thread.sleep(100);
      }
      stack.msk().sts().faults().clear();
      final long cleared = System.nanoTime();
      within(Duration.ofSeconds(90), () -> producer.send(new ProducerRecord<>(TOPIC, "k", "after"))
                                                   .get(10, TimeUnit.SECONDS));
      final List<String> refusals = stack.msk().broker().refusals();
      final List<String> newRefusals = List.copyOf(refusals.subList(refusalsBefore, refusals.size()));
      System.out.printf(
          "SharedCacheStsFaultsIT slow STS: sent %d, failed sends %d while STS answered after %d s, broker refusals %s,"
          + " producing again %d ms after STS recovered%n",
          sent, failed, LIFETIME.plusSeconds(10).toSeconds(), newRefusals,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cleared)
      );

      assertThat(failed).as("sends that failed once the credentials were inside the margin").isPositive();
      assertThat(newRefusals).as("authentications the broker refused").noneMatch(r -> r.contains("Session too short"));
    }
  }

  @Test
  void withARoleAndNoFallbackNoConnectionAuthenticatesAsTheNodeWhileStsIsDown() throws Exception
  {
    final Map<String, Object> reader = client("fail-closed");
    final int before = principals().size();
    stack.msk().sts().faults().outage();

    for (int attempt = 0; attempt < 3; attempt++) {
      assertThatThrownBy(() -> describeCluster(reader)).hasStackTraceContaining("AWS MSK IAM credentials of role[");
    }
    final List<String> duringOutage = since(before);
    stack.msk().sts().faults().clear();
    within(Duration.ofSeconds(60), () -> {
      describeCluster(reader);
      return null;
    });
    final List<String> afterOutage = since(before);
    System.out.println("SharedCacheStsFaultsIT fail-closed: broker authenticated during the STS outage " + duringOutage
                       + ", after it " + afterOutage);

    assertThat(duringOutage).isEmpty();
    assertThat(afterOutage).isNotEmpty().allMatch(principal -> principal.startsWith(ASSUMED_READER + "fail-closed"));
  }

  @Test
  void withTheFallbackAllowedAndStsDownTheBrokerAuthenticatesTheNodesOwnUser() throws Exception
  {
    final Map<String, Object> reader = fallbackClient("fallback-allowed");
    final int before = principals().size();
    stack.msk().sts().faults().outage();

    try {
      describeCluster(reader);
    }
    catch (Exception authorizationOnly) {
      // The node's user holds no Kafka policy: authorization may refuse what authentication let in.
      assertThat(authorizationOnly).hasStackTraceContaining("Authorization");
    }
    final List<String> duringOutage = since(before);
    System.out.println("SharedCacheStsFaultsIT fallback allowed: broker authenticated during the STS outage " + duringOutage);

    assertThat(duringOutage).isNotEmpty().containsOnly(TestStacks.DRUID.arn());
  }

  private static Map<String, Object> client(String session)
  {
    return client(session, null);
  }

  private static Map<String, Object> fallbackClient(String session)
  {
    return client(session, true);
  }

  private static Map<String, Object> client(String session, Boolean fallback)
  {
    final Map<String, Object> properties = DruidReaderClients.clientProperties(
        stack.msk(), DruidReaderClients.readerProvider(session, TestStacks.EXTERNAL_ID, false, fallback), false
    );
    properties.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, String.valueOf(RECONNECT.toMillis()));
    properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
    properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "30000");
    return properties;
  }

  /** True once the cluster is described, trying again through the cache's back-off, within {@code timeout}. */
  private static boolean describesWithin(Admin admin, Duration timeout) throws InterruptedException
  {
    final long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (describeCluster(admin, Duration.ofSeconds(5))) {
        return true;
      }
      Thread.sleep(RECONNECT.toMillis());
    }
    return false;
  }

  /** True once the cluster is described within {@code timeout}; false on any failure. */
  private static boolean describeCluster(Admin admin, Duration timeout)
  {
    try {
      admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
           .nodes()
           .get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
      return true;
    }
    catch (Exception e) {
      return false;
    }
  }

  private static void describeCluster(Map<String, Object> properties) throws Exception
  {
    try (Admin admin = Admin.create(properties)) {
      admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
    }
  }

  /** Runs {@code step} until it succeeds, through the cache's back-off after a fault's failures. */
  private static void within(Duration timeout, Callable<?> step) throws Exception
  {
    final long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        step.call();
        return;
      }
      catch (Exception e) {
        if (System.nanoTime() > end) {
          throw e;
        }
        Thread.sleep(500);
      }
    }
  }

  private static List<String> principals() throws IOException
  {
    return stack.msk().broker().authenticatedPrincipals();
  }

  private static List<String> since(int before) throws IOException
  {
    final List<String> all = principals();
    return List.copyOf(all.subList(before, all.size()));
  }
}
