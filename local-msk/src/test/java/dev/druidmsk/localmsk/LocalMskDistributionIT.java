package dev.druidmsk.localmsk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.druidmsk.localmsk.testing.ScopedSystemProperties;
import dev.druidmsk.localmsk.testing.TestStacks;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.FileInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged command, as a user runs it: {@code local-msk/target/local-msk/bin/local-msk start}, a real
 * aws-msk-iam-auth client that assumes the role with the base user's credentials file, then {@code stop}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalMskDistributionIT
{
  private static final String ROLE = "arn:aws:iam::333333333333:role/app-reader";
  private static final String EXTERNAL_ID = "app-external-id";
  /**
   * What the client below does and no more: produce idempotently to dist-orders and read it in group dist-readers.
   * The cluster's UUID is made at start, hence the wildcard in its place.
   */
  private static final String APP_POLICY = """
      {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["kafka-cluster:Connect", "kafka-cluster:WriteDataIdempotently"],
         "Resource": "arn:aws:kafka:us-east-1:333333333333:cluster/it-cluster/*"},
        {"Effect": "Allow",
         "Action": ["kafka-cluster:DescribeTopic", "kafka-cluster:WriteData", "kafka-cluster:ReadData"],
         "Resource": "arn:aws:kafka:us-east-1:333333333333:topic/it-cluster/*/dist-orders"},
        {"Effect": "Allow", "Action": ["kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup"],
         "Resource": "arn:aws:kafka:us-east-1:333333333333:group/it-cluster/*/dist-readers"}
      ]}
      """;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
  private static Path command;
  private static Path workDir;
  private static Process start;
  private static JsonNode endpoints;

  @BeforeAll
  static void start() throws Exception
  {
    command = Path.of(System.getProperty("druidmsk.localmsk.dist"), "bin", "local-msk");
    workDir = TestStacks.workDir(LocalMskDistributionIT.class);
    Files.createDirectories(workDir);
    final Path policy = workDir.resolve("app-reader-policy.json");
    Files.writeString(policy, APP_POLICY, StandardCharsets.UTF_8);
    // The broker-lib/ of the distribution, found beside its lib/: not this JVM's druidmsk.broker.lib.
    start = new ProcessBuilder(
        command.toString(), "start", "--work-dir", workDir.toString(), "--cluster-name", "it-cluster",
        "--role", ROLE + ':' + EXTERNAL_ID, "--authorization", "on", "--policy", ROLE + '=' + policy
    ).redirectOutput(workDir.resolve("start.out").toFile()).redirectError(workDir.resolve("start.err").toFile()).start();
    final Path file = workDir.resolve("endpoints.json");
    final long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!Files.exists(file) && start.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(file).as("endpoints.json; stderr: %s", read("start.err")).exists();
    endpoints = JSON.readTree(file.toFile());
  }

  @AfterAll
  static void stopLeftovers() throws Exception
  {
    if (start != null && start.isAlive()) {
      start.destroy();
      start.waitFor(90, TimeUnit.SECONDS);
    }
  }

  @Test
  @Order(1)
  void endpointsNameEveryListenerTheStsTheRoleAndTheClusterArn() throws Exception
  {
    assertThat(endpoints.path("clusterArn").asText())
        .matches("arn:aws:kafka:us-east-1:333333333333:cluster/it-cluster/[0-9a-f-]{36}");
    assertThat(endpoints.path("region").asText()).isEqualTo("us-east-1");
    final List<String> protocols = new ArrayList<>();
    endpoints.path("listeners").forEach(listener -> protocols.add(listener.path("securityProtocol").asText()));
    assertThat(protocols).containsExactly("SASL_PLAINTEXT", "SASL_SSL", "PLAINTEXT");
    assertThat(endpoints.path("listeners").get(2).path("purpose").asText()).contains("test setup only");
    assertThat(endpoints.path("sts").path("endpoint").asText()).startsWith("http://127.0.0.1:");
    assertThat(endpoints.path("roles").get(0).path("arn").asText()).isEqualTo(ROLE);
    assertThat(endpoints.path("roles").get(0).path("externalIdRequired").asBoolean()).isTrue();
    assertThat(Path.of(endpoints.path("baseUser").path("credentialsFile").asText())).exists();
  }

  @Test
  @Order(2)
  void endpointsHoldNoSecretKey() throws Exception
  {
    final String secret = credentials().getProperty("aws_secret_access_key");

    assertThat(secret).isNotBlank();
    assertThat(Files.readString(workDir.resolve("endpoints.json"))).doesNotContain(secret);
    assertThat(read("start.out")).doesNotContain(secret);
  }

  @Test
  @Order(3)
  void realClientAssumesTheRoleWithTheBaseCredentialsFileAndProducesAndConsumes() throws Exception
  {
    try (Admin operator = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.path("listeners").get(2).path("bootstrapServers").asText()
    ))) {
      operator.createTopics(List.of(new NewTopic("dist-orders", 1, (short) 1))).all().get(60, TimeUnit.SECONDS);
    }
    final Map<String, Object> client = roleClient("dist-it");
    try (ScopedSystemProperties aws = ScopedSystemProperties.set(Map.of(
        "aws.endpointUrlSts", endpoints.path("sts").path("endpoint").asText(),
        "aws.region", endpoints.path("region").asText(),
        "aws.sharedCredentialsFile", endpoints.path("baseUser").path("credentialsFile").asText(),
        "aws.disableEc2Metadata", "true"
    ))) {
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(
          client, new StringSerializer(), new StringSerializer())) {
        producer.send(new ProducerRecord<>("dist-orders", "k", "order-1")).get(60, TimeUnit.SECONDS);
      }
      final Map<String, Object> consumerProperties = new HashMap<>(client);
      consumerProperties.put(ConsumerConfig.GROUP_ID_CONFIG, "dist-readers");
      consumerProperties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
          consumerProperties, new StringDeserializer(), new StringDeserializer())) {
        consumer.subscribe(Set.of("dist-orders"));
        final List<String> values = new ArrayList<>();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (values.isEmpty() && System.nanoTime() < deadline) {
          consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
        }
        assertThat(values).containsExactly("order-1");
      }
    }
  }

  @Test
  @Order(3)
  void anIrsaNodeWithTheSettingsOfEndpointsJsonAssumesTheRole() throws Exception
  {
    final Map<String, String> irsa = new HashMap<>();
    endpoints.path("nodeIdentities").path("IRSA").fields().forEachRemaining(e -> irsa.put(e.getKey(), e.getValue().asText()));
    try (ScopedSystemProperties node = ScopedSystemProperties.set(irsa);
         Admin admin = Admin.create(roleClient("dist-irsa"))) {
      assertThat(admin.describeCluster().nodes().get(60, TimeUnit.SECONDS)).hasSize(1);
    }
  }

  @Test
  @Order(4)
  void secondStartOnTheSameWorkDirIsRefused() throws Exception
  {
    final Result second = run("start", "--work-dir", workDir.toString());

    assertThat(second.exitCode()).isEqualTo(1);
    assertThat(second.err()).contains("already runs from " + workDir).contains("local-msk stop --work-dir");
  }

  @Test
  @Order(5)
  void badOptionExitsWithUsageBeforeAnythingStarts() throws Exception
  {
    final Path other = workDir.resolveSibling(workDir.getFileName() + "-bad");

    final Result bad = run("start", "--work-dir", other.toString(), "--authorization", "maybe");

    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--authorization takes on or off");
    assertThat(other).doesNotExist();
  }

  @Test
  @Order(6)
  void stopEndsTheCommandAndItsBroker() throws Exception
  {
    final long brokerPid = start.descendants()
                                .filter(process -> process.info().commandLine().orElse("").contains("dev.druidmsk.localmsk.server.BrokerMain"))
                                .findFirst()
                                .orElseThrow()
                                .pid();

    final Result stop = run("stop", "--work-dir", workDir.toString());

    assertThat(stop.exitCode()).as("stop: %s %s", stop.out(), stop.err()).isZero();
    assertThat(stop.out()).contains("Stopped local-msk (pid ");
    assertThat(start.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(ProcessHandle.of(brokerPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(workDir.resolve("local-msk.pid")).doesNotExist();
    assertThat(workDir.resolve("endpoints.json")).doesNotExist();
  }

  @Test
  @Order(7)
  void stopWithNothingRunningSaysSo() throws Exception
  {
    final Result stop = run("stop", "--work-dir", workDir.toString());

    assertThat(stop.exitCode()).isZero();
    assertThat(stop.out()).contains("Nothing to stop: no local-msk runs from " + workDir);
  }

  private record Result(int exitCode, String out, String err)
  {
  }

  private static Result run(final String... args) throws Exception
  {
    final List<String> line = new ArrayList<>(List.of(command.toString()));
    line.addAll(List.of(args));
    final Path out = Files.createTempFile(workDir, "run", ".out");
    final Path err = Files.createTempFile(workDir, "run", ".err");
    final Process process = new ProcessBuilder(line).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static Properties credentials() throws Exception
  {
    final Properties properties = new Properties();
    try (FileInputStream in = new FileInputStream(endpoints.path("baseUser").path("credentialsFile").asText())) {
      properties.load(in);
    }
    return properties;
  }

  private static String read(final String name) throws Exception
  {
    final Path file = workDir.resolve(name);
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }

  private static Map<String, Object> roleClient(final String session)
  {
    final Map<String, Object> client = new HashMap<>();
    client.put("bootstrap.servers", endpoints.path("listeners").get(0).path("bootstrapServers").asText());
    client.put("security.protocol", "SASL_PLAINTEXT");
    client.put("sasl.mechanism", "AWS_MSK_IAM");
    client.put("sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required awsRoleArn=\"" + ROLE
                                   + "\" awsRoleSessionName=\"" + session + "\" awsRoleExternalId=\"" + EXTERNAL_ID
                                   + "\" awsAddDefaultProviders=\"false\";");
    client.put("sasl.client.callback.handler.class", "software.amazon.msk.auth.iam.IAMClientCallbackHandler");
    return client;
  }
}
