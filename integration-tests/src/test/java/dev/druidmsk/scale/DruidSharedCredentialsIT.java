package dev.druidmsk.scale;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.cluster.DruidService;
import dev.druidmsk.e2e.E2eCluster;
import dev.druidmsk.localmsk.sts.CallCounters;
import dev.druidmsk.localmsk.sts.Role;
import dev.druidmsk.localmsk.testing.TestStacks;
import dev.druidmsk.testing.DruidReaderClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The credential cache on a real Druid cluster: {@link #SUPERVISORS} supervisors per cache mode on the Overlord and
 * their tasks on one Indexer, with credentials that live {@link #CREDENTIAL_LIFETIME} and a broker that
 * re-authenticates every {@link #REAUTHENTICATION}. The STS counts AssumeRole calls per role and session name, and
 * each service names its sessions after its own HOSTNAME (the provider's default {@code druid-<host>}), so the counts
 * are per JVM: with {@code "credentialCache": "shared"} one call per refresh period in each JVM, with the library's
 * per-client handler one per Kafka consumer (N on the Overlord, M on the Indexer) per period at least. The two modes
 * run side by side in one window, each assuming a role of its own, so that their counts stay apart.
 *
 * <p>About 2.5 minutes: one 35 s window, five refresh periods (per JVM, the shared cache makes about 4 calls in it, the
 * per-client handler 14 on the Overlord and 22 on the Indexer).
 */
class DruidSharedCredentialsIT
{
  private static final Duration CREDENTIAL_LIFETIME = Duration.ofSeconds(20);
  private static final Duration REFRESH_PERIOD = DruidReaderClients.sharedRefreshPeriod(CREDENTIAL_LIFETIME);
  private static final Duration REAUTHENTICATION = REFRESH_PERIOD;
  private static final Duration WINDOW = Duration.ofSeconds(35);
  private static final long REFRESH_PERIODS = WINDOW.dividedBy(REFRESH_PERIOD);
  private static final int SUPERVISORS = 4;
  private static final int PARTITIONS = 1;
  private static final int TASKS = SUPERVISORS * PARTITIONS;
  private static final int EVENTS = 2_000;
  /**
   * How often the supervisor's own consumer talks to the broker (its run period, and its offset fetches for lag):
   * Druid's defaults of 30 s would outlast every session, and a consumer re-authenticates only when it talks.
   */
  private static final Duration SUPERVISOR_PERIOD = Duration.ofSeconds(5);
  private static final String OVERLORD_SESSION = "druid-overlord";
  private static final String INDEXER_SESSION = "druid-indexer";
  /** The per-client supervisors' role: trusted and permitted as the reader role, so only the cache differs. */
  private static final String PER_CLIENT_ROLE = "arn:aws:iam::222222222222:role/msk-reader-per-client";

  private static E2eCluster cluster;
  private static Calls shared;
  private static Calls perClient;

  /** AssumeRole calls of one role in the window, per JVM. */
  private record Calls(long overlord, long indexer)
  {
    Calls minus(Calls before)
    {
      return new Calls(overlord - before.overlord, indexer - before.indexer);
    }
  }

  /**
   * Submits both modes' supervisors, waits until every event is ingested (so every consumer has authenticated and
   * reads), then counts each role's AssumeRole calls per JVM over one window.
   */
  @BeforeAll
  static void measureBothCachesInOneWindow() throws Exception
  {
    cluster = E2eCluster.start(
        DruidSharedCredentialsIT.class,
        true,
        msk -> msk.rotationTestLifetime(CREDENTIAL_LIFETIME).broker(broker -> broker.reauthentication(REAUTHENTICATION)),
        druid -> druid.environment(DruidService.COORDINATOR, "HOSTNAME", "overlord")
                      .environment(DruidService.INDEXER, "HOSTNAME", "indexer")
                      .indexerCapacity(2 * TASKS)
    );
    cluster.stack().msk().createRole(Role.trusting(PER_CLIENT_ROLE, TestStacks.EXTERNAL_ID, TestStacks.DRUID.arn()));
    final TelemetrySupervisors supervisors = new TelemetrySupervisors(cluster);
    final List<String> dataSources = new ArrayList<>(submit(supervisors, "shared", TestStacks.READER_ROLE));
    dataSources.addAll(submit(supervisors, "per-client", PER_CLIENT_ROLE));
    for (String dataSource : dataSources) {
      E2eCluster.await(EVENTS + " requests in " + dataSource, Duration.ofMinutes(3),
                       () -> supervisors.requests(dataSource) == EVENTS);
    }
    final CallCounters counters = cluster.stack().msk().sts().counters();
    final Calls sharedBefore = calls(counters, TestStacks.READER_ROLE);
    final Calls perClientBefore = calls(counters, PER_CLIENT_ROLE);
    Thread.sleep(WINDOW.toMillis());
    shared = print("shared", calls(counters, TestStacks.READER_ROLE).minus(sharedBefore));
    perClient = print("per-client", calls(counters, PER_CLIENT_ROLE).minus(perClientBefore));
  }

  @AfterAll
  static void stopCluster() throws Exception
  {
    if (cluster != null) {
      cluster.close();
    }
  }

  /**
   * {@link #SUPERVISORS} supervisors reading with {@code credentialCache} as {@code roleArn}, each from a topic of its
   * own, with the permissions {@code druid-msk policy} generates for their specs attached to that role.
   */
  private static List<String> submit(TelemetrySupervisors supervisors, String credentialCache, String roleArn)
      throws Exception
  {
    final List<String> dataSources = new ArrayList<>();
    final List<String> policies = new ArrayList<>();
    final List<ObjectNode> specs = new ArrayList<>();
    for (int i = 0; i < SUPERVISORS; i++) {
      final String dataSource = "scale_" + credentialCache.replace('-', '_') + "_" + i;
      supervisors.produce(dataSource, PARTITIONS, EVENTS);
      final Path rendered = cluster.stack().renderTelemetrySpec(dataSource, dataSource, roleArn, TestStacks.EXTERNAL_ID);
      policies.add(cluster.stack().generatedReaderPolicy(rendered));
      final ObjectNode spec = TelemetrySupervisors.sharingNodeSession(
          (ObjectNode) E2eCluster.JSON.readTree(rendered.toFile()), credentialCache
      );
      ((ObjectNode) spec.at("/spec/ioConfig")).put("taskCount", PARTITIONS).put("period", SUPERVISOR_PERIOD.toString());
      ((ObjectNode) spec.at("/spec/tuningConfig")).put("offsetFetchPeriod", SUPERVISOR_PERIOD.toString());
      dataSources.add(dataSource);
      specs.add(spec);
    }
    cluster.stack().msk().broker().policies(roleArn, policies);
    for (ObjectNode spec : specs) {
      supervisors.submit(spec);
    }
    return dataSources;
  }

  private static Calls calls(CallCounters counters, String roleArn)
  {
    return new Calls(counters.issued(roleArn, OVERLORD_SESSION), counters.issued(roleArn, INDEXER_SESSION));
  }

  private static Calls print(String credentialCache, Calls calls)
  {
    System.out.printf(
        "BENCH Druid AssumeRole calls, credentialCache %s, %d supervisors on the Overlord, %d tasks on the Indexer, "
        + "%d s window = %d refresh periods of %d s: Overlord %d (%.1f per period), Indexer %d (%.1f per period)%n",
        credentialCache, SUPERVISORS, TASKS, WINDOW.toSeconds(), REFRESH_PERIODS, REFRESH_PERIOD.toSeconds(),
        calls.overlord(), (double) calls.overlord() / REFRESH_PERIODS,
        calls.indexer(), (double) calls.indexer() / REFRESH_PERIODS
    );
    return calls;
  }

  @Test
  void sharedCacheAssumesTheRoleOncePerRefreshPeriodInEachJvm()
  {
    // At least one refresh; at most one per period, plus one when the window starts and ends on a refresh.
    assertThat(shared.overlord()).isBetween(1L, REFRESH_PERIODS + 1);
    assertThat(shared.indexer()).isBetween(1L, REFRESH_PERIODS + 1);
  }

  @Test
  void perClientHandlerAssumesTheRoleForEverySupervisorAndTaskEachPeriod()
  {
    // Every consumer authenticates again, with credentials of its own, at least once per session: a session lasts
    // at most one refresh period, and a consumer notices its end when it next talks to the broker (a task polls
    // all the time, a supervisor every period).
    assertThat(perClient.overlord()).isGreaterThanOrEqualTo(SUPERVISORS * sessionsIn(SUPERVISOR_PERIOD));
    assertThat(perClient.indexer()).isGreaterThanOrEqualTo(TASKS * sessionsIn(Duration.ZERO));
  }

  /**
   * Authentications one consumer makes in the window at least, when it talks to the broker every {@code gap}:
   * any window holds at least window / (longest time between two) of them; a second of slack for scheduling.
   */
  private static long sessionsIn(Duration gap)
  {
    return WINDOW.dividedBy(REFRESH_PERIOD.plus(gap).plusSeconds(1));
  }
}
