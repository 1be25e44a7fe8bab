package dev.druidmsk.iam;

import java.util.List;

/**
 * The {@code aws-msk-iam} provider's JSON: its type name, option names, accepted values and what applies when an
 * option is left out. Tools that read or write specs (supervisor-templates, the CLI) take them from here; this class
 * needs nothing but the JDK, so it loads without Druid.
 */
public final class MskIamOptions
{
  /** The provider's {@code type} in a spec's {@code druid.dynamic.config.provider}. */
  public static final String TYPE = "aws-msk-iam";
  /** The class Druid must resolve {@link #TYPE} to; named, not referenced, so that reading it loads no Druid class. */
  public static final String PROVIDER_CLASS = "dev.druidmsk.iam.MskIamConfigProvider";

  public static final String ROLE_ARN = "roleArn";
  public static final String ROLE_SESSION_NAME = "roleSessionName";
  public static final String EXTERNAL_ID = "externalId";
  public static final String STS_REGION = "stsRegion";
  public static final String PROFILE_NAME = "profileName";
  public static final String ALLOW_DEFAULT_CREDENTIALS_FALLBACK = "allowDefaultCredentialsFallback";
  public static final String MAX_RETRIES = "maxRetries";
  public static final String MAX_BACK_OFF_TIME_MS = "maxBackOffTimeMs";
  public static final String DEBUG_CREDENTIALS = "debugCredentials";
  public static final String USE_FIPS_ENDPOINTS = "useFipsEndpoints";
  public static final String SECURITY_PROTOCOL = "securityProtocol";
  public static final String CREDENTIAL_CACHE = "credentialCache";
  /** Every option, in the order of the provider's constructor. */
  public static final List<String> NAMES = List.of(
      ROLE_ARN,
      ROLE_SESSION_NAME,
      EXTERNAL_ID,
      STS_REGION,
      PROFILE_NAME,
      ALLOW_DEFAULT_CREDENTIALS_FALLBACK,
      MAX_RETRIES,
      MAX_BACK_OFF_TIME_MS,
      DEBUG_CREDENTIALS,
      USE_FIPS_ENDPOINTS,
      SECURITY_PROTOCOL,
      CREDENTIAL_CACHE
  );

  public static final String SASL_SSL = "SASL_SSL";
  /** Unencrypted: test brokers only, MSK's IAM listeners accept TLS only. */
  public static final String SASL_PLAINTEXT = "SASL_PLAINTEXT";
  public static final String SHARED = "shared";
  public static final String PER_CLIENT = "per-client";
  /** The SASL mechanism the provider always emits. */
  public static final String SASL_MECHANISM = "AWS_MSK_IAM";

  public static final String DEFAULT_SECURITY_PROTOCOL = SASL_SSL;
  public static final String DEFAULT_CREDENTIAL_CACHE = SHARED;
  public static final boolean DEFAULT_ALLOW_DEFAULT_CREDENTIALS_FALLBACK = false;
  /** Without roleSessionName the node that builds the consumer uses {@code druid-<its host name>}. */
  public static final String DEFAULT_SESSION_NAME_PREFIX = "druid-";
  /** aws-msk-iam-auth's own defaults, which apply because the provider then emits nothing. */
  public static final String DEFAULT_STS_REGION = "aws-global";
  public static final int DEFAULT_MAX_RETRIES = 3;
  public static final int DEFAULT_MAX_BACK_OFF_TIME_MS = 5000;

  private MskIamOptions()
  {
  }
}
