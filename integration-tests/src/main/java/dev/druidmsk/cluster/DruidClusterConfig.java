package dev.druidmsk.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What to start: a Druid home (lib/ and extensions/, druid-msk installed or not), a fresh run directory, which
 * services, and what the Kafka-consuming JVMs need to reach MSK (system properties such as aws.region,
 * aws.endpointUrlSts and base credentials).
 */
public final class DruidClusterConfig
{
  private final Path druidHome;
  private final Path runDirectory;
  private final Set<DruidService> services;
  private final Map<String, String> consumerSystemProperties;
  private final Map<String, String> environment;
  private final Map<DruidService, Map<String, String>> serviceEnvironments;
  private final Duration startTimeout;
  private final Duration stopGrace;
  private final int indexerCapacity;
  private final boolean fullJit;
  private final Map<DruidService, Map<String, String>> runtimeProperties;

  private DruidClusterConfig(Builder builder)
  {
    this.druidHome = Objects.requireNonNull(builder.druidHome, "druidHome");
    this.runDirectory = Objects.requireNonNull(builder.runDirectory, "runDirectory");
    this.services = EnumSet.copyOf(builder.services);
    this.consumerSystemProperties = Map.copyOf(builder.consumerSystemProperties);
    this.environment = Map.copyOf(builder.environment);
    this.serviceEnvironments = copyPerService(builder.serviceEnvironments);
    this.startTimeout = builder.startTimeout;
    this.stopGrace = builder.stopGrace;
    this.indexerCapacity = builder.indexerCapacity;
    this.fullJit = builder.fullJit;
    this.runtimeProperties = copyPerService(builder.runtimeProperties);
  }

  private static Map<DruidService, Map<String, String>> copyPerService(Map<DruidService, Map<String, String>> entries)
  {
    final Map<DruidService, Map<String, String>> copy = new EnumMap<>(DruidService.class);
    entries.forEach((service, values) -> copy.put(service, Map.copyOf(values)));
    return copy;
  }

  public static Builder builder(Path druidHome, Path runDirectory)
  {
    return new Builder(druidHome, runDirectory);
  }

  public Path druidHome()
  {
    return druidHome;
  }

  public Path runDirectory()
  {
    return runDirectory;
  }

  public Set<DruidService> services()
  {
    return services;
  }

  public Map<String, String> consumerSystemProperties()
  {
    return consumerSystemProperties;
  }

  public Map<String, String> environment()
  {
    return environment;
  }

  /** The environment of one service's JVM: the common one, with that service's own variables on top. */
  public Map<String, String> environment(DruidService service)
  {
    final Map<String, String> merged = new LinkedHashMap<>(environment);
    merged.putAll(serviceEnvironments.getOrDefault(service, Map.of()));
    return merged;
  }

  public Duration startTimeout()
  {
    return startTimeout;
  }

  public Duration stopGrace()
  {
    return stopGrace;
  }

  /** The Indexer's task slots ({@code druid.worker.capacity}). */
  public int indexerCapacity()
  {
    return indexerCapacity;
  }

  /** Whether the JVMs run the normal tiered JIT (C2 included) rather than C1 only. */
  public boolean fullJit()
  {
    return fullJit;
  }

  /** Runtime properties a cluster asked for on {@code service}, over the harness's own. */
  public Map<String, String> runtimeProperties(DruidService service)
  {
    return runtimeProperties.getOrDefault(service, Map.of());
  }

  public static final class Builder
  {
    private final Path druidHome;
    private final Path runDirectory;
    private final Set<DruidService> services = EnumSet.of(
        DruidService.COORDINATOR,
        DruidService.BROKER,
        DruidService.HISTORICAL,
        DruidService.INDEXER
    );
    private final Map<String, String> consumerSystemProperties = new LinkedHashMap<>();
    // A misconfigured credential chain must fail fast, not hang on instance metadata.
    private final Map<String, String> environment = new LinkedHashMap<>(Map.of("AWS_EC2_METADATA_DISABLED", "true"));
    private final Map<DruidService, Map<String, String>> serviceEnvironments = new EnumMap<>(DruidService.class);
    private Duration startTimeout = Duration.ofMinutes(3);
    private Duration stopGrace = Duration.ofSeconds(20);
    private int indexerCapacity = 4;
    private boolean fullJit;
    private final Map<DruidService, Map<String, String>> runtimeProperties = new EnumMap<>(DruidService.class);

    private Builder(Path druidHome, Path runDirectory)
    {
      this.druidHome = druidHome;
      this.runDirectory = runDirectory;
    }

    public Builder withRouter()
    {
      services.add(DruidService.ROUTER);
      return this;
    }

    /** Only these services (the coordinator-overlord is always one): e.g. just the overlord, for supervisor checks. */
    public Builder only(DruidService... chosen)
    {
      services.clear();
      services.add(DruidService.COORDINATOR);
      services.addAll(List.of(chosen));
      return this;
    }

    /** A system property for the JVMs that build Kafka consumers (coordinator-overlord, indexer). */
    public Builder consumerSystemProperty(String key, String value)
    {
      consumerSystemProperties.put(key, value);
      return this;
    }

    public Builder environment(String key, String value)
    {
      environment.put(key, value);
      return this;
    }

    /**
     * An environment variable of one service's JVM only: e.g. {@code HOSTNAME}, which names the node in the
     * aws-msk-iam provider's default STS session name, so that each service looks like a node of its own.
     */
    public Builder environment(DruidService service, String key, String value)
    {
      serviceEnvironments.computeIfAbsent(service, ignored -> new LinkedHashMap<>()).put(key, value);
      return this;
    }

    public Builder startTimeout(Duration timeout)
    {
      this.startTimeout = timeout;
      return this;
    }

    public Builder stopGrace(Duration grace)
    {
      this.stopGrace = grace;
      return this;
    }

    /** Task slots of the Indexer: a supervisor's tasks all start at once only if they all fit. */
    public Builder indexerCapacity(int slots)
    {
      this.indexerCapacity = slots;
      return this;
    }

    /**
     * Runs every JVM with the normal tiered JIT (C2 included) instead of C1 only, which starts a test cluster faster
     * but runs TLS, compression and indexing slower than production: for measurements.
     */
    public Builder fullJit()
    {
      this.fullJit = true;
      return this;
    }

    /**
     * A runtime property of one service, over the harness's own: e.g. a shorter Druid timer where a suite waits on
     * it. Where none is asked for, Druid's defaults apply.
     */
    public Builder runtimeProperty(DruidService service, String key, String value)
    {
      runtimeProperties.computeIfAbsent(service, ignored -> new LinkedHashMap<>()).put(key, value);
      return this;
    }

    public DruidClusterConfig build()
    {
      return new DruidClusterConfig(this);
    }
  }
}
