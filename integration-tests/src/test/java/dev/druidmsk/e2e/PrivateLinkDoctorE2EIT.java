package dev.druidmsk.e2e;

import dev.druidmsk.doctor.Doctor;
import dev.druidmsk.ingest.LocalIngestionStack;
import dev.druidmsk.localmsk.broker.BrokerHosts;
import dev.druidmsk.localmsk.broker.LocalKafkaBroker;
import dev.druidmsk.localmsk.testing.TestStacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code druid-msk doctor} on a node of the {@link SharedCluster}, whose three brokers are reached as MSK's over
 * PrivateLink (one endpoint per broker): each broker that a task could not reach is named with its cause and fix.
 * The tests run concurrently: each only reads the cluster, through a probe JVM and a hosts file of its own.
 */
@ExtendWith(SharedCluster.class)
class PrivateLinkDoctorE2EIT
{
  /** The doctor's topic: partition i led by broker i + 1, so broker 2 leads partition 1. */
  private static final String DOCTOR_TOPIC = "api_requests_doctor";
  private static final int BROKEN = 2;
  /** A loopback address no broker listens on: an endpoint that does not serve the advertised port. */
  private static final String NO_LISTENER = "127.0.0.10";

  private static E2eCluster stack;
  private static Path doctorSpec;
  private static Path doctorReports;

  @BeforeAll
  static void createTheDoctorsTopic(E2eCluster shared) throws Exception
  {
    stack = shared;
    stack.stack().createTopic(DOCTOR_TOPIC, SharedCluster.BROKERS);
    doctorSpec = stack.stack().renderTelemetrySpec(DOCTOR_TOPIC, DOCTOR_TOPIC, TestStacks.EXTERNAL_ID);
    stack.produce(DOCTOR_TOPIC, 300);
    doctorReports = stack.stack().workDir().resolve("doctor-reports");
    Files.createDirectories(doctorReports);
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void doctorChecksEveryAdvertisedBrokerOfAHealthyCluster() throws Exception
  {
    final Doctor.Result result = doctor("healthy", hosts());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    for (LocalKafkaBroker broker : stack.stack().msk().cluster().brokers()) {
      assertThat(result.check("kafka.broker-" + broker.node().id()))
          .contains("PASS", broker.advertisedSaslSsl(), "resolve: " + broker.node().advertisedHost() + " -> "
                                                        + broker.node().endpointAddress());
    }
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void doctorFailsABrokerWhoseNameDoesNotResolve() throws Exception
  {
    final Doctor.Result result = doctor("unresolvable", hosts().without(BROKEN));

    assertBrokenBroker(result, "the name does not resolve on this node", "create a private DNS record "
                                                                         + broken().node().advertisedHost());
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void doctorFailsABrokerWhoseEndpointDoesNotServeTheAdvertisedPort() throws Exception
  {
    final Doctor.Result result = doctor("wrong-port", hosts().route(BROKEN, NO_LISTENER));

    assertBrokenBroker(result, "no TCP connection to port " + port(), "must accept port " + port());
    assertThat(result.check("kafka.broker-" + BROKEN)).contains("tcp: " + NO_LISTENER + ':' + port());
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void doctorFailsABrokerWhoseEndpointPresentsAnotherBrokersCertificate() throws Exception
  {
    final String otherEndpoint = stack.stack().msk().cluster().broker(3).node().endpointAddress();

    final Doctor.Result result = doctor("tls-name-mismatch", hosts().route(BROKEN, otherEndpoint));

    assertBrokenBroker(result, "TLS: the server at " + otherEndpoint + ':' + port() + " has no certificate for this name",
                       "must point at broker " + BROKEN + "'s own endpoint");
  }

  /**
   * Only the bootstrap is right, as with one wildcard DNS record for every broker name: authentication passes on the
   * bootstrap, and each broker whose name leads to broker 1's endpoint is named.
   */
  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void doctorNamesEachBrokerWithAnotherBrokersCertificateAndPassesAuthenticationOnTheBootstrap() throws Exception
  {
    final String brokerOne = stack.stack().msk().cluster().broker(1).node().endpointAddress();

    final Doctor.Result result = doctor("only-bootstrap-right", hosts().route(2, brokerOne).route(3, brokerOne));

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.check("kafka.authenticate")).contains("PASS");
    assertThat(result.check("kafka.broker-1")).contains("PASS");
    for (int id : List.of(2, 3)) {
      assertThat(result.check("kafka.broker-" + id))
          .contains("FAIL", "TLS: the server at " + brokerOne + ':' + port() + " has no certificate for this name",
                    "must point at broker " + id + "'s own endpoint");
    }
  }

  /**
   * Exit 2, broker {@link #BROKEN}'s FAIL with its address, cause, fix and partition, and the fetch naming it; the
   * other brokers pass. (kafka.consumer-group fails too when Kafka made that broker the group's coordinator.)
   */
  private static void assertBrokenBroker(Doctor.Result result, String cause, String fix)
  {
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.check("kafka.broker-" + BROKEN))
        .contains("FAIL", "broker " + BROKEN + " at " + broken().advertisedSaslSsl(), cause, fix,
                  "one private DNS record per advertised broker name", "leads partitions 1 of " + DOCTOR_TOPIC);
    assertThat(result.check("kafka.fetch"))
        .contains("FAIL", "partition 1: not read, its leader failed kafka.broker-" + BROKEN);
    assertThat(result.check("kafka.broker-1")).contains("PASS");
    assertThat(result.check("kafka.broker-3")).contains("PASS");
  }

  /** The healthy hosts file of Druid's JVMs, which the node's doctor is given too. */
  private static BrokerHosts hosts() throws Exception
  {
    return BrokerHosts.of(stack.stack().msk().cluster())
                      .alsoOnLocalhost(List.of(InetAddress.getLocalHost().getHostName()));
  }

  /** Runs the doctor on the Druid home of the suite's nodes, its probe JVM resolving through {@code hosts}. */
  private static Doctor.Result doctor(String name, BrokerHosts hosts) throws Exception
  {
    final Path hostsFile = hosts.write(doctorReports.resolve("hosts-" + name));
    final Path jvmConfig = Files.writeString(
        doctorReports.resolve("jvm-" + name + ".config"), "-server\n-Xmx1g\n-Djdk.net.hosts.file=" + hostsFile + "\n"
    );
    final Doctor.Result result = Doctor.onNode(stack.stack().msk(), LocalIngestionStack.TRUSTSTORE_PASSWORD_VARIABLE).run(
        doctorReports,
        "--druid-home", stack.stack().workDir().resolve("druid-home").toString(), "--spec", doctorSpec.toString(),
        "--timeout", Doctor.PROBE_TIMEOUT, "--jvm-config", jvmConfig.toString()
    );
    Files.writeString(doctorReports.resolve("report-" + name + ".txt"), result.out());
    return result;
  }

  private static LocalKafkaBroker broken()
  {
    return stack.stack().msk().cluster().broker(BROKEN);
  }

  private static int port()
  {
    return Integer.parseInt(broken().advertisedSaslSsl().replaceFirst(".*:", ""));
  }
}
