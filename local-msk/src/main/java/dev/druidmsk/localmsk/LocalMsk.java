package dev.druidmsk.localmsk;

import dev.druidmsk.localmsk.broker.BrokerConfig;
import dev.druidmsk.localmsk.broker.IamPolicies;
import dev.druidmsk.localmsk.broker.LocalKafkaBroker;
import dev.druidmsk.localmsk.broker.LocalKafkaCluster;
import dev.druidmsk.localmsk.iam.LongTermKeys;
import dev.druidmsk.localmsk.iam.PrivateFiles;
import dev.druidmsk.localmsk.iam.SessionCredentialAuthority;
import dev.druidmsk.localmsk.sts.BaseUser;
import dev.druidmsk.localmsk.sts.LocalOidcIssuer;
import dev.druidmsk.localmsk.sts.LocalSts;
import dev.druidmsk.localmsk.sts.NodeIdentityEndpoints;
import dev.druidmsk.localmsk.sts.Role;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * An offline stand-in for AWS MSK with IAM authentication: a {@link LocalSts} and a {@link LocalKafkaBroker} (or a
 * {@link LocalKafkaCluster} of several, {@link Builder#brokers}) sharing one credential authority, so the brokers
 * accept exactly the credentials this STS issued, and, as MSK does, the base user's long-term keys (as that user).
 */
public final class LocalMsk implements AutoCloseable
{
  public static final String DEFAULT_CLUSTER_NAME = "local-msk";
  /** In the work directory: the policies the broker's authorizer reads ({@link IamPolicies}). */
  public static final String POLICIES_FILE = "iam-policies.json";
  /**
   * The role a node's own identity (IRSA, Pod Identity, instance profile) is a session of, in the base user's
   * account: trust it from a reader role to let such nodes assume that role ({@code Role.trusting(reader, externalId,
   * NODE_ROLE_ARN)}), the cross-account pattern.
   */
  public static final String NODE_ROLE_ARN = "arn:aws:iam::111111111111:role/druid-node";
  /** The session name IRSA nodes use ({@code aws.roleSessionName}). */
  public static final String NODE_SESSION_NAME = "druid-node";
  private static final String IRSA_TOKEN_FILE = "irsa-token";
  private static final String POD_IDENTITY_TOKEN_FILE = "pod-identity-token";
  private static final String CLUSTER_UUID_FILE = "cluster-uuid";
  private static final Pattern CLUSTER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,63}");

  private final BaseUser user;
  private final SessionCredentialAuthority authority;
  private final LocalSts sts;
  private final LocalKafkaCluster cluster;
  private final NodeIdentityEndpoints nodeEndpoints;
  private final Path workDir;
  private final String clusterArn;
  private final List<Role> roles;

  private LocalMsk(
      final Builder builder,
      final SessionCredentialAuthority authority,
      final LocalSts sts,
      final LocalKafkaCluster cluster,
      final NodeIdentityEndpoints nodeEndpoints,
      final String clusterArn
  )
  {
    this.user = builder.user;
    this.authority = authority;
    this.sts = sts;
    this.cluster = cluster;
    this.nodeEndpoints = nodeEndpoints;
    this.workDir = builder.workDir;
    this.clusterArn = clusterArn;
    this.roles = new CopyOnWriteArrayList<>(builder.roles);
  }

  public static Builder builder(final Path workDir, final BaseUser user)
  {
    return new Builder(workDir, user);
  }

  public LocalSts sts()
  {
    return sts;
  }

  /**
   * The broker, or with several, broker 1: the controller, whose SASL_SSL bootstrap ({@code localhost:<port>}) and
   * truststore serve the whole cluster, and through which {@link LocalKafkaBroker#policies} change every broker's.
   */
  public LocalKafkaBroker broker()
  {
    return cluster.broker(1);
  }

  /** Every broker (one unless {@link Builder#brokers} asked for more), their advertised names and endpoints. */
  public LocalKafkaCluster cluster()
  {
    return cluster;
  }

  public BaseUser user()
  {
    return user;
  }

  /** {@code arn:aws:kafka:REGION:ACCOUNT:cluster/NAME/UUID}; the UUID is kept in the work directory. */
  public String clusterArn()
  {
    return clusterArn;
  }

  /** The roles the STS knows: those of the builder, then those {@link #createRole created} since. */
  public List<Role> roles()
  {
    return List.copyOf(roles);
  }

  /** Adds a role while the emulator runs ({@link LocalSts#createRole}); an ARN already in use is refused. */
  public void createRole(final Role role)
  {
    sts.createRole(role);
    roles.add(role);
  }

  /** The same authority the broker verifies with: another STS built on it issues credentials the broker accepts. */
  public SessionCredentialAuthority authority()
  {
    return authority;
  }

  /**
   * The JVM system properties through which aws-msk-iam-auth reaches the local STS: the STS endpoint, the signing
   * region (the broker is {@code localhost}, whose name carries none) and the base credentials.
   */
  public Map<String, String> awsSystemProperties()
  {
    final Map<String, String> properties = stsAndRegion();
    properties.put("aws.accessKeyId", user.accessKeyId());
    properties.put("aws.secretAccessKey", user.secretAccessKey());
    return properties;
  }

  private Map<String, String> stsAndRegion()
  {
    final Map<String, String> properties = new LinkedHashMap<>();
    properties.put("aws.endpointUrlSts", sts.endpoint().toString());
    properties.put("aws.region", broker().region());
    return properties;
  }

  /**
   * The JVM system properties of a node whose own identity is {@code kind}, as the AWS SDK v2 default chain reads
   * them (each has an environment variable twin): the STS endpoint and region, and only that identity's settings, so
   * the chain finds it and nothing before it. IRSA and Pod Identity read token files in the work directory (IRSA's
   * is valid 24 hours from start, as EKS's projected tokens are); all three are sessions of {@link #NODE_ROLE_ARN}.
   */
  public Map<String, String> nodeSystemProperties(final NodeIdentity kind)
  {
    final Map<String, String> properties = stsAndRegion();
    switch (kind) {
      case KEYS -> properties.putAll(awsSystemProperties());
      case IRSA -> {
        properties.put("aws.roleArn", NODE_ROLE_ARN);
        properties.put("aws.webIdentityTokenFile", workDir.resolve(IRSA_TOKEN_FILE).toString());
        properties.put("aws.roleSessionName", NODE_SESSION_NAME);
      }
      case POD_IDENTITY -> {
        properties.put("aws.containerCredentialsFullUri", nodeEndpoints.podIdentityUri().toString());
        properties.put("aws.containerAuthorizationTokenFile", workDir.resolve(POD_IDENTITY_TOKEN_FILE).toString());
      }
      case INSTANCE_PROFILE -> properties.put(
          "aws.ec2MetadataServiceEndpoint", nodeEndpoints.instanceMetadataEndpoint().toString()
      );
      default -> throw new IllegalArgumentException("Unknown node identity " + kind);
    }
    // Only an instance-profile node reads IMDS; others would otherwise probe the EC2 metadata address for seconds.
    properties.put("aws.disableEc2Metadata", Boolean.toString(kind != NodeIdentity.INSTANCE_PROFILE));
    return properties;
  }

  @Override
  public void close() throws InterruptedException
  {
    try {
      cluster.close();
    }
    finally {
      nodeEndpoints.close();
      sts.close();
    }
  }

  /** Configures and starts a {@link LocalMsk}. */
  public static final class Builder
  {
    private final Path workDir;
    private final BaseUser user;
    private final List<Role> roles = new ArrayList<>();
    private int stsPort;
    private int brokers = 1;
    private Duration rotationTestLifetime;
    private Consumer<BrokerConfig.Builder> brokerSettings = broker -> { };
    private String clusterName = DEFAULT_CLUSTER_NAME;
    private boolean iamAuthorization = true;
    private final Map<String, List<String>> policies = new LinkedHashMap<>();

    private Builder(final Path workDir, final BaseUser user)
    {
      this.workDir = workDir.toAbsolutePath();
      this.user = user;
    }

    public Builder role(final Role role)
    {
      roles.add(role);
      return this;
    }

    /** The cluster name of the cluster ARN (MSK's rules: 1 to 64 letters, digits and hyphens). */
    public Builder clusterName(final String name)
    {
      if (!CLUSTER_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("'" + name + "' is not an MSK cluster name: use 1 to 64 letters, digits "
                                           + "and hyphens, starting with a letter");
      }
      this.clusterName = name;
      return this;
    }

    /**
     * Authorizes every request of an IAM principal by the IAM policies attached to it, as MSK does (the default: a
     * role without a policy may do nothing); off, every authenticated principal may do anything.
     */
    public Builder iamAuthorization(final boolean enabled)
    {
      this.iamAuthorization = enabled;
      return this;
    }

    /** Attaches an IAM policy document (JSON) to a role or user ARN at start; several per ARN add up. */
    public Builder policy(final String principalArn, final String policyJson)
    {
      IamPolicies.parse(policyJson);
      policies.computeIfAbsent(principalArn, ignored -> new ArrayList<>()).add(policyJson);
      return this;
    }

    /**
     * Runs {@code count} brokers (1 to 9; 3 is a small MSK cluster) as MSK over PrivateLink with one endpoint per
     * broker: see {@link LocalKafkaCluster}. With more than one, clients reach the brokers after the bootstrap by
     * their advertised names, which a JVM resolves through a hosts file ({@code BrokerHosts}).
     */
    public Builder brokers(final int count)
    {
      if (count < 1 || count > LocalKafkaCluster.MAX_BROKERS) {
        throw new IllegalArgumentException("brokers: 1 to " + LocalKafkaCluster.MAX_BROKERS + "; got " + count);
      }
      this.brokers = count;
      return this;
    }

    public Builder stsPort(final int port)
    {
      this.stsPort = port;
      return this;
    }

    /**
     * FOR ROTATION TESTS ONLY: the STS issues credentials of {@code lifetime} (under 900 s, which AWS never does)
     * whatever DurationSeconds asks; see {@link LocalSts.Builder#rotationTestLifetime(Duration)}.
     */
    public Builder rotationTestLifetime(final Duration lifetime)
    {
      this.rotationTestLifetime = lifetime;
      return this;
    }

    /**
     * Adjusts the broker (ports, region, re-authentication, authorization) before it starts; with several brokers,
     * every broker, whose ports must then stay 0 (chosen free).
     */
    public Builder broker(final Consumer<BrokerConfig.Builder> settings)
    {
      this.brokerSettings = settings;
      return this;
    }

    public LocalMsk start() throws IOException, InterruptedException, TimeoutException
    {
      Files.createDirectories(workDir);
      final SessionCredentialAuthority authority = SessionCredentialAuthority.withNewMasterKey();
      final Path masterKey = workDir.resolve("sts-master.key");
      authority.writeMasterKey(masterKey);
      final LocalOidcIssuer oidc = LocalOidcIssuer.create("oidc.eks.local-msk.example/id/" + clusterName);
      oidc.writeToken(workDir.resolve(IRSA_TOKEN_FILE), "system:serviceaccount:druid:druid", Duration.ofHours(24));
      final String podToken = UUID.randomUUID().toString();
      PrivateFiles.write(workDir.resolve(POD_IDENTITY_TOKEN_FILE), podToken);
      final Role nodeRole = Role.trusting(NODE_ROLE_ARN, null, oidc.providerArn(NODE_ROLE_ARN.split(":")[4]));
      final LocalSts.Builder stsBuilder = LocalSts.builder(authority)
                                                 .port(stsPort)
                                                 .user(user)
                                                 .oidcIssuer(oidc)
                                                 .role(nodeRole);
      if (rotationTestLifetime != null) {
        stsBuilder.rotationTestLifetime(rotationTestLifetime);
      }
      roles.forEach(stsBuilder::role);
      final Path longTermKeys = workDir.resolve("iam-user-keys");
      LongTermKeys.write(longTermKeys, Map.of(
          user.accessKeyId(), new LongTermKeys.Key(user.secretAccessKey(), user.arn())
      ));
      final Path brokerDir = workDir.resolve("broker");
      final String region = brokerConfig(brokerDir, masterKey, longTermKeys, null).region();
      final String clusterUuid = clusterUuid();
      final String clusterArn = "arn:aws:kafka:" + region + ':' + account() + ":cluster/" + clusterName + '/' + clusterUuid;
      final BrokerConfig.IamAuthorization authorization = iamAuthorization
          ? new BrokerConfig.IamAuthorization(workDir.resolve(POLICIES_FILE), clusterArn, policies)
          : null;
      final Function<Path, BrokerConfig.Builder> brokerConfig =
          dir -> brokerConfig(dir, masterKey, longTermKeys, authorization);
      final LocalSts sts = stsBuilder.region(region).start();
      NodeIdentityEndpoints nodeEndpoints = null;
      try {
        nodeEndpoints = new NodeIdentityEndpoints(
            authority, nodeRole, podToken, nodeRole,
            rotationTestLifetime == null ? Role.DEFAULT_MAX_SESSION : rotationTestLifetime, sts.counters()
        );
        final LocalKafkaCluster cluster = brokers == 1
            ? LocalKafkaCluster.of(LocalKafkaBroker.start(brokerConfig.apply(brokerDir).build()))
            : LocalKafkaCluster.start(brokerDir, brokers, LocalKafkaCluster.domain(clusterName, clusterUuid, region),
                                      brokerConfig);
        return new LocalMsk(this, authority, sts, cluster, nodeEndpoints, clusterArn);
      }
      catch (IOException | InterruptedException | TimeoutException | RuntimeException e) {
        if (nodeEndpoints != null) {
          nodeEndpoints.close();
        }
        sts.close();
        throw e;
      }
    }

    private BrokerConfig.Builder brokerConfig(
        final Path dir,
        final Path masterKey,
        final Path longTermKeys,
        final BrokerConfig.IamAuthorization authorization
    )
    {
      final BrokerConfig.Builder config = BrokerConfig.builder(dir, masterKey).longTermKeys(longTermKeys);
      brokerSettings.accept(config);
      return authorization == null ? config : config.iamAuthorization(authorization);
    }

    /** The account of the first role (the cluster's account, as roles live beside it), else the base user's. */
    private String account()
    {
      return (roles.isEmpty() ? user.arn() : roles.get(0).arn()).split(":")[4];
    }

    /** Made once per work directory, so that restarts keep the cluster ARN and the policies that name it. */
    private String clusterUuid() throws IOException
    {
      final Path file = workDir.resolve(CLUSTER_UUID_FILE);
      if (!Files.exists(file)) {
        Files.writeString(file, UUID.randomUUID() + "\n", StandardCharsets.UTF_8);
      }
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    }
  }
}
