package dev.druidmsk.localmsk.authz;

import org.apache.kafka.common.ClusterResource;
import org.apache.kafka.common.Endpoint;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.server.authorizer.AclCreateResult;
import org.apache.kafka.server.authorizer.AclDeleteResult;
import org.apache.kafka.server.authorizer.Action;
import org.apache.kafka.server.authorizer.AuthorizableRequestContext;
import org.apache.kafka.server.authorizer.AuthorizationResult;
import org.apache.kafka.server.authorizer.AuthorizerServerInfo;
import org.apache.log4j.AppenderSkeleton;
import org.apache.log4j.Level;
import org.apache.log4j.Logger;
import org.apache.log4j.spi.LoggingEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.apache.kafka.server.authorizer.AuthorizationResult.ALLOWED;
import static org.apache.kafka.server.authorizer.AuthorizationResult.DENIED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MskIamAuthorizerTest
{
  private static final String CLUSTER_ARN =
      "arn:aws:kafka:us-east-1:123456789012:cluster/local-msk/11111111-2222-3333-4444-555555555555";
  private static final String ROLE = "arn:aws:iam::123456789012:role/druid-reader";
  private static final KafkaPrincipal SESSION =
      new KafkaPrincipal(KafkaPrincipal.USER_TYPE, "arn:aws:sts::123456789012:assumed-role/druid-reader/druid");
  private static final String ARN = "arn:aws:kafka:us-east-1:123456789012:";

  /**
   * The MSK guide's "Consume data" use case (Connect, DescribeTopic, DescribeGroup, AlterGroup, ReadData), written
   * like the guide's example policy for one topic and one consumer group of any incarnation of the cluster.
   */
  private static final String CONSUMER = """
      {
        "Version": "2012-10-17",
        "Statement": [
          {"Sid": "Connect", "Effect": "Allow", "Action": "kafka-cluster:Connect",
           "Resource": "%1$scluster/local-msk/*"},
          {"Sid": "Read", "Effect": "Allow", "Action": ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"],
           "Resource": "%1$stopic/local-msk/*/orders"},
          {"Sid": "Group", "Effect": "Allow", "Action": ["kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup"],
           "Resource": "%1$sgroup/local-msk/*/orders-consumer"}
        ]
      }
      """.formatted(ARN);

  /** ReadData's required AlterGroup is missing: DescribeGroup alone is granted on the groups. */
  private static final String READER_WITHOUT_ALTER_GROUP = """
      {"Statement": [
        {"Effect": "Allow", "Action": "kafka-cluster:Connect", "Resource": "%1$s"},
        {"Effect": "Allow", "Action": ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"],
         "Resource": "%2$stopic/local-msk/*/orders"},
        {"Effect": "Allow", "Action": "kafka-cluster:DescribeGroup", "Resource": "%2$sgroup/local-msk/*/*"}
      ]}
      """.formatted(CLUSTER_ARN, ARN);

  @TempDir
  Path dir;

  private final MskIamAuthorizer authorizer = new MskIamAuthorizer();
  private int fileVersion;

  @AfterEach
  void close()
  {
    authorizer.close();
  }

  @ParameterizedTest(name = "consumer may {0} {1} {2}")
  @CsvSource({
      "DESCRIBE, TOPIC, orders",          // Metadata, ListOffsets, OffsetFetch
      "READ, TOPIC, orders",              // Fetch
      "DESCRIBE, GROUP, orders-consumer", // FindCoordinator, OffsetFetch
      "READ, GROUP, orders-consumer",     // JoinGroup, SyncGroup, Heartbeat, OffsetCommit
  })
  void consumerPolicyAllowsWhatAConsumerNeeds(final AclOperation operation, final ResourceType type, final String name)
      throws IOException
  {
    configure(ROLE, CONSUMER);

    expect(ALLOWED, SESSION, operation, type, name);
  }

  @ParameterizedTest(name = "consumer may not {0} {1} {2}")
  @CsvSource({
      "WRITE, TOPIC, orders",
      "CREATE, TOPIC, orders",
      "DELETE, TOPIC, orders",
      "ALTER, TOPIC, orders",
      "DESCRIBE_CONFIGS, TOPIC, orders",
      "ALTER_CONFIGS, TOPIC, orders",
      "DESCRIBE, TOPIC, payments",
      "READ, TOPIC, payments",
      "READ, GROUP, other-consumer",
      "DESCRIBE, GROUP, other-consumer",
      "DELETE, GROUP, orders-consumer",
      "DESCRIBE, CLUSTER, kafka-cluster",
      "CREATE, CLUSTER, kafka-cluster",
      "IDEMPOTENT_WRITE, CLUSTER, kafka-cluster",
      "DESCRIBE_CONFIGS, CLUSTER, kafka-cluster",
      "DESCRIBE, TRANSACTIONAL_ID, tx",
      "WRITE, TRANSACTIONAL_ID, tx",
  })
  void consumerPolicyDeniesEverythingElse(final AclOperation operation, final ResourceType type, final String name)
      throws IOException
  {
    configure(ROLE, CONSUMER);

    expect(DENIED, SESSION, operation, type, name);
  }

  @Test
  void consumerPolicyDoesNotLetAnIdempotentProducerIn() throws IOException
  {
    configure(ROLE, CONSUMER);

    assertThat(authorizer.authorizeByResourceType(context(SESSION), AclOperation.WRITE, ResourceType.TOPIC))
        .isEqualTo(DENIED);
  }

  @Test
  void denyInAnotherPolicyWins() throws IOException
  {
    configure(ROLE, CONSUMER, IamPolicyEvaluatorTest.deny("kafka-cluster:ReadData", ARN + "topic/local-msk/*/*"));

    expect(DENIED, SESSION, AclOperation.READ, ResourceType.TOPIC, "orders");
    expect(ALLOWED, SESSION, AclOperation.DESCRIBE, ResourceType.TOPIC, "orders");
  }

  @Test
  void topicWildcardAllowsTheTopicsItNames() throws IOException
  {
    configure(ROLE, producer(ARN + "topic/local-msk/*/orders-*"));

    expect(ALLOWED, SESSION, AclOperation.WRITE, ResourceType.TOPIC, "orders-eu");
    expect(DENIED, SESSION, AclOperation.WRITE, ResourceType.TOPIC, "orders");
    expect(DENIED, SESSION, AclOperation.WRITE, ResourceType.TOPIC, "payments");
  }

  /** As on MSK (librdkafka issues 4446, 4452): WRITE on "any topic" is WriteData on a topic named "hardcode". */
  @Test
  void writeOnAnyTopicNeedsWriteDataOnEveryTopicNotOnNamedOnes() throws IOException
  {
    configure(ROLE, producer(ARN + "topic/local-msk/*/orders-*"));
    assertThat(authorizer.authorizeByResourceType(context(SESSION), AclOperation.WRITE, ResourceType.TOPIC))
        .isEqualTo(DENIED);

    configure(ROLE, producer(ARN + "topic/local-msk/*/*"));
    assertThat(authorizer.authorizeByResourceType(context(SESSION), AclOperation.WRITE, ResourceType.TOPIC))
        .isEqualTo(ALLOWED);
  }

  @Test
  void idempotentWriteOnTheClusterNeedsWriteDataOnSomeTopic() throws IOException
  {
    final String idempotentOnly = """
        {"Statement": {"Effect": "Allow", "Action": ["kafka-cluster:Connect", "kafka-cluster:WriteDataIdempotently"],
         "Resource": "%s"}}
        """.formatted(CLUSTER_ARN);
    configure(ROLE, idempotentOnly);
    expect(DENIED, SESSION, AclOperation.IDEMPOTENT_WRITE, ResourceType.CLUSTER, "kafka-cluster");

    configure(ROLE, idempotentOnly, producer(ARN + "topic/local-msk/*/orders-*"));
    expect(ALLOWED, SESSION, AclOperation.IDEMPOTENT_WRITE, ResourceType.CLUSTER, "kafka-cluster");
  }

  @Test
  void missingConnectDeniesEverything() throws IOException
  {
    configure(ROLE, """
        {"Statement": {"Effect": "Allow", "NotAction": "kafka-cluster:Connect", "Resource": "*"}}
        """);

    for (ResourceType type : List.of(ResourceType.TOPIC, ResourceType.GROUP, ResourceType.TRANSACTIONAL_ID)) {
      expect(DENIED, SESSION, AclOperation.DESCRIBE, type, "orders");
    }
    expect(DENIED, SESSION, AclOperation.DESCRIBE, ResourceType.CLUSTER, "kafka-cluster");
  }

  @Test
  void everythingButConnectIsNotEnoughWhileConnectAndEverythingIs() throws IOException
  {
    configure(ROLE, "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"kafka-cluster:*\", \"Resource\": \"*\"}}");

    expect(ALLOWED, SESSION, AclOperation.ALTER_CONFIGS, ResourceType.CLUSTER, "kafka-cluster");
    expect(ALLOWED, SESSION, AclOperation.WRITE, ResourceType.TRANSACTIONAL_ID, "tx");
  }

  @Test
  void writeDataWithoutDescribeTopicOnThatTopicIsDenied() throws IOException
  {
    configure(ROLE, """
        {"Statement": [
          {"Effect": "Allow", "Action": "kafka-cluster:Connect", "Resource": "%1$s"},
          {"Effect": "Allow", "Action": "kafka-cluster:WriteData", "Resource": "%2$stopic/local-msk/*/orders"},
          {"Effect": "Allow", "Action": "kafka-cluster:DescribeTopic", "Resource": "%2$stopic/local-msk/*/payments"}
        ]}
        """.formatted(CLUSTER_ARN, ARN));

    expect(DENIED, SESSION, AclOperation.WRITE, ResourceType.TOPIC, "orders");
  }

  @Test
  void readDataWithoutAlterGroupOnAnyGroupIsDenied() throws IOException
  {
    configure(ROLE, READER_WITHOUT_ALTER_GROUP);

    expect(DENIED, SESSION, AclOperation.READ, ResourceType.TOPIC, "orders");
    expect(ALLOWED, SESSION, AclOperation.DESCRIBE, ResourceType.TOPIC, "orders");
  }

  @Test
  void userArnPrincipalHasTheUsersPolicies() throws IOException
  {
    configure("arn:aws:iam::123456789012:user/alice", CONSUMER);
    final KafkaPrincipal alice = new KafkaPrincipal(KafkaPrincipal.USER_TYPE, "arn:aws:iam::123456789012:user/alice");

    expect(ALLOWED, alice, AclOperation.READ, ResourceType.TOPIC, "orders");
    expect(DENIED, SESSION, AclOperation.READ, ResourceType.TOPIC, "orders");
  }

  @Test
  void roleArnWithPathGrantsItsSessions() throws IOException
  {
    configure("arn:aws:iam::123456789012:role/teams/druid-reader", CONSUMER);

    expect(ALLOWED, SESSION, AclOperation.READ, ResourceType.TOPIC, "orders");
  }

  @Test
  void principalWithoutPoliciesIsDenied() throws IOException
  {
    configure(ROLE, CONSUMER);
    final KafkaPrincipal stranger =
        new KafkaPrincipal(KafkaPrincipal.USER_TYPE, "arn:aws:sts::123456789012:assumed-role/stranger/s");

    expect(DENIED, stranger, AclOperation.DESCRIBE, ResourceType.TOPIC, "orders");
  }

  @Test
  void setupListenerAndBrokerPrincipalsAreAllowedEverything() throws IOException
  {
    configure(ROLE, CONSUMER);

    expect(ALLOWED, KafkaPrincipal.ANONYMOUS, AclOperation.CLUSTER_ACTION, ResourceType.CLUSTER, "kafka-cluster");
    expect(ALLOWED, KafkaPrincipal.ANONYMOUS, AclOperation.CREATE, ResourceType.TOPIC, "payments");
    assertThat(authorizer.authorizeByResourceType(context(KafkaPrincipal.ANONYMOUS), AclOperation.WRITE,
                                                  ResourceType.TOPIC)).isEqualTo(ALLOWED);
  }

  @Test
  void policyFileChangeIsPickedUpWithoutRestart() throws IOException
  {
    configure(ROLE, CONSUMER);
    expect(ALLOWED, SESSION, AclOperation.READ, ResourceType.TOPIC, "orders");

    writePolicies(ROLE, producer(ARN + "topic/local-msk/*/orders"));

    expect(DENIED, SESSION, AclOperation.READ, ResourceType.TOPIC, "orders");
    expect(ALLOWED, SESSION, AclOperation.WRITE, ResourceType.TOPIC, "orders");
  }

  @Test
  void malformedPolicyFileKeepsTheLastGoodState() throws IOException
  {
    configure(ROLE, CONSUMER);

    writePolicies(ROLE, "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\","
                        + " \"Condition\": {}}}");

    expect(ALLOWED, SESSION, AclOperation.READ, ResourceType.TOPIC, "orders");
    expect(DENIED, SESSION, AclOperation.WRITE, ResourceType.TOPIC, "orders");
  }

  @Test
  void denialIsLoggedAtInfoWithPrincipalActionArnAndDecidingStatement() throws IOException
  {
    configure(ROLE, CONSUMER, IamPolicyEvaluatorTest.deny("kafka-cluster:ReadData", ARN + "topic/local-msk/*/*"));

    final LoggingEvent event = loggedOnce(() -> authorize(SESSION, AclOperation.READ, ResourceType.TOPIC, "orders"));

    assertThat(event.getLevel()).isEqualTo(Level.INFO);
    assertThat(event.getRenderedMessage()).isEqualTo(
        "DENIED " + SESSION + ": kafka-cluster:ReadData on " + ARN
        + "topic/local-msk/11111111-2222-3333-4444-555555555555/orders (READ TOPIC orders):"
        + " decided by policy 1 statement 0 Deny"
    );
  }

  @Test
  void denialForAMissingRequiredActionNamesIt() throws IOException
  {
    configure(ROLE, READER_WITHOUT_ALTER_GROUP);

    final LoggingEvent event = loggedOnce(() -> authorize(SESSION, AclOperation.READ, ResourceType.TOPIC, "orders"));

    assertThat(event.getRenderedMessage()).endsWith(
        "(READ TOPIC orders): requires kafka-cluster:DescribeGroup and kafka-cluster:AlterGroup on " + ARN
        + "group/local-msk/11111111-2222-3333-4444-555555555555/*: no statement allows it"
    );
  }

  @Test
  void denialOfWriteOnAnyTopicSaysHowMskAskedIt() throws IOException
  {
    configure(ROLE, producer(ARN + "topic/local-msk/*/orders"));

    final LoggingEvent event = loggedOnce(
        () -> authorizer.authorizeByResourceType(context(SESSION), AclOperation.WRITE, ResourceType.TOPIC)
    );

    assertThat(event.getRenderedMessage()).isEqualTo(
        "DENIED " + SESSION + ": kafka-cluster:WriteData on " + ARN
        + "topic/local-msk/11111111-2222-3333-4444-555555555555/hardcode"
        + " (WRITE on any TOPIC, asked as WRITE TOPIC hardcode): no statement allows it"
    );
  }

  @Test
  void allowedDecisionIsLoggedAtDebug() throws IOException
  {
    configure(ROLE, CONSUMER);

    final LoggingEvent event = loggedOnce(() -> authorize(SESSION, AclOperation.READ, ResourceType.TOPIC, "orders"));

    assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
    assertThat(event.getRenderedMessage()).startsWith("ALLOWED " + SESSION + ": kafka-cluster:ReadData on " + ARN)
                                          .endsWith("decided by policy 0 statement 1 (Sid Read) Allow");
  }

  @Test
  void everyActionOfARequestGetsItsOwnResult() throws IOException
  {
    configure(ROLE, CONSUMER);

    final List<AuthorizationResult> results = authorizer.authorize(context(SESSION), List.of(
        action(AclOperation.READ, ResourceType.TOPIC, "orders"),
        action(AclOperation.READ, ResourceType.TOPIC, "payments")
    ));

    assertThat(results).containsExactly(ALLOWED, DENIED);
  }

  @Test
  void prefixedResourcePatternIsDenied() throws IOException
  {
    configure(ROLE, "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"kafka-cluster:*\", \"Resource\": \"*\"}}");
    final Action prefixed = new Action(
        AclOperation.DESCRIBE, new ResourcePattern(ResourceType.TOPIC, "orders", PatternType.PREFIXED), 1, true, true
    );

    assertThat(authorizer.authorize(context(SESSION), List.of(prefixed))).containsExactly(DENIED);
  }

  @Test
  void kafkaAclsCannotBeCreatedOrDeletedAndNoneExist() throws IOException
  {
    configure(ROLE, CONSUMER);
    final AclBinding binding = new AclBinding(
        new ResourcePattern(ResourceType.TOPIC, "orders", PatternType.LITERAL),
        new AccessControlEntry(SESSION.toString(), "*", AclOperation.READ, AclPermissionType.ALLOW)
    );

    final AclCreateResult created = authorizer.createAcls(context(SESSION), List.of(binding)).get(0)
                                              .toCompletableFuture().join();
    final AclDeleteResult deleted = authorizer.deleteAcls(context(SESSION), List.of(AclBindingFilter.ANY)).get(0)
                                              .toCompletableFuture().join();

    assertThat(created.exception().orElseThrow()).isInstanceOf(InvalidRequestException.class)
                                                 .hasMessageContaining("grant access with IAM policies");
    assertThat(deleted.exception().orElseThrow()).isInstanceOf(InvalidRequestException.class)
                                                 .hasMessageContaining("does not use Kafka ACLs");
    assertThat(authorizer.acls(AclBindingFilter.ANY)).isEmpty();
  }

  @Test
  void startCompletesEveryEndpointAtOnce() throws IOException
  {
    configure(ROLE, CONSUMER);
    final Endpoint iam = new Endpoint("IAM", SecurityProtocol.SASL_SSL, "localhost", 9098);
    final Endpoint setup = new Endpoint("SETUP", SecurityProtocol.PLAINTEXT, "localhost", 9092);

    final Map<Endpoint, ? extends CompletionStage<Void>> started = authorizer.start(serverInfo(List.of(iam, setup)));

    assertThat(started).containsOnlyKeys(iam, setup);
    assertThat(started.values()).allSatisfy(stage -> assertThat(stage.toCompletableFuture()).isCompleted());
  }

  @Test
  void missingClusterArnIsAConfigError() throws IOException
  {
    writePolicies(ROLE, CONSUMER);

    assertThatThrownBy(() -> authorizer.configure(Map.of(
        MskIamAuthorizer.POLICIES_FILE_CONFIG, dir.resolve("policies.json").toString()
    ))).isInstanceOf(ConfigException.class).hasMessageContaining("druidmsk.authz.cluster.arn must be set");
  }

  @Test
  void clusterArnMustBeAnMskClusterArn() throws IOException
  {
    writePolicies(ROLE, CONSUMER);

    assertThatThrownBy(() -> authorizer.configure(Map.of(
        MskIamAuthorizer.POLICIES_FILE_CONFIG, dir.resolve("policies.json").toString(),
        MskIamAuthorizer.CLUSTER_ARN_CONFIG, "arn:aws:kafka:us-east-1:123456789012:topic/local-msk/u/orders"
    ))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("expected arn:aws:kafka:REGION:ACCOUNT:cluster/NAME/UUID");
  }

  /** The one line the authorizer logs while {@code call} runs, through the broker's own logging (reload4j). */
  private static LoggingEvent loggedOnce(final Runnable call)
  {
    final List<LoggingEvent> events = new CopyOnWriteArrayList<>();
    final AppenderSkeleton appender = new AppenderSkeleton()
    {
      @Override
      protected void append(final LoggingEvent event)
      {
        events.add(event);
      }

      @Override
      public void close()
      {
      }

      @Override
      public boolean requiresLayout()
      {
        return false;
      }
    };
    final Logger logger = Logger.getLogger("dev.druidmsk.localmsk.authz");
    final Level level = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    logger.addAppender(appender);
    try {
      call.run();
    }
    finally {
      logger.removeAppender(appender);
      logger.setLevel(level);
    }
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  private static String producer(final String topics)
  {
    return """
        {"Statement": [
          {"Effect": "Allow", "Action": "kafka-cluster:Connect", "Resource": "%s"},
          {"Effect": "Allow", "Action": ["kafka-cluster:DescribeTopic", "kafka-cluster:WriteData"], "Resource": "%s"}
        ]}
        """.formatted(CLUSTER_ARN, topics);
  }

  private void configure(final String identity, final String... policies) throws IOException
  {
    writePolicies(identity, policies);
    authorizer.configure(Map.of(
        MskIamAuthorizer.POLICIES_FILE_CONFIG, dir.resolve("policies.json").toString(),
        MskIamAuthorizer.CLUSTER_ARN_CONFIG, CLUSTER_ARN
    ));
  }

  /** Each write gets a later modification time, as a file edited a second later would. */
  private void writePolicies(final String identity, final String... policies) throws IOException
  {
    final Path file = dir.resolve("policies.json");
    Files.writeString(file, "{\"roles\": {\"" + identity + "\": [" + String.join(",", Arrays.asList(policies)) + "]}}");
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(++fileVersion)));
  }

  private void expect(
      final AuthorizationResult expected,
      final KafkaPrincipal principal,
      final AclOperation operation,
      final ResourceType type,
      final String name
  )
  {
    assertThat(authorize(principal, operation, type, name)).as("%s %s %s", operation, type, name).isEqualTo(expected);
  }

  private AuthorizationResult authorize(
      final KafkaPrincipal principal,
      final AclOperation operation,
      final ResourceType type,
      final String name
  )
  {
    return authorizer.authorize(context(principal), List.of(action(operation, type, name))).get(0);
  }

  private static Action action(final AclOperation operation, final ResourceType type, final String name)
  {
    return new Action(operation, new ResourcePattern(type, name, PatternType.LITERAL), 1, true, true);
  }

  private static AuthorizableRequestContext context(final KafkaPrincipal principal)
  {
    return new RequestContext(principal);
  }

  private static AuthorizerServerInfo serverInfo(final Collection<Endpoint> endpoints)
  {
    return new AuthorizerServerInfo()
    {
      @Override
      public ClusterResource clusterResource()
      {
        return new ClusterResource("local-msk");
      }

      @Override
      public int brokerId()
      {
        return 1;
      }

      @Override
      public Collection<Endpoint> endpoints()
      {
        return endpoints;
      }

      @Override
      public Endpoint interBrokerEndpoint()
      {
        return endpoints.iterator().next();
      }

      @Override
      public Collection<String> earlyStartListeners()
      {
        return List.of();
      }
    };
  }

  /** A request of a client on the IAM listener, as the broker describes it to an authorizer. */
  private record RequestContext(KafkaPrincipal principal) implements AuthorizableRequestContext
  {
    @Override
    public String listenerName()
    {
      return "IAM";
    }

    @Override
    public SecurityProtocol securityProtocol()
    {
      return SecurityProtocol.SASL_SSL;
    }

    @Override
    public InetAddress clientAddress()
    {
      return InetAddress.getLoopbackAddress();
    }

    @Override
    public int requestType()
    {
      return 1;
    }

    @Override
    public int requestVersion()
    {
      return 16;
    }

    @Override
    public String clientId()
    {
      return "consumer-1";
    }

    @Override
    public int correlationId()
    {
      return 7;
    }
  }
}
