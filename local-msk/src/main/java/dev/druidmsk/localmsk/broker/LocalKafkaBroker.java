package dev.druidmsk.localmsk.broker;

import dev.druidmsk.localmsk.iam.PrivateFiles;
import dev.druidmsk.localmsk.process.JavaCommand;
import dev.druidmsk.localmsk.process.JvmProcess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Kafka KRaft broker in its own JVM whose client listeners authenticate AWS_MSK_IAM against the local STS's
 * master key. Loopback only; data, configuration, TLS material and logs under the configured work directory.
 */
public final class LocalKafkaBroker implements AutoCloseable
{
  /** The user of the SCRAM listener ({@link BrokerConfig.Builder#scramListener}). */
  public static final String SCRAM_USER = "druid-msk";
  /** Kafka's default for SCRAM-SHA-512, as kafka-configs.sh uses it. */
  private static final int SCRAM_ITERATIONS = 4096;
  private static final Duration ADMIN_DEADLINE = Duration.ofSeconds(60);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
  /** What Kafka 3.9's SaslServerAuthenticator logs at DEBUG when a re-authentication succeeds. */
  private static final String REAUTHENTICATED = "Set SASL server state to COMPLETE during re-authentication";
  private static final Pattern AUTHENTICATED = Pattern.compile(" AUTHENTICATED (\\S+) until ");
  private static final Pattern REFUSED = Pattern.compile(" REFUSED (.*)$");
  /** What Kafka 3.9's SocketServer logs, via log4j into server.log, when a listener's port is in use. */
  private static final Pattern BIND_FAILED = Pattern.compile("failed to bind to \\S+:(\\d+): Address already in use");
  /**
   * A port chosen free is released for the broker's JVM to bind, and another process can take it in between (another
   * JVM's choice, a client connection's local port); a first start that lost a port that way tries new ones.
   */
  static final int START_ATTEMPTS = 3;
  private static final int ERROR_LINES = 10;
  /** Formats the storage (unless it already is) and runs kafka.Kafka in the broker's one JVM. */
  private static final String BROKER_MAIN = "dev.druidmsk.localmsk.server.BrokerMain";

  private final BrokerConfig config;
  private BrokerPorts ports;
  private final TlsMaterial tls;
  private final Path serverProperties;
  private final Path log4jProperties;
  /** What the storage is formatted with on the first start; the brokers of a KRaft cluster share it. */
  private final String clusterId;
  private final IamPolicies policies;
  private JvmProcess process;
  private long serverLogAtSpawn;
  private Duration lastStartTime;

  private LocalKafkaBroker(final BrokerConfig config, final BrokerPorts ports, final TlsMaterial tls)
      throws IOException
  {
    this.config = config;
    this.ports = ports;
    this.tls = tls;
    this.policies = config.iamAuthorization == null
                    ? null
                    : new IamPolicies(config.iamAuthorization.policiesFile(), config.iamAuthorization.initial());
    this.serverProperties = config.workDir.resolve("config/server.properties");
    this.log4jProperties = config.workDir.resolve("config/log4j.properties");
    this.clusterId = config.kraft == null ? Uuid.randomUuid().toString() : config.kraft.clusterId();
  }

  /** Generates TLS material, writes the configuration and starts the broker (formatting its storage), ready to serve. */
  public static LocalKafkaBroker start(final BrokerConfig config)
      throws IOException, InterruptedException, TimeoutException
  {
    final long began = System.nanoTime();
    final LocalKafkaBroker broker = prepare(config);
    broker.launch(began);
    if (config.scramListener) {
      broker.createScramUser();
    }
    return broker;
  }

  /**
   * Everything {@link #start} does before the broker's JVM starts: TLS material (unless the config brings it), the
   * configuration. A cluster prepares every node, then spawns them all at once.
   */
  static LocalKafkaBroker prepare(final BrokerConfig config)
      throws IOException, InterruptedException, TimeoutException
  {
    config.layout.check();
    if (!Files.isRegularFile(config.masterKeyFile)) {
      throw new IllegalArgumentException("No master key at " + config.masterKeyFile
                                         + ": write it with SessionCredentialAuthority.writeMasterKey first");
    }
    Files.createDirectories(config.workDir.resolve("config"));
    final LocalKafkaBroker broker = new LocalKafkaBroker(
        config,
        BrokerPorts.resolve(config),
        config.tls != null ? config.tls : TlsMaterial.generate(config.workDir.resolve("tls"), config.node)
    );
    broker.writeConfiguration();
    return broker;
  }

  /** {@code localhost:<port>} of the SASL_PLAINTEXT listener (AWS_MSK_IAM only). */
  public String saslPlaintextBootstrap()
  {
    return ServerProperties.ADVERTISED_HOST + ':' + ports.saslPlaintext();
  }

  /**
   * The SASL_SSL listener (AWS_MSK_IAM only) as a client bootstraps with it: {@code localhost:<port>} when its
   * endpoint is 127.0.0.1 (the single broker, a cluster's first), else its advertised name; trust {@link #tls()}'s
   * truststore.
   */
  public String saslSslBootstrap()
  {
    return endpointBootstrap(ports.saslSsl());
  }

  /** {@code <advertised host>:<port>} of the SASL_SSL listener, the address clients get in the metadata. */
  public String advertisedSaslSsl()
  {
    return config.node.advertisedHost() + ':' + ports.saslSsl();
  }

  /**
   * MSK's TLS listener ({@link BrokerConfig.Builder#tlsListener}): SSL without client authentication, bootstrapped
   * as {@link #saslSslBootstrap()} is; trust {@link #tls()}'s truststore.
   */
  public String sslBootstrap()
  {
    return endpointBootstrap(requireListener(ports.ssl(), "tlsListener"));
  }

  /**
   * MSK's SCRAM listener ({@link BrokerConfig.Builder#scramListener}): SASL_SSL with SCRAM-SHA-512 for the user
   * {@value #SCRAM_USER}, whose password is in {@link #scramPasswordFile()}; trust {@link #tls()}'s truststore.
   */
  public String scramBootstrap()
  {
    return endpointBootstrap(requireListener(ports.scram(), "scramListener"));
  }

  /**
   * The SCRAM user's password, one line, owner-only (0600), in {@code scram/} of the work folder; of a cluster, of
   * the cluster's folder, the same file for every broker, since the user is the cluster's.
   */
  public Path scramPasswordFile()
  {
    return config.scramPasswordFile;
  }

  private String endpointBootstrap(final int port)
  {
    return (config.node.onLocalhost() ? BrokerNode.LOCALHOST : config.node.advertisedHost()) + ':' + port;
  }

  private static int requireListener(final int port, final String builderMethod)
  {
    if (port == 0) {
      throw new IllegalStateException("This broker has no such listener: turn it on with BrokerConfig.Builder#"
                                      + builderMethod + " before it starts");
    }
    return port;
  }

  /**
   * Creates (or, with the password already in its file, re-creates) the SCRAM user through Kafka's admin API on the
   * internal listener; in a cluster, once, on any broker.
   */
  void createScramUser() throws IOException, InterruptedException, TimeoutException
  {
    final Path file = scramPasswordFile();
    if (!Files.exists(file)) {
      final byte[] secret = new byte[24];
      new SecureRandom().nextBytes(secret);
      Files.createDirectories(file.getParent());
      PrivateFiles.write(file, HexFormat.of().formatHex(secret) + '\n');
    }
    final String password = Files.readString(file, StandardCharsets.UTF_8).strip();
    try (Admin admin = Admin.create(operatorAdminProperties())) {
      admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(
          SCRAM_USER, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), password
      ))).all().get(ADMIN_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }
    catch (ExecutionException e) {
      throw new IOException("Creating the SCRAM user " + SCRAM_USER + " failed: " + e.getCause().getMessage(), e);
    }
  }

  /** This broker's id and endpoint. */
  public BrokerNode node()
  {
    return config.node;
  }

  /** The unauthenticated PLAINTEXT listener; with authorization on, its clients are super users. */
  public String internalBootstrap()
  {
    return "127.0.0.1:" + ports.internal();
  }

  public TlsMaterial tls()
  {
    return tls;
  }

  public String region()
  {
    return config.region;
  }

  /** How long the last start took, from nothing (or from stopped) to serving. */
  public Duration lastStartTime()
  {
    return lastStartTime;
  }

  public Path logDir()
  {
    return config.workDir.resolve("logs");
  }

  /**
   * Re-authentications the broker completed, over every connection and restart so far, as its SASL authenticator
   * logged them.
   */
  public long reauthentications() throws IOException
  {
    return saslLog(lines -> lines.filter(line -> line.contains(REAUTHENTICATED)).count());
  }

  /** The principal ARN of every AWS_MSK_IAM authentication the broker accepted so far, in order, repeats kept. */
  public List<String> authenticatedPrincipals() throws IOException
  {
    return saslLog(lines -> lines.map(AUTHENTICATED::matcher)
                                 .filter(Matcher::find)
                                 .map(matcher -> matcher.group(1))
                                 .toList());
  }

  /** The reason of every AWS_MSK_IAM authentication the broker refused so far, as the client got it. */
  public List<String> refusals() throws IOException
  {
    return saslLog(lines -> lines.map(REFUSED::matcher)
                                 .filter(Matcher::find)
                                 .map(matcher -> matcher.group(1))
                                 .toList());
  }

  private <T> T saslLog(final Function<Stream<String>, T> reader) throws IOException
  {
    final Path log = logDir().resolve(ServerProperties.SASL_LOG);
    try (Stream<String> lines = Files.exists(log) ? Files.lines(log, StandardCharsets.UTF_8) : Stream.empty()) {
      return reader.apply(lines);
    }
  }

  public long pid()
  {
    return process.pid();
  }

  public boolean isRunning()
  {
    return process != null && process.isAlive();
  }

  /**
   * Replaces the IAM policies attached to {@code principalArn} (a role or user ARN) with {@code documents}, at once
   * and without a restart; an empty list detaches them all. Only with IAM authorization on.
   */
  public void policies(final String principalArn, final List<String> documents) throws IOException
  {
    if (policies == null) {
      throw new IllegalStateException("IAM authorization is off for this broker: turn it on with "
                                      + "BrokerConfig.Builder#iamAuthorization before it starts");
    }
    policies.replace(principalArn, documents);
  }

  /** Properties for an Admin client on the internal listener. */
  public Map<String, Object> operatorAdminProperties()
  {
    return Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, internalBootstrap(),
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000,
        AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500
    );
  }

  /** Stops the broker (TERM, then KILL after the stop timeout) and starts it again on the same ports and data. */
  public void restart() throws IOException, InterruptedException, TimeoutException
  {
    stop();
    launch(System.nanoTime());
  }

  /** Starts the prepared broker's JVM without waiting for it; {@link #awaitStarted} waits. */
  void spawn() throws IOException
  {
    serverLogAtSpawn = Files.exists(serverLog()) ? Files.size(serverLog()) : 0;
    process = JvmProcess.start(new JavaCommand(
        "kafka-broker",
        jvmArgs("-Xmx" + config.heap),
        config.layout.classpath(),
        BROKER_MAIN,
        List.of(serverProperties.toString(), clusterId),
        Map.of(),
        config.workDir,
        logDir().resolve("broker.out")
    ));
  }

  /**
   * Waits until the spawned broker serves and sees {@code clusterSize} brokers (stopping it if it does not), and
   * records the start time counted from {@code began}.
   */
  void awaitStarted(final long began, final int clusterSize) throws IOException, InterruptedException, TimeoutException
  {
    for (int attempt = 1; ; attempt++) {
      try {
        awaitServing(System.nanoTime() + config.startTimeout.toNanos(), clusterSize);
        break;
      }
      catch (PortTakenException e) {
        // Already exited: this only unregisters its shutdown hook.
        process.stop(config.stopTimeout);
        // A restart keeps its ports (clients know them), and a configured port stays what it was configured to be.
        if (lastStartTime != null || attempt == START_ATTEMPTS || !ports.choseFree(e.port(), config)) {
          throw e;
        }
        ports = BrokerPorts.resolve(config);
        writeConfiguration();
        spawn();
      }
      catch (IOException | TimeoutException | RuntimeException e) {
        process.stop(config.stopTimeout);
        throw e;
      }
    }
    lastStartTime = Duration.ofNanos(System.nanoTime() - began);
  }

  public void stop() throws InterruptedException
  {
    if (process != null) {
      process.stop(config.stopTimeout);
    }
  }

  @Override
  public void close() throws InterruptedException
  {
    stop();
  }

  private void writeConfiguration() throws IOException
  {
    // It holds the keystore password.
    PrivateFiles.writeProperties(serverProperties, ServerProperties.render(config, ports, tls));
    Files.writeString(log4jProperties, ServerProperties.log4j(logDir()), StandardCharsets.UTF_8);
  }

  private void launch(final long began) throws IOException, InterruptedException, TimeoutException
  {
    spawn();
    awaitStarted(began, 1);
  }

  private List<String> jvmArgs(final String heap)
  {
    return List.of(
        heap,
        "-XX:+UseSerialGC",
        // C1 only starts a short-lived broker faster; measurements want the normal tiered JIT.
        config.measurement ? "-XX:+TieredCompilation" : "-XX:TieredStopAtLevel=1",
        "-Djava.awt.headless=true",
        "-Dlog4j.configuration=file:" + log4jProperties,
        "-Dkafka.logs.dir=" + logDir()
    );
  }

  /** Ready once the broker answers DescribeCluster on the internal listener with at least {@code clusterSize} brokers. */
  private void awaitServing(final long deadlineNanos, final int clusterSize)
      throws IOException, InterruptedException, TimeoutException
  {
    try (Admin admin = Admin.create(operatorAdminProperties())) {
      while (true) {
        if (!process.isAlive()) {
          throw exitedWhileStarting();
        }
        try {
          if (admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).nodes().get().size() >= clusterSize) {
            return;
          }
        }
        catch (ExecutionException e) {
          // Not serving yet.
        }
        if (System.nanoTime() > deadlineNanos) {
          throw new TimeoutException("The Kafka broker did not serve within " + config.startTimeout + "; see "
                                     + logDir());
        }
        Thread.sleep(POLL_INTERVAL.toMillis());
      }
    }
  }

  /**
   * Why the broker's JVM ended before serving: its exit code, the first error this start wrote to server.log (Kafka's
   * fatal errors go there, through log4j; the shutdown that follows logs a page of noise) and the end of broker.out
   * (the JVM's own output).
   */
  private IOException exitedWhileStarting() throws IOException
  {
    final String logged = serverLogSinceSpawn();
    final String message = "The Kafka broker exited with " + process.exitValue() + " while starting; "
                           + firstError(logged.lines().toList(), serverLog()) + "\nthe end of " + process.log() + ":\n"
                           + process.logTail();
    final Matcher bind = BIND_FAILED.matcher(logged);
    if (!bind.find()) {
      return new IOException(message);
    }
    final int port = Integer.parseInt(bind.group(1));
    return new PortTakenException(port, message + "\nPort " + port + " was taken by another process before the broker "
                                        + "bound it: start again, or configure ports nothing else on this host uses");
  }

  /** What the broker wrote to server.log since its last spawn; a broker that ran long wrote much more before it. */
  private String serverLogSinceSpawn() throws IOException
  {
    if (!Files.exists(serverLog())) {
      return "";
    }
    try (SeekableByteChannel log = Files.newByteChannel(serverLog())) {
      log.position(serverLogAtSpawn);
      return new String(Channels.newInputStream(log).readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The first ERROR line of {@code lines} with its exception's messages (not its stack), else their end. */
  static String firstError(final List<String> lines, final Path log)
  {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("] ERROR ")) {
        final List<String> error = new ArrayList<>(List.of(lines.get(i)));
        for (String line : lines.subList(i + 1, lines.size())) {
          if (line.startsWith("[") || error.size() == ERROR_LINES) {
            break;
          }
          if (!line.startsWith("\t")) {
            error.add(line);
          }
        }
        return "the first error in " + log + ":\n" + String.join("\n", error);
      }
    }
    return "the end of " + log + ":\n"
           + String.join("\n", lines.subList(Math.max(0, lines.size() - ERROR_LINES), lines.size()));
  }

  private Path serverLog()
  {
    return logDir().resolve(ServerProperties.SERVER_LOG);
  }
}
