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
  /** The broker's connections.max.reauth.ms. */
  private static final Duration REAUTHENTICATION = Duration.ofSeconds(3);
  private static final Duration STS_OUTAGE = Duration.ofSeconds(60);
  /** By then every credential issued before the outage has expired and no connection can have re-authenticated. */
  private static final Duration STALLED_AFTER = CREDENTIAL_LIFETIME.plus(REAUTHENTICATION).plusSeconds(15);

  private static FaultStack stack;

  @BeforeAll
  static void startStack() throws Exception
  {
    stack = FaultStack.start(
        IngestionFaultsIT.class,
        msk -> msk.rotationTestLifetime(CREDENTIAL_LIFETIME).broker(broker -> broker.reauthentication(REAUTHENTICATION))
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
    assertThat(run.assumeRoles).as("credential rotations (credentials AssumeRole issued)").isGreaterThanOrEqualTo(3);
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

  private static void assertExactlyOnce(FaultRun run)
  {
    assertThat(run.recordsInTopic).as("records in the topic").isEqualTo(run.produced);
    assertThat(run.ingested.idsWithin(run.produced)).as("ingested ids within those produced").isTrue();
    assertThat(run.lost()).as("lost").isZero();
    assertThat(run.duplicated()).as("duplicated").isZero();
  }
}
