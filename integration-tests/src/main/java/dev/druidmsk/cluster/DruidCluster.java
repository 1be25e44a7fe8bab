package dev.druidmsk.cluster;

import dev.druidmsk.cli.druid.DruidClient;
import dev.druidmsk.cli.druid.DruidEndpoints;
import dev.druidmsk.cli.druid.DruidException;
import dev.druidmsk.localmsk.process.Deadline;
import dev.druidmsk.localmsk.process.FreePorts;
import dev.druidmsk.localmsk.process.JavaCommand;
import dev.druidmsk.localmsk.process.JvmProcess;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A real Druid cluster run as separate JVMs from a Druid home: ZooKeeper (from Druid's lib/), a coordinator that
 * is also the overlord and hosts Derby, a broker, a historical, an indexer and optionally a router, on free
 * loopback ports, with a fresh run directory. {@link #close()} stops everything, even after a failed start.
 */
public final class DruidCluster implements AutoCloseable
{
  private static final List<String> JVM_FLAGS = List.of(
      "-XX:+UseSerialGC",
      "-XX:+ExitOnOutOfMemoryError",
      "-Duser.timezone=UTC",
      "-Dfile.encoding=UTF-8",
      "-Djava.util.logging.manager=org.apache.logging.log4j.jul.LogManager",
      "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
      "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens=java.base/java.io=ALL-UNNAMED",
      "--add-opens=java.base/java.lang=ALL-UNNAMED",
      "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED"
  );
  /**
   * Above a supervisor's default shutdownTimeout (PT80S): terminating a supervisor answers only once it stopped, and
   * one busy retrying a refused role takes the whole timeout.
   */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);
  /**
   * How often {@link #awaitApi} asks Druid's APIs: a SQL count of rows cost Druid 24 ms of CPU (65 in 20 s beside the
   * quickstart's ingestion), and several suites poll at once on two cores.
   */
  private static final Duration API_POLL = Duration.ofMillis(500);
  private static final Duration ZOOKEEPER_GRACE = Duration.ofSeconds(5);
  /** Starts of a cluster that lost one of its free ports to another process before binding it (as the brokers'). */
  private static final int START_ATTEMPTS = 3;
  private static final String PORT_TAKEN = "Address already in use";
  /** Over ten times what the quickstart's tasks took to publish once the indexer was told to stop (0.4 s). */
  private static final Duration INDEXER_GRACE = Duration.ofSeconds(5);
  private static final Duration ZOOKEEPER_PROBE_TIMEOUT = Duration.ofSeconds(2);

  private final DruidClusterConfig config;
  private final DruidConfigWriter.Ports ports;
  private final DruidConfigWriter writer;
  private final Consumer<String> progress;
  private final Map<DruidService, JvmProcess> services = new EnumMap<>(DruidService.class);
  /**
   * One client per service, shared by every caller: each DruidClient holds a JDK HttpClient, whose selector and
   * connections are released only when it is garbage-collected, so a client per call (SQL polled every 100 ms) ran a
   * benchmark's JVM out of file descriptors (20,000) after about 20 minutes.
   */
  private final Map<DruidService, DruidClient> clients = new ConcurrentHashMap<>();
  private JvmProcess zookeeper;
  private Duration startTime;

  /** Not started: {@link #start} starts it. */
  DruidCluster(DruidClusterConfig config, Consumer<String> progress)
  {
    this.config = config;
    this.progress = progress;
    this.ports = freePorts(config);
    this.writer = new DruidConfigWriter(config, ports);
  }

  /**
   * Starts the cluster and returns once every service is ready; on failure everything started is stopped. A port is
   * chosen free and bound by the service later, so another process can take it in between (four suites start
   * clusters and brokers at once): then the cluster starts again, afresh, on newly chosen ports.
   */
  public static DruidCluster start(DruidClusterConfig config, Consumer<String> progress)
      throws IOException, InterruptedException
  {
    for (int attempt = 1; ; attempt++) {
      final DruidCluster cluster = new DruidCluster(config, progress);
      try {
        cluster.startAll();
        return cluster;
      }
      catch (IOException | InterruptedException | RuntimeException e) {
        final boolean portTaken = cluster.exitedOnATakenPort();
        cluster.close();
        if (!portTaken || attempt == START_ATTEMPTS) {
          throw e;
        }
        progress.accept("another process took a port of the cluster before Druid bound it; starting afresh on new "
                        + "ports (" + (attempt + 1) + " of " + START_ATTEMPTS + ")");
        cluster.writer.discardState();
      }
    }
  }

  private boolean exitedOnATakenPort()
  {
    final List<JvmProcess> processes = new ArrayList<>(services.values());
    if (zookeeper != null) {
      processes.add(zookeeper);
    }
    return processes.stream().anyMatch(process -> !process.isAlive() && process.logTail().contains(PORT_TAKEN));
  }

  public URI url(DruidService service)
  {
    return URI.create("http://127.0.0.1:" + ports.of(service));
  }

  public URI overlordUrl()
  {
    return url(DruidService.COORDINATOR);
  }

  public URI brokerUrl()
  {
    return url(DruidService.BROKER);
  }

  /** A client of one service of this cluster: no login, plain HTTP. */
  public DruidClient client(DruidService service)
  {
    return clients.computeIfAbsent(service, key -> DruidClient.unauthenticated(url(key), REQUEST_TIMEOUT));
  }

  /** The Overlord's API (the coordinator runs it). */
  public DruidClient overlord()
  {
    return client(DruidService.COORDINATOR);
  }

  public DruidClient broker()
  {
    return client(DruidService.BROKER);
  }

  /** From launching ZooKeeper to every service ready. */
  public Duration startTime()
  {
    return startTime;
  }

  /** Process ids of every JVM of the cluster, ZooKeeper included, for resource measurements. */
  public List<Long> pids()
  {
    final List<Long> pids = new ArrayList<>();
    if (zookeeper != null) {
      pids.add(zookeeper.pid());
    }
    services.values().forEach(process -> pids.add(process.pid()));
    return pids;
  }

  /** Process id of one service's JVM, to attach a profiler to it. */
  public long pid(DruidService service)
  {
    return running(service).pid();
  }

  /** Kills one service's JVM with KILL, as a crash would: no shutdown, no task handover. */
  public void kill(DruidService service) throws InterruptedException
  {
    running(service).kill();
  }

  /** Starts a service again (after {@link #kill}) on the same port and configuration; returns once it is ready. */
  public void restart(DruidService service) throws IOException, InterruptedException
  {
    if (running(service).isAlive()) {
      throw new IllegalStateException(service.command() + " is still running; kill it first");
    }
    services.put(service, JvmProcess.start(serviceCommand(service)));
    awaitReady(service);
    if (service == DruidService.INDEXER) {
      awaitWorkerRegistered();
    }
  }

  private JvmProcess running(DruidService service)
  {
    final JvmProcess process = services.get(service);
    if (process == null) {
      throw new IllegalArgumentException(service.command() + " is not part of this cluster");
    }
    return process;
  }

  private void startAll() throws IOException, InterruptedException
  {
    writer.writeAll();
    final long started = System.nanoTime();
    zookeeper = JvmProcess.start(zookeeperCommand());
    Deadline.await("ZooKeeper on port " + ports.zookeeper(), config.startTimeout(), this::zookeeperOk,
                   () -> exited(zookeeper), progress);
    for (DruidService service : config.services()) {
      services.put(service, JvmProcess.start(serviceCommand(service)));
    }
    for (DruidService service : config.services()) {
      awaitReady(service);
    }
    if (services.containsKey(DruidService.INDEXER)) {
      awaitWorkerRegistered();
    }
    startTime = Duration.ofNanos(System.nanoTime() - started);
    final String urls = services.keySet()
                                .stream()
                                .map(service -> service.command() + " " + url(service))
                                .collect(Collectors.joining(", "));
    progress.accept("Druid is ready in " + startTime.toSeconds() + " s: " + urls);
  }

  private void awaitReady(DruidService service) throws InterruptedException
  {
    final DruidClient client = client(service);
    Deadline.await(service.command() + " health at " + client.base(), config.startTimeout(), client::healthy,
                   this::anyExited, progress);
    for (String path : service.readinessPaths()) {
      Deadline.await(service.command() + " " + path, config.startTimeout(), () -> client.ready(path),
                     this::anyExited, progress);
    }
  }

  private void awaitWorkerRegistered() throws InterruptedException
  {
    Deadline.await("an indexer registered with the overlord", config.startTimeout(), this::workerRegistered,
                   this::anyExited, progress);
  }

  private boolean workerRegistered()
  {
    return overlord().getJson(DruidEndpoints.WORKERS, "list the indexers registered with the Overlord")
                     .map(workers -> workers.findValue("worker") != null)
                     .orElse(false);
  }

  private boolean zookeeperOk() throws IOException
  {
    try (Socket socket = new Socket("127.0.0.1", ports.zookeeper())) {
      // A "ruok" that arrives while ZooKeeper is still starting can fail on its side and leave the socket open.
      socket.setSoTimeout((int) ZOOKEEPER_PROBE_TIMEOUT.toMillis());
      socket.getOutputStream().write("ruok".getBytes(StandardCharsets.US_ASCII));
      socket.shutdownOutput();
      return "imok".equals(new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
    }
  }

  /** Non-null, with the end of its log, as soon as any process of the cluster has died. */
  private String anyExited()
  {
    final String zk = exited(zookeeper);
    if (zk != null) {
      return zk;
    }
    return services.values().stream().map(DruidCluster::exited).filter(Objects::nonNull).findFirst().orElse(null);
  }

  private static String exited(JvmProcess process)
  {
    return process == null || process.isAlive()
           ? null
           : process + " exited; the end of " + process.log() + ":\n" + process.logTail();
  }

  /** C1 only starts a test cluster faster; measurements ask for the normal tiered JIT. */
  private String jit()
  {
    return config.fullJit() ? "-XX:+TieredCompilation" : "-XX:TieredStopAtLevel=1";
  }

  private JavaCommand zookeeperCommand()
  {
    return new JavaCommand(
        "zookeeper",
        List.of(
            "-Xmx64m",
            "-XX:+UseSerialGC",
            jit(),
            "-Dzookeeper.admin.enableServer=false",
            "-Dzookeeper.4lw.commands.whitelist=ruok,stat"
        ),
        config.druidHome().resolve("lib") + "/*",
        "org.apache.zookeeper.server.ZooKeeperServerMain",
        List.of(writer.conf().resolve("zk/zoo.cfg").toString()),
        config.environment(),
        config.runDirectory(),
        logFile("zookeeper")
    );
  }

  private JavaCommand serviceCommand(DruidService service) throws IOException
  {
    final List<String> jvmArgs = new ArrayList<>();
    jvmArgs.add("-Xms" + service.heap());
    jvmArgs.add("-Xmx" + service.heap());
    jvmArgs.add("-XX:MaxDirectMemorySize=" + service.directMemory());
    jvmArgs.addAll(JVM_FLAGS);
    jvmArgs.add(jit());
    jvmArgs.add("-Djava.io.tmpdir=" + writer.var().resolve("tmp"));
    jvmArgs.add("-Dlog4j.configurationFile=" + writer.conf().resolve("_common/log4j2.xml"));
    if (service.consumesKafka() && !config.consumerSystemProperties().isEmpty()) {
      jvmArgs.add("@" + writer.consumerArguments());
    }
    return new JavaCommand(
        service.command(),
        jvmArgs,
        config.druidHome().resolve("lib") + "/*:" + writer.conf().resolve("_common") + ":"
        + writer.conf().resolve(service.command()),
        "org.apache.druid.cli.Main",
        List.of("server", service.command()),
        config.environment(service),
        config.runDirectory(),
        logFile(service.command())
    );
  }

  private Path logFile(String name)
  {
    return config.runDirectory().resolve("logs").resolve(name + ".log");
  }

  private static DruidConfigWriter.Ports freePorts(DruidClusterConfig config)
  {
    final Map<DruidService, Integer> servicePorts = new EnumMap<>(DruidService.class);
    config.services().forEach(service -> servicePorts.put(service, FreePorts.resolve(0)));
    return new DruidConfigWriter.Ports(FreePorts.resolve(0), FreePorts.resolve(0), servicePorts);
  }

  /** Waits until {@code condition}, a question to Druid's APIs (SQL, task and supervisor state), holds. */
  public static void awaitApi(String what, Duration timeout, Callable<Boolean> condition, Consumer<String> progress)
      throws InterruptedException
  {
    Deadline.await(what, timeout, API_POLL, condition, () -> null, progress);
  }

  /**
   * Terminates supervisors first (so tasks stop quickly), then the indexer, then every other service in parallel, then
   * ZooKeeper. The indexer goes while the overlord still answers, because its stopping tasks publish their segments
   * through the overlord: stopped together, they retried the gone overlord until the stop grace (20 s) ran out. It gets
   * a grace of its own, because once published a task waits for the segment's handoff, which a cluster being closed
   * never finishes.
   */
  @Override
  public void close()
  {
    final JvmProcess coordinator = services.get(DruidService.COORDINATOR);
    if (coordinator != null && coordinator.isAlive()) {
      try {
        overlord().post(DruidEndpoints.TERMINATE_ALL_SUPERVISORS, "terminate every supervisor");
      }
      catch (DruidException e) {
        progress.accept("could not terminate supervisors before stopping: " + e.getMessage());
      }
    }
    final JvmProcess indexer = services.get(DruidService.INDEXER);
    if (indexer != null) {
      stopQuietly(indexer, INDEXER_GRACE);
    }
    CompletableFuture.allOf(
        services.values()
                .stream()
                .filter(process -> process != indexer)
                .map(process -> CompletableFuture.runAsync(() -> stopQuietly(process, config.stopGrace())))
                .toArray(CompletableFuture[]::new)
    ).join();
    if (zookeeper != null) {
      stopQuietly(zookeeper, ZOOKEEPER_GRACE);
    }
  }

  private static void stopQuietly(JvmProcess process, Duration grace)
  {
    try {
      process.stop(grace);
    }
    catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
