package dev.druidmsk.cluster;

import dev.druidmsk.localmsk.iam.PrivateFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes the configuration of one cluster run under {@code <run>/conf}: the common and per-service runtime
 * properties (the recipe verified in shared/notes/druid-runtime.md), log4j2, and ZooKeeper's zoo.cfg.
 */
final class DruidConfigWriter
{
  private final DruidClusterConfig config;
  private final Ports ports;

  DruidConfigWriter(DruidClusterConfig config, Ports ports)
  {
    this.config = config;
    this.ports = ports;
  }

  Path conf()
  {
    return config.runDirectory().resolve("conf");
  }

  Path var()
  {
    return config.runDirectory().resolve("var");
  }

  /** The JVM argument file of the Kafka-consuming services ({@link DruidService#consumesKafka()}). */
  Path consumerArguments()
  {
    return conf().resolve("consumer-jvm.args");
  }

  /** Deletes what a stopped cluster's services kept (ZooKeeper's data, the metadata store, segments, tasks). */
  void discardState() throws IOException
  {
    if (!Files.exists(var())) {
      return;
    }
    try (Stream<Path> paths = Files.walk(var())) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(path);
      }
    }
  }

  void writeAll() throws IOException
  {
    Files.createDirectories(var().resolve("tmp"));
    writeConsumerArguments();
    write(conf().resolve("_common/common.runtime.properties"), commonProperties());
    try (InputStream log4j = getClass().getResourceAsStream("log4j2.xml")) {
      Files.copy(log4j, conf().resolve("_common/log4j2.xml"));
    }
    for (DruidService service : config.services()) {
      write(conf().resolve(service.command()).resolve("runtime.properties"), serviceProperties(service));
    }
    final Map<String, String> zookeeper = new LinkedHashMap<>();
    zookeeper.put("dataDir", var().resolve("zk").toString());
    zookeeper.put("clientPort", String.valueOf(ports.zookeeper()));
    zookeeper.put("clientPortAddress", "127.0.0.1");
    zookeeper.put("tickTime", "2000");
    zookeeper.put("maxClientCnxns", "0");
    write(conf().resolve("zk/zoo.cfg"), zookeeper);
  }

  private Map<String, String> commonProperties()
  {
    final Map<String, String> p = new LinkedHashMap<>();
    p.put("druid.extensions.directory", config.druidHome().resolve("extensions").toString());
    p.put("druid.extensions.loadList", "[\"druid-kafka-indexing-service\", \"druid-datasketches\"]");
    p.put("druid.host", "127.0.0.1");
    p.put("druid.bindOnHost", "true");
    p.put("druid.startup.logging.logProperties", "false");
    p.put("druid.emitter", "noop");
    p.put("druid.monitoring.monitors", "[]");
    p.put("druid.zk.service.host", "127.0.0.1:" + ports.zookeeper());
    p.put("druid.zk.paths.base", "/druid");
    p.put("druid.metadata.storage.type", "derby");
    p.put("druid.metadata.storage.connector.connectURI",
          "jdbc:derby://127.0.0.1:" + ports.derby() + "/" + var().resolve("metadata.db") + ";create=true");
    p.put("druid.metadata.storage.connector.host", "127.0.0.1");
    p.put("druid.metadata.storage.connector.port", String.valueOf(ports.derby()));
    p.put("druid.storage.type", "local");
    p.put("druid.storage.storageDirectory", var().resolve("segments").toString());
    p.put("druid.indexer.logs.type", "file");
    p.put("druid.indexer.logs.directory", var().resolve("indexing-logs").toString());
    p.put("druid.selectors.indexing.serviceName", "druid/overlord");
    p.put("druid.selectors.coordinator.serviceName", "druid/coordinator");
    p.put("druid.sql.enable", "true");
    p.put("druid.lookup.enableLookupSyncOnStartup", "false");
    p.put("druid.global.http.numConnections", "5");
    p.put("druid.server.http.numThreads", "16");
    return p;
  }

  private Map<String, String> serviceProperties(DruidService service)
  {
    final Map<String, String> p = new LinkedHashMap<>();
    p.put("druid.service", service.serviceName());
    p.put("druid.plaintextPort", String.valueOf(ports.of(service)));
    switch (service) {
      case COORDINATOR:
        p.put("druid.coordinator.asOverlord.enabled", "true");
        p.put("druid.coordinator.asOverlord.overlordService", "druid/overlord");
        p.put("druid.coordinator.startDelay", "PT5S");
        p.put("druid.coordinator.period", "PT5S");
        p.put("druid.manager.segments.pollDuration", "PT5S");
        p.put("druid.indexer.queue.startDelay", "PT1S");
        p.put("druid.indexer.storage.type", "metadata");
        p.put("druid.indexer.runner.type", "httpRemote");
        break;
      case BROKER:
        putProcessing(p, service);
        p.put("druid.broker.cache.useCache", "false");
        p.put("druid.broker.cache.populateCache", "false");
        p.put("druid.broker.http.numConnections", "5");
        break;
      case HISTORICAL:
        putProcessing(p, service);
        p.put("druid.historical.cache.useCache", "false");
        p.put("druid.historical.cache.populateCache", "false");
        p.put("druid.segmentCache.locations",
              "[{\"path\":\"" + var().resolve("segment-cache") + "\",\"maxSize\":\"2GiB\"}]");
        break;
      case INDEXER:
        putProcessing(p, service);
        p.put("druid.worker.capacity", String.valueOf(config.indexerCapacity()));
        p.put("druid.worker.baseTaskDirs", "[\"" + var().resolve("task") + "\"]");
        p.put("druid.indexer.task.baseTaskDir", var().resolve("task").toString());
        break;
      case ROUTER:
        p.put("druid.router.defaultBrokerServiceName", "druid/broker");
        p.put("druid.router.coordinatorServiceName", "druid/coordinator");
        p.put("druid.router.managementProxy.enabled", "true");
        break;
      default:
        throw new IllegalArgumentException("No configuration for " + service);
    }
    p.putAll(config.runtimeProperties(service));
    return p;
  }

  private void putProcessing(Map<String, String> p, DruidService service)
  {
    p.put("druid.processing.buffer.sizeBytes", "16MiB");
    p.put("druid.processing.numMergeBuffers", "1");
    p.put("druid.processing.numThreads", "1");
    p.put("druid.processing.tmpDir", var().resolve("processing-" + service.command()).toString());
  }

  private static void write(Path file, Map<String, String> properties) throws IOException
  {
    Files.createDirectories(file.getParent());
    PrivateFiles.writeProperties(file, properties);
  }

  /**
   * The consumer system properties (base AWS credentials among them) go through a JVM argument file readable only
   * by its owner, so that they never show in a process listing.
   */
  private void writeConsumerArguments() throws IOException
  {
    Files.createDirectories(conf());
    PrivateFiles.write(consumerArguments(), config.consumerSystemProperties()
                                                  .entrySet()
                                                  .stream()
                                                  .map(e -> "\"-D" + e.getKey() + "=" + e.getValue() + "\"")
                                                  .collect(Collectors.joining("\n", "", "\n")));
  }

  /** The loopback ports of one run, all chosen free at start so that two runs never collide. */
  static final class Ports
  {
    private final int zookeeper;
    private final int derby;
    private final Map<DruidService, Integer> services;

    Ports(int zookeeper, int derby, Map<DruidService, Integer> services)
    {
      this.zookeeper = zookeeper;
      this.derby = derby;
      this.services = new EnumMap<>(services);
    }

    int zookeeper()
    {
      return zookeeper;
    }

    int derby()
    {
      return derby;
    }

    int of(DruidService service)
    {
      return services.get(service);
    }
  }
}
