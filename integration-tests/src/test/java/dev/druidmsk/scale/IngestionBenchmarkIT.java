package dev.druidmsk.scale;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.cluster.DruidService;
import dev.druidmsk.e2e.E2eCluster;
import dev.druidmsk.localmsk.ClientProperties;
import dev.druidmsk.localmsk.broker.LocalKafkaBroker;
import dev.druidmsk.localmsk.iam.PrivateFiles;
import dev.druidmsk.localmsk.testing.ReaderStack;
import dev.druidmsk.localmsk.testing.TestStacks;
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
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmarks of docs/benchmarks.md, measured in one run on one Druid cluster and one broker offering every
 * listener MSK has: Druid's ingestion over IAM/SASL_SSL, SSL (MSK's TLS listener), IAM/SASL_PLAINTEXT, PLAINTEXT
 * and SCRAM-SHA-512/SASL_SSL, compared in pairs that isolate one cost each, every pair alternated ABBA after a
 * warm-up, each run on its own topic holding the same events; the raw kafka-clients consumer rate per mode (the
 * ceiling); and AssumeRole calls per hour for 1, 10 and 50 consumers of one role, library handler against shared
 * cache. The broker and the Druid JVMs run the normal JIT (C2), and where {@code taskset} exists the broker and the
 * Druid services run on separate CPUs. Prints {@code BENCH} lines and writes them as markdown to
 * {@code target/benchmark-results.md}; asserts only that every event arrived, never a time.
 *
 * <p>Opt-in: {@code -Dit.test=IngestionBenchmarkIT -Ddruidmsk.benchmark=true}; {@code -Ddruidmsk.benchmark.events}
 * (default 500,000 per topic) and {@code -Ddruidmsk.benchmark.repetitions} (default 3 per mode and pair) size it;
 * {@code -Ddruidmsk.benchmark.tuning=true} adds the tuning experiment's pairs (consumer fetch and buffer settings,
 * producer compression, each against the template's defaults), {@code =only} runs them without the listener pairs,
 * and {@code -Ddruidmsk.benchmark.tuning.settings} picks some of them by id (comma-separated: fetch_min_256k,
 * fetch_wait_100, partition_fetch_8m, receive_1m, lz4, zstd);
 * {@code -Ddruidmsk.benchmark.pin=false} leaves every
 * JVM on every CPU; {@code -Ddruidmsk.benchmark.profile=true} records the indexer and the broker with JFR in every measured run. It starts a Druid cluster: run it alone on the machine.
 */
@EnabledIfSystemProperty(named = "druidmsk.benchmark", matches = "true")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestionBenchmarkIT
{
  private static final int EVENTS = Integer.getInteger("druidmsk.benchmark.events", 500_000);
  private static final int REPETITIONS = Integer.getInteger("druidmsk.benchmark.repetitions", 3);
  /**
   * Ingested over every mode first and not measured, so no measured run pays for class loading and JIT: as long as a
   * measured run, since after 50,000 events the first measured run of a pair was still its slowest.
   */
  private static final int WARM_UP_EVENTS = EVENTS;
  private static final Duration INGEST_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration POLL = Duration.ofMillis(100);
  /**
   * A supervisor terminated 3 s after its task started (20,000 events, all queryable by then) logged "Stopping
   * taskGroup[0] early after running for duration[PT0S]" and "All tasks in taskGroup [0] have failed", and left its
   * task reading until its taskDuration; one terminated 14 s after did not. So no supervisor ends sooner than this
   * after its submit; the figures are taken before.
   */
  private static final Duration MIN_SUPERVISOR_RUN = Duration.ofSeconds(20);
  private static final String BROKER_CPUS = "0";
  /** On two CPUs pinning leaves one for every Druid JVM; false measures them sharing both, as before. */
  private static final boolean PIN = Boolean.parseBoolean(System.getProperty("druidmsk.benchmark.pin", "true"));

  /** {@code true} adds the tuning experiment's pairs to the listener comparisons; {@code only} runs them alone. */
  private static final String TUNING = System.getProperty("druidmsk.benchmark.tuning", "false");
  /** Records the indexer with JFR during each measured run and prints where its CPU went, per pair and mode. */
  private static final boolean PROFILE = Boolean.getBoolean("druidmsk.benchmark.profile");
  private static final Mode IAM_SASL_SSL = Mode.of(Listener.IAM_SASL_SSL);

  /** Each pair isolates one cost; the ratio is first ÷ second. */
  private static final List<Pair> PAIRS = pairs();

  private static final Duration CREDENTIAL_LIFETIME = Duration.ofSeconds(10);
  private static final Duration REFRESH_PERIOD = CREDENTIAL_LIFETIME.dividedBy(2);
  private static final Duration ASSUME_ROLE_WINDOW = Duration.ofSeconds(30);
  /** AWS's default one-hour role session, refreshed 5 minutes before expiry by the AWS SDK and the shared cache. */
  private static final double REFRESHES_PER_HOUR_WITH_ONE_HOUR_SESSIONS = 60.0 / 55.0;
  private static final int[] CONSUMERS = {1, 10, 50};

  private static final List<String> RESULTS = new ArrayList<>();
  private static final Instant STARTED = Instant.now();
  private static E2eCluster cluster;
  private static TelemetrySupervisors supervisors;
  private static Path scramJaasFile;
  private static final Map<Listener, List<IngestionRun>> RUNS = new EnumMap<>(Listener.class);

  /** The broker listener and authentication Druid reads with. */
  enum Listener
  {
    IAM_SASL_SSL("IAM/SASL_SSL", "iam_ssl"),
    SSL("SSL", "ssl"),
    IAM_SASL_PLAINTEXT("IAM/SASL_PLAINTEXT", "iam_plaintext"),
    PLAINTEXT("PLAINTEXT", "plaintext"),
    SCRAM_SASL_SSL("SCRAM/SASL_SSL", "scram_ssl");

    final String label;
    final String id;

    Listener(String label, String id)
    {
      this.label = label;
      this.id = id;
    }
  }

  /**
   * A listener, with consumer settings added to the supervisor's {@code consumerProperties} and producer settings for
   * its topics (the tuning experiment's; none in the listener comparisons).
   */
  private record Mode(Listener listener, String label, String id, Map<String, String> consumer,
                      Map<String, String> producer)
  {
    static Mode of(Listener listener)
    {
      return new Mode(listener, listener.label, listener.id, Map.of(), Map.of());
    }

    /** IAM/SASL_SSL with one consumer setting. */
    static Mode consumerSetting(String id, String key, String value)
    {
      return new Mode(Listener.IAM_SASL_SSL, Listener.IAM_SASL_SSL.label + " " + key + "=" + value,
                      Listener.IAM_SASL_SSL.id + '_' + id, Map.of(key, value), Map.of());
    }

    /** IAM/SASL_SSL reading topics a producer compressed with {@code codec}. */
    static Mode compressed(String codec)
    {
      return new Mode(Listener.IAM_SASL_SSL, Listener.IAM_SASL_SSL.label + " from " + codec + "-compressed topics",
                      Listener.IAM_SASL_SSL.id + '_' + codec, Map.of(), Map.of("compression.type", codec));
    }
  }

  /**
   * The three listener comparisons; with {@code -Ddruidmsk.benchmark.tuning=true} also the tuning experiment: each
   * consumer setting that matters over TLS, and producer compression, against IAM/SASL_SSL as the template renders it
   * (Kafka's defaults: fetch.min.bytes 1, fetch.max.wait.ms 500, max.partition.fetch.bytes 1 MiB,
   * receive.buffer.bytes 64 KiB, no compression).
   */
  private static List<Pair> pairs()
  {
    if (!List.of("false", "true", "only").contains(TUNING)) {
      throw new IllegalArgumentException("-Ddruidmsk.benchmark.tuning must be false, true or only; got " + TUNING);
    }
    final List<Pair> pairs = new ArrayList<>();
    if (!"only".equals(TUNING)) {
      pairs.addAll(List.of(
          new Pair(IAM_SASL_SSL, Mode.of(Listener.SSL), "IAM's cost over TLS, as against MSK's TLS listener"),
          new Pair(Mode.of(Listener.IAM_SASL_PLAINTEXT), Mode.of(Listener.PLAINTEXT),
                   "IAM's own cost, without encryption"),
          new Pair(IAM_SASL_SSL, Mode.of(Listener.SCRAM_SASL_SSL),
                   "IAM against SCRAM, both over TLS, as users choose on MSK")
      ));
    }
    if (!"false".equals(TUNING)) {
      for (Mode tuned : tunedModes()) {
        pairs.add(new Pair(tuned, IAM_SASL_SSL, "tuning: one setting against the template's defaults"));
      }
    }
    return List.copyOf(pairs);
  }

  /** Every tuning setting, or those {@code -Ddruidmsk.benchmark.tuning.settings} names (comma-separated ids). */
  private static List<Mode> tunedModes()
  {
    final Map<String, Mode> all = new LinkedHashMap<>();
    for (Mode mode : List.of(
        Mode.consumerSetting("fetch_min_256k", "fetch.min.bytes", "262144"),
        Mode.consumerSetting("fetch_wait_100", "fetch.max.wait.ms", "100"),
        Mode.consumerSetting("partition_fetch_8m", "max.partition.fetch.bytes", "8388608"),
        Mode.consumerSetting("receive_1m", "receive.buffer.bytes", "1048576"),
        Mode.compressed("lz4"),
        Mode.compressed("zstd")
    )) {
      all.put(mode.id().substring(Listener.IAM_SASL_SSL.id.length() + 1), mode);
    }
    final String chosen = System.getProperty("druidmsk.benchmark.tuning.settings", "");
    if (chosen.isBlank()) {
      return List.copyOf(all.values());
    }
    final List<Mode> modes = new ArrayList<>();
    for (String id : chosen.split(",")) {
      final Mode mode = all.get(id.trim());
      if (mode == null) {
        throw new IllegalArgumentException(
            "-Ddruidmsk.benchmark.tuning.settings names no setting '" + id.trim() + "'; the settings are " + all.keySet()
        );
      }
      modes.add(mode);
    }
    return modes;
  }

  private record Pair(Mode first, Mode second, String isolates)
  {
    String title()
    {
      return first.label() + " vs " + second.label();
    }

    /**
     * Its own topic per pair, mode and repetition, so that every run reads the same events from the start. Short:
     * the topic names the datasource, which names the role session (at most 64 characters).
     */
    String topic(Mode mode, int repetition)
    {
      return "bench_" + first.id() + "_vs_" + second.id() + '_' + (mode.equals(first) ? 'a' : 'b') + repetition;
    }

    /** A B B A A B ...: each mode's repetition i runs next to the other's, and the order alternates. */
    List<Mode> order()
    {
      final List<Mode> order = new ArrayList<>();
      for (int i = 0; i < REPETITIONS; i++) {
        order.addAll(i % 2 == 0 ? List.of(first, second) : List.of(second, first));
      }
      return order;
    }
  }

  /** One Druid ingestion of a topic that already holds every event, and the machine's load when it ended. */
  private record IngestionRun(long firstRowMs, long allRowsMs, long visibleAtFirstRow, long events, double load,
                              CpuProfile indexer, CpuProfile broker)
  {
    /** Events per second between the first rows and all rows being queryable. */
    double rate()
    {
      return (events - visibleAtFirstRow) * 1000.0 / Math.max(1, allRowsMs - firstRowMs);
    }
  }

  /** Median, minimum and maximum of some figures. */
  private record Spread(double median, double min, double max)
  {
    static Spread of(List<Double> values)
    {
      final List<Double> sorted = values.stream().sorted().toList();
      final int n = sorted.size();
      final double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
      return new Spread(median, sorted.get(0), sorted.get(n - 1));
    }

    String format(String number)
    {
      return String.format(number + " (" + number + "-" + number + ")", median, min, max);
    }
  }

  @BeforeAll
  static void startClusterAndProduce() throws Exception
  {
    if (REPETITIONS < 1) {
      throw new IllegalArgumentException("-Ddruidmsk.benchmark.repetitions must be 1 or more; got " + REPETITIONS);
    }
    cluster = E2eCluster.start(
        IngestionBenchmarkIT.class,
        true,
        msk -> msk.broker(broker -> broker.forMeasurement().tlsListener().scramListener()),
        druid -> druid.fullJit()
    );
    supervisors = new TelemetrySupervisors(cluster);
    scramJaasFile = writeScramJaasFile(cluster.stack().msk().broker());
    bench("modes compared: %d pairs%s", PAIRS.size(), switch (TUNING) {
      case "true" -> ", the tuning experiment's included";
      case "only" -> ", the tuning experiment's alone";
      default -> "";
    });
    bench("JIT: the broker, ZooKeeper and the Druid services run the normal tiered JIT (C2), not the suites' C1 only");
    bench("CPUs: %s", pinBrokerAndDruid());
    final long start = System.nanoTime();
    int topics = 0;
    for (Mode mode : modes()) {
      supervisors.produce(warmUpTopic(mode), 1, WARM_UP_EVENTS, mode.producer());
    }
    for (Pair pair : PAIRS) {
      for (Mode mode : List.of(pair.first(), pair.second())) {
        for (int i = 0; i < REPETITIONS; i++) {
          assertThat(supervisors.produce(pair.topic(mode, i), 1, EVENTS, mode.producer()).requests())
              .isEqualTo(EVENTS);
          topics++;
        }
      }
    }
    bench("pre-produced %,d events to each of %d topics (and %,d to each of %d warm-up topics) in %,d ms", EVENTS,
          topics, WARM_UP_EVENTS, modes().size(), (System.nanoTime() - start) / 1_000_000);
  }

  @AfterAll
  static void stopClusterAndWriteResults() throws Exception
  {
    if (cluster != null) {
      cluster.close();
    }
    final Instant ended = Instant.now();
    final DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    final List<String> document = new ArrayList<>();
    document.add(String.format(
        "## Results (one run, %s, %s-%s UTC, test %d s)",
        DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC).format(STARTED), time.format(STARTED),
        time.format(ended), Duration.between(STARTED, ended).toSeconds()
    ));
    document.add("");
    document.add("Figures marked *computed* are extrapolated from a shorter window, not measured over the period "
                 + "they name. Load average: the machine's 1-minute load average at the end of each run.");
    document.add("");
    document.addAll(RESULTS);
    final Path results = Path.of("target", "benchmark-results.md");
    Files.write(results, document);
    System.out.println("Benchmark results: " + results.toAbsolutePath());
  }

  private static void bench(String format, Object... args)
  {
    final String line = String.format(format, args);
    System.out.println("BENCH " + line);
    RESULTS.add("- " + line);
  }

  private static void table(String title, String... rows)
  {
    System.out.println("BENCH " + title);
    RESULTS.add("");
    RESULTS.add(title);
    RESULTS.add("");
    RESULTS.addAll(List.of(rows));
    RESULTS.add("");
    for (String row : rows) {
      System.out.println("BENCH " + row);
    }
  }

  private static double loadAverage()
  {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /**
   * The SCRAM user's JAAS line in an owner-only properties file, which Druid's consumers read through Kafka's
   * FileConfigProvider, so that no spec, task log or metadata row holds the password.
   */
  private static Path writeScramJaasFile(LocalKafkaBroker broker) throws IOException
  {
    final Path file = broker.scramPasswordFile().resolveSibling("druid-consumer.properties");
    PrivateFiles.writeProperties(file, Map.of(
        "sasl.jaas.config", ClientProperties.scram(broker).get("sasl.jaas.config")
    ));
    return file;
  }

  /**
   * With taskset and two CPUs or more: the broker (all its threads) on CPU 0, ZooKeeper and the Druid services on the
   * others, so the broker's TLS work does not take the indexer's CPU. The test JVM (producer, STS, SQL polls) is not
   * pinned. Says what was done.
   */
  private static String pinBrokerAndDruid() throws Exception
  {
    final int cpus = Runtime.getRuntime().availableProcessors();
    final boolean taskset = List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream()
                                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "taskset")));
    if (!PIN || !taskset || cpus < 2) {
      final String why = !PIN ? "-Ddruidmsk.benchmark.pin=false" : taskset ? "one CPU" : "no taskset on PATH";
      return "not pinned (" + why + "): every JVM shares all " + cpus + " CPUs";
    }
    final String druidCpus = cpus == 2 ? "1" : "1-" + (cpus - 1);
    final long brokerPid = cluster.stack().msk().broker().pid();
    pin(brokerPid, BROKER_CPUS);
    final List<Long> druidPids = cluster.stack().druid().pids();
    for (long pid : druidPids) {
      pin(pid, druidCpus);
    }
    return String.format("pinned with taskset: the broker (pid %d) on CPU %s; ZooKeeper and the Druid services "
                         + "(%d JVMs) on CPU %s; the test JVM (producer, STS, SQL polls) on any of the %d", brokerPid,
                         BROKER_CPUS, druidPids.size(), druidCpus, cpus);
  }

  private static void pin(long pid, String cpus) throws Exception
  {
    final Process taskset = new ProcessBuilder("taskset", "--all-tasks", "--cpu-list", "--pid", cpus,
                                               Long.toString(pid))
        .redirectErrorStream(true)
        .start();
    final String output = new String(taskset.getInputStream().readAllBytes());
    if (!taskset.waitFor(30, TimeUnit.SECONDS) || taskset.exitValue() != 0) {
      throw new IllegalStateException("taskset could not pin pid " + pid + " to CPU " + cpus + ": " + output);
    }
  }

  private static String warmUpTopic(Mode mode)
  {
    return "bench_warm_up_" + mode.id();
  }

  /** Every mode some pair compares, each once. */
  private static List<Mode> modes()
  {
    return PAIRS.stream().flatMap(pair -> Stream.of(pair.first(), pair.second())).distinct().toList();
  }

  private static ObjectNode spec(Mode mode, String dataSource) throws Exception
  {
    final ObjectNode spec = switch (mode.listener()) {
      case IAM_SASL_SSL -> supervisors.iamSpec(dataSource);
      case SSL -> supervisors.sslSpec(dataSource);
      case IAM_SASL_PLAINTEXT -> supervisors.iamWithoutTlsSpec(dataSource);
      case PLAINTEXT -> supervisors.plaintextSpec(dataSource);
      case SCRAM_SASL_SSL -> supervisors.scramSpec(dataSource, scramJaasFile);
    };
    mode.consumer().forEach(((ObjectNode) spec.at("/spec/ioConfig/consumerProperties"))::put);
    return spec;
  }

  @Test
  @Order(1)
  void druidIngestsEveryEventOverEachModeInAlternatingPairs() throws Exception
  {
    for (Mode mode : modes()) {
      ingest(spec(mode, warmUpTopic(mode)), warmUpTopic(mode), WARM_UP_EVENTS, false);
    }
    bench("warm-up: %,d events ingested over each of the %d modes, not measured", WARM_UP_EVENTS, modes().size());
    for (Pair pair : PAIRS) {
      final Map<Mode, List<IngestionRun>> runs = new HashMap<>();
      final Map<Mode, Integer> next = new HashMap<>();
      for (Mode mode : pair.order()) {
        final int repetition = next.merge(mode, 1, Integer::sum) - 1;
        final String topic = pair.topic(mode, repetition);
        final IngestionRun run = ingest(spec(mode, topic), topic, EVENTS, PROFILE);
        assertThat(supervisors.requests(topic)).isEqualTo(EVENTS);
        System.out.printf(
            "BENCH run %s, %s #%d: %,.0f events/s, first rows %,d ms, all rows %,d ms, load average %.2f%n",
            pair.title(), mode.label(), repetition + 1, run.rate(), run.firstRowMs(), run.allRowsMs(), run.load()
        );
        runs.computeIfAbsent(mode, ignored -> new ArrayList<>()).add(run);
        if (mode.consumer().isEmpty() && mode.producer().isEmpty()) {
          RUNS.computeIfAbsent(mode.listener(), ignored -> new ArrayList<>()).add(run);
        }
      }
      pairTable(pair, runs.get(pair.first()), runs.get(pair.second()));
      if (PROFILE) {
        profileTable(pair, runs.get(pair.first()), runs.get(pair.second()));
      }
    }
  }

  /** Where the indexer's and the broker's CPU went in each mode's runs of the pair: samples summed over the repetitions. */
  private static void profileTable(Pair pair, List<IngestionRun> first, List<IngestionRun> second)
  {
    profileTable(pair, "indexer", first.stream().map(IngestionRun::indexer), second.stream().map(IngestionRun::indexer));
    profileTable(pair, "broker", first.stream().map(IngestionRun::broker), second.stream().map(IngestionRun::broker));
  }

  private static void profileTable(Pair pair, String jvm, Stream<CpuProfile> first, Stream<CpuProfile> second)
  {
    final CpuProfile a = first.reduce(CpuProfile.empty(), CpuProfile::plus);
    final CpuProfile b = second.reduce(CpuProfile.empty(), CpuProfile::plus);
    final List<String> rows = new ArrayList<>();
    rows.add(String.format("| %s CPU samples, share | A: %s | B: %s |", jvm, pair.first().label(), pair.second().label()));
    rows.add("|---|---|---|");
    final List<String> components = new ArrayList<>(CpuProfile.COMPONENTS.keySet());
    components.add(CpuProfile.OTHER);
    for (String component : components) {
      rows.add(String.format("| %s | %.1f %% | %.1f %% |", component, 100 * a.share(component),
                             100 * b.share(component)));
    }
    rows.add(String.format("| samples (JFR, submit to all rows queryable, %d runs) | %,d | %,d |", REPETITIONS,
                           a.total(), b.total()));
    rows.add(String.format("| garbage collection, ms (JFR, the same windows) | %,d | %,d |", a.gcMillis(), b.gcMillis()));
    table(String.format("**Profile, %s**: the %s's JFR execution samples, each counted for the first of these "
                        + "components its stack holds", pair.title(), jvm),
          rows.toArray(new String[0]));
  }

  /**
   * Per mode the median (min-max) over its repetitions; the ratio of the medians, with the min-max of the
   * repetitions' own ratios (repetition i of one mode against repetition i of the other, run next to it).
   */
  private static void pairTable(Pair pair, List<IngestionRun> first, List<IngestionRun> second)
  {
    final String a = pair.first().label();
    final String b = pair.second().label();
    table(
        String.format("**%s** (%s): %,d pre-produced events per run, %d runs per mode, order %s", pair.title(),
                      pair.isolates(), EVENTS, REPETITIONS,
                      String.join(" ", pair.order().stream().map(mode -> mode.equals(pair.first()) ? "A" : "B").toList())),
        String.format("| median (min-max) | A: %s | B: %s | A ÷ B, ratio of medians (min-max of the runs' ratios) "
                      + "| A − B, medians |", a, b),
        "|---|---|---|---|---|",
        pairRow("steady-state rate, events/s (first rows to all rows queryable)", "%,.0f", first, second,
                IngestionRun::rate),
        pairRow("submit to first rows queryable, ms", "%,.0f", first, second, IngestionRun::firstRowMs),
        pairRow("submit to all rows queryable, ms", "%,.0f", first, second, IngestionRun::allRowsMs),
        String.format("| load average at the runs' ends | %s | %s | | |",
                      spread(first, IngestionRun::load).format("%.2f"), spread(second, IngestionRun::load).format("%.2f"))
    );
  }

  private static String pairRow(String what, String number, List<IngestionRun> first, List<IngestionRun> second,
                                ToDoubleFunction<IngestionRun> figure)
  {
    final Spread a = spread(first, figure);
    final Spread b = spread(second, figure);
    final List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < first.size(); i++) {
      ratios.add(figure.applyAsDouble(first.get(i)) / figure.applyAsDouble(second.get(i)));
    }
    final Spread ratio = Spread.of(ratios);
    return String.format("| %s | %s | %s | %.3f (%.3f-%.3f) | " + number + " |", what, a.format(number),
                         b.format(number), a.median() / b.median(), ratio.min(), ratio.max(), a.median() - b.median());
  }

  private static Spread spread(List<IngestionRun> runs, ToDoubleFunction<IngestionRun> figure)
  {
    return Spread.of(runs.stream().map(run -> figure.applyAsDouble(run)).toList());
  }

  /**
   * Submits the spec and polls Druid SQL until every event is queryable: when the first rows appear, how many, and
   * when all are there. Then terminates the supervisor and waits for its task to finish, so runs do not overlap.
   * With {@code profile}, the indexer and the broker are recorded with JFR from the submit until all rows are queryable.
   */
  private static IngestionRun ingest(ObjectNode spec, String dataSource, long events, boolean profile)
      throws Exception
  {
    final CpuProfile.Recording indexer = profile ? CpuProfile.start(
        cluster.stack().druid().pid(DruidService.INDEXER), Path.of("target", dataSource + "-indexer.jfr")
    ) : null;
    final CpuProfile.Recording broker = profile ? CpuProfile.start(
        cluster.stack().msk().broker().pid(), Path.of("target", dataSource + "-broker.jfr")
    ) : null;
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
        final double load = loadAverage();
        final CpuProfile indexerCpu = indexer == null ? CpuProfile.empty() : indexer.stop();
        final CpuProfile brokerCpu = broker == null ? CpuProfile.empty() : broker.stop();
        Thread.sleep(Math.max(0, (start + MIN_SUPERVISOR_RUN.toNanos() - System.nanoTime()) / 1_000_000));
        supervisors.terminateAllAndAwaitNoTasks();
        return new IngestionRun(
            (firstRow - start) / 1_000_000, (now - start) / 1_000_000, visibleAtFirstRow, events, load, indexerCpu,
            brokerCpu
        );
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
  void rawKafkaConsumerReadsEveryEventOverEachMode() throws Exception
  {
    final LocalKafkaBroker broker = cluster.stack().msk().broker();
    final Map<Listener, Map<String, Object>> clients = new EnumMap<>(Listener.class);
    final Map<Listener, String> topics = new EnumMap<>(Listener.class);
    for (Listener listener : Listener.values()) {
      // Only the listeners some pair measured (with -Ddruidmsk.benchmark.tuning=only, IAM/SASL_SSL alone).
      final Optional<String> topic = rawConsumerTopic(listener);
      if (topic.isEmpty()) {
        continue;
      }
      topics.put(listener, topic.get());
      clients.put(listener, switch (listener) {
        case IAM_SASL_SSL -> cluster.readerClient("bench-raw-consumer");
        case SSL -> new HashMap<>(ClientProperties.tls(broker));
        case IAM_SASL_PLAINTEXT -> DruidReaderClients.clientProperties(
            cluster.stack().msk(),
            DruidReaderClients.readerProvider("bench-raw-consumer-sasl", TestStacks.EXTERNAL_ID, false),
            false
        );
        case PLAINTEXT -> Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.internalBootstrap());
        case SCRAM_SASL_SSL -> new HashMap<>(ClientProperties.scram(broker));
      });
      // Rendering the spec attaches the topic to the reader role's policy, even when the Druid runs did not.
      spec(Mode.of(listener), topics.get(listener));
    }
    // A first read per mode warms this JVM's JIT up and lets the cluster finish handing off the runs' segments.
    for (Listener listener : topics.keySet()) {
      rawConsumerRate(clients.get(listener), topics.get(listener));
    }
    final List<String> rows = new ArrayList<>();
    rows.add("| mode | records/s (first batch to last record) | load average | Druid's median rate as a share |");
    rows.add("|---|---|---|---|");
    for (Listener listener : topics.keySet()) {
      final double rate = rawConsumerRate(clients.get(listener), topics.get(listener));
      final List<IngestionRun> druid = RUNS.get(listener);
      rows.add(String.format("| %s | %,.0f | %.2f | %s |", listener.label, rate, loadAverage(),
                             druid == null ? "" : String.format("%.3f", spread(druid, IngestionRun::rate).median() / rate)));
    }
    table(String.format("**Raw kafka-clients 3.9.0 consumer** (the ceiling): one partition of %,d events read in the "
                        + "test JVM once per mode to warm up, then once per mode measured", EVENTS),
          rows.toArray(new String[0]));
  }

  /** The first repetition's topic of the first pair comparing the listener, if any pair does. */
  private static Optional<String> rawConsumerTopic(Listener listener)
  {
    final Mode mode = Mode.of(listener);
    return PAIRS.stream()
                .filter(pair -> pair.first().equals(mode) || pair.second().equals(mode))
                .findFirst()
                .map(pair -> pair.topic(mode, 0));
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
             + "period (" + REFRESH_PERIOD.toSeconds() + " s), computed | per hour at "
             + CREDENTIAL_LIFETIME.toSeconds() + " s credentials, computed | per hour at 1 h credentials, computed "
             + "| load average |");
    rows.add("|---|---|---|---|---|---|---|");
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
    table(String.format("**AssumeRole calls for N consumers of one role in one JVM** (%d s credentials, refresh "
                        + "period %d s, %d s window)", CREDENTIAL_LIFETIME.toSeconds(), REFRESH_PERIOD.toSeconds(),
                        ASSUME_ROLE_WINDOW.toSeconds()),
          rows.toArray(new String[0]));
  }

  private static String assumeRoleRow(ScaleRun run)
  {
    final double periods = (double) ASSUME_ROLE_WINDOW.toMillis() / REFRESH_PERIOD.toMillis();
    final double perPeriod = run.assumeRoles / periods;
    return String.format(
        "| %d | %s | %d | %.1f | %,.0f | %.1f | %.2f |",
        run.consumers,
        run.credentialCache,
        run.assumeRoles,
        perPeriod,
        run.assumeRoles * 3600.0 / ASSUME_ROLE_WINDOW.toSeconds(),
        perPeriod * REFRESHES_PER_HOUR_WITH_ONE_HOUR_SESSIONS,
        loadAverage()
    );
  }
}
