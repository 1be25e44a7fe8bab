package dev.druidmsk.cluster;

import java.util.List;

/**
 * The Druid services of a small single-machine cluster, with heaps that fit two cores and a few GB.
 * The coordinator also runs the overlord and hosts the Derby metadata store.
 */
public enum DruidService
{
  COORDINATOR("coordinator", "druid/coordinator", "256m", "64m", List.of(
      "/druid/coordinator/v1/isLeader",
      "/druid/indexer/v1/isLeader"
  )),
  BROKER("broker", "druid/broker", "256m", "128m", List.of("/druid/broker/v1/readiness")),
  HISTORICAL("historical", "druid/historical", "256m", "128m", List.of("/druid/historical/v1/readiness")),
  INDEXER("indexer", "druid/indexer", "512m", "128m", List.of()),
  ROUTER("router", "druid/router", "128m", "32m", List.of());

  private final String command;
  private final String serviceName;
  private final String heap;
  private final String directMemory;
  private final List<String> readinessPaths;

  DruidService(String command, String serviceName, String heap, String directMemory, List<String> readinessPaths)
  {
    this.command = command;
    this.serviceName = serviceName;
    this.heap = heap;
    this.directMemory = directMemory;
    this.readinessPaths = readinessPaths;
  }

  /** The argument of {@code org.apache.druid.cli.Main server}. */
  public String command()
  {
    return command;
  }

  public String serviceName()
  {
    return serviceName;
  }

  public String heap()
  {
    return heap;
  }

  public String directMemory()
  {
    return directMemory;
  }

  /** Paths that answer 200 once the service can do its job, beyond {@code /status/health}. */
  public List<String> readinessPaths()
  {
    return readinessPaths;
  }

  /** Whether this service's JVM builds Kafka consumers (supervisors and sampler; tasks). */
  public boolean consumesKafka()
  {
    return this == COORDINATOR || this == INDEXER;
  }
}
