package dev.druidmsk.cli.doctor;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The network path from this node to every bootstrap broker, one step at a time so that the first broken step is
 * named: DNS, TCP, TLS (with the spec's truststore), and whether the port is MSK's IAM listener. Every step has the
 * same timeout.
 */
public final class NetworkChecks
{
  private static final String IAM_PORTS = "MSK's IAM listener is port 9098 inside the VPC, 9198 for public access";
  private static final Map<Integer, String> OTHER_MSK_PORTS = Map.of(
      9092, "plaintext", 9094, "TLS", 9194, "public TLS", 9096, "SASL/SCRAM", 9196, "public SASL/SCRAM"
  );

  private final List<BrokerAddress> brokers;
  private final boolean tls;
  private final Truststore truststore;
  private final Duration timeout;
  private final Map<BrokerAddress, InetAddress> resolved = new LinkedHashMap<>();
  private final List<BrokerAddress> reachable = new ArrayList<>();

  /** A truststore as the Kafka consumer would load it; a null file means the JVM's default trusted CAs. */
  public record Truststore(Path file, String type, String password)
  {
    @Override
    public String toString()
    {
      return file == null ? "the JVM's default trusted CAs" : file + " (" + type + ")";
    }
  }

  public NetworkChecks(String bootstrapServers, String securityProtocol, Truststore truststore, Duration timeout)
  {
    this.brokers = BrokerAddress.parseAll(bootstrapServers == null ? "" : bootstrapServers);
    this.tls = securityProtocol != null && securityProtocol.endsWith("SSL");
    this.truststore = truststore;
    this.timeout = timeout;
  }

  /** The four checks, in order; a step that cannot run because an earlier one failed for every broker is skipped. */
  public List<CheckResult> run()
  {
    final List<CheckResult> results = new ArrayList<>();
    results.add(dns());
    results.add(resolved.isEmpty() ? CheckResult.skip("network.tcp", "no broker host name resolved") : tcp());
    results.add(reachable.isEmpty() ? CheckResult.skip("network.tls", "no broker accepted a TCP connection") : tls());
    results.add(iamPort());
    return results;
  }

  private CheckResult dns()
  {
    final String name = "network.dns";
    if (brokers.isEmpty()) {
      return CheckResult.fail(name, "no host:port in bootstrap.servers", List.of(),
                              "set consumerProperties.bootstrap.servers to the cluster's IAM bootstrap brokers");
    }
    final List<String> evidence = new ArrayList<>();
    final List<String> failed = new ArrayList<>();
    for (BrokerAddress broker : brokers) {
      try {
        final InetAddress[] addresses = withTimeout(() -> InetAddress.getAllByName(broker.host()));
        resolved.put(broker, addresses[0]);
        evidence.add(broker.host() + " -> " + Arrays.stream(addresses).map(InetAddress::getHostAddress).toList());
      }
      catch (StepException e) {
        failed.add(broker.host());
        evidence.add(broker.host() + ": " + e.getMessage());
      }
    }
    if (!failed.isEmpty()) {
      return CheckResult.fail(name, "cannot resolve " + String.join(", ", failed), evidence,
                              "check the host names in bootstrap.servers (copy BootstrapBrokerStringSaslIam from "
                              + "`aws kafka get-bootstrap-brokers --cluster-arn ...`) and this node's DNS (VPC DNS "
                              + "resolution and hostnames enabled, resolver rules for the MSK VPC)");
    }
    return CheckResult.pass(name, "all " + brokers.size() + " bootstrap brokers resolve", evidence);
  }

  private CheckResult tcp()
  {
    final String name = "network.tcp";
    final List<String> evidence = new ArrayList<>();
    final List<String> failed = new ArrayList<>();
    for (Map.Entry<BrokerAddress, InetAddress> entry : resolved.entrySet()) {
      final long start = System.nanoTime();
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(entry.getValue(), entry.getKey().port()), timeoutMillis());
        reachable.add(entry.getKey());
        evidence.add(entry.getKey() + ": connected in " + millisSince(start) + " ms");
      }
      catch (IOException e) {
        failed.add(entry.getKey().toString());
        evidence.add(entry.getKey() + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
      }
    }
    if (!failed.isEmpty()) {
      return CheckResult.fail(name, "cannot connect to " + String.join(", ", failed), evidence,
                              "the brokers' security group must allow inbound TCP on the listener port from this "
                              + "node, and bootstrap.servers must name the IAM listener: " + IAM_PORTS);
    }
    return CheckResult.pass(name, "TCP connect to every reachable broker", evidence);
  }

  private CheckResult tls()
  {
    final String name = "network.tls";
    if (!tls) {
      return brokers.stream().anyMatch(BrokerAddress::isMsk)
             ? CheckResult.fail(name, "SASL_PLAINTEXT to MSK: MSK's IAM listeners accept TLS only", List.of(),
                                "set securityProtocol SASL_SSL (the aws-msk-iam provider's default)")
             : CheckResult.pass(name, "not used: SASL_PLAINTEXT to a broker that is not MSK", List.of());
    }
    final SSLContext context;
    try {
      context = sslContext();
    }
    catch (IOException | GeneralSecurityException e) {
      return CheckResult.fail(name, "cannot load the truststore " + truststore, List.of(e.getMessage()),
                              "point ssl.truststore.location/type/password at a readable truststore");
    }
    final List<String> evidence = new ArrayList<>();
    final List<String> failed = new ArrayList<>();
    boolean notTls = false;
    for (BrokerAddress broker : reachable) {
      try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
        socket.connect(new InetSocketAddress(resolved.get(broker), broker.port()), timeoutMillis());
        socket.setSoTimeout(timeoutMillis());
        final SSLParameters parameters = socket.getSSLParameters();
        // As Kafka: ssl.endpoint.identification.algorithm defaults to https.
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        parameters.setServerNames(List.of(new javax.net.ssl.SNIHostName(broker.host())));
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        evidence.add(broker + ": " + socket.getSession().getProtocol() + ", certificate "
                     + socket.getSession().getPeerPrincipal().getName() + ", trusted by " + truststore);
      }
      catch (SSLException e) {
        failed.add(broker.toString());
        final String message = String.valueOf(e.getMessage());
        // A TLS listener answers a hello with its certificate or an alert; a Kafka plaintext listener drops it.
        notTls |= !message.contains("PKIX") && !message.contains("certificate") && !message.contains("subject alternative");
        evidence.add(broker + ": " + e.getClass().getSimpleName() + ": " + message);
      }
      catch (IOException e) {
        failed.add(broker.toString());
        notTls = true;
        evidence.add(broker + ": " + e.getClass().getSimpleName() + ": " + e.getMessage()
                     + " (the listener did not answer a TLS hello)");
      }
    }
    if (failed.isEmpty()) {
      return CheckResult.pass(name, "TLS handshake with every broker", evidence);
    }
    return CheckResult.fail(
        name, "TLS handshake failed with " + String.join(", ", failed), evidence,
        notTls ? "the port does not speak TLS, so it is not the IAM listener: " + IAM_PORTS
               : "put the brokers' CA into ssl.truststore.location (MSK's certificates chain to Amazon's public CAs, "
                 + "which the JVM's default truststore trusts: drop a custom truststore that lacks them)"
    );
  }

  private CheckResult iamPort()
  {
    final String name = "network.iam-port";
    final List<String> evidence = new ArrayList<>();
    final List<String> wrong = new ArrayList<>();
    boolean anyMsk = false;
    for (BrokerAddress broker : brokers) {
      if (!broker.isMsk()) {
        evidence.add(broker + ": not an MSK host name, the port cannot be judged by its number");
        continue;
      }
      anyMsk = true;
      if (broker.port() == 9098 || broker.port() == 9198) {
        evidence.add(broker + ": IAM listener (" + (broker.port() == 9098 ? "VPC" : "public") + ")");
      } else {
        wrong.add(broker.toString());
        evidence.add(broker + ": " + OTHER_MSK_PORTS.getOrDefault(broker.port(), "not an MSK") + " listener port");
      }
    }
    if (!wrong.isEmpty()) {
      return CheckResult.fail(name, "not MSK's IAM port: " + String.join(", ", wrong), evidence,
                              "use the IAM bootstrap brokers: " + IAM_PORTS);
    }
    return anyMsk
           ? CheckResult.pass(name, "every MSK broker is named on its IAM port", evidence)
           : CheckResult.pass(name, "no MSK host names; the TCP/TLS checks and SASL authentication judge the port",
                              evidence);
  }

  private SSLContext sslContext() throws IOException, GeneralSecurityException
  {
    final TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    if (truststore == null || truststore.file() == null) {
      factory.init((KeyStore) null);
    } else {
      final KeyStore store = KeyStore.getInstance(truststore.type() == null ? "JKS" : truststore.type());
      try (InputStream in = Files.newInputStream(truststore.file())) {
        store.load(in, truststore.password() == null ? null : truststore.password().toCharArray());
      }
      factory.init(store);
    }
    final SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  private <T> T withTimeout(java.util.concurrent.Callable<T> step) throws StepException
  {
    final CompletableFuture<T> future = CompletableFuture.supplyAsync(() -> {
      try {
        return step.call();
      }
      catch (Exception e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    });
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
    catch (TimeoutException e) {
      future.cancel(true);
      throw new StepException("no answer within " + timeout.toSeconds() + " s");
    }
    catch (ExecutionException e) {
      final Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException
                              ? e.getCause().getCause() : e.getCause();
      throw new StepException(cause instanceof UnknownHostException
                              ? "unknown host (" + cause.getMessage() + ")"
                              : cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }
    catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StepException("interrupted");
    }
  }

  private int timeoutMillis()
  {
    return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
  }

  private static long millisSince(long startNanos)
  {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  private static final class StepException extends Exception
  {
    StepException(String message)
    {
      super(message);
    }
  }
}
