package dev.druidmsk.probe.kafka;

import dev.druidmsk.probe.node.Checks;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The Kafka calls a Druid supervisor and its tasks make, each refusal reported with the MSK action the role lacks
 * ({@link Request}; the doctor names the reader policy's statement that grants it): SASL AWS_MSK_IAM authentication,
 * topic metadata and offsets, every broker holding the topic's replicas on its own ({@link BrokerChecks}), one record
 * per partition without committing, and the consumer group pattern Druid uses.
 */
final class KafkaAccessChecks
{
  /** The MSK action each request needs, besides Connect, which MSK requires for every request. */
  private enum Request
  {
    AUTHENTICATE("kafka-cluster:Connect"),
    DESCRIBE_TOPIC("kafka-cluster:DescribeTopic"),
    FETCH("kafka-cluster:ReadData"),
    DESCRIBE_GROUP("kafka-cluster:DescribeGroup"),
    JOIN_GROUP("kafka-cluster:AlterGroup");

    private final String action;

    Request(String action)
    {
      this.action = action;
    }
  }

  private static final List<String> NAMES = List.of(
      "kafka.authenticate", "kafka.describe-topic", "kafka.fetch", "kafka.consumer-group"
  );

  private final Map<String, Object> properties = new HashMap<>();
  private final String topic;
  private final Duration timeout;
  private final Checks checks;
  private final String group;

  /**
   * The bootstrap's answer to the first Metadata request: the partitions of the spec's topic (or of every topic the role
   * may describe, for a topicPattern), or the topic's refusal.
   */
  private static final class BootstrapAnswer
  {
    private final Map<String, List<PartitionInfo>> partitions;
    private final TopicAuthorizationException refusal;

    private BootstrapAnswer(Map<String, List<PartitionInfo>> partitions, TopicAuthorizationException refusal)
    {
      this.partitions = partitions;
      this.refusal = refusal;
    }

    /** The brokers holding a replica of those partitions: the ones a task reaches. */
    Collection<Node> brokers()
    {
      final Map<Integer, Node> brokers = new TreeMap<>();
      partitions.values().stream().flatMap(List::stream).forEach(partition -> {
        final List<Node> nodes = new ArrayList<>(List.of(partition.replicas()));
        if (partition.leader() != null) {
          nodes.add(partition.leader());
        }
        // A replica on a broker that is down comes without host and port: nothing to check there.
        nodes.stream().filter(node -> !node.isEmpty()).forEach(node -> brokers.putIfAbsent(node.id(), node));
      });
      return brokers.values();
    }
  }

  KafkaAccessChecks(Map<String, String> consumerProperties, String topic, Duration timeout, Checks checks)
  {
    this.properties.putAll(consumerProperties);
    this.topic = topic;
    this.timeout = timeout;
    this.checks = checks;
    // Druid's consumers carry group.id kafka-supervisor-<random> unless the spec sets one: the policy's group pattern.
    this.group = consumerProperties.getOrDefault(
        "group.id", "kafka-supervisor-druid-msk-doctor-" + UUID.randomUUID().toString().substring(0, 8)
    );
    final String millis = String.valueOf(timeout.toMillis());
    properties.put("client.id", "druid-msk-doctor");
    properties.put("request.timeout.ms", millis);
    properties.put("default.api.timeout.ms", millis);
    properties.put("socket.connection.setup.timeout.ms", millis);
    properties.put("socket.connection.setup.timeout.max.ms", millis);
    properties.put("reconnect.backoff.max.ms", "1000");
  }

  void skipAll(String reason)
  {
    NAMES.forEach(name -> checks.skip(name, reason));
  }

  void run()
  {
    final Optional<BootstrapAnswer> answer = authenticate();
    if (answer.isEmpty()) {
      NAMES.subList(1, NAMES.size()).forEach(name -> checks.skip(name, "skipped: authentication failed"));
      return;
    }
    if (topic == null) {
      new BrokerChecks(consumerProperties(), null, timeout).run(answer.get().brokers(), null, checks);
      NAMES.subList(1, NAMES.size()).forEach(name -> checks.skip(name, "the spec names a topicPattern, not a topic"));
      return;
    }
    try (Admin admin = Admin.create(adminProperties())) {
      final TopicDescription description = describeTopic(answer.get(), admin);
      if (description == null) {
        checks.skip("kafka.fetch", "skipped: the topic could not be described");
        checks.skip("kafka.consumer-group", "skipped: the topic could not be described");
        return;
      }
      final Set<Integer> failedBrokers = new BrokerChecks(consumerProperties(), topic, timeout)
          .run(answer.get().brokers(), description, checks);
      fetch(description, failedBrokers);
      consumerGroup(admin, failedBrokers);
    }
  }

  /**
   * SASL and the first Metadata request on the bootstrap alone: a new consumer knows no other broker, so an advertised
   * broker that fails (over PrivateLink: its name leads to another broker's endpoint) cannot fail this check; naming it
   * is kafka.broker-N's job. A refused topic still proves authentication: the bootstrap answered.
   */
  private Optional<BootstrapAnswer> authenticate()
  {
    final String name = "kafka.authenticate";
    final List<String> evidence = new ArrayList<>();
    evidence.add("bootstrap.servers " + properties.get("bootstrap.servers") + ", security.protocol "
                 + properties.get("security.protocol") + ", sasl.mechanism " + properties.get("sasl.mechanism"));
    BootstrapAnswer answer;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      final Map<String, List<PartitionInfo>> partitions = new LinkedHashMap<>();
      if (topic == null) {
        partitions.putAll(consumer.listTopics(timeout));
      } else {
        partitions.put(topic, consumer.partitionsFor(topic, timeout));
      }
      answer = new BootstrapAnswer(partitions, null);
      final Collection<Node> brokers = answer.brokers();
      evidence.add("the bootstrap answered Metadata: " + partitions.values().stream().mapToInt(List::size).sum()
                   + " partitions on brokers " + (brokers.isEmpty() ? "none" : brokers.stream()
                       .map(node -> node.id() + " " + node.host() + ":" + node.port()).collect(Collectors.joining(", "))));
    }
    catch (TopicAuthorizationException e) {
      answer = new BootstrapAnswer(Map.of(), e);
      evidence.add("the bootstrap answered Metadata, refusing topic " + topic);
    }
    catch (Exception e) {
      final Throwable cause = cause(e);
      evidence.add(CredentialChecks.firstLine(cause));
      reportFailure(name, cause, evidence);
      return Optional.empty();
    }
    // No claim about Connect here: MSK asks it with every request, so a role without it gets this far.
    checks.pass(name, "SASL " + properties.get("sasl.mechanism") + " accepted", evidence);
    return Optional.of(answer);
  }

  private void reportFailure(String name, Throwable cause, List<String> evidence)
  {
    if (withMessage(cause, "Session too short") != null) {
      checks.fail(name, "the broker refused the session as too short: the credentials were signed within seconds "
                        + "of their expiry", evidence, CredentialChecks.TOO_SHORT_FIX);
    } else if (withMessage(cause, CredentialChecks.UNAVAILABLE) != null) {
      // The provider's message (role, remaining lifetime, STS's error) is in the evidence line above.
      checks.fail(name, "this node's consumers have no usable credentials, so none were sent to the broker",
                  evidence, "see credentials.assume-role and credentials.lifetime, and the error above");
    } else if (cause instanceof SaslAuthenticationException || cause instanceof AuthorizationException) {
      checks.refused(name, "the broker refused the IAM authentication: the role lacks " + Request.AUTHENTICATE.action
                           + ", or this node's clock is off by more than SigV4's 5 minutes", evidence,
                     Request.AUTHENTICATE.action);
    } else {
      checks.fail(name, "no authenticated connection within " + timeout.toSeconds() + " s", evidence,
                  "bootstrap.servers must name the IAM listener (MSK: 9098 in the VPC, 9198 public) with "
                  + "security.protocol SASL_SSL; see the network checks");
    }
  }

  /** From the bootstrap's answer; the Admin asks only whether Druid's group is refused too (Connect lacking). */
  private TopicDescription describeTopic(BootstrapAnswer answer, Admin admin)
  {
    final String name = "kafka.describe-topic";
    if (answer.refusal != null) {
      final List<String> evidence = List.of(CredentialChecks.firstLine(answer.refusal));
      if (groupRefused(admin)) {
        checks.refused(name, "every request was refused (" + Request.DESCRIBE_TOPIC.action + " on topic " + topic + ", "
                             + Request.DESCRIBE_GROUP.action + " on group " + group + "): the role lacks "
                             + Request.AUTHENTICATE.action + ", which MSK requires for every request", evidence,
                       Request.AUTHENTICATE.action);
      } else {
        checks.refused(name, "not authorised to describe topic " + topic + ": the role lacks "
                             + Request.DESCRIBE_TOPIC.action, evidence, Request.DESCRIBE_TOPIC.action);
      }
      return null;
    }
    final List<PartitionInfo> partitions = answer.partitions.getOrDefault(topic, List.of());
    if (partitions.isEmpty()) {
      checks.fail(name, "topic " + topic + " does not exist", List.of("the bootstrap's Metadata has no partition of it"),
                  "create the topic, or correct ioConfig.topic in the spec");
      return null;
    }
    final TopicDescription description = new TopicDescription(topic, false, partitions.stream()
        .sorted(Comparator.comparingInt(PartitionInfo::partition))
        .map(p -> new TopicPartitionInfo(p.partition(), p.leader(), List.of(p.replicas()), List.of(p.inSyncReplicas())))
        .collect(Collectors.toList()));
    checks.pass(name, "topic " + topic + ": " + description.partitions().size() + " partitions ("
                      + Request.DESCRIBE_TOPIC.action + ")",
                List.of("leaders " + description.partitions().stream()
                                                 .map(p -> p.partition() + "->" + (p.leader() == null ? "none" : p.leader().id()))
                                                 .collect(Collectors.joining(", "))));
    return description;
  }

  /**
   * One record from the end of each partition, as a task reads: assign, seek, poll; never a commit. Partitions led by
   * a broker that failed its own check are not waited for (a task would stall on them): they fail this check by name.
   */
  private void fetch(TopicDescription description, Set<Integer> failedBrokers)
  {
    final String name = "kafka.fetch";
    final Map<String, Object> consumer = consumerProperties();
    final Map<Integer, String> evidence = new TreeMap<>();
    final Set<Integer> unreachableLeaders = new TreeSet<>();
    final List<TopicPartition> partitions = new ArrayList<>();
    for (TopicPartitionInfo partition : description.partitions()) {
      if (partition.leader() != null && failedBrokers.contains(partition.leader().id())) {
        unreachableLeaders.add(partition.leader().id());
        evidence.put(partition.partition(), "partition " + partition.partition() + ": not read, its leader failed "
                                            + BrokerChecks.PREFIX + partition.leader().id());
      } else {
        partitions.add(new TopicPartition(topic, partition.partition()));
      }
    }
    try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(consumer, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      reader.assign(partitions);
      final Map<TopicPartition, Long> begin = reader.beginningOffsets(partitions, timeout);
      final Map<TopicPartition, Long> end = reader.endOffsets(partitions, timeout);
      final List<TopicPartition> wanted = new ArrayList<>();
      for (TopicPartition partition : partitions) {
        if (end.get(partition) > begin.get(partition)) {
          reader.seek(partition, end.get(partition) - 1);
          wanted.add(partition);
        } else {
          reader.pause(List.of(partition));
          evidence.put(partition.partition(), "partition " + partition.partition() + ": empty, nothing to read");
        }
      }
      final long deadline = System.nanoTime() + timeout.toNanos();
      while (!wanted.isEmpty() && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(200))) {
          final TopicPartition partition = new TopicPartition(record.topic(), record.partition());
          if (wanted.remove(partition)) {
            reader.pause(List.of(partition));
            evidence.put(record.partition(), "partition " + record.partition() + ": read offset " + record.offset()
                                             + " (" + (record.value() == null ? 0 : record.value().length) + " bytes)");
          }
        }
      }
      if (!wanted.isEmpty()) {
        wanted.forEach(p -> evidence.put(p.partition(), "partition " + p.partition() + ": no record within " + timeout.toSeconds() + " s"));
        checks.fail(name, "no record from " + wanted.size() + " partitions within " + timeout.toSeconds() + " s",
                    new ArrayList<>(evidence.values()), "check the partition leaders' health and the brokers' logs");
        return;
      }
    }
    catch (Exception e) {
      final Throwable cause = cause(e);
      final List<String> lines = new ArrayList<>(evidence.values());
      lines.add(CredentialChecks.firstLine(cause));
      if (cause instanceof TopicAuthorizationException) {
        checks.refused(name, "not authorised to read topic " + topic + ": the role lacks " + Request.FETCH.action
                             + " (or " + Request.JOIN_GROUP.action + " on Druid's groups, which MSK requires for it: "
                             + "see kafka.consumer-group)", lines, Request.FETCH.action);
      } else {
        checks.fail(name, "cannot read topic " + topic, lines, "see the error above");
      }
      return;
    }
    if (!unreachableLeaders.isEmpty()) {
      checks.fail(name, "partitions led by brokers " + unreachableLeaders + " cannot be read from this node",
                  new ArrayList<>(evidence.values()), "see " + unreachableLeaders.stream()
                                                                             .map(id -> BrokerChecks.PREFIX + id)
                                                                             .collect(Collectors.joining(", ")));
      return;
    }
    final boolean anyRead = evidence.values().stream().anyMatch(line -> line.contains("read offset"));
    if (anyRead) {
      checks.pass(name, "read one record per non-empty partition, nothing committed (" + Request.FETCH.action + ")",
                  new ArrayList<>(evidence.values()));
    } else {
      checks.warn(name, "every partition is empty: reading is not proven", new ArrayList<>(evidence.values()),
                  "run the doctor again once the topic has data");
    }
  }

  /** DescribeGroup (FindCoordinator, DescribeGroups) and AlterGroup (JoinGroup: join and leave, no commit). */
  private void consumerGroup(Admin admin, Set<Integer> failedBrokers)
  {
    final String name = "kafka.consumer-group";
    final List<String> evidence = new ArrayList<>();
    evidence.add("group " + group + (properties.containsKey("group.id") ? " (the spec's group.id)" : " (Druid's pattern kafka-supervisor-*)"));
    try {
      final ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all()
                                                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(group);
      evidence.add("described: state " + description.state() + " (" + Request.DESCRIBE_GROUP.action + ")");
    }
    catch (Exception e) {
      groupFailure("describe", Request.DESCRIBE_GROUP, e, evidence, failedBrokers);
      return;
    }
    final Map<String, Object> consumer = consumerProperties();
    consumer.put("group.id", group);
    // Only membership is tested: a position is needed to finish poll(), and nothing is ever committed.
    consumer.put("auto.offset.reset", "latest");
    try (KafkaConsumer<byte[], byte[]> member = new KafkaConsumer<>(consumer, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      member.subscribe(List.of(topic));
      final long deadline = System.nanoTime() + timeout.toNanos();
      while (member.assignment().isEmpty() && System.nanoTime() < deadline) {
        try {
          member.poll(Duration.ofMillis(200));
        }
        catch (SslAuthenticationException e) {
          // The positions after the join need every partition's leader; a leader that failed its own check (TLS)
          // fails them after the group was joined. That failure is kafka.broker-N's, not the group's.
          if (failedBrokers.isEmpty() || member.assignment().isEmpty()) {
            throw e;
          }
        }
      }
      if (member.assignment().isEmpty()) {
        evidence.add("no assignment within " + timeout.toSeconds() + " s");
        checks.fail(name, "could not join group " + group, evidence, "check the group coordinator's health");
        return;
      }
      evidence.add("joined with " + member.assignment().size() + " partitions and left, no offsets committed ("
                   + Request.JOIN_GROUP.action + ")");
    }
    catch (Exception e) {
      groupFailure("join", Request.JOIN_GROUP, e, evidence, failedBrokers);
      return;
    }
    checks.pass(name, "group " + group + " described and joined (" + Request.DESCRIBE_GROUP.action + ", "
                      + Request.JOIN_GROUP.action + ")", evidence);
  }

  private void groupFailure(String verb, Request request, Exception e, List<String> evidence, Set<Integer> failedBrokers)
  {
    final Throwable cause = cause(e);
    evidence.add(CredentialChecks.firstLine(cause));
    if (cause instanceof GroupAuthorizationException) {
      checks.refused("kafka.consumer-group", "not authorised to " + verb + " group " + group + ": the role lacks "
                                             + request.action, evidence, request.action);
    } else if (!failedBrokers.isEmpty()) {
      // The group's coordinator is one broker, which Kafka does not name here: say which ones are known broken.
      final String broken = failedBrokers.stream().map(id -> BrokerChecks.PREFIX + id).collect(Collectors.joining(", "));
      checks.fail("kafka.consumer-group", "cannot " + verb + " group " + group + ": its coordinator did not answer, "
                                          + "and brokers " + failedBrokers + " failed their own checks", evidence,
                  "see " + broken + " first: the group's coordinator is likely among them");
    } else {
      checks.fail("kafka.consumer-group", "cannot " + verb + " group " + group, evidence, "see the error above");
    }
  }

  /** Whether describing Druid's group is refused too: with the topic refused, nothing is allowed, so Connect lacks. */
  private boolean groupRefused(Admin admin)
  {
    try {
      admin.describeConsumerGroups(List.of(group)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return false;
    }
    catch (Exception e) {
      return cause(e) instanceof GroupAuthorizationException;
    }
  }

  /** As Druid's KafkaRecordSupplier makes them: no auto commit, no offset reset, read_committed unless set. */
  private Map<String, Object> consumerProperties()
  {
    final Map<String, Object> consumer = new HashMap<>(properties);
    consumer.putIfAbsent("isolation.level", "read_committed");
    consumer.putIfAbsent("group.id", group);
    consumer.put("enable.auto.commit", "false");
    consumer.put("auto.offset.reset", "none");
    consumer.put("metadata.max.age.ms", "10000");
    // The doctor changes nothing: its Metadata requests must not create the topic on a broker that allows it.
    consumer.put("allow.auto.create.topics", "false");
    return consumer;
  }

  /** The consumer-only settings Admin would warn about are dropped. */
  private Map<String, Object> adminProperties()
  {
    final Map<String, Object> admin = new HashMap<>(properties);
    admin.keySet().removeIf(key -> key.startsWith("group.") || key.startsWith("auto.") || key.startsWith("enable.")
                                   || key.startsWith("fetch.") || key.startsWith("max.poll") || key.startsWith("isolation.")
                                   || key.endsWith(".deserializer"));
    return admin;
  }

  /** The first throwable of the chain whose message contains {@code text}, or null. */
  private static Throwable withMessage(Throwable e, String text)
  {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (String.valueOf(t.getMessage()).contains(text)) {
        return t;
      }
    }
    return null;
  }

  static Throwable cause(Throwable e)
  {
    Throwable cause = e;
    while ((cause instanceof ExecutionException || cause.getClass().getName().endsWith("KafkaException"))
           && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
