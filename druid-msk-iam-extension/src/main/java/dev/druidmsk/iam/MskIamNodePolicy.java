package dev.druidmsk.iam;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the operators of a Druid node let a spec author choose: which roles a spec may assume, and whether a spec
 * may sign with a named profile, fall back to the node's own credentials, or send without TLS. Bound from the
 * runtime properties {@code druid.msk.iam.*}; every property left out keeps today's behaviour, so a node without
 * them allows everything.
 *
 * <p>A spec author is not the operator: anyone who may write one datasource's supervisor could otherwise name
 * another team's role, and an external ID does not stop them (it is in the spec, readable by every spec reader).
 * The rules apply wherever the node builds AWS MSK IAM credentials: when the provider is parsed (the Overlord
 * refuses the spec at submit) and when a Kafka client starts signing (a raw {@code sasl.jaas.config} naming
 * {@code IAMLoginModule} is refused too). Messages name the role, profile or protocol and the property; never an
 * external ID or a key.
 */
public class MskIamNodePolicy
{
  /** The runtime-property prefix the Druid module binds this class to. */
  public static final String PREFIX = "druid.msk.iam";
  public static final String ALLOWED_ROLE_ARNS = PREFIX + ".allowedRoleArns";
  public static final String ALLOW_PROFILES = PREFIX + ".allowProfiles";
  public static final String ALLOW_DEFAULT_CREDENTIALS_FALLBACK = PREFIX + ".allowDefaultCredentialsFallback";
  public static final String ALLOW_SASL_PLAINTEXT = PREFIX + ".allowSaslPlaintext";

  /** A node without druid.msk.iam properties. */
  public static final MskIamNodePolicy UNRESTRICTED = new MskIamNodePolicy(null, null, null, null);

  private static final Pattern PATTERN_CHARS = Pattern.compile("[A-Za-z0-9+=,.@_:/*-]+");

  // Annotated fields as well as the creator: Druid's JsonConfigurator accepts config classes only so.
  @JsonProperty
  private final List<String> allowedRoleArns;
  @JsonIgnore
  private final List<Pattern> allowedRoles;
  @JsonProperty
  private final boolean allowProfiles;
  @JsonProperty
  private final boolean allowDefaultCredentialsFallback;
  @JsonProperty
  private final boolean allowSaslPlaintext;

  @JsonCreator
  public MskIamNodePolicy(
      @JsonProperty("allowedRoleArns") List<String> allowedRoleArns,
      @JsonProperty("allowProfiles") Boolean allowProfiles,
      @JsonProperty("allowDefaultCredentialsFallback") Boolean allowDefaultCredentialsFallback,
      @JsonProperty("allowSaslPlaintext") Boolean allowSaslPlaintext
  )
  {
    this.allowedRoleArns = allowedRoleArns == null ? null : List.copyOf(allowedRoleArns);
    this.allowedRoles = allowedRoleArns == null
                        ? null
                        : allowedRoleArns.stream().map(MskIamNodePolicy::rolePattern).collect(Collectors.toList());
    this.allowProfiles = allowProfiles == null || allowProfiles;
    this.allowDefaultCredentialsFallback = allowDefaultCredentialsFallback == null || allowDefaultCredentialsFallback;
    this.allowSaslPlaintext = allowSaslPlaintext == null || allowSaslPlaintext;
  }

  /** {@code *} stands for any run of characters, so one pattern can allow a team's roles or a whole account's. */
  private static Pattern rolePattern(String pattern)
  {
    if (pattern == null || !PATTERN_CHARS.matcher(pattern).matches()) {
      throw new IllegalArgumentException(
          "Invalid " + ALLOWED_ROLE_ARNS + " entry '" + (pattern == null ? null : OptionRules.printable(pattern))
          + "': a role ARN pattern is letters, digits, + = , . @ _ : / - and * (any characters), e.g. "
          + "[\"arn:aws:iam::123456789012:role/team-a-*\"]"
      );
    }
    final String regex = List.of(pattern.split("\\*", -1))
                             .stream()
                             .map(part -> part.isEmpty() ? "" : Pattern.quote(part))
                             .collect(Collectors.joining(".*"));
    return Pattern.compile(regex);
  }

  @JsonProperty
  public List<String> getAllowedRoleArns()
  {
    return allowedRoleArns;
  }

  @JsonProperty
  public boolean isAllowProfiles()
  {
    return allowProfiles;
  }

  @JsonProperty
  public boolean isAllowDefaultCredentialsFallback()
  {
    return allowDefaultCredentialsFallback;
  }

  @JsonProperty
  public boolean isAllowSaslPlaintext()
  {
    return allowSaslPlaintext;
  }

  /**
   * Checks a provider's options as the provider will use them; {@code fallback} is whether the node's own
   * credentials may stand in for the role or profile.
   */
  void checkProvider(String roleArn, String profileName, boolean fallback, String securityProtocol)
  {
    checkRole(roleArn);
    checkProfile(profileName);
    checkFallback(fallback && (roleArn != null || profileName != null));
    checkProtocol(securityProtocol);
  }

  /**
   * Checks the JAAS options of an {@code IAMLoginModule} entry and the client's security protocol, however the
   * entry was written: by the provider or by hand in a spec's {@code sasl.jaas.config}.
   */
  public void checkJaas(Map<String, ?> jaasOptions, Object securityProtocol)
  {
    final String roleArn = text(jaasOptions.get("awsRoleArn"));
    final String profileName = text(jaasOptions.get("awsProfileName"));
    checkRole(roleArn);
    checkProfile(profileName);
    // aws-msk-iam-auth appends the default chain unless told not to.
    final boolean fallback = !"false".equalsIgnoreCase(text(jaasOptions.get("awsAddDefaultProviders")));
    checkFallback(fallback && (roleArn != null || profileName != null));
    checkProtocol(text(securityProtocol));
  }

  private static String text(Object value)
  {
    return value == null ? null : String.valueOf(value);
  }

  private void checkRole(String roleArn)
  {
    if (roleArn == null || allowedRoles == null || allowedRoles.stream().anyMatch(p -> p.matcher(roleArn).matches())) {
      return;
    }
    throw new IllegalArgumentException(
        "AWS MSK IAM role " + OptionRules.printable(roleArn) + " is not allowed on this Druid node: "
        + ALLOWED_ROLE_ARNS + " is " + allowedRoleArns + ". Use a role it allows, or ask the cluster's operators "
        + "to add this one to " + ALLOWED_ROLE_ARNS + " in the runtime properties of every node."
    );
  }

  private void checkProfile(String profileName)
  {
    if (profileName != null && !allowProfiles) {
      throw new IllegalArgumentException(
          "AWS MSK IAM profile " + OptionRules.printable(profileName) + " is not allowed on this Druid node: "
          + ALLOW_PROFILES + " is false. Use an allowed roleArn instead."
      );
    }
  }

  private void checkFallback(boolean fallback)
  {
    if (fallback && !allowDefaultCredentialsFallback) {
      throw new IllegalArgumentException(
          "AWS MSK IAM fallback to the node's own credentials is not allowed on this Druid node: "
          + ALLOW_DEFAULT_CREDENTIALS_FALLBACK + " is false. Remove allowDefaultCredentialsFallback from the "
          + "provider (a hand-written sasl.jaas.config needs awsAddDefaultProviders=\"false\")."
      );
    }
  }

  private void checkProtocol(String securityProtocol)
  {
    if (MskIamOptions.SASL_PLAINTEXT.equals(securityProtocol) && !allowSaslPlaintext) {
      throw new IllegalArgumentException(
          "security protocol " + MskIamOptions.SASL_PLAINTEXT + " is not allowed on this Druid node: "
          + ALLOW_SASL_PLAINTEXT + " is false. Use " + MskIamOptions.SASL_SSL + "."
      );
    }
  }

  @Override
  public String toString()
  {
    return "MskIamNodePolicy{allowedRoleArns=" + allowedRoleArns + ", allowProfiles=" + allowProfiles
           + ", allowDefaultCredentialsFallback=" + allowDefaultCredentialsFallback
           + ", allowSaslPlaintext=" + allowSaslPlaintext + '}';
  }
}
