package dev.druidmsk.scale;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.e2e.E2eCluster;
import dev.druidmsk.localmsk.testing.TestStacks;
import dev.druidmsk.telemetry.ApiRequestGenerator;
import dev.druidmsk.telemetry.ApiRequestProducer;
import dev.druidmsk.telemetry.ProducedTotals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * API-telemetry supervisors as the scale suites and benchmarks submit them: rendered from the shipped template with
 * the druid-msk command, then adjusted in the JSON tree for what the suite measures.
 */
final class TelemetrySupervisors
{
  /** A terminated task publishes, then waits for the historical to load its segments: minutes on a busy machine. */
  private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(6);

  private final E2eCluster cluster;

  TelemetrySupervisors(E2eCluster cluster)
  {
    this.cluster = cluster;
  }

  /**
   * Creates the topic and sends {@code count} generated requests, one millisecond apart, as the operator (the
   * unauthenticated internal listener), so producing makes no STS call.
   */
  ProducedTotals produce(String topic, int partitions, int count) throws Exception
  {
    return produce(topic, partitions, count, Map.of());
  }

  /** As above, with producer settings of its own, such as {@code compression.type}. */
  ProducedTotals produce(String topic, int partitions, int count, Map<String, String> producerSettings)
      throws Exception
  {
    cluster.stack().createTopic(topic, partitions);
    final Map<String, Object> operator = new HashMap<>(cluster.stack().msk().broker().operatorAdminProperties());
    operator.putAll(producerSettings);
    try (ApiRequestProducer producer = new ApiRequestProducer(operator)) {
      final Instant start = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
      return producer.send(topic, new ApiRequestGenerator(42, start, Duration.ofMillis(1)), count);
    }
  }

  /** The template's spec reading {@code dataSource}'s topic over IAM/SASL_SSL with the reader role, from the start. */
  ObjectNode iamSpec(String dataSource) throws Exception
  {
    return (ObjectNode) E2eCluster.JSON.readTree(
        cluster.stack().renderTelemetrySpec(dataSource, dataSource, TestStacks.EXTERNAL_ID).toFile()
    );
  }

  /**
   * The same spec over IAM without TLS: the broker's SASL_PLAINTEXT listener, so IAM's own cost (SigV4 handshake,
   * credentials) shows apart from encryption, which MSK demands whatever the authentication.
   */
  ObjectNode iamWithoutTlsSpec(String dataSource) throws Exception
  {
    final ObjectNode spec = iamSpec(dataSource);
    final ObjectNode consumer = (ObjectNode) spec.at("/spec/ioConfig/consumerProperties");
    consumer.put("bootstrap.servers", cluster.stack().msk().broker().saslPlaintextBootstrap());
    consumer.retain("bootstrap.servers", "druid.dynamic.config.provider");
    ((ObjectNode) consumer.get("druid.dynamic.config.provider")).put("securityProtocol", "SASL_PLAINTEXT");
    return spec;
  }

  /** The same spec reading the broker's PLAINTEXT listener, with no authentication at all. */
  ObjectNode plaintextSpec(String dataSource) throws Exception
  {
    final ObjectNode spec = iamSpec(dataSource);
    final ObjectNode consumer = (ObjectNode) spec.at("/spec/ioConfig/consumerProperties");
    consumer.removeAll();
    consumer.put("bootstrap.servers", cluster.stack().msk().broker().internalBootstrap());
    return spec;
  }

  /** The same spec over MSK's TLS listener: encryption with the same truststore, no authentication. */
  ObjectNode sslSpec(String dataSource) throws Exception
  {
    final ObjectNode spec = iamSpec(dataSource);
    overTlsWithoutIam(spec, cluster.stack().msk().broker().sslBootstrap()).put("security.protocol", "SSL");
    return spec;
  }

  /**
   * The same spec over MSK's SCRAM listener (SCRAM-SHA-512 over TLS) as the broker's SCRAM user. The JAAS line with
   * the password stays in {@code jaasFile} (a properties file with the key {@code sasl.jaas.config}), which the
   * consumers read through Kafka's own FileConfigProvider: the spec names only the file.
   */
  ObjectNode scramSpec(String dataSource, Path jaasFile) throws Exception
  {
    final ObjectNode spec = iamSpec(dataSource);
    final ObjectNode consumer = overTlsWithoutIam(spec, cluster.stack().msk().broker().scramBootstrap());
    consumer.put("security.protocol", "SASL_SSL");
    consumer.put("sasl.mechanism", "SCRAM-SHA-512");
    consumer.put("config.providers", "file");
    consumer.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
    consumer.put("sasl.jaas.config", "${file:" + jaasFile + ":sasl.jaas.config}");
    return spec;
  }

  /** The spec's consumer properties, moved to {@code bootstrap}, with the truststore kept and the IAM provider gone. */
  private static ObjectNode overTlsWithoutIam(ObjectNode spec, String bootstrap)
  {
    final ObjectNode consumer = (ObjectNode) spec.at("/spec/ioConfig/consumerProperties");
    consumer.put("bootstrap.servers", bootstrap);
    consumer.retain("bootstrap.servers", "ssl.truststore.location", "ssl.truststore.password");
    return consumer;
  }

  /**
   * Makes every supervisor built from this spec share one aws-msk-iam option set on a node, as supervisors of one
   * role do in production: the node's default session name ({@code druid-<HOSTNAME>}) and the given credential
   * cache.
   */
  static ObjectNode sharingNodeSession(ObjectNode spec, String credentialCache)
  {
    final ObjectNode provider = (ObjectNode) spec.at("/spec/ioConfig/consumerProperties/druid.dynamic.config.provider");
    provider.remove("roleSessionName");
    provider.put("credentialCache", credentialCache);
    return spec;
  }

  void submit(ObjectNode spec) throws Exception
  {
    cluster.overlord().submit(spec);
  }

  /** Ingested requests (the rollup's count metric), zero while the datasource has none. */
  long requests(String dataSource) throws Exception
  {
    return cluster.stack().sql().sqlLong(
        "SELECT SUM(\"requests\") FROM \"" + dataSource + "\"", "count the requests in " + dataSource
    );
  }

  /** Terminates every supervisor and waits until their tasks have published and left the indexer. */
  void terminateAllAndAwaitNoTasks() throws Exception
  {
    cluster.terminateSupervisors();
    E2eCluster.await("every task to finish", DRAIN_TIMEOUT, () -> cluster.unfinishedTaskIds().isEmpty());
  }
}
