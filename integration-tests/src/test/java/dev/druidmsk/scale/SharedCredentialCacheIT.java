package dev.druidmsk.scale;

import dev.druidmsk.localmsk.testing.ReaderStack;
import dev.druidmsk.localmsk.testing.TestStacks;
import dev.druidmsk.testing.DruidReaderClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consumers of one role in one JVM against the local STS and a broker that demands re-authentication, with
 * credentials that live seconds: with {@code "credentialCache": "shared"} the role is assumed once per refresh
 * period whatever the number of consumers; with the library's per-client handler, once per consumer at least.
 * The credentials are local-msk's rotation-test opt-in (AWS issues 900 s at least); the broker refuses any signed
 * within two seconds of expiry, as MSK does ("Session too short").
 */
class SharedCredentialCacheIT
{
  private static final Duration CREDENTIAL_LIFETIME = Duration.ofSeconds(17);
  private static final Duration REFRESH_PERIOD = DruidReaderClients.sharedRefreshPeriod(CREDENTIAL_LIFETIME);
  /** About once per refresh period, as a client with hour-long credentials refreshes once per credential. */
  private static final Duration REAUTHENTICATION = Duration.ofSeconds(4);
  private static final Duration WINDOW = Duration.ofSeconds(24);
  private static final long REFRESH_PERIODS = WINDOW.dividedBy(REFRESH_PERIOD);
  private static final int CONSUMERS = 6;
  private static ReaderStack stack;

  @BeforeAll
  static void startStack() throws Exception
  {
    stack = ReaderStack.start(
        SharedCredentialCacheIT.class,
        msk -> msk.rotationTestLifetime(CREDENTIAL_LIFETIME).broker(broker -> broker.reauthentication(REAUTHENTICATION))
    );
    stack.policies(TestStacks.READER_ROLE, TestStacks.readerPolicy(stack.msk().clusterArn()));
  }

  @AfterAll
  static void stopStack() throws Exception
  {
    if (stack != null) {
      stack.close();
    }
  }

  private static ScaleRun measure(String credentialCache) throws Exception
  {
    final ScaleRun run = ScaleRun.measure(stack, credentialCache, CONSUMERS, WINDOW);
    System.out.println("SharedCredentialCacheIT: " + credentialCache + ", " + CONSUMERS + " consumers, "
                       + WINDOW.toSeconds() + " s (" + REFRESH_PERIODS + " refresh periods): " + run.assumeRoles
                       + " AssumeRole calls");
    return run;
  }

  @Test
  void sharedCredentialsAssumeTheRoleOncePerRefreshPeriodForAllConsumers() throws Exception
  {
    final ScaleRun run = measure("shared");

    // At least one refresh; at most the first assumption, one per period and one for a boundary the window cuts.
    assertThat(run.assumeRoles).isBetween(2L, REFRESH_PERIODS + 2);
  }

  @Test
  void everyConsumerKeepsAuthenticatingAcrossSharedRefreshes() throws Exception
  {
    final ScaleRun run = measure("shared");

    assertThat(run.reports).hasSize(CONSUMERS).allSatisfy(report -> {
      assertThat(report.records).isEqualTo(run.produced);
      assertThat(report.reauthentications).isGreaterThanOrEqualTo(REFRESH_PERIODS - 2);
      assertThat(report.failures).isZero();
    });
  }

  @Test
  void theLibrarysHandlerAssumesTheRoleOncePerConsumerPerRefreshPeriod() throws Exception
  {
    final ScaleRun run = measure("per-client");

    assertThat(run.assumeRoles).isGreaterThanOrEqualTo(CONSUMERS * (REFRESH_PERIODS - 1));
    assertThat(run.reports).allSatisfy(report -> assertThat(report.failures).isZero());
  }
}
