package dev.druidmsk.faults;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fault suite on the real stack: a Druid 33 cluster ingesting over SASL_SSL with IAM role assumption from the
 * emulator's broker, which verifies every SigV4 signature and makes clients re-authenticate every few seconds,
 * with an STS whose credentials live seconds. Each fault hits a supervisor reading its own stream of uniquely
 * numbered events into a datasource without rollup, and each prints a FAULT line (produced, ingested, lost,
 * duplicated, recovery) and a BENCH line. Druid's Kafka ingestion is exactly-once: nothing may be lost or
 * duplicated, whatever the fault.
 *
 * <p>The faults are split over suites of their own stack each, so that failsafe's two forks run them side by side;
 * every suite has the same emulator settings, so a fault's windows mean the same wherever it runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class FaultSuite
{
  /**
   * Far below AWS's 15 minutes, so clients keep assuming the role again; every fault window is derived from it. Not
   * shorter: the nodes sign with credentials until 5 s before they expire and refresh them halfway through that, so
   * sessions last 10 to 15 s here; shorter credentials would end sessions before {@link #REAUTHENTICATION} does, and
   * re-authenticating more often eats the new-connection quota.
   */
  static final Duration CREDENTIAL_LIFETIME = Duration.ofSeconds(15);
  /**
   * The broker's connections.max.reauth.ms: below the credential lifetime, so sessions also end on the broker's
   * clock. Not far below: the emulator counts re-authentications against the new-connection quota (its SASL server
   * cannot tell them from new connections), and at 3 s they took so much of it that tasks restarted after the
   * quota's refusals kept being refused (CI, connection-rate fault, no progress in 6 minutes).
   */
  static final Duration REAUTHENTICATION = Duration.ofSeconds(10);
  /** One supervisor's tasks, all started at once. */
  static final int CONCURRENT_TASKS = 8;
  /**
   * The broker's quota of new IAM authentications per second: above what the other faults' few connections and
   * their re-authentications need, below the burst of {@link #CONCURRENT_TASKS} tasks connecting at once.
   */
  static final int NEW_CONNECTIONS_PER_SECOND = 8;

  FaultStack stack;

  @BeforeAll
  void startStack() throws Exception
  {
    stack = FaultStack.start(
        getClass(),
        msk -> msk.rotationTestLifetime(CREDENTIAL_LIFETIME)
                  .broker(broker -> broker.reauthentication(REAUTHENTICATION)
                                          .connectionLimits(NEW_CONNECTIONS_PER_SECOND, 3_000)),
        CONCURRENT_TASKS
    );
  }

  /** Frees the indexer's slots for the next fault; each fault has its own supervisor and topic. */
  @AfterEach
  void terminateSupervisors() throws Exception
  {
    stack.terminateSupervisors();
  }

  @AfterAll
  void stopStack() throws Exception
  {
    if (stack != null) {
      stack.close();
    }
  }

  /**
   * Events at {@code perSecond} for a stream that goes on {@code after} past a fault of {@code fault} injected a third
   * of the way in (see {@link FaultRun}): the fault and that together are the other two thirds.
   */
  static int outlasting(Duration fault, Duration after, int perSecond)
  {
    return Math.toIntExact(fault.plus(after).toMillis() * 3 / 2 * perSecond / 1000);
  }

  static void assertExactlyOnce(FaultRun run)
  {
    assertThat(run.recordsInTopic).as("records in the topic").isEqualTo(run.produced);
    assertThat(run.ingested.idsWithin(run.produced)).as("ingested ids within those produced").isTrue();
    assertThat(run.lost()).as("lost").isZero();
    assertThat(run.duplicated()).as("duplicated").isZero();
  }
}
