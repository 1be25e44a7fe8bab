package dev.druidmsk.faults;

import dev.druidmsk.cluster.DruidService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults on the real stack: a Druid 33 cluster ingesting over SASL_SSL with IAM role assumption from the
 * emulator's broker, which verifies every SigV4 signature and makes clients re-authenticate every few seconds,
 * with an STS whose credentials live seconds. Each fault hits a supervisor reading its own stream of uniquely
 * numbered events into a datasource without rollup, and each prints a FAULT line (produced, ingested, lost,
 * duplicated, recovery) and a BENCH line. Druid's Kafka ingestion is exactly-once: nothing may be lost or
 * duplicated, whatever the fault.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestionFaultsIT
{
  /** Far below AWS's 15 minutes, so clients keep assuming the role again; shorter than the STS outage. */
  private static final Duration CREDENTIAL_LIFETIME = Duration.ofSeconds(15);
  /**
   * The broker's connections.max.reauth.ms: below the credential lifetime, so sessions also end on the broker's
   * clock. Not far below: the emulator counts re-authentications against the new-connection quota (its SASL server
   * cannot tell them from new connections), and at 3 s they took so much of it that tasks restarted after the
   * quota's refusals kept being refused (CI, connection-rate fault, no progress in 6 minutes).
   */
  private static final Duration REAUTHENTICATION = Duration.ofSeconds(10);
  private static final Duration STS_OUTAGE = Duration.ofSeconds(60);
  /** By then every credential issued before the outage has expired and no connection can have re-authenticated. */
  private static final Duration STALLED_AFTER = CREDENTIAL_LIFETIME.plus(REAUTHENTICATION).plusSeconds(15);
  /** Longer than the credentials live, so at least one refresh of every JVM falls inside it. */
  private static final Duration STS_THROTTLING = Duration.ofMinutes(2);
  /**
   * The JVMs whose Kafka clients assume the reader role (the Overlord's supervisor, the Indexer's tasks), each with
   * one shared cache entry; the most attempts an entry's back-off allows in {@link #STS_THROTTLING} were each
   * answered at once (waits of at least 0.5, 1, 2, 4, 8, then 15 s); and per attempt, AssumeRoleWithWebIdentity and
   * AssumeRole, each sent up to 4 times by the AWS SDK.
   */
  private static final long MOST_THROTTLED_REQUESTS = 2 * 12 * (4 + 4);
  /** Above the shared cache's refresh lead for these credentials (10 s before expiry): they near expiry first. */
  private static final Duration STS_LATENCY = Duration.ofSeconds(20);
  private static final Duration SLOW_STS = Duration.ofSeconds(45);
  /** One supervisor's tasks, all started at once. */
  private static final int CONCURRENT_TASKS = 8;
  /**
   * The broker's quota of new IAM authentications per second: above what the other rows' few connections and their
   * re-authentications need, below the burst of {@link #CONCURRENT_TASKS} tasks connecting at once.
   */
  private static final int NEW_CONNECTIONS_PER_SECOND = 8;

  private static FaultStack stack;

  @BeforeAll
  static void startStack() throws Exception
  {
    stack = FaultStack.start(
        IngestionFaultsIT.class,
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
  static void stopStack() throws Exception
  {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void credentialRotationAndReauthenticationLoseAndDuplicateNothing() throws Exception
  {
    // The "fault" lasts the whole stream: recovery is how long ingestion takes to catch up after its last event.
    final FaultRun run = FaultRun.measure(stack, "faults_rotation", 100_000, 2_000,
                                          stream -> stream.finish(Duration.ofMinutes(5)));

    assertThat(run.reauthentications).as("broker-side re-authentications").isGreaterThanOrEqualTo(10);
    assertThat(run.sts.issued).as("credential rotations (credentials AssumeRole issued)").isGreaterThanOrEqualTo(3);
    assertThat(run.sts.webIdentityRequests).as("the nodes' IRSA identity, had through AssumeRoleWithWebIdentity")
                                           .isPositive();
    assertExactlyOnce(run);
    assertThat(run.failedTasks).isEmpty();
  }

  @Test
  @Order(2)
  void ingestionResumesByItselfAfterAnStsOutageLongerThanTheCredentialLifetime() throws Exception
  {
    final AtomicLong producedWhenStalled = new AtomicLong();
    final AtomicLong rowsWhenStalled = new AtomicLong();
    final AtomicLong producedAtRestore = new AtomicLong();
    final AtomicLong rowsAtRestore = new AtomicLong();
    final FaultRun run = FaultRun.measure(stack, "faults_sts_outage", 40_000, 400, stream -> {
      stack.msk().sts().faults().outage();
      Thread.sleep(STALLED_AFTER.toMillis());
      producedWhenStalled.set(stream.acknowledged());
      rowsWhenStalled.set(FaultRun.rows(stack, "faults_sts_outage"));
      Thread.sleep(STS_OUTAGE.minus(STALLED_AFTER).toMillis());
      producedAtRestore.set(stream.acknowledged());
      rowsAtRestore.set(FaultRun.rows(stack, "faults_sts_outage"));
      stack.msk().sts().faults().clear();
    });

    assertThat(producedAtRestore.get()).as("events produced late in the outage")
                                       .isGreaterThan(producedWhenStalled.get());
    assertThat(rowsAtRestore.get()).as("rows ingested late in the outage, with every credential expired")
                                   .isLessThanOrEqualTo(rowsWhenStalled.get());
    assertExactlyOnce(run);
  }

  @Test
  @Order(3)
  void ingestionResumesAfterABrokerRestart() throws Exception
  {
    final FaultRun run = FaultRun.measure(stack, "faults_broker_restart", 20_000, 500,
                                          stream -> stack.msk().broker().restart());

    assertExactlyOnce(run);
  }

  @Test
  @Order(4)
  void theSupervisorRecoversWhenTheIndexerIsKilledMidTask() throws Exception
  {
    final FaultRun run = FaultRun.measure(stack, "faults_indexer_kill", 20_000, 500, stream -> {
      stack.stack().druid().kill(DruidService.INDEXER);
      stack.stack().druid().restart(DruidService.INDEXER);
    });

    assertExactlyOnce(run);
    assertThat(run.failedTasks).as("the killed task, failed by the Overlord and replaced by the supervisor")
                               .singleElement()
                               .asString()
                               .contains("disappeared on the worker");
  }

  @Test
  @Order(5)
  void stsThrottlingForTwoMinutesAcrossARefreshLosesNothingAndStormsNot() throws Exception
  {
    final FaultRun run = FaultRun.measure(stack, "faults_sts_throttling", 30_000, 300, stream -> {
      stack.msk().sts().faults().throttle();
      Thread.sleep(STS_THROTTLING.toMillis());
      stack.msk().sts().faults().clear();
    });

    final long throttled = run.sts.throttled + run.sts.webIdentityThrottled;
    assertExactlyOnce(run);
    assertThat(throttled).as("requests STS throttled").isPositive();
    assertThat(throttled).as("throttled requests: one attempt per back-off per JVM")
                         .isLessThanOrEqualTo(MOST_THROTTLED_REQUESTS);
    assertThat(run.tooShortRefusals()).as("authentications refused as too short").isZero();
  }

  @Test
  @Order(6)
  void slowStsLetsCredentialsNearExpiryWithoutASessionTooShort() throws Exception
  {
    final FaultRun run = FaultRun.measure(stack, "faults_sts_slow", 20_000, 400, stream -> {
      stack.msk().sts().faults().latency(STS_LATENCY);
      Thread.sleep(SLOW_STS.toMillis());
      stack.msk().sts().faults().clear();
    });

    assertExactlyOnce(run);
    assertThat(run.sts.issued).as("credentials issued late").isPositive();
    assertThat(run.tooShortRefusals()).as("authentications refused as too short").isZero();
  }

  @Test
  @Order(7)
  void eightTasksStartingAtOnceOverTheConnectionRateQuotaLoseAndDuplicateNothing() throws Exception
  {
    final String supervisor = "faults_connection_rate";
    final FaultRun run = FaultRun.measure(stack, supervisor, CONCURRENT_TASKS, 24_000, 400, stream -> {
      // Every task ends and a new set starts at once, all connecting together, mid-stream.
      stack.suspendAndResume(supervisor);
    });

    assertExactlyOnce(run);
    assertThat(run.refusals).as("authentications refused over the quota")
                            .anyMatch(refusal -> refusal.contains("Too many connects"));
  }

  private static void assertExactlyOnce(FaultRun run)
  {
    assertThat(run.recordsInTopic).as("records in the topic").isEqualTo(run.produced);
    assertThat(run.ingested.idsWithin(run.produced)).as("ingested ids within those produced").isTrue();
    assertThat(run.lost()).as("lost").isZero();
    assertThat(run.duplicated()).as("duplicated").isZero();
  }
}
