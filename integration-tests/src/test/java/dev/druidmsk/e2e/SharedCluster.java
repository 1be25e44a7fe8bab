package dev.druidmsk.e2e;

import dev.druidmsk.cli.druid.DruidEndpoints;
import dev.druidmsk.cli.druid.DruidException;
import dev.druidmsk.cluster.DruidClusterConfig;
import dev.druidmsk.cluster.DruidService;
import dev.druidmsk.ingest.LocalIngestionStack;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.StoreScope;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One local ingestion stack for the suites of a test JVM that extend with this, instead of one each (a Druid cluster
 * takes about 40 s to start): the MSK emulator with {@link #BROKERS} brokers reached by their advertised names (the
 * PrivateLink pattern MskIngestionE2EIT tests) and a Druid cluster with the bundle installed. The first such suite
 * starts it, and it stops when the JUnit launcher session ends: surefire and failsafe open one session per fork,
 * however many classes the fork runs, so a fork starts it at most once and stops it before it exits.
 *
 * <p>A suite takes it as a parameter of its {@code @BeforeAll} method ({@link E2eCluster}, this JVM's AWS system
 * properties set until the suite ends), brings its own topics, datasources and roles
 * ({@code stack().msk().createRole}), and leaves it as it found it: every supervisor terminated, every task ended,
 * the reader role without policies. A suite that kills, restarts or reconfigures a service, or needs other emulator
 * settings, starts its own ({@link E2eCluster#start}).
 */
public final class SharedCluster implements BeforeAllCallback, AfterAllCallback, ParameterResolver
{
  public static final int BROKERS = 3;
  private static final Namespace NAMESPACE = Namespace.create(SharedCluster.class);
  /** Shut-down tasks end within seconds; a loaded machine may take longer to report them gone. */
  private static final Duration CLEANUP_TIMEOUT = Duration.ofMinutes(3);

  @Override
  public void beforeAll(ExtensionContext context)
  {
    final Class<?> suite = context.getRequiredTestClass();
    final Shared shared = context.getStore(StoreScope.LAUNCHER_SESSION, NAMESPACE)
                                 .getOrComputeIfAbsent(Shared.class, key -> Shared.start(suite), Shared.class);
    shared.join(suite);
    context.getStore(NAMESPACE).put(E2eCluster.class, E2eCluster.borrowing(shared.stack));
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception
  {
    try (E2eCluster suite = context.getStore(NAMESPACE).remove(E2eCluster.class, E2eCluster.class)) {
      if (suite != null) {
        leaveClean(suite);
      }
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context)
  {
    return parameter.getParameter().getType() == E2eCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context)
  {
    return context.getStore(NAMESPACE).get(E2eCluster.class, E2eCluster.class);
  }

  /** What the next suite needs: no supervisor, no task holding a slot or a lock, a reader role without policies. */
  private static void leaveClean(E2eCluster suite) throws Exception
  {
    suite.terminateSupervisors();
    for (String task : suite.unfinishedTaskIds()) {
      try {
        suite.overlord().post(DruidEndpoints.task(task) + "/shutdown", "shut down task " + task);
      }
      catch (DruidException e) {
        // It may have ended since it was listed; the wait below says whether any is left.
        System.out.println("[shared] " + e.getMessage());
      }
    }
    E2eCluster.await("every task to end", CLEANUP_TIMEOUT, () -> suite.unfinishedTaskIds().isEmpty());
    suite.stack().detachReaderPolicies();
  }

  /** The stack and the suites that used it, closed by the launcher session's store. */
  private static final class Shared implements AutoCloseable
  {
    private final LocalIngestionStack stack;
    private final List<String> suites = new ArrayList<>();

    private Shared(LocalIngestionStack stack)
    {
      this.stack = stack;
    }

    static Shared start(Class<?> firstSuite)
    {
      final long start = System.nanoTime();
      try {
        final Shared shared = new Shared(E2eCluster.startStack(
            SharedCluster.class, true, E2eCluster.READER, msk -> msk.brokers(BROKERS),
            Shared::fasterTimers
        ));
        System.out.printf("BENCH shared stack of JVM %d started for %s in %,d ms%n", ProcessHandle.current().pid(),
                          firstSuite.getSimpleName(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return shared;
      }
      catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the shared stack started", e);
      }
      catch (Exception e) {
        throw new IllegalStateException("the shared stack did not start: " + e.getMessage(), e);
      }
    }

    /**
     * Druid's one-minute timers where this stack's suites wait on them; the other clusters keep Druid's. The Broker's
     * segment metadata refresh: MskIngestionE2EIT counts the rows Historicals serve after handoff in sys.segments,
     * whose row counts come from it (a new datasource is refreshed at once whatever the period, and a query counts
     * every segment the Broker sees, so other clusters need not pay for the refresh). The handoff poll: a published
     * task stays RUNNING, keeping its slot, until it finds its segments handed off, and KinesisMigrationE2EIT waits
     * for its stream task to end (Druid's own embedded tests poll every 0.1 s). With one-second polls on the fault
     * suites' cluster, the connection-rate fault's 8 tasks, freed at once after a suspend, all connected together,
     * and once Druid then served a stale realtime segment for good (2026-12-06).
     */
    private static void fasterTimers(DruidClusterConfig.Builder cluster)
    {
      cluster.runtimeProperty(DruidService.BROKER, "druid.sql.planner.metadataRefreshPeriod", "PT5S")
             .runtimeProperty(DruidService.INDEXER, "druid.segment.handoff.pollDuration", "PT1S");
    }

    void join(Class<?> suite)
    {
      suites.add(suite.getSimpleName());
      System.out.printf("[shared] %s is suite %d on the shared stack of JVM %d (%s)%n", suite.getSimpleName(),
                        suites.size(), ProcessHandle.current().pid(), stack.workDir().getFileName());
    }

    @Override
    public void close() throws Exception
    {
      System.out.printf("[shared] stopping the shared stack of JVM %d after %s%n", ProcessHandle.current().pid(), suites);
      stack.close();
    }
  }
}
