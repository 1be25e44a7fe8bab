package dev.druidmsk.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.ingest.DruidMskCommand;
import dev.druidmsk.localmsk.process.FreePorts;
import dev.druidmsk.localmsk.sts.LocalSts;
import dev.druidmsk.localmsk.sts.Role;
import dev.druidmsk.localmsk.sts.StsHosts;
import dev.druidmsk.localmsk.testing.ReaderStack;
import dev.druidmsk.localmsk.testing.TestStacks;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `druid-msk doctor` (the cli distribution, as a process) against the MSK IAM emulator and Druid homes laid out from
 * the stock Druid 33 home, the bundle installed by bootstrap's installer: all checks pass on a ready node, and each
 * failure class names its check and its fix.
 *
 * <p>The tests run concurrently: each is one doctor run (a CLI JVM and a probe JVM on the node's Druid) that only
 * reads the shared emulator, homes and policies; faults and short credentials come from an STS of the test's own.
 * The tests are concurrent, not the class: a concurrent class would run beside the next suite of its lane, and its
 * AWS system properties would reach that suite's failsafe report.
 */
class DoctorIT
{
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String TOPIC = "api-requests";
  private static final String FORBIDDEN_TOPIC = "payroll";
  private static final String SESSION = "druid-doctor";
  /** A session of {@link #NO_GROUP_ROLE}. */
  private static final String NO_GROUP_SESSION = "druid-doctor-nogroup";
  /** May read the topic, but holds no right on Druid's groups. */
  private static final String NO_GROUP_ROLE = "arn:aws:iam::222222222222:role/msk-reader-no-group";
  /** A session of {@link #DESCRIBE_GROUP_ROLE}. */
  private static final String DESCRIBE_GROUP_SESSION = "druid-doctor-describegroup";
  /** May describe Druid's groups but not join them. */
  private static final String DESCRIBE_GROUP_ROLE = "arn:aws:iam::222222222222:role/msk-reader-describe-group";
  private static final String TRUSTSTORE_PASSWORD_ENV = "DOCTOR_TRUSTSTORE_PASSWORD";

  private static ReaderStack stack;
  private static Path work;
  private static Path installedHome;

  @BeforeAll
  static void startStack() throws Exception
  {
    stack = ReaderStack.start(DoctorIT.class, msk -> msk.role(trusted(NO_GROUP_ROLE)).role(trusted(DESCRIBE_GROUP_ROLE)));
    work = TestStacks.workDir(DoctorIT.class);
    installedHome = DoctorHomes.installed(work.resolve("installed-home"));
    try (Admin operator = Admin.create(stack.msk().broker().operatorAdminProperties())) {
      operator.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1), new NewTopic(FORBIDDEN_TOPIC, 1, (short) 1)))
              .all().get(60, TimeUnit.SECONDS);
    }
    attachPolicies();
    // Test data comes in through the setup listener: the doctor checks the reader, not a producer.
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(
        Map.of("bootstrap.servers", stack.msk().broker().internalBootstrap()), new StringSerializer(), new StringSerializer())) {
      for (int partition = 0; partition < 2; partition++) {
        producer.send(new ProducerRecord<>(TOPIC, partition, "k", "{\"route\":\"/p" + partition + "\"}")).get(60, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * The reader role gets exactly what `druid-msk policy` generates for the ready node's spec; the other two roles get
   * it with part of its group statement taken away, and another application's groups instead: MSK requires AlterGroup
   * on some group for ReadData, so only the consumer-group check tells them apart from the reader.
   */
  private static void attachPolicies() throws Exception
  {
    final String generated = new DruidMskCommand(Path.of(System.getProperty("druidmsk.cli")), Map.of()).readerPolicy(
        spec(SESSION, TestStacks.EXTERNAL_ID, TOPIC, tlsBootstrap(), true),
        stack.msk().clusterArn(),
        TestStacks.DRUID.arn(),
        work.resolve("reader-policy")
    );
    stack.policies(TestStacks.READER_ROLE, generated);
    final ObjectNode noGroup = (ObjectNode) MAPPER.readTree(generated);
    final ArrayNode noGroupStatements = (ArrayNode) noGroup.get("Statement");
    noGroupStatements.remove(indexOf(noGroupStatements, "UseDruidConsumerGroups"));
    noGroupStatements.add(otherApplicationGroups());
    stack.policies(NO_GROUP_ROLE, MAPPER.writeValueAsString(noGroup));
    final ObjectNode describeGroup = (ObjectNode) MAPPER.readTree(generated);
    final ArrayNode describeGroupStatements = (ArrayNode) describeGroup.get("Statement");
    ((ObjectNode) describeGroupStatements.get(indexOf(describeGroupStatements, "UseDruidConsumerGroups")))
        .put("Action", "kafka-cluster:DescribeGroup");
    describeGroupStatements.add(otherApplicationGroups());
    stack.policies(DESCRIBE_GROUP_ROLE, MAPPER.writeValueAsString(describeGroup));
  }

  private static ObjectNode otherApplicationGroups()
  {
    final ObjectNode statement = MAPPER.createObjectNode().put("Sid", "OtherApplicationGroups").put("Effect", "Allow");
    statement.putArray("Action").add("kafka-cluster:DescribeGroup").add("kafka-cluster:AlterGroup");
    return statement.put("Resource", stack.msk().clusterArn().replace(":cluster/", ":group/") + "/other-app-*");
  }

  private static int indexOf(ArrayNode statements, String sid)
  {
    for (int i = 0; i < statements.size(); i++) {
      if (sid.equals(statements.get(i).path("Sid").asText())) {
        return i;
      }
    }
    throw new IllegalStateException("druid-msk policy generated no statement " + sid + ": " + statements);
  }

  private static Role trusted(String roleArn)
  {
    return Role.trusting(roleArn, TestStacks.EXTERNAL_ID, TestStacks.DRUID.arn());
  }

  @AfterAll
  static void stopStack() throws Exception
  {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void everyCheckPassesOnAReadyNode() throws Exception
  {
    final Doctor.Result result = doctor().run(work, args(installedHome, spec(SESSION, TestStacks.EXTERNAL_ID, TOPIC, tlsBootstrap(), true)));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).doesNotContain("FAIL", "WARN", "SKIP").contains("ready: 18 passed");
    assertThat(result.check("credentials.base-identity"))
        .contains("base identity: environment AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY", "long-term");
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void jsonReportNamesEveryCheckAndNoSecret() throws Exception
  {
    final List<String> args = new ArrayList<>(List.of(args(installedHome, spec(SESSION, TestStacks.EXTERNAL_ID, TOPIC, tlsBootstrap(), true))));
    args.add("--json");
    final Doctor.Result result = doctor().run(work, args.toArray(new String[0]));

    final JsonNode report = result.json();
    final List<String> names = new ArrayList<>();
    report.path("checks").forEach(check -> names.add(check.path("name").asText() + "=" + check.path("status").asText()));
    assertThat(report.path("exitCode").asInt()).isZero();
    assertThat(names).containsExactly(
        "installation.bundle=PASS", "installation.single-aws-msk-iam-auth=PASS", "installation.java=PASS",
        "classloading.provider=PASS", "classloading.iam-classes=PASS", "spec.valid=PASS",
        "credentials.base-identity=PASS", "credentials.assume-role=PASS", "credentials.lifetime=PASS",
        "network.dns=PASS", "network.tcp=PASS", "network.tls=PASS", "network.iam-port=PASS",
        "kafka.authenticate=PASS", "kafka.describe-topic=PASS", "kafka.broker-1=PASS", "kafka.fetch=PASS",
        "kafka.consumer-group=PASS"
    );
    assertThat(result.out() + result.err()).doesNotContain(
        TestStacks.EXTERNAL_ID, TestStacks.DRUID.secretAccessKey(), stack.msk().broker().tls().truststorePassword()
    );
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void bundleMissingFailsTheInstallationAndClassloadingChecks() throws Exception
  {
    final Path bare = DoctorHomes.stock(work.resolve("bare-home"));

    final Doctor.Result result = doctor().run(work, args(bare, spec(SESSION, TestStacks.EXTERNAL_ID, TOPIC, tlsBootstrap(), true)));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.check("installation.bundle"))
        .contains("FAIL", "not installed in extensions/druid-kafka-indexing-service", "fix: run `druid-msk-install install");
    assertThat(result.check("classloading.provider")).contains("FAIL", "type aws-msk-iam is unknown to this node's Druid: it fell back to Druid's mapString provider");
    assertThat(result.check("spec.valid")).as("judged by this node's Druid, in the probe's JVM")
                                          .contains("FAIL", "the druid-msk bundle is not installed in");
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void duplicateMskJarsFailTheSingleVersionCheck() throws Exception
  {
    final Path home = DoctorHomes.installed(work.resolve("duplicate-home"));
    final Path upstream = Paths.get(software.amazon.msk.auth.iam.IAMLoginModule.class.getProtectionDomain()
                                                                                    .getCodeSource().getLocation().toURI());
    Files.copy(upstream, home.resolve("extensions/druid-kafka-indexing-service").resolve(upstream.getFileName()));

    final Doctor.Result result = doctor().run(work, args(home, spec(SESSION, TestStacks.EXTERNAL_ID, TOPIC, tlsBootstrap(), true)));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.check("installation.single-aws-msk-iam-auth"))
        .contains("FAIL", "holds 2 copies", upstream.getFileName().toString(),
                  "fix: keep only the bundle's aws-msk-iam-auth jar");
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void wrongExternalIdFailsTheAssumeRoleCheck() throws Exception
  {
    final Doctor.Result result = doctor().run(work, args(installedHome, spec(SESSION, "not-the-external-id", TOPIC, tlsBootstrap(), true)));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.check("credentials.assume-role"))
        .contains("FAIL", "STS refused AssumeRole of " + TestStacks.READER_ROLE, "AccessDenied",
                  "fix: the role's trust policy must let this node's identity call sts:AssumeRole with sts:ExternalId");
    assertThat(result.check("kafka.authenticate")).contains("SKIP");
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void unreachableStsFailsTheAssumeRoleCheck() throws Exception
  {
    final int closedPort = FreePorts.resolve(0);
    // The service's jvm.config sets the STS endpoint; as on the node, the system property wins over the environment.
    final Path jvmConfig = Files.writeString(Files.createTempFile(work, "jvm-", ".config"),
                                             "-server\n-Xmx1g\n-Daws.endpointUrlSts=http://127.0.0.1:" + closedPort + "\n");
    final List<String> args = new ArrayList<>(List.of(args(installedHome, spec(SESSION, TestStacks.EXTERNAL_ID, TOPIC, tlsBootstrap(), true))));
    args.addAll(List.of("--jvm-config", jvmConfig.toString()));

    final Doctor.Result result = doctor().run(work, args.toArray(new String[0]));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.check("credentials.assume-role"))
        .contains("FAIL", "STS is unreachable", "http://127.0.0.1:" + closedPort + " (override from system property "
                  + "aws.endpointUrlSts) in place of the regional endpoint of",
                  "fix: allow this node HTTPS to the STS endpoint");
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void throttlingStsFailsTheAssumeRoleCheckAsThrottlingNotAsARefusal() throws Exception
  {
    try (LocalSts throttlingSts = privateSts().start()) {
      throttlingSts.faults().throttle();

      final Doctor.Result result = doctor().env("AWS_ENDPOINT_URL_STS", throttlingSts.endpoint().toString())
                                           .run(work, args(installedHome, readySpec()));

      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.check("credentials.assume-role"))
          .contains("FAIL", "STS throttled AssumeRole of " + TestStacks.READER_ROLE,
                    "Throttling (HTTP 400): Rate exceeded", "fix: keep \"credentialCache\": \"shared\"")
          .doesNotContain("trust policy");
    }
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void credentialsTooShortForMskFailTheLifetimeAndAuthenticationChecks() throws Exception
  {
    // Credentials that live 3 s, issued by the emulator's authority so the broker judges them.
    try (LocalSts shortSts = privateSts().rotationTestLifetime(Duration.ofSeconds(3)).start()) {
      final Doctor.Result result = doctor().env("AWS_ENDPOINT_URL_STS", shortSts.endpoint().toString())
                                           .run(work, args(installedHome, readySpec()));

      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.check("credentials.lifetime"))
          .contains("FAIL", "too short for MSK", "fix: credentials this close to expiry are refused by MSK");
      assertThat(result.check("kafka.authenticate"))
          .contains("FAIL", "no usable credentials", "AWS MSK IAM credentials of role[" + TestStacks.READER_ROLE);
    }
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void anStsRegionOtherThanTheEndpointsFailsTheAssumeRoleCheckNamingStsRegion() throws Exception
  {
    // The node calls eu-west-1's STS endpoint (resolved locally), the spec signs for the broker's region.
    final Path hosts = work.resolve("sts-hosts");
    StsHosts.writeHostsFile(hosts, List.of("eu-west-1"));
    final String endpoint = stack.msk().sts().endpoint(StsHosts.regional("eu-west-1")).toString();
    final Path jvmConfig = Files.writeString(
        Files.createTempFile(work, "jvm-", ".config"),
        "-server\n-Xmx1g\n-Daws.endpointUrlSts=" + endpoint + "\n-Djdk.net.hosts.file=" + hosts + "\n"
    );
    final List<String> args = new ArrayList<>(List.of(args(installedHome, readySpec())));
    args.addAll(List.of("--jvm-config", jvmConfig.toString()));

    final Doctor.Result result = doctor().run(work, args.toArray(new String[0]));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.check("credentials.assume-role"))
        .contains("FAIL", "signed for region " + stack.msk().broker().region(), endpoint,
                  "SignatureDoesNotMatch", "fix: the provider's stsRegion must be the region of the STS endpoint");
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void aMissingWebIdentityTokenFileFailsTheBaseIdentityCheckNamingIrsa() throws Exception
  {
    final Path absent = work.resolve("no-such-token");

    final Doctor.Result result = doctor().unset("AWS_ACCESS_KEY_ID")
                                         .unset("AWS_SECRET_ACCESS_KEY")
                                         .env("AWS_WEB_IDENTITY_TOKEN_FILE", absent.toString())
                                         .env("AWS_ROLE_ARN", "arn:aws:iam::111111111111:role/druid-node")
                                         .run(work, args(installedHome, readySpec()));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.check("credentials.base-identity"))
        .contains("FAIL", "EKS IRSA is configured but its web identity token file " + absent,
                  "fix: the token is a projected service-account token", "eks.amazonaws.com/role-arn");
    assertThat(result.check("credentials.assume-role")).contains("SKIP");
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void unresolvableBrokerFailsTheDnsCheck() throws Exception
  {
    final Doctor.Result result = doctor().run(work, args(installedHome, spec(SESSION, TestStacks.EXTERNAL_ID, TOPIC, "b-1.doctor.invalid:9098", true)));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.check("network.dns"))
        .contains("FAIL", "cannot resolve b-1.doctor.invalid", "fix: check the host names in bootstrap.servers");
    assertThat(result.check("kafka.authenticate")).contains("SKIP", "the network checks failed");
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void nonTlsPortFailsTheTlsCheckAsNotTheIamListener() throws Exception
  {
    final String plaintextListener = stack.msk().broker().internalBootstrap();

    final Doctor.Result result = doctor().run(work, args(installedHome, spec(SESSION, TestStacks.EXTERNAL_ID, TOPIC, plaintextListener, true)));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.check("network.tls"))
        .contains("FAIL", "TLS handshake failed with " + plaintextListener,
                  "fix: the port does not speak TLS, so it is not the IAM listener: MSK's IAM listener is port 9098");
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void topicWithoutPolicyFailsTheDescribeTopicCheckNamingTheIamAction() throws Exception
  {
    final Doctor.Result result = doctor().run(work, args(installedHome, spec(SESSION, TestStacks.EXTERNAL_ID, FORBIDDEN_TOPIC, tlsBootstrap(), true)));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.check("kafka.authenticate")).contains("PASS");
    assertThat(result.check("kafka.describe-topic"))
        .contains("FAIL", "the role lacks kafka-cluster:DescribeTopic",
                  "fix: grant the role kafka-cluster:DescribeTopic on the topic's ARN: statement ReadTopic of "
                  + "druid-msk's reader policy; `druid-msk policy --spec SPEC");
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void groupWithoutPolicyFailsTheConsumerGroupCheckNamingTheIamAction() throws Exception
  {
    final Doctor.Result result = doctor().run(work, args(installedHome, spec(NO_GROUP_SESSION, TestStacks.EXTERNAL_ID, TOPIC, tlsBootstrap(), true)));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.check("kafka.fetch")).contains("PASS");
    assertThat(result.check("kafka.consumer-group"))
        .contains("FAIL", "the role lacks kafka-cluster:DescribeGroup",
                  "fix: grant the role kafka-cluster:DescribeGroup on Druid's consumer groups",
                  "statement UseDruidConsumerGroups of druid-msk's reader policy; `druid-msk policy --spec SPEC");
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void groupDescribeWithoutJoinFailsTheConsumerGroupCheckNamingAlterGroup() throws Exception
  {
    final Doctor.Result result = doctor().run(work, args(installedHome, spec(DESCRIBE_GROUP_SESSION, TestStacks.EXTERNAL_ID, TOPIC, tlsBootstrap(), true)));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.check("kafka.consumer-group"))
        .contains("FAIL", "described: state Dead (kafka-cluster:DescribeGroup)", "the role lacks kafka-cluster:AlterGroup",
                  "fix: grant the role kafka-cluster:AlterGroup on Druid's consumer groups",
                  "statement UseDruidConsumerGroups of druid-msk's reader policy; `druid-msk policy --spec SPEC");
  }

  /**
   * An STS of the test's own for the reader role, issuing through the emulator's authority (so the broker accepts
   * what it issues): its faults and settings reach no other test of the class, which run concurrently.
   */
  private static LocalSts.Builder privateSts()
  {
    return LocalSts.builder(stack.msk().authority()).user(TestStacks.DRUID).role(trusted(TestStacks.READER_ROLE));
  }

  private static Doctor doctor()
  {
    return Doctor.onNode(stack.msk(), TRUSTSTORE_PASSWORD_ENV);
  }

  private static String tlsBootstrap()
  {
    return stack.msk().broker().saslSslBootstrap();
  }

  private static String[] args(Path home, Path spec)
  {
    return new String[]{"--druid-home", home.toString(), "--spec", spec.toString(), "--timeout", Doctor.PROBE_TIMEOUT};
  }

  private static String roleOf(String session)
  {
    return switch (session) {
      case NO_GROUP_SESSION -> NO_GROUP_ROLE;
      case DESCRIBE_GROUP_SESSION -> DESCRIBE_GROUP_ROLE;
      default -> TestStacks.READER_ROLE;
    };
  }

  /** The spec on which every check passes against the emulator as it was started. */
  private static Path readySpec() throws Exception
  {
    return spec(SESSION, TestStacks.EXTERNAL_ID, TOPIC, tlsBootstrap(), true);
  }

  /** The spec a supervisor of the msk-iam-api-telemetry kind would have, pointed at the emulator. */
  private static Path spec(String session, String externalId, String topic, String bootstrap, boolean tls) throws Exception
  {
    final ObjectNode provider = MAPPER.createObjectNode()
                                      .put("type", "aws-msk-iam")
                                      .put("roleArn", roleOf(session))
                                      .put("roleSessionName", session)
                                      .put("externalId", externalId)
                                      .put("stsRegion", stack.msk().broker().region())
                                      .put("securityProtocol", tls ? "SASL_SSL" : "SASL_PLAINTEXT");
    final ObjectNode consumer = MAPPER.createObjectNode().put("bootstrap.servers", bootstrap);
    consumer.set("druid.dynamic.config.provider", provider);
    if (tls) {
      consumer.put("ssl.truststore.location", stack.msk().broker().tls().truststore().toString());
      consumer.put("ssl.truststore.type", "PKCS12");
      consumer.putObject("ssl.truststore.password").put("type", "environment").put("variable", TRUSTSTORE_PASSWORD_ENV);
    }
    final ObjectNode spec = (ObjectNode) MAPPER.readTree(
        "{\"type\":\"kafka\",\"spec\":{"
        + "\"dataSchema\":{\"dataSource\":\"api-requests\",\"timestampSpec\":{\"column\":\"ts\",\"format\":\"auto\"},"
        + "\"dimensionsSpec\":{\"dimensions\":[\"route\"]},"
        + "\"granularitySpec\":{\"rollup\":false,\"segmentGranularity\":\"hour\",\"queryGranularity\":\"none\"}},"
        + "\"ioConfig\":{\"topic\":\"" + topic + "\",\"inputFormat\":{\"type\":\"json\"},\"taskDuration\":\"PT1H\"},"
        + "\"tuningConfig\":{\"type\":\"kafka\"}}}"
    );
    ((ObjectNode) spec.path("spec").path("ioConfig")).set("consumerProperties", consumer);
    Files.createDirectories(work);
    final Path file = Files.createTempFile(work, "spec-", ".json");
    Files.writeString(file, MAPPER.writeValueAsString(spec));
    return file;
  }
}
