package dev.druidmsk.scale;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.e2e.E2eCluster;
import dev.druidmsk.localmsk.testing.ReaderStack;
import dev.druidmsk.localmsk.testing.TestStacks;
import dev.druidmsk.telemetry.ProducedTotals;
import dev.druidmsk.testing.DruidReaderClients;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmarks of docs/benchmarks.md, measured in one run on one Druid cluster: Druid's ingestion rate and its
 * times to the first and to all rows queryable over IAM/SASL_SSL and over PLAINTEXT, the raw kafka-clients consumer
 * rate on the same topics (the ceiling), and AssumeRole calls per hour for 1, 10 and 50 consumers of one role,
 * library handler against shared cache. Prints {@code BENCH} lines and writes them as a markdown table to
 * {@code target/benchmark-results.md}; asserts only that every event arrived, never a time.
 *
 * <p>Opt-in: {@code -Dit.test=IngestionBenchmarkIT -Ddruidmsk.benchmark=true} (about 9 minutes; it starts a Druid
 * cluster: run it under the machine lock).
 */
@EnabledIfSystemProperty(named = "druidmsk.benchmark", matches = "true")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestionBenchmarkIT
{
  private static final int EVENTS = Integer.getInteger("druidmsk.benchmark.events", 500_000);
  /** Ingested first and not measured, so neither measured run pays for the indexer's class loading and JIT. */
  private static final int WARM_UP_EVENTS = 50_000;
  private static final Duration INGEST_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final String IAM = "bench_iam";
  private static final String IAM_WITHOUT_TLS = "bench_iam_sasl_plaintext";
  private static final String PLAINTEXT = "bench_plaintext";
  private static final String COLUMNS = "| IAM/SASL_SSL | IAM/SASL_PLAINTEXT | PLAINTEXT | SASL_SSL / PLAINTEXT "
                                        + "| SASL_PLAINTEXT / PLAINTEXT |";
  private static final String SEPARATOR = "|---|---|---|---|---|---|";

  private static final Duration CREDENTIAL_LIFETIME = Duration.ofSeconds(10);
  private static final Duration REFRESH_PERIOD = CREDENTIAL_LIFETIME.dividedBy(2);
  private static final Duration ASSUME_ROLE_WINDOW = Duration.ofSeconds(30);
  /** AWS's default one-hour role session, refreshed 5 minutes before expiry by the AWS SDK and the shared cache. */
  private static final double REFRESHES_PER_HOUR_WITH_ONE_HOUR_SESSIONS = 60.0 / 55.0;
  private static final int[] CONSUMERS = {1, 10, 50};

  private static final List<String> RESULTS = new ArrayList<>();
  private static E2eCluster cluster;
  private static TelemetrySupervisors supervisors;
  private static IngestionRun iam;
  private static IngestionRun iamWithoutTls;
  private static IngestionRun plaintext;

  /** One Druid ingestion of a topic that already holds every event. */
  private record IngestionRun(long firstRowMs, long allRowsMs, long visibleAtFirstRow, long events)
  {
    /** Events per second between the first rows and all rows being queryable. */
    double rate()
    {
      return (events - visibleAtFirstRow) * 1000.0 / Math.max(1, allRowsMs - firstRowMs);
    }
  }

  @BeforeAll
  static void startClusterAndProduce() throws Exception
  {
    cluster = E2eCluster.start(IngestionBenchmarkIT.class, true, msk -> msk, druid -> { });
    supervisors = new TelemetrySupervisors(cluster);
    final long start = System.nanoTime();
    for (String topic : List.of(IAM, IAM_WITHOUT_TLS, PLAINTEXT)) {
      assertThat(supervisors.produce(topic, 1, EVENTS).requests()).isEqualTo(EVENTS);
    }
    bench("pre-produced %,d events to each of 3 topics in %,d ms", EVENTS, (System.nanoTime() - start) / 1_000_000);
  }

  @AfterAll
  static void stopClusterAndWriteResults() throws Exception
  {
    if (cluster != null) {
      cluster.close();
    }
    final Path results = Path.of("target", "benchmark-results.md");
    Files.write(results, RESULTS);
    System.out.println("Benchmark results: " + results.toAbsolutePath());
  }

  private static void bench(String format, Object... args)
  {
    final String line = String.format(format, args);
    System.out.println("BENCH " + line);
    RESULTS.add("- " + line);
  }

  private static void table(String... rows)
  {
    RESULTS.add("");
    RESULTS.addAll(List.of(rows));
    RESULTS.add("");
    for (String row : rows) {
      System.out.println("BENCH " + row);
    }
  }

  @Test
  @Order(1)
  void druidIngestsEveryEventOverIamAndOverPlaintext() throws Exception
  {
    final ProducedTotals warmUp = supervisors.produce("bench_warm_up", 1, WARM_UP_EVENTS);
    ingest(supervisors.iamSpec("bench_warm_up"), "bench_warm_up", warmUp.requests());

    iam = ingest(supervisors.iamSpec(IAM), IAM, EVENTS);
    iamWithoutTls = ingest(supervisors.iamWithoutTlsSpec(IAM_WITHOUT_TLS), IAM_WITHOUT_TLS, EVENTS);
    plaintext = ingest(supervisors.plaintextSpec(PLAINTEXT), PLAINTEXT, EVENTS);

    assertThat(supervisors.requests(IAM)).isEqualTo(EVENTS);
    assertThat(supervisors.requests(IAM_WITHOUT_TLS)).isEqualTo(EVENTS);
    assertThat(supervisors.requests(PLAINTEXT)).isEqualTo(EVENTS);
    table(
        String.format("| Druid ingestion of %,d pre-produced events %s", EVENTS, COLUMNS),
        SEPARATOR,
        row("steady-state rate, events/s (first rows to all rows queryable)", "%,.0f", "%.3f",
            iam.rate(), iamWithoutTls.rate(), plaintext.rate()),
        row("submit to first rows queryable, ms", "%,.0f", "%.2f",
            iam.firstRowMs(), iamWithoutTls.firstRowMs(), plaintext.firstRowMs()),
        row("submit to all rows queryable, ms", "%,.0f", "%.2f",
            iam.allRowsMs(), iamWithoutTls.allRowsMs(), plaintext.allRowsMs())
    );
  }

  /** One table row: the three measurements and each IAM one's ratio to PLAINTEXT. */
  private static String row(String what, String valueFormat, String ratioFormat, double overSsl, double overSasl,
                            double overPlaintext)
  {
    return String.format(
        "| %s | " + valueFormat + " | " + valueFormat + " | " + valueFormat + " | " + ratioFormat + " | "
        + ratioFormat + " |",
        what, overSsl, overSasl, overPlaintext, overSsl / overPlaintext, overSasl / overPlaintext
    );
  }

  /**
   * Submits the spec and polls Druid SQL until every event is queryable: when the first rows appear, how many, and
   * when all are there. Then terminates the supervisor and waits for its task to finish, so runs do not overlap.
   */
  private static IngestionRun ingest(ObjectNode spec, String dataSource, long events) throws Exception
  {
    final long start = System.nanoTime();
    supervisors.submit(spec);
    long firstRow = -1;
    long visibleAtFirstRow = 0;
    while (true) {
      final long visible = visibleRequests(dataSource);
      final long now = System.nanoTime();
      if (visible > 0 && firstRow < 0) {
        firstRow = now;
        visibleAtFirstRow = visible;
      }
      if (visible == events) {
        supervisors.terminateAllAndAwaitNoTasks();
        return new IngestionRun((firstRow - start) / 1_000_000, (now - start) / 1_000_000, visibleAtFirstRow, events);
      }
      if (now - start > INGEST_TIMEOUT.toNanos()) {
        throw new IllegalStateException(dataSource + ": " + visible + " of " + events + " after " + INGEST_TIMEOUT);
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  /** Ingested requests, or -1 while Druid SQL cannot answer yet (a broker still discovering the new segments). */
  private static long visibleRequests(String dataSource) throws Exception
  {
    try {
      return supervisors.requests(dataSource);
    }
    catch (IOException e) {
      return -1;
    }
  }

  @Test
  @Order(2)
  void rawKafkaConsumerReadsEveryEventOverIamAndOverPlaintext()
  {
    final double overIam = rawConsumerRate(cluster.readerClient("bench-raw-consumer"), IAM);
    final double overIamWithoutTls = rawConsumerRate(DruidReaderClients.clientProperties(
        cluster.stack().msk(), DruidReaderClients.readerProvider("bench-raw-consumer-sasl", TestStacks.EXTERNAL_ID, false), false
    ), IAM_WITHOUT_TLS);
    final Map<String, Object> unauthenticated = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.stack().msk().broker().internalBootstrap()
    );
    final double overPlaintext = rawConsumerRate(unauthenticated, PLAINTEXT);

    table(
        String.format("| raw kafka-clients 3.9.0 consumer, one partition, %,d events %s", EVENTS, COLUMNS),
        SEPARATOR,
        row("records/s (first batch to last record)", "%,.0f", "%.3f", overIam, overIamWithoutTls, overPlaintext)
    );
    if (iam != null && iamWithoutTls != null && plaintext != null) {
      bench("Druid's rate as a share of the raw consumer's: IAM/SASL_SSL %.3f, IAM/SASL_PLAINTEXT %.3f, PLAINTEXT %.3f",
            iam.rate() / overIam, iamWithoutTls.rate() / overIamWithoutTls, plaintext.rate() / overPlaintext);
    }
  }

  /** Reads the topic's one partition from the start, in this JVM, until every event arrived; records per second. */
  private static double rawConsumerRate(Map<String, Object> client, String topic)
  {
    final Map<String, Object> properties = new HashMap<>(client);
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    try (KafkaConsumer<byte[], byte[]> consumer =
             new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      final TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long read = 0;
      long firstBatch = -1;
      long firstBatchSize = 0;
      while (read < EVENTS) {
        final int batch = consumer.poll(Duration.ofMillis(500)).count();
        read += batch;
        if (batch > 0 && firstBatch < 0) {
          firstBatch = System.nanoTime();
          firstBatchSize = batch;
        }
      }
      assertThat(read).isEqualTo(EVENTS);
      return (read - firstBatchSize) * 1e9 / Math.max(1, System.nanoTime() - firstBatch);
    }
  }

  /**
   * Measured with consumers in this JVM (as N supervisors or tasks on one node have them) against an emulator whose
   * credentials live {@link #CREDENTIAL_LIFETIME} and whose broker re-authenticates every connection once per
   * refresh period, so each per-client consumer needs new credentials about once per period.
   */
  @Test
  @Order(3)
  void assumeRoleCallsPerHourForOneTenAndFiftyConsumers() throws Exception
  {
    final List<String> rows = new ArrayList<>();
    rows.add("| consumers | credentialCache | AssumeRole in " + ASSUME_ROLE_WINDOW.toSeconds() + " s | per refresh "
             + "period ("
             + REFRESH_PERIOD.toSeconds() + " s) | per hour at " + CREDENTIAL_LIFETIME.toSeconds()
             + " s credentials | per hour at 1 h credentials |");
    rows.add("|---|---|---|---|---|---|");
    try (ReaderStack stack = ReaderStack.start(
        IngestionBenchmarkIT.class,
        msk -> msk.rotationTestLifetime(CREDENTIAL_LIFETIME).broker(broker -> broker.reauthentication(REFRESH_PERIOD))
    )) {
      stack.policies(TestStacks.READER_ROLE, TestStacks.readerPolicy(stack.msk().clusterArn()));
      for (int consumers : CONSUMERS) {
        for (String cache : List.of("per-client", "shared")) {
          final ScaleRun run = ScaleRun.measure(stack, cache, consumers, ASSUME_ROLE_WINDOW);
          assertThat(run.reports).allSatisfy(report -> assertThat(report.records).isEqualTo(run.produced));
          rows.add(assumeRoleRow(run));
        }
      }
    }
    table(rows.toArray(new String[0]));
  }

  private static String assumeRoleRow(ScaleRun run)
  {
    final double periods = (double) ASSUME_ROLE_WINDOW.toMillis() / REFRESH_PERIOD.toMillis();
    final double perPeriod = run.assumeRoles / periods;
    return String.format(
        "| %d | %s | %d | %.1f | %,.0f | %.1f |",
        run.consumers,
        run.credentialCache,
        run.assumeRoles,
        perPeriod,
        run.assumeRoles * 3600.0 / ASSUME_ROLE_WINDOW.toSeconds(),
        perPeriod * REFRESHES_PER_HOUR_WITH_ONE_HOUR_SESSIONS
    );
  }
}
