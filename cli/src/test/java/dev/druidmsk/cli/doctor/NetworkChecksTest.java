package dev.druidmsk.cli.doctor;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NetworkChecksTest
{
  private static final NetworkChecks.Truststore JVM_DEFAULT = new NetworkChecks.Truststore(null, null, null);

  @Test
  void unresolvableHostFailsDnsAndSkipsTheLaterSteps()
  {
    final List<CheckResult> results = checks("b-1.doctor.invalid:9098", "SASL_SSL");

    assertThat(results.get(0).status()).isEqualTo(CheckStatus.FAIL);
    assertThat(results.get(0).summary()).isEqualTo("cannot resolve b-1.doctor.invalid");
    assertThat(results.get(0).fix()).contains("bootstrap.servers");
    assertThat(results.get(1).status()).isEqualTo(CheckStatus.SKIP);
    assertThat(results.get(2).status()).isEqualTo(CheckStatus.SKIP);
  }

  @Test
  void closedPortFailsTcpNamingTheIamPorts() throws IOException
  {
    final int port = closedPort();

    final CheckResult tcp = checks("127.0.0.1:" + port, "SASL_SSL").get(1);

    assertThat(tcp.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(tcp.summary()).isEqualTo("cannot connect to 127.0.0.1:" + port);
    assertThat(tcp.fix()).contains("9098", "9198", "security group");
  }

  @Test
  void mskHostOnTheTlsPortFailsTheIamPortCheck()
  {
    final CheckResult port = checks("b-2.demo.abc123.c2.kafka.us-east-1.amazonaws.com:9094", "SASL_SSL").get(3);

    assertThat(port.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(port.evidence()).contains("b-2.demo.abc123.c2.kafka.us-east-1.amazonaws.com:9094: TLS listener port");
    assertThat(port.fix()).contains("9098");
  }

  @Test
  void mskHostOnTheIamPortPassesTheIamPortCheck()
  {
    final CheckResult port = checks("b-1.demo.abc123.c2.kafka.eu-west-1.amazonaws.com:9198", "SASL_SSL").get(3);

    assertThat(port.status()).isEqualTo(CheckStatus.PASS);
    assertThat(port.evidence()).containsExactly("b-1.demo.abc123.c2.kafka.eu-west-1.amazonaws.com:9198: IAM listener (public)");
  }

  @Test
  void plaintextSaslToABrokerThatIsNotMskNeedsNoTls() throws IOException
  {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      final CheckResult tls = checks("127.0.0.1:" + listener.getLocalPort(), "SASL_PLAINTEXT").get(2);

      assertThat(tls.status()).isEqualTo(CheckStatus.PASS);
      assertThat(tls.summary()).isEqualTo("not used: SASL_PLAINTEXT to a broker that is not MSK");
    }
  }

  @Test
  void aListenerThatDropsTheTlsHelloIsNotTheIamListener() throws Exception
  {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      final Thread dropper = new Thread(() -> {
        try (java.net.Socket client = listener.accept()) {
          client.getInputStream().read();
        }
        catch (IOException e) {
          // The test asserts what the client saw.
        }
      });
      dropper.start();

      final CheckResult tls = checks("127.0.0.1:" + listener.getLocalPort(), "SASL_SSL").get(2);

      dropper.join(5000);
      assertThat(tls.status()).isEqualTo(CheckStatus.FAIL);
      assertThat(tls.fix()).startsWith("the port does not speak TLS, so it is not the IAM listener");
    }
  }

  private static List<CheckResult> checks(String bootstrap, String protocol)
  {
    return new NetworkChecks(bootstrap, protocol, JVM_DEFAULT, Duration.ofSeconds(2)).run();
  }

  private static int closedPort() throws IOException
  {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
