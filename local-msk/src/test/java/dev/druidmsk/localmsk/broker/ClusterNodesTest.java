package dev.druidmsk.localmsk.broker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterNodesTest
{
  private static final String DOMAIN = "local-msk.6f1c2a.c2.kafka.us-east-1.amazonaws.com";
  private static final List<BrokerNode> NODES = List.of(
      new BrokerNode(1, "127.0.0.1", "b-1." + DOMAIN),
      new BrokerNode(2, "127.0.0.2", "b-2." + DOMAIN),
      new BrokerNode(3, "127.0.0.3", "b-3." + DOMAIN)
  );
  private static final KraftQuorum QUORUM = new KraftQuorum("q1w2e3r4t5y6u7i8o9p0aa", 1, 9093);
  private static final TlsMaterial TLS = new TlsMaterial(Path.of("ks"), "kp", Path.of("ts"), "tp");

  @TempDir
  Path dir;

  @Test
  void advertisedNamesHaveMsksShapeWithTheClusterNameInLowerCase()
  {
    assertThat(LocalKafkaCluster.domain("Local-MSK", "6f1c2a3b-0000-4000-8000-000000000000", "eu-west-1"))
        .isEqualTo("local-msk.6f1c2a.c2.kafka.eu-west-1.amazonaws.com");
  }

  @Test
  void aClusterNameEndingInAHyphenStillGivesADnsLabel()
  {
    assertThat(LocalKafkaCluster.domain("cluster-", "6f1c2a3b-0000-4000-8000-000000000000", "us-east-1"))
        .startsWith("cluster.6f1c2a.");
  }

  @Test
  void anEndpointOutsideLoopbackIsRefused()
  {
    assertThatThrownBy(() -> new BrokerNode(2, "10.0.0.2", "b-2." + DOMAIN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a 127.x.y.z loopback address");
  }

  @Test
  void anAdvertisedNameThatWouldBreakTheJaasValueIsRefused()
  {
    assertThatThrownBy(() -> new BrokerNode(2, "127.0.0.2", "b-2\" hosts=\"x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a lower-case DNS name");
  }

  @Test
  void aBrokerOnlyNodeRendersNoControllerListenerAndTheControllersVoters()
  {
    final Map<String, String> properties = render(NODES.get(1));

    assertThat(properties)
        .containsEntry("process.roles", "broker")
        .containsEntry("node.id", "2")
        .containsEntry("controller.quorum.voters", "1@127.0.0.1:9093");
    assertThat(properties.get("listeners")).doesNotContain("CONTROLLER");
  }

  @Test
  void theControllerNodeRendersBothRolesAndItsControllerListener()
  {
    final Map<String, String> properties = render(NODES.get(0));

    assertThat(properties).containsEntry("process.roles", "broker,controller");
    assertThat(properties.get("listeners")).contains("CONTROLLER://127.0.0.1:4");
  }

  @Test
  void theTlsListenerListensOnTheEndpointAddressAndAdvertisesTheBrokerName()
  {
    final Map<String, String> properties = render(NODES.get(2));

    assertThat(properties.get("listeners")).contains("IAM_TLS://127.0.0.3:2", "IAM://127.0.0.1:1");
    assertThat(properties.get("advertised.listeners")).contains("IAM_TLS://b-3." + DOMAIN + ":2", "IAM://localhost:1");
  }

  @Test
  void theTlsAndScramListenersListenOnTheEndpointAddressAndAdvertiseTheBrokerName()
  {
    final BrokerConfig config = config(NODES.get(2)).tlsListener().scramListener().build();

    final Map<String, String> properties = ServerProperties.render(config, new BrokerPorts(1, 2, 3, 4, 5, 6), TLS);

    assertThat(properties.get("listeners")).contains("TLS://127.0.0.3:5", "SCRAM://127.0.0.3:6");
    assertThat(properties.get("advertised.listeners"))
        .contains("TLS://b-3." + DOMAIN + ":5", "SCRAM://b-3." + DOMAIN + ":6");
  }

  @Test
  void aClustersBrokerTakesTheSharedTlsAndScramPortsWhenTheirListenersAreOn() throws Exception
  {
    final BrokerConfig config = config(NODES.get(1)).tlsListener().scramListener().mskListenerPorts(9094, 9096).build();

    final BrokerPorts ports = BrokerPorts.resolve(config);

    assertThat(ports.ssl()).isEqualTo(9094);
    assertThat(ports.scram()).isEqualTo(9096);
  }

  @Test
  void sharedTlsAndScramPortsOpenNoListenerThatIsOff() throws Exception
  {
    final BrokerPorts ports = BrokerPorts.resolve(config(NODES.get(1)).mskListenerPorts(9094, 9096).build());

    assertThat(ports.ssl()).isZero();
    assertThat(ports.scram()).isZero();
  }

  @Test
  void everyBrokerOfAClusterReadsTheScramPasswordFromTheClustersFolder()
  {
    final Path clusterDir = dir.resolve("cluster");

    assertThat(config(NODES.get(1)).scramHome(clusterDir).build().scramPasswordFile)
        .isEqualTo(clusterDir.resolve("scram/" + LocalKafkaBroker.SCRAM_USER + ".password").toAbsolutePath());
  }

  @Test
  void eachListenerAcceptsSignaturesForTheNamesItIsReachedBy()
  {
    final Map<String, String> first = render(NODES.get(0));
    final Map<String, String> third = render(NODES.get(2));

    assertThat(first.get("listener.name.iam_tls.aws_msk_iam.sasl.jaas.config"))
        .contains("hosts=\"b-1." + DOMAIN + ",localhost\"");
    assertThat(third.get("listener.name.iam_tls.aws_msk_iam.sasl.jaas.config")).contains("hosts=\"b-3." + DOMAIN + "\"");
    assertThat(third.get("listener.name.iam.aws_msk_iam.sasl.jaas.config")).contains("hosts=\"localhost\"");
  }

  @Test
  void theSingleBrokersCertificateNamesAreTodays()
  {
    assertThat(BrokerNode.SINGLE.subjectAlternativeNames()).isEqualTo("dns:localhost,ip:127.0.0.1");
  }

  @Test
  void theBootstrapBrokersCertificateAlsoNamesLocalhost()
  {
    assertThat(NODES.get(0).subjectAlternativeNames()).isEqualTo("dns:b-1." + DOMAIN + ",dns:localhost,ip:127.0.0.1");
    assertThat(NODES.get(1).subjectAlternativeNames()).isEqualTo("dns:b-2." + DOMAIN + ",ip:127.0.0.2");
  }

  @Test
  void theHealthyHostsFileMapsLocalhostFirstThenEveryBrokerToItsEndpoint()
  {
    assertThat(BrokerHosts.of(NODES).alsoOnLocalhost(List.of("sts.amazonaws.com")).text()).isEqualTo(
        "127.0.0.1 localhost\n127.0.0.1 sts.amazonaws.com\n127.0.0.1 b-1." + DOMAIN + "\n127.0.0.2 b-2." + DOMAIN
        + "\n127.0.0.3 b-3." + DOMAIN + "\n"
    );
  }

  @Test
  void withoutABrokerItsNameIsAbsentAndTheOthersStay()
  {
    assertThat(BrokerHosts.of(NODES).without(2).text())
        .doesNotContain("b-2.")
        .contains("127.0.0.1 b-1." + DOMAIN, "127.0.0.3 b-3." + DOMAIN);
  }

  @Test
  void routingABrokerChangesOnlyItsAddress()
  {
    assertThat(BrokerHosts.of(NODES).route(2, "127.0.0.3").text())
        .contains("127.0.0.3 b-2." + DOMAIN, "127.0.0.1 b-1." + DOMAIN, "127.0.0.3 b-3." + DOMAIN);
  }

  @Test
  void routingAnUnknownBrokerIsRefused()
  {
    assertThatThrownBy(() -> BrokerHosts.of(NODES).route(4, "127.0.0.4"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No broker 4");
  }

  private Map<String, String> render(final BrokerNode node)
  {
    return ServerProperties.render(config(node).build(), new BrokerPorts(1, 2, 3, 4, 0, 0), TLS);
  }

  private BrokerConfig.Builder config(final BrokerNode node)
  {
    return BrokerConfig.builder(dir, dir.resolve("key")).layout(new BrokerLayout(dir)).node(node).kraft(QUORUM);
  }
}
