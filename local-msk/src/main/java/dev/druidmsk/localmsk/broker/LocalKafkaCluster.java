package dev.druidmsk.localmsk.broker;

import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Several {@link LocalKafkaBroker}s forming one KRaft cluster, as a small MSK cluster reached over PrivateLink with
 * one endpoint per broker: broker N's SASL_SSL listener is its own endpoint, loopback address 127.0.0.N, on one port
 * shared by every broker (MSK's 9098), advertised as {@code b-N.<domain>}. Clients bootstrap with
 * {@code localhost:<port>} (broker 1) and then need those names resolved ({@link BrokerHosts}). Broker 1 is also the
 * controller. The SASL_PLAINTEXT and internal listeners stay on 127.0.0.1, advertised as {@code localhost} and
 * 127.0.0.1: no hosts file needed for them. MSK's TLS and SCRAM listeners, when the settings ask for them, are on
 * every broker's endpoint beside SASL_SSL, each on a port of its own shared by every broker.
 */
public final class LocalKafkaCluster implements AutoCloseable
{
  /** Brokers 1 to 9 get endpoints 127.0.0.1 to 127.0.0.9; 127.0.0.10 and up are left for "wrong endpoint" cases. */
  public static final int MAX_BROKERS = 9;
  private static final int CONTROLLER_ID = 1;
  private static final int DNS_LABEL = 63;

  private final List<LocalKafkaBroker> brokers;

  private LocalKafkaCluster(final List<LocalKafkaBroker> brokers)
  {
    this.brokers = List.copyOf(brokers);
  }

  /** A cluster of one broker started on its own (the single broker, advertised as {@code localhost}). */
  public static LocalKafkaCluster of(final LocalKafkaBroker broker)
  {
    return new LocalKafkaCluster(List.of(broker));
  }

  /**
   * The domain of the advertised names, in MSK's shape {@code <cluster>.<id>.c2.kafka.<region>.amazonaws.com}: the
   * cluster name in lower case (cut to a DNS label), and the first six hex digits of the cluster's UUID. aws-msk-iam-auth
   * reads the signing region from such names, as on MSK.
   */
  public static String domain(final String clusterName, final String clusterUuid, final String region)
  {
    String label = clusterName.toLowerCase(Locale.ROOT);
    label = label.substring(0, Math.min(label.length(), DNS_LABEL)).replaceAll("-+$", "");
    return label + '.' + clusterUuid.replace("-", "").substring(0, 6) + ".c2.kafka." + region + ".amazonaws.com";
  }

  /**
   * Generates every broker's TLS material and one truststore trusting them all, prepares every broker, then starts
   * them together; returns once broker 1 sees them all.
   *
   * @param workDir  the cluster's folder: {@code node-N/} per broker, {@code tls/client.truststore.p12}
   * @param size     the number of brokers, 1 to {@value MAX_BROKERS}
   * @param domain   the domain of the advertised names ({@link #domain})
   * @param settings a broker configuration builder for a broker's work folder, with everything set but the node,
   *                 the quorum, the shared ports of the TLS-bearing listeners, the TLS material and the SCRAM
   *                 password's folder (the cluster's), which this sets
   */
  public static LocalKafkaCluster start(
      final Path workDir,
      final int size,
      final String domain,
      final Function<Path, BrokerConfig.Builder> settings
  ) throws IOException, InterruptedException, TimeoutException
  {
    if (size < 1 || size > MAX_BROKERS) {
      throw new IllegalArgumentException("A local cluster has 1 to " + MAX_BROKERS + " brokers; got " + size);
    }
    final BrokerConfig common = settings.apply(workDir).build();
    if (size > 1 && (common.saslPlaintextPort != 0 || common.saslSslPort != 0 || common.internalPort != 0
                     || common.controllerPort != 0)) {
      throw new IllegalArgumentException("With several brokers the listener ports are chosen free: leave every "
                                         + "port setting at 0");
    }
    final List<BrokerNode> nodes = new ArrayList<>();
    for (int id = 1; id <= size; id++) {
      nodes.add(new BrokerNode(id, "127.0.0." + id, "b-" + id + '.' + domain));
    }
    final List<TlsMaterial.KeyPair> keyPairs = new ArrayList<>();
    for (BrokerNode node : nodes) {
      keyPairs.add(TlsMaterial.KeyPair.generate(nodeDir(workDir, node).resolve("tls"), node));
    }
    final List<TlsMaterial> tls = TlsMaterial.trustedTogether(workDir.resolve("tls/client.truststore.p12"), keyPairs);
    final List<String> endpoints = nodes.stream().map(BrokerNode::endpointAddress).toList();
    return startOnFreePorts(() -> SharedPorts.choose(endpoints, common), new Plan(nodes, tls, workDir, settings, common));
  }

  /** What a cluster's brokers are made of, whatever ports they get. */
  record Plan(
      List<BrokerNode> nodes,
      List<TlsMaterial> tls,
      Path workDir,
      Function<Path, BrokerConfig.Builder> settings,
      BrokerConfig common
  )
  {
  }

  /**
   * Starts the brokers on shared ports from {@code choose}, choosing again when one was taken between its choice and
   * its bind: the brokers' own ports are chosen again by each broker, these only here, where all brokers know them.
   */
  static LocalKafkaCluster startOnFreePorts(final Supplier<SharedPorts> choose, final Plan plan)
      throws IOException, InterruptedException, TimeoutException
  {
    // One ID across attempts: an attempt that failed may have formatted some brokers' storage with it.
    final String clusterId = Uuid.randomUuid().toString();
    for (int attempt = 1; ; attempt++) {
      final SharedPorts ports = choose.get();
      try {
        return startOn(ports, new KraftQuorum(clusterId, CONTROLLER_ID, ports.controller()), plan);
      }
      catch (PortTakenException e) {
        if (attempt == LocalKafkaBroker.START_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private static LocalKafkaCluster startOn(final SharedPorts ports, final KraftQuorum quorum, final Plan plan)
      throws IOException, InterruptedException, TimeoutException
  {
    final List<BrokerNode> nodes = plan.nodes();
    final long began = System.nanoTime();
    final List<LocalKafkaBroker> brokers = new ArrayList<>();
    try {
      for (int i = 0; i < nodes.size(); i++) {
        final BrokerNode node = nodes.get(i);
        final BrokerConfig.Builder config = plan.settings().apply(nodeDir(plan.workDir(), node))
                                                .node(node)
                                                .kraft(quorum)
                                                .saslSslPort(ports.saslSsl())
                                                .mskListenerPorts(ports.ssl(), ports.scram())
                                                .scramHome(plan.workDir())
                                                .tls(plan.tls().get(i));
        if (quorum.isController(node)) {
          config.controllerPort(quorum.controllerPort());
        }
        brokers.add(LocalKafkaBroker.prepare(config.build()));
      }
      for (LocalKafkaBroker broker : brokers) {
        broker.spawn();
      }
      // Each broker serving on its own first: one whose port was taken starts again on new ones (awaitStarted),
      // where waiting for the whole cluster would only time out on it. Then broker 1 sees them all.
      for (LocalKafkaBroker broker : brokers) {
        broker.awaitStarted(began, 1);
      }
      brokers.get(0).awaitStarted(began, nodes.size());
      if (plan.common().scramListener) {
        // SCRAM credentials live in the cluster's metadata: one user for every broker.
        brokers.get(0).createScramUser();
      }
      return new LocalKafkaCluster(brokers);
    }
    catch (IOException | InterruptedException | TimeoutException | RuntimeException e) {
      stopAll(brokers);
      throw e;
    }
  }

  private static Path nodeDir(final Path workDir, final BrokerNode node)
  {
    return workDir.resolve("node-" + node.id());
  }

  /** The brokers, in id order; the first is the controller. */
  public List<LocalKafkaBroker> brokers()
  {
    return brokers;
  }

  public LocalKafkaBroker broker(final int id)
  {
    return brokers.stream()
                  .filter(broker -> broker.node().id() == id)
                  .findFirst()
                  .orElseThrow(() -> new IllegalArgumentException("No broker " + id + " in a cluster of " + brokers.size()));
  }

  /** {@code localhost:<port>}: broker 1's SASL_SSL endpoint, a bootstrap address unlike any advertised name. */
  public String saslSslBootstrap()
  {
    return broker(CONTROLLER_ID).saslSslBootstrap();
  }

  /** Every broker's SASL_PLAINTEXT listener ({@code localhost:<port>}); no hosts file needed. */
  public String saslPlaintextBootstrap()
  {
    return brokers.stream().map(LocalKafkaBroker::saslPlaintextBootstrap).collect(Collectors.joining(","));
  }

  /** Every broker's unauthenticated PLAINTEXT listener. */
  public String internalBootstrap()
  {
    return brokers.stream().map(LocalKafkaBroker::internalBootstrap).collect(Collectors.joining(","));
  }

  /** The TLS material of broker 1; its truststore trusts every broker. */
  public TlsMaterial tls()
  {
    return broker(CONTROLLER_ID).tls();
  }

  /** Stops the brokers, the controller last (a broker's controlled shutdown needs it). */
  @Override
  public void close() throws InterruptedException
  {
    stopAll(brokers);
  }

  private static void stopAll(final List<LocalKafkaBroker> brokers) throws InterruptedException
  {
    for (int i = brokers.size() - 1; i >= 0; i--) {
      brokers.get(i).stop();
    }
  }
}
