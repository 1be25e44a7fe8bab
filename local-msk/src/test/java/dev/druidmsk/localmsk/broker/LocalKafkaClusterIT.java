package dev.druidmsk.localmsk.broker;

import dev.druidmsk.localmsk.ClientProperties;
import dev.druidmsk.localmsk.LocalMsk;
import dev.druidmsk.localmsk.iam.PrivateFiles;
import dev.druidmsk.localmsk.iam.SessionCredentialAuthority;
import dev.druidmsk.localmsk.process.FreePorts;
import dev.druidmsk.localmsk.process.JavaCommand;
import dev.druidmsk.localmsk.process.JvmProcess;
import dev.druidmsk.localmsk.testing.ReaderStack;
import dev.druidmsk.localmsk.testing.RoundTripClient;
import dev.druidmsk.localmsk.testing.TestStacks;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Three brokers as MSK over PrivateLink with one endpoint per broker: clients bootstrap with {@code localhost:P}
 * and reach every other broker by its advertised MSK-shaped name, resolved through a hosts file in a JVM of their
 * own ({@link RoundTripClient}), exactly as a Druid node resolves them through a private hosted zone. MSK's TLS and
 * SCRAM listeners are on too, so that their clients reach every broker the same way.
 *
 * <p>The tests run concurrently: each round trip has its own topic, hosts file and client JVM, and most of their time
 * is waiting on those JVMs (the local-msk module's longest suite, which the integration suites wait for).
 */
@Execution(ExecutionMode.CONCURRENT)
class LocalKafkaClusterIT
{
  /** Each round trip's own topic starts with it: the client reads from the start, one record per partition. */
  private static final String TOPIC_PREFIX = "across-brokers-";
  private static final Duration CLIENT_DEADLINE = Duration.ofSeconds(90);
  /** What {@link RoundTripClient} prints after reading back the record it wrote to each partition. */
  private static final String[] EVERY_RECORD_READ = {"read 0 record-0", "read 1 record-1", "read 2 record-2"};
  private static ReaderStack stack;
  private static LocalKafkaCluster cluster;
  private static Path workDir;

  @BeforeAll
  static void startThreeBrokers() throws Exception
  {
    stack = ReaderStack.start(
        LocalKafkaClusterIT.class,
        msk -> msk.brokers(3)
                  .policy(TestStacks.READER_ROLE, TestStacks.EVERY_KAFKA_ACTION)
                  .broker(broker -> broker.tlsListener().scramListener())
    );
    cluster = stack.msk().cluster();
    // The clients' files, beside the cluster's work folder.
    workDir = Files.createDirectories(TestStacks.workDir(LocalKafkaClusterIT.class));
    cluster.brokers().forEach(broker -> System.out.println(
        "LocalKafkaClusterIT: broker " + broker.node().id() + " started in " + broker.lastStartTime().toMillis() + " ms"
    ));
  }

  @AfterAll
  static void stop() throws Exception
  {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void aSharedPortTakenBetweenItsChoiceAndTheBrokersStartIsChosenAgain() throws Exception
  {
    final Path dir = Files.createDirectories(workDir.resolve("port-taken-cluster"));
    final Path masterKey = dir.resolve("master.key");
    SessionCredentialAuthority.withNewMasterKey().writeMasterKey(masterKey);
    final Function<Path, BrokerConfig.Builder> settings = brokerDir -> BrokerConfig.builder(brokerDir, masterKey);
    final BrokerConfig common = settings.apply(dir).build();
    final BrokerNode node = new BrokerNode(1, "127.0.0.1", "b-1.port-taken.test");
    final List<TlsMaterial> tls = TlsMaterial.trustedTogether(
        dir.resolve("tls/client.truststore.p12"), List.of(TlsMaterial.KeyPair.generate(dir.resolve("node-1/tls"), node))
    );
    final List<SharedPorts> chosen = new ArrayList<>();
    try (ServerSocket taker = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      final Supplier<SharedPorts> choose = () -> {
        chosen.add(chosen.isEmpty()
                   ? new SharedPorts(taker.getLocalPort(), 0, 0, FreePorts.resolve(0))
                   : SharedPorts.choose(List.of(node.endpointAddress()), common));
        return chosen.get(chosen.size() - 1);
      };

      try (LocalKafkaCluster one = LocalKafkaCluster.startOnFreePorts(
               choose, new LocalKafkaCluster.Plan(List.of(node), tls, dir, settings, common)
           );
           Admin admin = Admin.create(one.broker(1).operatorAdminProperties())) {
        assertThat(chosen).hasSize(2);
        assertThat(port(one.saslSslBootstrap())).isEqualTo(String.valueOf(chosen.get(1).saslSsl()))
                                                .isNotEqualTo(String.valueOf(taker.getLocalPort()));
        assertThat(admin.describeCluster().nodes().get(60, TimeUnit.SECONDS)).hasSize(1);
      }
    }
  }

  @Test
  void everyBrokerAdvertisesItsMskShapedNameOnItsOwnEndpointAndOneSharedPort()
  {
    final String port = cluster.saslSslBootstrap().replaceFirst("^localhost:", "");

    assertThat(cluster.brokers()).extracting(broker -> broker.node().endpointAddress())
                                 .containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3");
    assertThat(cluster.brokers()).extracting(LocalKafkaBroker::advertisedSaslSsl).allSatisfy(
        address -> assertThat(address).matches(
            "b-[123]\\.local-msk\\.[0-9a-f]{6}\\.c2\\.kafka\\.us-east-1\\.amazonaws\\.com:" + port
        )
    );
  }

  @Test
  void theTlsAndScramListenersEachShareOnePortAcrossBrokers()
  {
    assertThat(cluster.brokers()).extracting(broker -> port(broker.sslBootstrap())).containsOnly(
        port(cluster.broker(1).sslBootstrap())
    );
    assertThat(cluster.brokers()).extracting(broker -> port(broker.scramBootstrap())).containsOnly(
        port(cluster.broker(1).scramBootstrap())
    );
  }

  @Test
  void aClientResolvingTheAdvertisedNamesThroughAHostsFileWritesToAndReadsFromEveryBroker() throws Exception
  {
    final Path hosts = BrokerHosts.of(cluster).write(workDir.resolve("hosts-healthy"));

    final String out = roundTrip("healthy", hosts, iamClient("healthy"));

    assertThat(out).contains("leader 0 " + cluster.broker(1).advertisedSaslSsl(),
                             "leader 1 " + cluster.broker(2).advertisedSaslSsl(),
                             "leader 2 " + cluster.broker(3).advertisedSaslSsl(),
                             "read 0 record-0", "read 1 record-1", "read 2 record-2");
    for (LocalKafkaBroker broker : cluster.brokers()) {
      assertThat(broker.authenticatedPrincipals()).as("broker %d", broker.node().id())
                                                  .contains(session("healthy"));
    }
  }

  @Test
  void aTlsListenerClientWritesToAndReadsFromEveryBrokerByItsAdvertisedName() throws Exception
  {
    final String out = roundTripResolvingEveryBroker("tls", ClientProperties.tls(cluster.broker(1)));

    assertThat(out).contains(leaders(cluster.broker(1).sslBootstrap())).contains(EVERY_RECORD_READ);
  }

  @Test
  void aScramListenerClientBootstrappingWithAnyBrokerWritesToAndReadsFromEveryBroker() throws Exception
  {
    final String out = roundTripResolvingEveryBroker("scram", ClientProperties.scram(cluster.broker(3)));

    assertThat(out).contains(leaders(cluster.broker(3).scramBootstrap())).contains(EVERY_RECORD_READ);
  }

  @Test
  void everyBrokerNamesTheClustersOneScramPasswordFile()
  {
    final Path file = cluster.broker(1).scramPasswordFile();

    assertThat(file).isRegularFile();
    assertThat(cluster.brokers()).extracting(LocalKafkaBroker::scramPasswordFile).containsOnly(file);
  }

  @Test
  void aClientWhoseHostsFileRoutesABrokerToAnotherBrokersEndpointFailsOnTheCertificateName() throws Exception
  {
    final Path hosts = BrokerHosts.of(cluster)
                                  .route(2, cluster.broker(3).node().endpointAddress())
                                  .write(workDir.resolve("hosts-b2-at-b3"));

    assertThatThrownBy(() -> roundTrip("mismatch", hosts, iamClient("mismatch")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("exited with 1");
    assertThat(Files.readString(workDir.resolve("client-mismatch.log"), StandardCharsets.UTF_8))
        .contains("No subject alternative DNS name matching " + cluster.broker(2).node().advertisedHost() + " found");
    assertThat(cluster.broker(2).authenticatedPrincipals()).doesNotContain(session("mismatch"));
  }

  private static String session(final String name)
  {
    return "arn:aws:sts::222222222222:assumed-role/msk-reader/" + name;
  }

  /** The reader role's client over SASL_SSL, as session {@code session}. */
  private static Map<String, String> iamClient(final String session)
  {
    return ClientProperties.assumingRole(
        cluster.broker(1), true, TestStacks.READER_ROLE, session, TestStacks.EXTERNAL_ID
    );
  }

  private static String port(final String address)
  {
    return address.substring(address.lastIndexOf(':') + 1);
  }

  /** {@code leader N b-(N+1)...:PORT} per partition: every broker leads one, advertised on that listener's port. */
  private static String[] leaders(final String bootstrap)
  {
    return cluster.brokers().stream()
                  .map(broker -> "leader " + (broker.node().id() - 1) + ' ' + broker.node().advertisedHost() + ':'
                                 + port(bootstrap))
                  .toArray(String[]::new);
  }

  /** {@link #roundTrip} with a hosts file resolving every broker's name at its endpoint. */
  private static String roundTripResolvingEveryBroker(final String name, final Map<String, String> client)
      throws IOException, InterruptedException, TimeoutException
  {
    return roundTrip(name, BrokerHosts.of(cluster).write(workDir.resolve("hosts-" + name)), client);
  }

  /** Runs {@link RoundTripClient} with {@code client}'s properties, resolving through {@code hosts}; its log. */
  private static String roundTrip(final String name, final Path hosts, final Map<String, String> client)
      throws IOException, InterruptedException, TimeoutException
  {
    final String topic = TOPIC_PREFIX + name;
    // Partition i's only replica on broker i + 1: every broker leads a partition.
    try (Admin operator = Admin.create(cluster.broker(1).operatorAdminProperties())) {
      operator.createTopics(List.of(new NewTopic(topic, Map.of(0, List.of(1), 1, List.of(2), 2, List.of(3)))))
              .all()
              .get(60, TimeUnit.SECONDS);
    }
    catch (ExecutionException e) {
      throw new IOException("Creating the topic " + topic + " failed", e);
    }
    final Path clientFile = workDir.resolve("client-" + name + ".properties");
    // It holds the truststore password (and the SCRAM password).
    PrivateFiles.writeProperties(clientFile, client);
    final LocalMsk msk = stack.msk();
    final Path log = workDir.resolve("client-" + name + ".log");
    JvmProcess.run(new JavaCommand(
        "round-trip-client-" + name,
        List.of("-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Djdk.net.hosts.file=" + hosts,
                "-Daws.endpointUrlSts=" + msk.sts().endpoint(),
                "-Daws.region=" + msk.broker().region(),
                "-Daws.disableEc2Metadata=true",
                // The cause of a failed handshake, which Kafka logs at DEBUG only.
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.common.network.SslTransportLayer=debug"),
        System.getProperty("java.class.path"),
        RoundTripClient.class.getName(),
        List.of(clientFile.toString(), topic),
        Map.of("AWS_ACCESS_KEY_ID", msk.user().accessKeyId(), "AWS_SECRET_ACCESS_KEY", msk.user().secretAccessKey()),
        workDir,
        log
    ), CLIENT_DEADLINE);
    return Files.readString(log, StandardCharsets.UTF_8);
  }
}
