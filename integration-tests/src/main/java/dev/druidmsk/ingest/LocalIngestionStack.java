package dev.druidmsk.ingest;

import dev.druidmsk.cluster.DruidCluster;
import dev.druidmsk.cluster.DruidClusterConfig;
import dev.druidmsk.cli.druid.DruidClient;
import dev.druidmsk.localmsk.LocalMsk;
import dev.druidmsk.localmsk.broker.BrokerHosts;
import dev.druidmsk.localmsk.sts.Role;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Druid ingesting from MSK with IAM, all local: the MSK IAM emulator (STS + broker), a Druid home provisioned with
 * bootstrap's installer, a Druid cluster whose consumers reach the emulator's STS, and the druid-msk command.
 * Used by the quickstart and the end-to-end suites alike.
 */
public final class LocalIngestionStack implements AutoCloseable
{
  /** Holds the broker truststore's password in the Druid JVMs' environment, so the spec names only the variable. */
  public static final String TRUSTSTORE_PASSWORD_VARIABLE = "MSK_TRUSTSTORE_PASSWORD";
  public static final String TELEMETRY_TEMPLATE = "msk-iam-api-telemetry";
  public static final String HOSTS_FILE_PROPERTY = "jdk.net.hosts.file";
  /** In the work folder, with several brokers: the hosts file of Druid's Kafka-consuming JVMs. */
  public static final String BROKER_HOSTS_FILE = "broker-hosts";

  private final Path work;
  private final ReaderIdentity reader;
  private final LocalMsk msk;
  private final DruidCluster druid;
  private final DruidMskCommand command;
  /** Every policy attached to the reader role so far, one per distinct generated policy. */
  private final List<String> readerPolicies = new ArrayList<>();
  private final long startedNanos;
  private final Consumer<String> progress;

  private LocalIngestionStack(Path work, ReaderIdentity reader, LocalMsk msk, DruidCluster druid, Path cli,
                              long startedNanos, Consumer<String> progress)
  {
    this.startedNanos = startedNanos;
    this.progress = progress;
    this.work = work;
    this.reader = reader;
    this.msk = msk;
    this.druid = druid;
    this.command = new DruidMskCommand(cli, Map.of(
        "DRUID_MSK_OVERLORD", druid.overlordUrl().toString(),
        "DRUID_MSK_DRUID_HOME", work.resolve("druid-home").toString(),
        "DRUID_MSK_STATE_DIR", work.resolve("druid-msk-state").toString()
    ));
  }

  /**
   * Starts everything under {@code work}. {@code withBundle} false provisions a stock home, as on a node that
   * lacks druid-msk. {@code cluster} adds to the Druid configuration (the router, for instance).
   */
  public static LocalIngestionStack start(
      Path work,
      BuildOutputs build,
      ReaderIdentity reader,
      boolean withBundle,
      Consumer<DruidClusterConfig.Builder> cluster,
      Consumer<String> progress
  ) throws Exception
  {
    return start(work, build, reader, withBundle, msk -> msk, cluster, progress);
  }

  /** As above, with {@code emulator} adjusting the MSK IAM emulator (credential lifetime, re-authentication). */
  public static LocalIngestionStack start(
      Path work,
      BuildOutputs build,
      ReaderIdentity reader,
      boolean withBundle,
      UnaryOperator<LocalMsk.Builder> emulator,
      Consumer<DruidClusterConfig.Builder> cluster,
      Consumer<String> progress
  ) throws Exception
  {
    final long started = System.nanoTime();
    final LocalMsk msk = emulator.apply(
        LocalMsk.builder(work.resolve("msk"), reader.nodeUser())
                .role(Role.trusting(reader.roleArn(), reader.externalId(), reader.nodePrincipal()))
    ).start();
    progress.accept("MSK IAM emulator ready in " + msk.broker().lastStartTime().toMillis() + " ms: broker "
                    + msk.broker().saslSslBootstrap() + " (SASL_SSL, AWS_MSK_IAM), STS " + msk.sts().endpoint());
    try {
      final Path home = work.resolve("druid-home");
      if (withBundle) {
        progress.accept(ProvisionedDruidHome.installed(home, build).strip());
      } else {
        ProvisionedDruidHome.stock(home, build.druidHomeLayout());
      }
      final DruidClusterConfig.Builder config = DruidClusterConfig.builder(home, work.resolve("druid-run"))
                                                                  .environment(
                                                                      TRUSTSTORE_PASSWORD_VARIABLE,
                                                                      msk.broker().tls().truststorePassword()
                                                                  );
      reader.nodeSystemProperties(msk).forEach(config::consumerSystemProperty);
      if (msk.cluster().brokers().size() > 1) {
        config.consumerSystemProperty(HOSTS_FILE_PROPERTY, writeBrokerHosts(work, msk).toString());
      }
      cluster.accept(config);
      final DruidCluster druid = DruidCluster.start(config.build(), progress);
      return new LocalIngestionStack(work, reader, msk, druid, build.cliLauncher(), started, progress);
    }
    catch (Exception e) {
      msk.close();
      throw e;
    }
  }

  /**
   * The healthy hosts file of a cluster of several brokers, through which Druid's consumers resolve the advertised
   * broker names as a node resolves MSK's through a private hosted zone. It replaces the JVM's resolver, so it also
   * names this machine (the JDK looks up its own host name).
   */
  private static Path writeBrokerHosts(Path work, LocalMsk msk) throws IOException
  {
    return BrokerHosts.of(msk.cluster())
                      .alsoOnLocalhost(List.of(InetAddress.getLocalHost().getHostName()))
                      .write(work.resolve(BROKER_HOSTS_FILE));
  }

  /** The suite's work folder: the Druid home the nodes run from is its {@code druid-home}. */
  public Path workDir()
  {
    return work;
  }

  public LocalMsk msk()
  {
    return msk;
  }

  public DruidCluster druid()
  {
    return druid;
  }

  /** The Broker, for Druid SQL. */
  public DruidClient sql()
  {
    return druid.broker();
  }

  public DruidMskCommand.Result druidMsk(String... args) throws Exception
  {
    return command.run(args);
  }

  /**
   * The druid-msk command's code run in this JVM, for a test that polls until the command shows what it waits for (a
   * launch per poll cost about 2 CPU-seconds); what the test asserts goes through {@link #druidMsk} and the launcher.
   */
  public DruidMskCommand.Result druidMskInThisJvm(String... args)
  {
    return command.runInThisJvm(args);
  }

  /** Runs the druid-msk command with its output shown as it comes; returns the exit code. */
  public int druidMskShown(String... args) throws Exception
  {
    return command.runShown(args);
  }

  /** Creates a topic as the operator, partition i's only replica on broker i % N + 1: every broker leads some. */
  public void createTopic(String topic, int partitions) throws Exception
  {
    final int brokers = msk.cluster().brokers().size();
    final Map<Integer, List<Integer>> replicas = new HashMap<>();
    for (int partition = 0; partition < partitions; partition++) {
      replicas.put(partition, List.of(partition % brokers + 1));
    }
    try (Admin operator = Admin.create(msk.broker().operatorAdminProperties())) {
      operator.createTopics(List.of(new NewTopic(topic, replicas))).all().get(60, TimeUnit.SECONDS);
    }
  }

  /**
   * Renders the API-telemetry template with the druid-msk command: {@code dataSource} reading {@code topic} over
   * the broker's SASL_SSL listener, assuming the reader role with {@code externalId}; then attaches to the reader role
   * the permissions {@code druid-msk policy} generates for that spec ({@link #attachReaderPolicy}). Returns the spec
   * file.
   */
  public Path renderTelemetrySpec(String dataSource, String topic, String externalId) throws Exception
  {
    final Path spec = renderTelemetrySpec(dataSource, topic, reader.roleArn(), externalId);
    attachReaderPolicy(spec);
    return spec;
  }

  /** As above, for another role the nodes may assume, and without attaching any policy to it. */
  public Path renderTelemetrySpec(String dataSource, String topic, String roleArn, String externalId) throws Exception
  {
    final Path spec = work.resolve(dataSource + ".json");
    final DruidMskCommand.Result render = command.runInThisJvm(
        "spec", "render", "-t", TELEMETRY_TEMPLATE,
        "--set", "dataSource=" + dataSource,
        "--set", "topic=" + topic,
        "--set", "bootstrapServers=" + msk.broker().saslSslBootstrap(),
        "--set", "roleArn=" + roleArn,
        "--set", "externalId=" + externalId,
        "--set", "roleSessionName=druid-" + dataSource.replace('_', '-'),
        "--set", "stsRegion=" + msk.broker().region(),
        "--set", "truststoreLocation=" + msk.broker().tls().truststore(),
        "--set", "truststorePassword={\"type\":\"environment\",\"variable\":\"" + TRUSTSTORE_PASSWORD_VARIABLE + "\"}",
        "--set", "useEarliestOffset=true",
        "-o", spec.toString()
    );
    if (render.exitCode() != 0) {
      throw new IllegalStateException("druid-msk spec render failed: " + render);
    }
    return spec;
  }

  /**
   * Attaches to the reader role exactly what {@code druid-msk policy --spec spec} prints as its permissions, never a
   * hand-written policy, beside those of the specs before it (a suite's specs read different topics with one role).
   * The broker applies it at once. Returns that policy.
   */
  public synchronized String attachReaderPolicy(Path spec) throws Exception
  {
    final String policy = generatedReaderPolicy(spec);
    if (!readerPolicies.contains(policy)) {
      readerPolicies.add(policy);
    }
    msk.broker().policies(reader.roleArn(), readerPolicies);
    return policy;
  }

  /** Detaches every policy from the reader role, so that the next suite on this stack finds it holding none. */
  public synchronized void detachReaderPolicies() throws IOException
  {
    readerPolicies.clear();
    msk.broker().policies(reader.roleArn(), readerPolicies);
  }

  /** The permissions policy {@code druid-msk policy --spec spec} prints for this cluster and the nodes' identity. */
  public String generatedReaderPolicy(Path spec) throws Exception
  {
    final String name = spec.getFileName().toString().replaceFirst("\\.json$", "");
    return command.readerPolicy(
        spec, msk.clusterArn(), reader.nodePrincipal(), work.resolve("reader-policies").resolve(name)
    );
  }

  /** Stops Druid (supervisors first), then the broker and the STS. */
  @Override
  public void close() throws Exception
  {
    try {
      try {
        progress.accept(cpuUse());
      }
      finally {
        druid.close();
      }
    }
    finally {
      msk.close();
    }
  }

  /**
   * The CPU time the stack's processes used, for the suite-time figures: what the tests cost beyond their wall time.
   * Only processes alive now count (a broker restarted or an indexer killed by a fault took its earlier time with it).
   */
  private String cpuUse()
  {
    final List<Long> druidPids = druid.pids();
    final List<Long> brokers = new ArrayList<>();
    msk.cluster().brokers().forEach(broker -> brokers.add(broker.pid()));
    return String.format(
        "CPU time used in the %,d s since the start: Druid and ZooKeeper %,d s (%d JVMs), brokers %,d s (%d JVMs)",
        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos), cpuSeconds(druidPids), druidPids.size(),
        cpuSeconds(brokers), brokers.size()
    );
  }

  private static long cpuSeconds(List<Long> pids)
  {
    return pids.stream()
               .map(pid -> ProcessHandle.of(pid).flatMap(process -> process.info().totalCpuDuration()))
               .mapToLong(cpu -> cpu.map(Duration::toSeconds).orElse(0L))
               .sum();
  }
}
