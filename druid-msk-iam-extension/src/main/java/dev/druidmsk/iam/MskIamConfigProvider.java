package dev.druidmsk.iam;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.apache.druid.metadata.DynamicConfigProvider;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Emits the Kafka consumer properties for AWS MSK IAM authentication (SASL mechanism {@code AWS_MSK_IAM}),
 * optionally assuming a role, the way the Kinesis supervisor's {@code awsAssumedRoleArn}/{@code awsExternalId} do.
 *
 * <p>It emits JAAS options, never credentials: Druid evaluates a provider once per consumer and keeps the consumer
 * for the supervisor's whole life, so aws-msk-iam-auth must assume and refresh the role itself.
 *
 * <p>{@code credentialCache} chooses who holds the credentials. {@code "shared"} (the default) emits
 * {@link SharedCredentialsCallbackHandler}: one set of credentials per distinct option set in the JVM (per Druid
 * extension folder holding this jar), refreshed ahead of expiry and used by every Kafka client there, so a node's
 * AssumeRole calls per refresh are the number of distinct roles, not of supervisors and tasks. {@code "per-client"}
 * emits the library's {@code IAMClientCallbackHandler}: every consumer, producer and admin client assumes the role
 * and refreshes it on its own, so a node running N supervisors or tasks makes N calls per refresh and can hit STS
 * throttling; it is the escape hatch, and the only mode that works with this jar outside the Kafka extension's
 * folder. Both fail closed the same way, by the same JAAS options.
 *
 * <p>Every option is validated here, in the constructor, so that a bad spec fails where it is parsed with a message
 * naming the option. Values that could break or inject into the JAAS string are rejected, never escaped. Unknown
 * options are reported before, by the deserializer ({@link ParseTimeChecks}). Then the node's policy
 * ({@link MskIamNodePolicy}, injected by Druid) decides whether this node lets a spec use the role, profile,
 * fallback and protocol it names.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MskIamConfigProvider implements DynamicConfigProvider<String>
{
  static final String LOGIN_MODULE = "software.amazon.msk.auth.iam.IAMLoginModule";
  static final String CALLBACK_HANDLER = "software.amazon.msk.auth.iam.IAMClientCallbackHandler";
  /** By name: loading the class here would need kafka-clients wherever the provider is parsed. */
  static final String SHARED_CALLBACK_HANDLER = "dev.druidmsk.iam.SharedCredentialsCallbackHandler";

  private final String roleArn;
  private final String roleSessionName;
  private final String externalId;
  private final String stsRegion;
  private final String profileName;
  private final Boolean allowDefaultCredentialsFallback;
  private final Integer maxRetries;
  private final Integer maxBackOffTimeMs;
  private final Boolean debugCredentials;
  private final Boolean useFipsEndpoints;
  private final String securityProtocol;
  private final String credentialCache;

  /** {@code nodePolicy} null (a mapper without Druid's injector supplies none) restricts nothing. */
  @JsonCreator
  public MskIamConfigProvider(
      @JsonProperty(MskIamOptions.ROLE_ARN) String roleArn,
      @JsonProperty(MskIamOptions.ROLE_SESSION_NAME) String roleSessionName,
      @JsonProperty(MskIamOptions.EXTERNAL_ID) String externalId,
      @JsonProperty(MskIamOptions.STS_REGION) String stsRegion,
      @JsonProperty(MskIamOptions.PROFILE_NAME) String profileName,
      @JsonProperty(MskIamOptions.ALLOW_DEFAULT_CREDENTIALS_FALLBACK) Boolean allowDefaultCredentialsFallback,
      @JsonProperty(MskIamOptions.MAX_RETRIES) Integer maxRetries,
      @JsonProperty(MskIamOptions.MAX_BACK_OFF_TIME_MS) Integer maxBackOffTimeMs,
      @JsonProperty(MskIamOptions.DEBUG_CREDENTIALS) Boolean debugCredentials,
      @JsonProperty(MskIamOptions.USE_FIPS_ENDPOINTS) Boolean useFipsEndpoints,
      @JsonProperty(MskIamOptions.SECURITY_PROTOCOL) String securityProtocol,
      @JsonProperty(MskIamOptions.CREDENTIAL_CACHE) String credentialCache,
      @JacksonInject MskIamNodePolicy nodePolicy
  )
  {
    OptionRules.checkAll(
        roleArn,
        roleSessionName,
        externalId,
        stsRegion,
        profileName,
        allowDefaultCredentialsFallback,
        maxRetries,
        maxBackOffTimeMs,
        securityProtocol,
        credentialCache
    );
    this.roleArn = roleArn;
    this.roleSessionName = roleSessionName;
    this.externalId = externalId;
    this.stsRegion = stsRegion;
    this.profileName = profileName;
    this.allowDefaultCredentialsFallback = allowDefaultCredentialsFallback;
    this.maxRetries = maxRetries;
    this.maxBackOffTimeMs = maxBackOffTimeMs;
    this.debugCredentials = debugCredentials;
    this.useFipsEndpoints = useFipsEndpoints;
    this.securityProtocol = securityProtocol;
    this.credentialCache = credentialCache;
    if (nodePolicy != null) {
      nodePolicy.checkProvider(
          roleArn,
          profileName,
          allowsFallback(),
          securityProtocol == null ? MskIamOptions.DEFAULT_SECURITY_PROTOCOL : securityProtocol
      );
    }
  }

  @JsonProperty
  public String getRoleArn()
  {
    return roleArn;
  }

  /** The configured session name; {@link #getConfig()} uses a per-node default when this is null. */
  @JsonProperty
  public String getRoleSessionName()
  {
    return roleSessionName;
  }

  @JsonProperty
  public String getExternalId()
  {
    return externalId;
  }

  @JsonProperty
  public String getStsRegion()
  {
    return stsRegion;
  }

  @JsonProperty
  public String getProfileName()
  {
    return profileName;
  }

  @JsonProperty
  public Boolean getAllowDefaultCredentialsFallback()
  {
    return allowDefaultCredentialsFallback;
  }

  @JsonProperty
  public Integer getMaxRetries()
  {
    return maxRetries;
  }

  @JsonProperty
  public Integer getMaxBackOffTimeMs()
  {
    return maxBackOffTimeMs;
  }

  @JsonProperty
  public Boolean getDebugCredentials()
  {
    return debugCredentials;
  }

  @JsonProperty
  public Boolean getUseFipsEndpoints()
  {
    return useFipsEndpoints;
  }

  @JsonProperty
  public String getSecurityProtocol()
  {
    return securityProtocol;
  }

  @JsonProperty
  public String getCredentialCache()
  {
    return credentialCache;
  }

  @Override
  public Map<String, String> getConfig()
  {
    final Map<String, String> config = new LinkedHashMap<>();
    config.put(
        "security.protocol",
        securityProtocol == null ? MskIamOptions.DEFAULT_SECURITY_PROTOCOL : securityProtocol
    );
    config.put("sasl.mechanism", MskIamOptions.SASL_MECHANISM);
    config.put("sasl.jaas.config", jaasConfig());
    config.put(
        "sasl.client.callback.handler.class",
        MskIamOptions.PER_CLIENT.equals(credentialCache) ? CALLBACK_HANDLER : SHARED_CALLBACK_HANDLER
    );
    return config;
  }

  private String jaasConfig()
  {
    final JaasConfigWriter jaas = new JaasConfigWriter(LOGIN_MODULE);
    if (roleArn != null) {
      jaas.option("awsRoleArn", roleArn)
          .option("awsRoleSessionName", roleSessionName == null ? DefaultSessionName.forThisNode() : roleSessionName)
          .option("awsRoleExternalId", externalId)
          .option("awsStsRegion", stsRegion);
    }
    jaas.option("awsProfileName", profileName);
    if (roleArn != null || profileName != null) {
      // Fail closed: with the library's default an unreachable STS silently signs as the node's own identity.
      jaas.option("awsAddDefaultProviders", String.valueOf(allowsFallback()));
    }
    jaas.option("awsMaxRetries", maxRetries == null ? null : maxRetries.toString())
        .option("awsMaxBackOffTimeMs", maxBackOffTimeMs == null ? null : maxBackOffTimeMs.toString());
    if (Boolean.TRUE.equals(debugCredentials)) {
      jaas.option("awsDebugCreds", "true");
    }
    if (Boolean.TRUE.equals(useFipsEndpoints)) {
      jaas.option("awsShouldUseFips", "true");
    }
    return jaas.toString();
  }

  private boolean allowsFallback()
  {
    return allowDefaultCredentialsFallback == null
           ? MskIamOptions.DEFAULT_ALLOW_DEFAULT_CREDENTIALS_FALLBACK
           : allowDefaultCredentialsFallback;
  }

  @Override
  public boolean equals(Object o)
  {
    if (this == o) {
      return true;
    }
    if (o == null || getClass() != o.getClass()) {
      return false;
    }
    final MskIamConfigProvider that = (MskIamConfigProvider) o;
    return Objects.equals(roleArn, that.roleArn)
           && Objects.equals(roleSessionName, that.roleSessionName)
           && Objects.equals(externalId, that.externalId)
           && Objects.equals(stsRegion, that.stsRegion)
           && Objects.equals(profileName, that.profileName)
           && Objects.equals(allowDefaultCredentialsFallback, that.allowDefaultCredentialsFallback)
           && Objects.equals(maxRetries, that.maxRetries)
           && Objects.equals(maxBackOffTimeMs, that.maxBackOffTimeMs)
           && Objects.equals(debugCredentials, that.debugCredentials)
           && Objects.equals(useFipsEndpoints, that.useFipsEndpoints)
           && Objects.equals(securityProtocol, that.securityProtocol)
           && Objects.equals(credentialCache, that.credentialCache);
  }

  @Override
  public int hashCode()
  {
    return Objects.hash(
        roleArn,
        roleSessionName,
        externalId,
        stsRegion,
        profileName,
        allowDefaultCredentialsFallback,
        maxRetries,
        maxBackOffTimeMs,
        debugCredentials,
        useFipsEndpoints,
        securityProtocol,
        credentialCache
    );
  }

  /** The external ID is shown only as set or unset: it guards the role against the confused-deputy problem. */
  @Override
  public String toString()
  {
    return "MskIamConfigProvider{"
           + "roleArn=" + roleArn
           + ", roleSessionName=" + roleSessionName
           + ", externalId=" + (externalId == null ? null : "<redacted>")
           + ", stsRegion=" + stsRegion
           + ", profileName=" + profileName
           + ", allowDefaultCredentialsFallback=" + allowDefaultCredentialsFallback
           + ", maxRetries=" + maxRetries
           + ", maxBackOffTimeMs=" + maxBackOffTimeMs
           + ", debugCredentials=" + debugCredentials
           + ", useFipsEndpoints=" + useFipsEndpoints
           + ", securityProtocol=" + securityProtocol
           + ", credentialCache=" + credentialCache
           + '}';
  }
}
