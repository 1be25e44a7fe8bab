package dev.druidmsk.probe.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import dev.druidmsk.probe.node.Checks;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A broker's own check tells the PrivateLink failures apart, on real loopback sockets. The unresolvable name needs
 * a JVM with its own hosts file and is covered by the doctor's integration tests.
 */
class BrokerChecksTest
{
  private static final String PASSWORD_VARIABLE = "BROKER_CHECKS_TEST_STORE_PASSWORD";
  private static final String PASSWORD = "broker-checks-test";
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final String TOPIC = "orders";

  @TempDir
  Path dir;

  @Test
  void aBrokerWhosePortRefusesConnectionsFailsOnTcpWithThePortFix() throws Exception
  {
    final int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    final Node broker = new Node(2, "127.0.0.1", closedPort);

    final JsonNode result = check(Map.of("security.protocol", "SASL_PLAINTEXT"), broker);

    assertThat(result.path("name").asText()).isEqualTo("kafka.broker-2");
    assertThat(result.path("status").asText()).isEqualTo("FAIL");
    assertThat(result.path("summary").asText())
        .contains("broker 2 at 127.0.0.1:" + closedPort, "no TCP connection to port " + closedPort);
    assertThat(evidence(result)).anySatisfy(line -> assertThat(line).startsWith("tcp: 127.0.0.1:" + closedPort))
                                .contains("leads partitions 1 of " + TOPIC + ": tasks reading them stall until a timeout");
    assertThat(result.path("fix").asText()).contains("must accept port " + closedPort, "security group",
                                                    "one private DNS record per advertised broker name");
  }

  @Test
  void aBrokerNameReachingAnotherBrokersCertificateFailsOnTlsWithTheRecordFix() throws Exception
  {
    keyPair("b-3.example-cluster.test");
    try (SSLServerSocket server = tlsServer()) {
      final Node broker = new Node(2, "localhost", server.getLocalPort());

      final JsonNode result = check(Map.of(
          "security.protocol", "SASL_SSL",
          "ssl.truststore.type", "PKCS12",
          "ssl.truststore.location", dir.resolve("client.truststore.p12").toString(),
          "ssl.truststore.password", PASSWORD
      ), broker);

      assertThat(result.path("status").asText()).isEqualTo("FAIL");
      assertThat(result.path("summary").asText())
          .contains("broker 2 at localhost:" + server.getLocalPort(), "TLS", "has no certificate for this name");
      assertThat(evidence(result)).anySatisfy(line -> assertThat(line).startsWith("tcp: "))
                                  .anySatisfy(line -> assertThat(line).contains("tls: ", "localhost"));
      assertThat(result.path("fix").asText()).contains("must point at broker 2's own endpoint");
    }
  }

  /** Broker 2 leads partition 1 of {@link #TOPIC}, broker 1 partition 0. */
  private static JsonNode check(final Map<String, Object> consumer, final Node broker)
  {
    final Node other = new Node(1, "127.0.0.1", 1);
    final TopicDescription description = new TopicDescription(TOPIC, false, List.of(
        new TopicPartitionInfo(0, other, List.of(other), List.of(other)),
        new TopicPartitionInfo(1, broker, List.of(broker), List.of(broker))
    ));
    final Checks checks = new Checks();

    final var failed = new BrokerChecks(consumer, TOPIC, TIMEOUT).run(List.of(broker), description, checks);

    assertThat(failed).containsExactly(broker.id());
    assertThat(checks.results()).hasSize(1);
    return checks.results().get(0);
  }

  private static List<String> evidence(final JsonNode result)
  {
    final List<String> lines = new ArrayList<>();
    result.path("evidence").forEach(line -> lines.add(line.asText()));
    return lines;
  }

  /** A server that completes TLS handshakes with the key pair of {@link #keyPair} until closed. */
  private SSLServerSocket tlsServer() throws Exception
  {
    final KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(dir.resolve("server.keystore.p12"))) {
      keys.load(in, PASSWORD.toCharArray());
    }
    final KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, PASSWORD.toCharArray());
    final SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), null, null);
    final SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                                                          .createServerSocket(0, 5, InetAddress.getLoopbackAddress());
    final Thread acceptor = new Thread(() -> {
      while (!server.isClosed()) {
        try (SSLSocket socket = (SSLSocket) server.accept()) {
          socket.startHandshake();
        }
        catch (IOException e) {
          // The client refused the certificate, or the server closed.
        }
      }
    }, "tls-server");
    acceptor.setDaemon(true);
    acceptor.start();
    return server;
  }

  /** A self-signed key pair for {@code name} only, and a client truststore trusting it. */
  private void keyPair(final String name) throws Exception
  {
    final Path keystore = dir.resolve("server.keystore.p12");
    final Path certificate = dir.resolve("server.crt");
    keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "1",
            "-dname", "CN=" + name, "-ext", "SAN=dns:" + name, "-storetype", "PKCS12",
            "-keystore", keystore.toString(), "-storepass:env", PASSWORD_VARIABLE, "-keypass:env", PASSWORD_VARIABLE);
    keytool("-exportcert", "-alias", "server", "-rfc", "-file", certificate.toString(),
            "-keystore", keystore.toString(), "-storepass:env", PASSWORD_VARIABLE);
    keytool("-importcert", "-noprompt", "-alias", "server", "-file", certificate.toString(), "-storetype", "PKCS12",
            "-keystore", dir.resolve("client.truststore.p12").toString(), "-storepass:env", PASSWORD_VARIABLE);
  }

  private void keytool(final String... args) throws Exception
  {
    final List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    command.addAll(List.of(args));
    final ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().put(PASSWORD_VARIABLE, PASSWORD);
    final Process process = builder.start();
    final String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("keytool %s: %s", args[0], output).isZero();
  }
}
