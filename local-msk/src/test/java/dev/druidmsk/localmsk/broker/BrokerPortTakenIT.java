package dev.druidmsk.localmsk.broker;

import dev.druidmsk.localmsk.iam.SessionCredentialAuthority;
import dev.druidmsk.localmsk.testing.TestStacks;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A listener port that another process holds when the broker's JVM binds it. */
class BrokerPortTakenIT
{
  private static Path workDir;
  private static Path masterKey;

  @BeforeAll
  static void masterKey() throws Exception
  {
    workDir = TestStacks.workDir(BrokerPortTakenIT.class);
    Files.createDirectories(workDir);
    masterKey = workDir.resolve("master.key");
    SessionCredentialAuthority.withNewMasterKey().writeMasterKey(masterKey);
  }

  @Test
  void aPortChosenFreeButTakenBeforeTheBrokerBoundItIsChosenAgain() throws Exception
  {
    final LocalKafkaBroker broker = LocalKafkaBroker.prepare(BrokerConfig.builder(workDir.resolve("chosen"), masterKey).build());
    final int chosen = port(broker.saslPlaintextBootstrap());
    try (ServerSocket taker = new ServerSocket(chosen, 1, InetAddress.getLoopbackAddress())) {
      broker.spawn();
      broker.awaitStarted(System.nanoTime(), 1);
    }
    try (broker) {
      assertThat(port(broker.saslPlaintextBootstrap())).isNotEqualTo(chosen);
      assertThat(Files.readString(broker.logDir().resolve(ServerProperties.SERVER_LOG), StandardCharsets.UTF_8))
          .contains(":" + chosen + ": Address already in use");
      try (Admin admin = Admin.create(broker.operatorAdminProperties())) {
        assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
      }
    }
  }

  @Test
  void aConfiguredPortInUseFailsTheStartNamingThePortAndLeavesNoBrokerRunning() throws Exception
  {
    final Path brokerDir = workDir.resolve("configured");
    try (ServerSocket taker = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      final BrokerConfig config = BrokerConfig.builder(brokerDir, masterKey).saslPlaintextPort(taker.getLocalPort()).build();

      assertThatThrownBy(() -> LocalKafkaBroker.start(config))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("The Kafka broker exited with 1 while starting")
          .hasMessageContaining("the first error in " + brokerDir.resolve("logs").resolve(ServerProperties.SERVER_LOG))
          .hasMessageContaining("Socket server failed to bind to 127.0.0.1:" + taker.getLocalPort()
                                + ": Address already in use")
          .hasMessageContaining("Port " + taker.getLocalPort() + " is in use by another process: configure another "
                                + "port for that listener, or 0 to have a free one chosen");
    }
    assertThat(ProcessHandle.current().descendants()
                            .filter(process -> process.info().commandLine().orElse("").contains(brokerDir.toString())))
        .isEmpty();
  }

  private static int port(final String bootstrap)
  {
    return Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
  }
}
