package dev.druidmsk.faults;

import dev.druidmsk.cluster.DruidService;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults of the Kafka and Druid side while the nodes ingest: credential rotation and re-authentication all along, a
 * broker restart, the indexer killed, and a burst of tasks over the broker's connection quota.
 */
class IngestionClusterFaultsIT extends FaultSuite
{
  /** Broker-side re-authentications the rotation must see. */
  private static final int REAUTHENTICATIONS = 7;
  /**
   * The task's one connection re-authenticates a little more often than every {@link #REAUTHENTICATION} (at 85 to
   * 95% of its session), the Overlord's only when the supervisor next talks to the broker (every 30 s), so a stream
   * this long gets {@link #REAUTHENTICATIONS} from the task alone (a 50 s stream saw 9 in all, the 100 s streams of
   * 29 full runs 11 to 17); and the 2 JVMs replace their credentials several times in it.
   */
  private static final Duration ROTATION_STREAM = REAUTHENTICATION.multipliedBy(REAUTHENTICATIONS);
  /** 1,000 events a second, as in the 100 s streams before. */
  private static final int ROTATION_EVENTS = 70_000;

  @Test
  @Order(1)
  void credentialRotationAndReauthenticationLoseAndDuplicateNothing() throws Exception
  {
    // The "fault" lasts the whole stream: recovery is how long ingestion takes to catch up after its last event.
    final int perSecond = Math.toIntExact(ROTATION_EVENTS / ROTATION_STREAM.toSeconds());
    final FaultRun run = FaultRun.measure(stack, "faults_rotation", ROTATION_EVENTS, perSecond,
                                          stream -> stream.finish(Duration.ofMinutes(5)));

    assertThat(run.reauthentications).as("broker-side re-authentications")
                                     .isGreaterThanOrEqualTo(REAUTHENTICATIONS);
    assertThat(run.sts.issued).as("credential rotations (credentials AssumeRole issued)").isGreaterThanOrEqualTo(3);
    assertThat(run.sts.webIdentityRequests).as("the nodes' IRSA identity, had through AssumeRoleWithWebIdentity")
                                           .isPositive();
    assertExactlyOnce(run);
    assertThat(run.failedTasks).isEmpty();
  }

  @Test
  @Order(2)
  void ingestionResumesAfterABrokerRestart() throws Exception
  {
    final FaultRun run = FaultRun.measure(stack, "faults_broker_restart", 12_000, 500,
                                          stream -> stack.msk().broker().restart());

    assertExactlyOnce(run);
  }

  @Test
  @Order(3)
  void theSupervisorRecoversWhenTheIndexerIsKilledMidTask() throws Exception
  {
    final FaultRun run = FaultRun.measure(stack, "faults_indexer_kill", 12_000, 500, stream -> {
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
  @Order(4)
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
}
