package dev.druidmsk.localmsk.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/** How to run a {@link LocalKafkaBroker}. Ports of 0 (the default) are chosen free at the first start. */
public final class BrokerConfig
{
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

  final Path workDir;
  final Path masterKeyFile;
  final Path longTermKeysFile;
  final BrokerLayout layout;
  final BrokerNode node;
  final KraftQuorum kraft;
  final TlsMaterial tls;
  final String region;
  final int saslPlaintextPort;
  final int saslSslPort;
  final int internalPort;
  final int controllerPort;
  final Duration reauthentication;
  final IamAuthorization iamAuthorization;
  final Duration maxClockSkew;
  final int maxNewConnectionsPerSecond;
  final int maxConnections;
  final Duration startTimeout;
  final Duration stopTimeout;
  final String heap;
  final boolean tlsListener;
  final boolean scramListener;
  final int tlsListenerPort;
  final int scramListenerPort;
  final Path scramPasswordFile;
  final boolean measurement;

  private BrokerConfig(final Builder builder)
  {
    this.workDir = Objects.requireNonNull(builder.workDir, "workDir").toAbsolutePath();
    this.masterKeyFile = Objects.requireNonNull(builder.masterKeyFile, "masterKeyFile").toAbsolutePath();
    this.longTermKeysFile = builder.longTermKeysFile == null ? null : builder.longTermKeysFile.toAbsolutePath();
    this.layout = builder.layout;
    this.node = builder.node;
    this.kraft = builder.kraft;
    this.tls = builder.tls;
    this.region = builder.region;
    this.saslPlaintextPort = builder.saslPlaintextPort;
    this.saslSslPort = builder.saslSslPort;
    this.internalPort = builder.internalPort;
    this.controllerPort = builder.controllerPort;
    this.reauthentication = builder.reauthentication;
    this.iamAuthorization = builder.iamAuthorization;
    this.maxClockSkew = builder.maxClockSkew;
    this.maxNewConnectionsPerSecond = builder.maxNewConnectionsPerSecond;
    this.maxConnections = builder.maxConnections;
    this.startTimeout = builder.startTimeout;
    this.stopTimeout = builder.stopTimeout;
    this.heap = builder.heap;
    this.tlsListener = builder.tlsListener;
    this.scramListener = builder.scramListener;
    this.tlsListenerPort = builder.tlsListenerPort;
    this.scramListenerPort = builder.scramListenerPort;
    this.scramPasswordFile = (builder.scramHome == null ? workDir : builder.scramHome.toAbsolutePath())
        .resolve("scram")
        .resolve(LocalKafkaBroker.SCRAM_USER + ".password");
    this.measurement = builder.measurement;
    final List<Path> paths = new ArrayList<>(List.of(workDir, masterKeyFile));
    if (iamAuthorization != null) {
      paths.add(iamAuthorization.policiesFile());
    }
    if (longTermKeysFile != null) {
      paths.add(longTermKeysFile);
    }
    for (Path path : paths) {
      // Both end up inside JAAS or properties values, where these characters would break the syntax.
      if (path.toString().matches(".*[\"\\\\;\\s].*")) {
        throw new IllegalArgumentException("Path " + path + " contains a quote, backslash, ';' or white space; "
                                           + "choose a plain directory for the local broker");
      }
    }
  }

  /**
   * @param workDir       holds the broker's data, configuration, TLS material and logs
   * @param masterKeyFile the local STS's master key, written by the STS's credential authority
   */
  public static Builder builder(final Path workDir, final Path masterKeyFile)
  {
    return new Builder(workDir, masterKeyFile);
  }

  /**
   * Authorization by IAM policy, as MSK does it, by local-msk's authorizer in the broker.
   *
   * @param policiesFile where the policies live ({@link IamPolicies}), rewritten by {@link LocalKafkaBroker#policies}
   * @param clusterArn   {@code arn:aws:kafka:REGION:ACCOUNT:cluster/NAME/UUID}, the root of the resource ARNs
   * @param initial      the policies attached at start, per role or user ARN
   */
  public record IamAuthorization(Path policiesFile, String clusterArn, Map<String, List<String>> initial)
  {
    public IamAuthorization
    {
      policiesFile = policiesFile.toAbsolutePath();
      initial = Map.copyOf(initial);
    }
  }

  /** Builds a {@link BrokerConfig}. */
  public static final class Builder
  {
    private final Path workDir;
    private final Path masterKeyFile;
    private Path longTermKeysFile;
    private BrokerLayout layout;
    private BrokerNode node = BrokerNode.SINGLE;
    private KraftQuorum kraft;
    private TlsMaterial tls;
    private String region = "us-east-1";
    private int saslPlaintextPort;
    private int saslSslPort;
    private int internalPort;
    private int controllerPort;
    private Duration reauthentication = Duration.ZERO;
    private IamAuthorization iamAuthorization;
    private Duration maxClockSkew = Duration.ofMinutes(5);
    private int maxNewConnectionsPerSecond = 100;
    private int maxConnections = 3000;
    private Duration startTimeout = Duration.ofMinutes(2);
    private Duration stopTimeout = Duration.ofSeconds(30);
    private String heap = "512m";
    private boolean tlsListener;
    private boolean scramListener;
    private int tlsListenerPort;
    private int scramListenerPort;
    private Path scramHome;
    private boolean measurement;

    private Builder(final Path workDir, final Path masterKeyFile)
    {
      this.workDir = workDir;
      this.masterKeyFile = masterKeyFile;
    }

    public Builder layout(final BrokerLayout layout)
    {
      this.layout = layout;
      return this;
    }

    /** Which broker of a cluster this is, and its SASL_SSL endpoint; {@link BrokerNode#SINGLE} by default. */
    public Builder node(final BrokerNode node)
    {
      this.node = Objects.requireNonNull(node, "node");
      return this;
    }

    /**
     * Makes this broker one node of a cluster with that quorum (a broker-only node unless it is the controller);
     * without it, the broker is its own controller with a cluster ID of its own.
     */
    public Builder kraft(final KraftQuorum quorum)
    {
      this.kraft = quorum;
      return this;
    }

    /** TLS material made beforehand (a cluster's brokers share one client truststore); generated at start if unset. */
    public Builder tls(final TlsMaterial material)
    {
      this.tls = material;
      return this;
    }

    /** The region clients must sign for (the cluster's region). Default us-east-1. */
    public Builder region(final String region)
    {
      if (!REGION.matcher(Objects.requireNonNull(region, "region")).matches()) {
        throw new IllegalArgumentException("'" + region + "' is not an AWS region name such as us-east-1");
      }
      this.region = region;
      return this;
    }

    public Builder saslPlaintextPort(final int port)
    {
      this.saslPlaintextPort = port;
      return this;
    }

    public Builder saslSslPort(final int port)
    {
      this.saslSslPort = port;
      return this;
    }

    public Builder internalPort(final int port)
    {
      this.internalPort = port;
      return this;
    }

    public Builder controllerPort(final int port)
    {
      this.controllerPort = port;
      return this;
    }

    /** {@code connections.max.reauth.ms} of the AWS_MSK_IAM listeners; zero (the default) turns it off. */
    public Builder reauthentication(final Duration interval)
    {
      this.reauthentication = interval;
      return this;
    }

    /** IAM users' long-term keys the broker accepts (a file written by {@code LongTermKeys.write}); none by default. */
    public Builder longTermKeys(final Path file)
    {
      this.longTermKeysFile = file;
      return this;
    }

    /** Turns on authorization by IAM policy (local-msk's MSK-like authorizer) instead of allowing everything. */
    public Builder iamAuthorization(final IamAuthorization settings)
    {
      this.iamAuthorization = settings;
      return this;
    }

    /** The region set so far. */
    public String region()
    {
      return region;
    }

    /**
     * MSK's IAM connection quotas per broker: new connections per second (100 on MSK Standard brokers, 4 on
     * kafka.t3.small; the ones over it are refused during authentication with "Too many connects"; 0 for no limit)
     * and open connections per IAM listener (3,000; Kafka's max.connections, as MSK sets it).
     */
    public Builder connectionLimits(final int newPerSecond, final int maxOpen)
    {
      if (newPerSecond < 0 || maxOpen < 1) {
        throw new IllegalArgumentException("Connection limits: new connections per second 0 (no limit) or more, open "
                                           + "connections 1 or more; got " + newPerSecond + " and " + maxOpen);
      }
      this.maxNewConnectionsPerSecond = newPerSecond;
      this.maxConnections = maxOpen;
      return this;
    }

    public Builder maxClockSkew(final Duration skew)
    {
      this.maxClockSkew = skew;
      return this;
    }

    public Builder startTimeout(final Duration timeout)
    {
      this.startTimeout = timeout;
      return this;
    }

    public Builder stopTimeout(final Duration timeout)
    {
      this.stopTimeout = timeout;
      return this;
    }

    /** The broker JVM's -Xmx, e.g. {@code 512m}. */
    public Builder heap(final String heap)
    {
      this.heap = heap;
      return this;
    }

    /**
     * Adds MSK's TLS listener (its port 9094): security.protocol SSL, no client authentication, the same certificate
     * and truststore as the SASL_SSL listener, on the broker's endpoint. Off by default.
     */
    public Builder tlsListener()
    {
      this.tlsListener = true;
      return this;
    }

    /**
     * Adds MSK's SCRAM listener (its port 9096): SASL_SSL with SCRAM-SHA-512 only, on the broker's endpoint, and
     * creates the SCRAM user {@value LocalKafkaBroker#SCRAM_USER} once the broker serves. Off by default.
     */
    public Builder scramListener()
    {
      this.scramListener = true;
      return this;
    }

    /**
     * The ports of the TLS and SCRAM listeners when they are on (0: chosen free on the endpoint): a cluster gives
     * every broker the same ones, as MSK's brokers all listen on 9094 and 9096.
     */
    Builder mskListenerPorts(final int tls, final int scram)
    {
      this.tlsListenerPort = tls;
      this.scramListenerPort = scram;
      return this;
    }

    /**
     * The folder whose {@code scram/} holds the SCRAM user's password file; the work folder by default. A cluster
     * gives every broker the cluster's folder: one file for all, since the user is the whole cluster's.
     */
    Builder scramHome(final Path dir)
    {
      this.scramHome = dir;
      return this;
    }

    /**
     * Runs the broker as measurements need it: with the JVM's normal tiered JIT (C2 included) instead of C1 only,
     * which starts faster but leaves TLS and compression slower, and with Kafka's default thread pools and metadata
     * interval instead of the lean ones that keep an idle broker cheap.
     */
    public Builder forMeasurement()
    {
      this.measurement = true;
      return this;
    }

    public BrokerConfig build()
    {
      if (layout == null) {
        layout = BrokerLayout.locate();
      }
      return new BrokerConfig(this);
    }
  }
}
