package dev.druidmsk.templates.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.druidmsk.iam.MskIamOptions;

import java.util.Optional;

/**
 * The options of an {@code aws-msk-iam} provider as a spec writes them, with the provider's defaults
 * ({@link MskIamOptions}) where an option is left out. Reading only: the extension validates the options when Druid
 * parses them, and {@code spec validate} runs that validation.
 */
public final class MskIamProvider
{
  private final JsonNode options;

  MskIamProvider(JsonNode options)
  {
    this.options = options;
  }

  /** The role the consumers assume; without one they sign with the node's own credentials. */
  public Optional<String> roleArn()
  {
    return text(MskIamOptions.ROLE_ARN);
  }

  /** Empty when unset: each node then uses {@code druid-<its host name>}. */
  public Optional<String> roleSessionName()
  {
    return text(MskIamOptions.ROLE_SESSION_NAME);
  }

  public Optional<String> externalId()
  {
    return text(MskIamOptions.EXTERNAL_ID);
  }

  public String stsRegion()
  {
    return text(MskIamOptions.STS_REGION).orElse(MskIamOptions.DEFAULT_STS_REGION);
  }

  public String securityProtocol()
  {
    return text(MskIamOptions.SECURITY_PROTOCOL).orElse(MskIamOptions.DEFAULT_SECURITY_PROTOCOL);
  }

  /** {@code shared}: one set of credentials per role and session for every Kafka client of a node. */
  public String credentialCache()
  {
    return text(MskIamOptions.CREDENTIAL_CACHE).orElse(MskIamOptions.DEFAULT_CREDENTIAL_CACHE);
  }

  /** The external ID is shown only as set or unset: it guards the role against the confused-deputy problem. */
  @Override
  public String toString()
  {
    return "MskIamProvider{roleArn=" + roleArn().orElse(null)
           + ", externalId=" + externalId().map(id -> "<redacted>").orElse(null)
           + ", securityProtocol=" + securityProtocol() + '}';
  }

  private Optional<String> text(String option)
  {
    return SupervisorSpec.text(options.path(option));
  }
}
