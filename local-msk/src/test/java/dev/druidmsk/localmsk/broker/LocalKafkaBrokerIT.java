package dev.druidmsk.localmsk.broker;

import dev.druidmsk.localmsk.iam.SessionCredentialAuthority;
import dev.druidmsk.localmsk.testing.TestStacks;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The broker's life cycle: a port taken between its choice and the bind is chosen again; restart keeps ports and
 * data; stop ends the process.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalKafkaBrokerIT
{
  private static LocalKafkaBroker broker;
  private static int takenPort;

  /** Starts the suite's broker while another process holds the SASL_PLAINTEXT port chosen for it. */
  @BeforeAll
  static void startBroker() throws Exception
  {
    final Path workDir = TestStacks.workDir(LocalKafkaBrokerIT.class);
    Files.createDirectories(workDir);
    final Path masterKey = workDir.resolve("master.key");
    SessionCredentialAuthority.withNewMasterKey().writeMasterKey(masterKey);
    final long began = System.nanoTime();
    broker = LocalKafkaBroker.prepare(BrokerConfig.builder(workDir.resolve("broker"), masterKey).build());
    takenPort = port(broker.saslPlaintextBootstrap());
    try (ServerSocket taker = new ServerSocket(takenPort, 1, InetAddress.getLoopbackAddress())) {
      broker.spawn();
      broker.awaitStarted(began, 1);
    }
    System.out.println("LocalKafkaBrokerIT: broker started in " + broker.lastStartTime().toMillis() + " ms");
  }

  @AfterAll
  static void stopBroker() throws Exception
  {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  @Order(0)
  void theBootstrapOfAListenerThatIsOffNamesTheBuilderMethodThatTurnsItOn()
  {
    assertThatThrownBy(broker::sslBootstrap).isInstanceOf(IllegalStateException.class)
                                            .hasMessageContaining("BrokerConfig.Builder#tlsListener");
    assertThatThrownBy(broker::scramBootstrap).isInstanceOf(IllegalStateException.class)
                                              .hasMessageContaining("BrokerConfig.Builder#scramListener");
  }

  @Test
  @Order(0)
  void aStorageThatCannotBeFormattedStopsTheBrokerNamingTheFormatAndWhatToCheck() throws Exception
  {
    final Path workDir = Files.createDirectories(TestStacks.workDir(LocalKafkaBrokerIT.class).resolve("unformattable"));
    final Path masterKey = workDir.resolve("master.key");
    SessionCredentialAuthority.withNewMasterKey().writeMasterKey(masterKey);
    // The broker's log directory is a file: Kafka's StorageTool finds no directory it can format.
    Files.writeString(Files.createDirectories(workDir.resolve("broker")).resolve("data"), "not a directory");

    assertThatThrownBy(() -> LocalKafkaBroker.start(BrokerConfig.builder(workDir.resolve("broker"), masterKey).build()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("The Kafka broker exited with 1 while starting")
        .hasMessageContaining("kafka-storage format failed for " + workDir.resolve("broker/config/server.properties")
                              + ": No available log directories to format. The broker was not started: check that its "
                              + "log.dirs is a folder this user can write, or start in a new work folder.");
  }

  @Test
  @Order(0)
  void aPortTakenBetweenItsChoiceAndTheBindIsChosenAgain() throws Exception
  {
    assertThat(port(broker.saslPlaintextBootstrap())).isNotEqualTo(takenPort);
    assertThat(Files.readString(broker.logDir().resolve(ServerProperties.SERVER_LOG), StandardCharsets.UTF_8))
        .contains("Socket server failed to bind to 127.0.0.1:" + takenPort + ": Address already in use");
    try (Admin admin = Admin.create(broker.operatorAdminProperties())) {
      assertThat(admin.describeCluster().nodes().get(60, TimeUnit.SECONDS)).hasSize(1);
    }
  }

  @Test
  @Order(2)
  void restartKeepsTheListenersAndTheTopics() throws Exception
  {
    final String saslBootstrap = broker.saslPlaintextBootstrap();
    final long firstPid = broker.pid();
    try (Admin admin = Admin.create(broker.operatorAdminProperties())) {
      admin.createTopics(List.of(new NewTopic("survives-restart", 1, (short) 1))).all().get(60, TimeUnit.SECONDS);
    }

    broker.restart();
    System.out.println("LocalKafkaBrokerIT: broker restarted in " + broker.lastStartTime().toMillis() + " ms");

    assertThat(broker.pid()).isNotEqualTo(firstPid);
    assertThat(broker.saslPlaintextBootstrap()).isEqualTo(saslBootstrap);
    try (Admin admin = Admin.create(broker.operatorAdminProperties())) {
      assertThat(admin.listTopics().names().get(60, TimeUnit.SECONDS)).contains("survives-restart");
    }
  }

  @Test
  @Order(1)
  void logsGoUnderTheWorkDirectory()
  {
    assertThat(broker.logDir().resolve(ServerProperties.SERVER_LOG)).isRegularFile();
    assertThat(broker.logDir()).startsWith(Path.of(System.getProperty("druidmsk.work.dir", "target")).toAbsolutePath());
  }

  @Test
  @Order(3)
  void stopEndsTheBrokerProcess() throws Exception
  {
    final long pid = broker.pid();

    broker.stop();

    assertThat(broker.isRunning()).isFalse();
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  private static int port(final String bootstrap)
  {
    return Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
  }
}
