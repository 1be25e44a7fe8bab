package dev.druidmsk.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.druidmsk.cli.druid.DruidEndpoints;
import dev.druidmsk.cluster.DruidCluster;
import dev.druidmsk.cluster.DruidClusterConfig;
import dev.druidmsk.cli.druid.DruidClient;
import dev.druidmsk.ingest.BuildOutputs;
import dev.druidmsk.ingest.LocalIngestionStack;
import dev.druidmsk.ingest.ReaderIdentity;
import dev.druidmsk.localmsk.ClientProperties;
import dev.druidmsk.localmsk.LocalMsk;
import dev.druidmsk.localmsk.sts.Role;
import dev.druidmsk.localmsk.testing.ScopedSystemProperties;
import dev.druidmsk.localmsk.testing.TestStacks;
import dev.druidmsk.telemetry.ApiRequestGenerator;
import dev.druidmsk.telemetry.ApiRequestProducer;
import dev.druidmsk.telemetry.ProducedTotals;
import dev.druidmsk.testing.DruidReaderClients;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The local ingestion stack a suite runs on, with this JVM's AWS system properties pointed at its STS (so tests can
 * produce over IAM too, as their own producer role), and the Overlord calls the tests make directly. Public for the
 * scale suites and benchmarks. A suite that kills or reconfigures a service starts its own ({@link #start}); the
 * others share one per test JVM ({@link SharedCluster}).
 */
public final class E2eCluster implements AutoCloseable
{
  public static final ObjectMapper JSON = new ObjectMapper();
  public static final ReaderIdentity READER = new ReaderIdentity(
      TestStacks.DRUID,
      TestStacks.READER_ROLE,
      TestStacks.EXTERNAL_ID
  );

  private final LocalIngestionStack stack;
  private final ScopedSystemProperties aws;
  /** False for a suite's view of the {@link SharedCluster}'s stack, which outlives the suite. */
  private final boolean ownsStack;

  private E2eCluster(LocalIngestionStack stack, boolean ownsStack)
  {
    this.stack = stack;
    this.ownsStack = ownsStack;
    this.aws = ScopedSystemProperties.set(stack.msk().awsSystemProperties()).put("aws.disableEc2Metadata", "true");
  }

  /** A suite's view of a stack it did not start: this JVM's AWS system properties until close, which stops nothing. */
  static E2eCluster borrowing(LocalIngestionStack stack)
  {
    return new E2eCluster(stack, false);
  }

  /** {@code withBundle} false: a stock Druid home, as on a node that lacks druid-msk. */
  static E2eCluster start(Class<?> suite, boolean withBundle, Consumer<DruidClusterConfig.Builder> cluster)
      throws Exception
  {
    return start(suite, withBundle, msk -> msk, cluster);
  }

  /** {@code emulator} adjusts the MSK IAM emulator: credential lifetime, broker re-authentication. */
  public static E2eCluster start(
      Class<?> suite,
      boolean withBundle,
      UnaryOperator<LocalMsk.Builder> emulator,
      Consumer<DruidClusterConfig.Builder> cluster
  ) throws Exception
  {
    return start(suite, withBundle, READER, emulator, cluster);
  }

  /** As above, with Druid's nodes reading as {@code reader}: their own identity IRSA, for instance. */
  public static E2eCluster start(
      Class<?> suite,
      boolean withBundle,
      ReaderIdentity reader,
      UnaryOperator<LocalMsk.Builder> emulator,
      Consumer<DruidClusterConfig.Builder> cluster
  ) throws Exception
  {
    return new E2eCluster(startStack(suite, withBundle, reader, emulator, cluster), true);
  }

  /** The stack alone, with the tests' producer role and its policy; whoever starts it stops it. */
  static LocalIngestionStack startStack(
      Class<?> suite,
      boolean withBundle,
      ReaderIdentity reader,
      UnaryOperator<LocalMsk.Builder> emulator,
      Consumer<DruidClusterConfig.Builder> cluster
  ) throws Exception
  {
    final UnaryOperator<LocalMsk.Builder> withProducer = msk -> emulator.apply(
        msk.role(Role.trusting(TestStacks.PRODUCER_ROLE, null, TestStacks.DRUID.arn()))
    );
    final LocalIngestionStack stack = LocalIngestionStack.start(
        TestStacks.workDir(suite),
        BuildOutputs.fromSystemProperties(),
        reader,
        withBundle,
        withProducer,
        cluster,
        line -> System.out.println("[" + suite.getSimpleName() + "] " + line)
    );
    try {
      stack.msk().broker().policies(
          TestStacks.PRODUCER_ROLE,
          List.of(TestStacks.producerPolicy(stack.msk().clusterArn()))
      );
    }
    catch (IOException | RuntimeException e) {
      stack.close();
      throw e;
    }
    return stack;
  }

  public LocalIngestionStack stack()
  {
    return stack;
  }

  /** Kafka client properties of the reader role over SASL_SSL, as the aws-msk-iam provider makes them. */
  public Map<String, Object> readerClient(String sessionName)
  {
    return DruidReaderClients.clientProperties(
        stack.msk(),
        DruidReaderClients.readerProvider(sessionName, TestStacks.EXTERNAL_ID, true),
        true
    );
  }

  /**
   * Kafka client properties of the tests' producer, IAM as its own role ({@link TestStacks#PRODUCER_ROLE}), with only
   * what producing needs, so the reader role holds nothing beyond Druid's generated policy. Over SASL_SSL, except with
   * several brokers: their SASL_SSL listeners advertise MSK's names, which this JVM cannot resolve (no hosts file), so
   * SASL_PLAINTEXT, whose brokers are advertised as {@code localhost}.
   */
  public Map<String, Object> producerClient(String sessionName)
  {
    return new HashMap<>(ClientProperties.assumingRole(
        stack.msk().broker(), stack.msk().cluster().brokers().size() == 1, TestStacks.PRODUCER_ROLE, sessionName, null
    ));
  }

  /** {@code count} API requests into {@code topic} as the tests' producer, 10 ms apart from five minutes ago. */
  public ProducedTotals produce(String topic, int count) throws Exception
  {
    try (ApiRequestProducer producer = new ApiRequestProducer(producerClient("e2e-producer"))) {
      final Instant start = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
      return producer.send(topic, new ApiRequestGenerator(42, start, Duration.ofMillis(10)), count);
    }
  }

  public DruidClient overlord()
  {
    return stack.druid().overlord();
  }

  /** A JSON document the Overlord must have: a 404 fails like any other error. */
  public JsonNode overlordGet(String path)
  {
    return overlord().getJson(path, "GET " + path).orElseThrow(
        () -> new IllegalStateException("GET " + path + " answered 404")
    );
  }

  /** Ids of the supervisor's active tasks, in the order Druid lists them. */
  public List<String> activeTaskIds(String supervisor)
  {
    final List<String> ids = new ArrayList<>();
    overlordGet(DruidEndpoints.supervisorStatus(supervisor)).path("payload").path("activeTasks")
        .forEach(task -> ids.add(task.path("id").asText()));
    return ids;
  }

  /** Terminates every supervisor; their tasks go on to publish and end. */
  public void terminateSupervisors()
  {
    overlord().post(DruidEndpoints.TERMINATE_ALL_SUPERVISORS, "terminate every supervisor");
  }

  /** Ids of the cluster's running, pending and waiting tasks. */
  public List<String> unfinishedTaskIds()
  {
    final List<String> ids = new ArrayList<>();
    for (String state : List.of("runningTasks", "pendingTasks", "waitingTasks")) {
      overlordGet("/druid/indexer/v1/" + state).forEach(task -> ids.add(task.path("id").asText()));
    }
    return ids;
  }

  public static void await(String what, Duration timeout, Callable<Boolean> condition) throws InterruptedException
  {
    DruidCluster.awaitApi(what, timeout, condition, line -> System.out.println("[e2e] " + line));
  }

  @Override
  public void close() throws Exception
  {
    try {
      if (ownsStack) {
        stack.close();
      }
    }
    finally {
      aws.close();
    }
  }
}
