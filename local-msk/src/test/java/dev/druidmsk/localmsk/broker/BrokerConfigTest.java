package dev.druidmsk.localmsk.broker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrokerConfigTest
{
  @TempDir
  Path dir;

  @Test
  void workDirThatWouldBreakTheJaasConfigIsRefused()
  {
    assertThatThrownBy(() -> BrokerConfig.builder(dir.resolve("with space"), dir.resolve("key")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("choose a plain directory");
  }

  @Test
  void regionThatIsNotARegionNameIsRefused()
  {
    assertThatThrownBy(() -> BrokerConfig.builder(dir, dir.resolve("key")).region("us-east-1\" x=\"y"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("region");
  }

  @Test
  void missingBrokerJarsNameTheBuildStepThatMakesThem()
  {
    final BrokerLayout layout = new BrokerLayout(dir.resolve("no-lib"));

    assertThatThrownBy(layout::check)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("mvn -pl local-msk -am package");
  }

  @Test
  void brokerLibWithoutThePluginIsRefused() throws Exception
  {
    Files.createFile(dir.resolve("kafka_2.13-3.9.0.jar"));

    assertThatThrownBy(() -> new BrokerLayout(dir).check())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("No local-msk-broker-plugin-*.jar in " + dir);
  }

  @Test
  void missingMasterKeyIsRefusedBeforeAnythingStarts() throws Exception
  {
    final Path lib = Files.createDirectories(dir.resolve("lib"));
    Files.createFile(lib.resolve("kafka_2.13-3.9.0.jar"));
    Files.createFile(lib.resolve("local-msk-broker-plugin-0.1.0.jar"));
    final BrokerConfig config = BrokerConfig.builder(dir.resolve("work"), dir.resolve("absent.key"))
                                            .layout(new BrokerLayout(lib))
                                            .build();

    assertThatThrownBy(() -> LocalKafkaBroker.start(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No master key at");
    assertThat(dir.resolve("work")).doesNotExist();
  }

  @Test
  void iamListenersAcceptOnlyAwsMskIamWithTheConfiguredReauthentication()
  {
    final BrokerConfig config = BrokerConfig.builder(dir, dir.resolve("key"))
                                            .layout(new BrokerLayout(dir))
                                            .reauthentication(Duration.ofSeconds(3))
                                            .build();
    final TlsMaterial tls = new TlsMaterial(dir.resolve("ks"), "kp", dir.resolve("ts"), "tp");

    final Map<String, String> properties = ServerProperties.render(config, new BrokerPorts(1, 2, 3, 4, 0, 0), tls);

    assertThat(properties)
        .containsEntry("listener.name.iam.sasl.enabled.mechanisms", "AWS_MSK_IAM")
        .containsEntry("listener.name.iam_tls.sasl.enabled.mechanisms", "AWS_MSK_IAM")
        .containsEntry("listener.name.iam.aws_msk_iam.connections.max.reauth.ms", "3000")
        .containsEntry("listener.security.protocol.map",
                       "IAM:SASL_PLAINTEXT,IAM_TLS:SASL_SSL,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT")
        .doesNotContainKey("authorizer.class.name");
  }

  @Test
  void anEmulatorBrokerRunsLeanThreadPoolsUnlessItIsForMeasurement()
  {
    final TlsMaterial tls = new TlsMaterial(dir.resolve("ks"), "kp", dir.resolve("ts"), "tp");
    final BrokerConfig.Builder builder = BrokerConfig.builder(dir, dir.resolve("key")).layout(new BrokerLayout(dir));

    final Map<String, String> lean = ServerProperties.render(builder.build(), new BrokerPorts(1, 2, 3, 4, 0, 0), tls);
    final Map<String, String> measured = ServerProperties.render(builder.forMeasurement().build(),
                                                                 new BrokerPorts(1, 2, 3, 4, 0, 0), tls);

    assertThat(lean).containsEntry("num.network.threads", "1")
                    .containsEntry("num.io.threads", "2")
                    .containsEntry("metadata.max.idle.interval.ms", "5000");
    assertThat(measured).doesNotContainKeys("num.network.threads", "num.io.threads", "metadata.max.idle.interval.ms");
  }

  @Test
  void iamListenersCapConnectionsAndNewConnectionsAtMsksQuotasByDefault()
  {
    final BrokerConfig config = BrokerConfig.builder(dir, dir.resolve("key")).layout(new BrokerLayout(dir)).build();
    final TlsMaterial tls = new TlsMaterial(dir.resolve("ks"), "kp", dir.resolve("ts"), "tp");

    final Map<String, String> properties = ServerProperties.render(config, new BrokerPorts(1, 2, 3, 4, 0, 0), tls);

    assertThat(properties)
        .containsEntry("listener.name.iam.max.connections", "3000")
        .containsEntry("listener.name.iam_tls.max.connections", "3000");
    assertThat(properties.get("listener.name.iam.aws_msk_iam.sasl.jaas.config"))
        .contains("maxNewConnectionsPerSecond=\"100\"");
  }

  @Test
  void iamAuthorizationNamesTheAuthorizerThePoliciesFileAndTheClusterArn()
  {
    final String arn = "arn:aws:kafka:us-east-1:222222222222:cluster/local-msk/6357e0b2-0e6a-4b86-a0b4-70df934c2e31";
    final BrokerConfig config = BrokerConfig.builder(dir, dir.resolve("key"))
                                            .layout(new BrokerLayout(dir))
                                            .iamAuthorization(new BrokerConfig.IamAuthorization(
                                                dir.resolve("iam-policies.json"), arn, Map.of()
                                            ))
                                            .build();
    final TlsMaterial tls = new TlsMaterial(dir.resolve("ks"), "kp", dir.resolve("ts"), "tp");

    final Map<String, String> properties = ServerProperties.render(config, new BrokerPorts(1, 2, 3, 4, 0, 0), tls);

    assertThat(properties)
        .containsEntry("authorizer.class.name", "dev.druidmsk.localmsk.authz.MskIamAuthorizer")
        .containsEntry("druidmsk.authz.policies.file", dir.resolve("iam-policies.json").toString())
        .containsEntry("druidmsk.authz.cluster.arn", arn)
        .containsEntry("super.users", "User:ANONYMOUS");
  }

  @Test
  void tlsAndScramListenersAreOffByDefault()
  {
    final BrokerConfig config = BrokerConfig.builder(dir, dir.resolve("key")).layout(new BrokerLayout(dir)).build();
    final TlsMaterial tls = new TlsMaterial(dir.resolve("ks"), "kp", dir.resolve("ts"), "tp");

    final Map<String, String> properties = ServerProperties.render(config, new BrokerPorts(1, 2, 3, 4, 0, 0), tls);

    assertThat(properties.get("listeners").split(",")).noneMatch(listener -> listener.startsWith("TLS:"))
                                                       .noneMatch(listener -> listener.startsWith("SCRAM:"));
    assertThat(properties).doesNotContainKey("listener.name.tls.ssl.keystore.location")
                          .doesNotContainKey("listener.name.scram.sasl.enabled.mechanisms");
  }

  @Test
  void tlsAndScramListenersServeOnTheEndpointWithTheSaslSslCertificate()
  {
    final BrokerConfig config = BrokerConfig.builder(dir, dir.resolve("key"))
                                            .layout(new BrokerLayout(dir))
                                            .tlsListener()
                                            .scramListener()
                                            .build();
    final TlsMaterial tls = new TlsMaterial(dir.resolve("ks"), "kp", dir.resolve("ts"), "tp");

    final Map<String, String> properties = ServerProperties.render(config, new BrokerPorts(1, 2, 3, 4, 5, 6), tls);

    assertThat(properties.get("listeners")).contains("TLS://127.0.0.1:5", "SCRAM://127.0.0.1:6");
    assertThat(properties.get("advertised.listeners")).contains("TLS://localhost:5", "SCRAM://localhost:6");
    assertThat(properties.get("listener.security.protocol.map")).contains("TLS:SSL", "SCRAM:SASL_SSL");
    assertThat(properties)
        .containsEntry("listener.name.tls.ssl.keystore.location", dir.resolve("ks").toString())
        .containsEntry("listener.name.scram.ssl.keystore.location", dir.resolve("ks").toString())
        .containsEntry("listener.name.scram.sasl.enabled.mechanisms", "SCRAM-SHA-512")
        .doesNotContainKey("listener.name.tls.ssl.client.auth");
  }
}
