package dev.druidmsk.provider;

import dev.druidmsk.localmsk.testing.ReaderStack;
import dev.druidmsk.localmsk.testing.TestStacks;
import dev.druidmsk.testing.DruidReaderClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the broker saw while STS was down, for Kafka clients configured by druid-msk's aws-msk-iam provider (shared
 * credential cache). The node's base identity is an IAM user with long-term keys, which MSK authenticates as
 * itself: failing closed must keep every connection from authenticating as it, and the fallback, when allowed,
 * must be visible as that user's principal.
 */
class FailClosedIT
{
  private static final String ASSUMED_READER = "arn:aws:sts::222222222222:assumed-role/msk-reader/";
  private static ReaderStack stack;

  @BeforeAll
  static void startStack() throws Exception
  {
    stack = ReaderStack.start(FailClosedIT.class, msk -> msk);
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
  void withARoleAndNoFallbackNoConnectionAuthenticatesAsTheNodeWhileStsIsDown() throws Exception
  {
    final Map<String, Object> reader = client("fail-closed", null);
    final int before = principals().size();
    stack.msk().sts().faults().outage();

    for (int attempt = 0; attempt < 3; attempt++) {
      assertThatThrownBy(() -> describeCluster(reader)).hasStackTraceContaining("AWS MSK IAM credentials of role[");
    }
    final List<String> duringOutage = since(before);
    stack.msk().sts().faults().clear();
    describeClusterWithin(reader, 60);
    final List<String> afterOutage = since(before);
    System.out.println("FailClosedIT fail-closed: broker authenticated during the STS outage " + duringOutage
                       + ", after it " + afterOutage);

    assertThat(duringOutage).isEmpty();
    assertThat(afterOutage).isNotEmpty().allMatch(principal -> principal.startsWith(ASSUMED_READER + "fail-closed"));
  }

  @Test
  void withTheFallbackAllowedAndStsDownTheBrokerAuthenticatesTheNodesOwnUser() throws Exception
  {
    final Map<String, Object> reader = client("fallback-allowed", true);
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
    System.out.println("FailClosedIT fallback allowed: broker authenticated during the STS outage " + duringOutage);

    assertThat(duringOutage).isNotEmpty().containsOnly(TestStacks.DRUID.arn());
  }

  private static Map<String, Object> client(String session, Boolean fallback)
  {
    final Map<String, Object> properties = DruidReaderClients.clientProperties(
        stack.msk(), DruidReaderClients.readerProvider(session, TestStacks.EXTERNAL_ID, false, fallback), false
    );
    properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
    properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
    properties.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
    return properties;
  }

  private static void describeCluster(Map<String, Object> properties) throws Exception
  {
    try (Admin admin = Admin.create(properties)) {
      admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
    }
  }

  /** Through the cache's back-off after the outage's failures. */
  private static void describeClusterWithin(Map<String, Object> properties, int seconds) throws Exception
  {
    final long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      try {
        describeCluster(properties);
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
