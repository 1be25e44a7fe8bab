package dev.druidmsk.localmsk;

import dev.druidmsk.localmsk.broker.BrokerConfig;
import dev.druidmsk.localmsk.broker.LocalKafkaBroker;
import dev.druidmsk.localmsk.iam.SessionCredentialAuthority;
import dev.druidmsk.localmsk.sts.BaseUser;
import dev.druidmsk.localmsk.sts.LocalSts;
import dev.druidmsk.localmsk.sts.Role;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * An offline stand-in for AWS MSK with IAM authentication: a {@link LocalSts} and a {@link LocalKafkaBroker}
 * sharing one credential authority, so the broker accepts exactly the credentials this STS issued.
 */
public final class LocalMsk implements AutoCloseable
{
  private final BaseUser user;
  private final SessionCredentialAuthority authority;
  private final LocalSts sts;
  private final LocalKafkaBroker broker;

  private LocalMsk(
      final BaseUser user,
      final SessionCredentialAuthority authority,
      final LocalSts sts,
      final LocalKafkaBroker broker
  )
  {
    this.user = user;
    this.authority = authority;
    this.sts = sts;
    this.broker = broker;
  }

  public static Builder builder(final Path workDir, final BaseUser user)
  {
    return new Builder(workDir, user);
  }

  public LocalSts sts()
  {
    return sts;
  }

  public LocalKafkaBroker broker()
  {
    return broker;
  }

  public BaseUser user()
  {
    return user;
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
    final Map<String, String> properties = new LinkedHashMap<>();
    properties.put("aws.endpointUrlSts", sts.endpoint().toString());
    properties.put("aws.region", broker.region());
    properties.put("aws.accessKeyId", user.accessKeyId());
    properties.put("aws.secretAccessKey", user.secretAccessKey());
    return properties;
  }

  @Override
  public void close() throws InterruptedException
  {
    try {
      broker.close();
    }
    finally {
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
    private Duration credentialLifetime = Duration.ofHours(1);
    private Consumer<BrokerConfig.Builder> brokerSettings = broker -> { };

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

    public Builder stsPort(final int port)
    {
      this.stsPort = port;
      return this;
    }

    public Builder credentialLifetime(final Duration lifetime)
    {
      this.credentialLifetime = lifetime;
      return this;
    }

    /** Adjusts the broker (ports, region, re-authentication, authorization) before it starts. */
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
      final LocalSts.Builder stsBuilder = LocalSts.builder(authority)
                                                 .port(stsPort)
                                                 .user(user)
                                                 .credentialLifetime(credentialLifetime);
      roles.forEach(stsBuilder::role);
      final LocalSts sts = stsBuilder.start();
      try {
        final BrokerConfig.Builder brokerConfig = BrokerConfig.builder(workDir.resolve("broker"), masterKey);
        brokerSettings.accept(brokerConfig);
        return new LocalMsk(user, authority, sts, LocalKafkaBroker.start(brokerConfig.build()));
      }
      catch (IOException | InterruptedException | TimeoutException | RuntimeException e) {
        sts.close();
        throw e;
      }
    }
  }
}
