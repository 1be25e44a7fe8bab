package dev.druidmsk.probe.kafka;

import dev.druidmsk.probe.node.Checks;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.security.ssl.DefaultSslEngineFactory;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Every broker the bootstrap names for the topic, reached the way a task reaches a partition leader after the
 * bootstrap: its advertised name resolved on this node, TCP to its advertised port, TLS verified for that name with the
 * consumer's own SSL settings, and an IAM-authenticated Metadata request to that broker alone. This is where MSK over PrivateLink (one
 * endpoint per broker) breaks while the bootstrap works. One check per broker, {@code kafka.broker-<id>}; the brokers
 * are checked in parallel and reported in id order.
 */
final class BrokerChecks
{
  static final String PREFIX = "kafka.broker-";
  /** Resolve, connect, handshake and request, each within the timeout, plus room for the thread pool. */
  private static final int STEPS = 4;

  private final Map<String, Object> consumerProperties;
  private final String topic;
  private final Duration timeout;

  /** The outcome of one broker's check, recorded on the calling thread (Checks is not thread-safe). */
  private static final class Verdict
  {
    private final boolean passed;
    private final String summary;
    private final List<String> evidence;
    private final String fix;

    private Verdict(boolean passed, String summary, List<String> evidence, String fix)
    {
      this.passed = passed;
      this.summary = summary;
      this.evidence = evidence;
      this.fix = fix;
    }
  }

  /**
   * @param consumerProperties as Druid's consumers get them (security.protocol, ssl.*, sasl.*)
   * @param topic              the spec's topic, or null for a topicPattern
   */
  BrokerChecks(Map<String, Object> consumerProperties, String topic, Duration timeout)
  {
    this.consumerProperties = consumerProperties;
    this.topic = topic;
    this.timeout = timeout;
  }

  /**
   * Checks every broker and records one result each.
   *
   * @param description the topic's partitions and leaders, or null when unknown
   * @return the ids of the brokers that failed
   */
  Set<Integer> run(Collection<Node> brokers, TopicDescription description, Checks checks)
  {
    final List<Node> sorted = brokers.stream().sorted(Comparator.comparingInt(Node::id)).collect(Collectors.toList());
    final Set<Integer> failed = new TreeSet<>();
    if (sorted.isEmpty()) {
      return failed;
    }
    final ExecutorService pool = Executors.newFixedThreadPool(sorted.size(), task -> {
      final Thread thread = new Thread(task, "druid-msk-doctor-broker-check");
      thread.setDaemon(true);
      return thread;
    });
    try {
      final Map<Node, Future<Verdict>> running = new LinkedHashMap<>();
      sorted.forEach(broker -> running.put(broker, pool.submit(() -> check(broker))));
      for (Map.Entry<Node, Future<Verdict>> entry : running.entrySet()) {
        final Node broker = entry.getKey();
        final Verdict verdict = await(broker, entry.getValue());
        final String name = PREFIX + broker.id();
        if (verdict.passed) {
          checks.pass(name, verdict.summary, verdict.evidence);
        } else {
          failed.add(broker.id());
          final List<String> evidence = new ArrayList<>(verdict.evidence);
          evidence.add(leadership(broker, description));
          checks.fail(name, verdict.summary, evidence, verdict.fix);
        }
      }
      return failed;
    }
    finally {
      pool.shutdownNow();
    }
  }

  private Verdict await(Node broker, Future<Verdict> verdict)
  {
    final long limit = timeout.toMillis() * STEPS + 5000;
    try {
      return verdict.get(limit, TimeUnit.MILLISECONDS);
    }
    catch (TimeoutException e) {
      return failure(broker, "the checks of this broker did not finish within " + limit / 1000 + " s", new ArrayList<>(),
                     PrivateLinkFix.noAnswer(broker));
    }
    catch (ExecutionException e) {
      return failure(broker, "the check itself failed", List.of(CredentialChecks.firstLine(e.getCause())),
                     "see the error above");
    }
    catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failure(broker, "interrupted", new ArrayList<>(), "run the doctor again");
    }
  }

  private Verdict check(Node broker)
  {
    final List<String> evidence = new ArrayList<>();
    final InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(broker.host());
      evidence.add("resolve: " + broker.host() + " -> "
                   + Arrays.stream(addresses).map(InetAddress::getHostAddress).collect(Collectors.joining(", ")));
    }
    catch (UnknownHostException e) {
      evidence.add("resolve: " + CredentialChecks.firstLine(e));
      return failure(broker, "the name does not resolve on this node", evidence, PrivateLinkFix.unresolved(broker));
    }
    try (Socket socket = connect(broker, addresses, evidence)) {
      if (socket == null) {
        return failure(broker, "no TCP connection to port " + broker.port() + ": the endpoint behind this name does "
                               + "not serve the advertised port", evidence, PrivateLinkFix.port(broker));
      }
      if (tls() && !handshake(broker, socket, evidence)) {
        return failure(broker, "TLS: the server at " + address(socket) + " has no certificate for this name (it is "
                               + "another broker's endpoint, or no broker's)", evidence, PrivateLinkFix.certificate(broker));
      }
    }
    catch (IOException e) {
      evidence.add("tls: " + CredentialChecks.firstLine(e));
      return failure(broker, "TLS handshake failed", evidence, "see the error above; the truststore is the spec's");
    }
    return request(broker, evidence);
  }

  /** The first of the resolved addresses that accepts a connection, as Kafka's client tries them in turn. */
  private Socket connect(Node broker, InetAddress[] addresses, List<String> evidence)
  {
    for (InetAddress address : addresses) {
      final Socket socket = new Socket();
      final long began = System.nanoTime();
      try {
        socket.connect(new InetSocketAddress(address, broker.port()), (int) timeout.toMillis());
        evidence.add("tcp: " + address.getHostAddress() + ':' + broker.port() + " connected in "
                     + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began) + " ms");
        return socket;
      }
      catch (IOException e) {
        evidence.add("tcp: " + address.getHostAddress() + ':' + broker.port() + ' ' + CredentialChecks.firstLine(e));
        closeQuietly(socket);
      }
    }
    return null;
  }

  /** A TLS handshake over the connected socket with Kafka's own SSL context and host name verification. */
  private boolean handshake(Node broker, Socket plain, List<String> evidence) throws IOException
  {
    try (SSLSocket socket = (SSLSocket) sslContext().getSocketFactory()
                                                    .createSocket(plain, broker.host(), broker.port(), true)) {
      socket.setSoTimeout((int) timeout.toMillis());
      final SSLParameters parameters = socket.getSSLParameters();
      final Object algorithm = consumerProperties.getOrDefault("ssl.endpoint.identification.algorithm", "https");
      if (algorithm != null && !String.valueOf(algorithm).isEmpty()) {
        parameters.setEndpointIdentificationAlgorithm(String.valueOf(algorithm));
      }
      parameters.setServerNames(List.of(new SNIHostName(broker.host())));
      socket.setSSLParameters(parameters);
      socket.startHandshake();
      evidence.add("tls: " + certificateNames(socket.getSession().getPeerCertificates()) + ", verified for "
                   + broker.host());
      return true;
    }
    catch (SSLException e) {
      evidence.add("tls: " + CredentialChecks.firstLine(e));
      return false;
    }
  }

  /** Kafka builds the consumer's SSL context from the ssl.* settings, with its defaults for the unset ones. */
  private SSLContext sslContext()
  {
    final AbstractConfig ssl = new AbstractConfig(new ConfigDef().withClientSslSupport(), consumerProperties, false);
    final DefaultSslEngineFactory factory = new DefaultSslEngineFactory();
    factory.configure(ssl.values());
    return factory.sslContext();
  }

  /** ApiVersions, SASL and Metadata on this broker only: the first Metadata request goes to the bootstrap broker. */
  private Verdict request(Node broker, List<String> evidence)
  {
    final Map<String, Object> single = new HashMap<>(consumerProperties);
    single.put("bootstrap.servers", broker.host() + ':' + broker.port());
    single.put("client.id", "druid-msk-doctor-broker-" + broker.id());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(single, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      if (topic == null) {
        consumer.listTopics(timeout);
      } else {
        consumer.partitionsFor(topic, timeout);
      }
      evidence.add("iam: " + single.get("sasl.mechanism") + " accepted and Metadata answered by this broker alone");
      return new Verdict(true, "broker " + broker.id() + " at " + broker.host() + ':' + broker.port()
                               + " reachable as a task reaches it", evidence, null);
    }
    catch (Exception e) {
      final Throwable cause = KafkaAccessChecks.cause(e);
      evidence.add("iam: " + CredentialChecks.firstLine(cause));
      if (cause instanceof AuthorizationException) {
        // Authenticated and answered: what the role may see is kafka.describe-topic's matter.
        return new Verdict(true, "broker " + broker.id() + " at " + broker.host() + ':' + broker.port()
                                 + " reachable and authenticated (the topic's refusal: see kafka.describe-topic)",
                           evidence, null);
      }
      if (cause instanceof SaslAuthenticationException) {
        return failure(broker, "the broker refused the IAM authentication", evidence, "see kafka.authenticate");
      }
      return failure(broker, "no answer within " + timeout.toSeconds() + " s", evidence, PrivateLinkFix.noAnswer(broker));
    }
  }

  private boolean tls()
  {
    return String.valueOf(consumerProperties.get("security.protocol")).endsWith("SSL");
  }

  private Verdict failure(Node broker, String what, List<String> evidence, String fix)
  {
    return new Verdict(false, "broker " + broker.id() + " at " + broker.host() + ':' + broker.port() + ": " + what,
                       evidence, fix);
  }

  private String leadership(Node broker, TopicDescription description)
  {
    if (description == null) {
      return "the partitions it leads are unknown (no topic description)";
    }
    final List<Integer> led = description.partitions()
                                         .stream()
                                         .filter(p -> p.leader() != null && p.leader().id() == broker.id())
                                         .map(TopicPartitionInfo::partition)
                                         .collect(Collectors.toList());
    return led.isEmpty()
           ? "leads no partition of " + description.name()
           : "leads partitions " + led.stream().map(String::valueOf).collect(Collectors.joining(", ")) + " of "
             + description.name() + ": tasks reading them stall until a timeout";
  }

  private static String address(Socket socket)
  {
    return socket.getInetAddress().getHostAddress() + ':' + socket.getPort();
  }

  /** Subject and DNS names of the server's certificate, never key material. */
  private static String certificateNames(Certificate[] chain)
  {
    if (chain.length == 0 || !(chain[0] instanceof X509Certificate)) {
      return "certificate of an unknown type";
    }
    final X509Certificate certificate = (X509Certificate) chain[0];
    String names;
    try {
      names = certificate.getSubjectAlternativeNames() == null
              ? "none"
              : certificate.getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1)))
                           .collect(Collectors.joining(", "));
    }
    catch (CertificateParsingException e) {
      names = "unreadable";
    }
    return "certificate " + certificate.getSubjectX500Principal().getName() + ", names " + names;
  }

  private static void closeQuietly(Socket socket)
  {
    try {
      socket.close();
    }
    catch (IOException e) {
      // Nothing was sent on it.
    }
  }
}
