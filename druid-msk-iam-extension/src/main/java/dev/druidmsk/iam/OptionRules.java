package dev.druidmsk.iam;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The validation rules of the aws-msk-iam options ({@link MskIamOptions}): AWS's own limits (IAM, STS), plus a
 * character set that keeps every value safe inside a double-quoted JAAS option.
 *
 * <p>Error messages name the option, the rule and a valid example. They never echo a whole value (the external ID
 * guards the role), only the offending character or, for the role ARN, the offending part.
 */
final class OptionRules
{
  private static final String SAFE_NAME_CHARS = "letters, digits and + = , . @ _ -";
  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9+=,.@_-]+");
  private static final Set<String> PARTITIONS =
      Set.of("aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc");

  static final TextRule ROLE_ARN = new TextRule(
      MskIamOptions.ROLE_ARN, 20, 2048,
      Pattern.compile("[A-Za-z0-9+=,.@_:/-]+"), "letters, digits and + = , . @ _ : / -",
      "arn:aws:iam::123456789012:role/druid-msk-reader", OptionRules::roleArnStructure
  );
  static final TextRule ROLE_SESSION_NAME = new TextRule(
      MskIamOptions.ROLE_SESSION_NAME, 2, 64, SAFE_NAME, SAFE_NAME_CHARS, "druid-ingest", value -> null
  );
  static final TextRule EXTERNAL_ID = new TextRule(
      MskIamOptions.EXTERNAL_ID, 2, 1224,
      Pattern.compile("[A-Za-z0-9+=,.@:/_-]+"), "letters, digits and + = , . @ : / _ -",
      "druid-msk-3f9a2c", value -> null
  );
  static final TextRule STS_REGION = new TextRule(
      MskIamOptions.STS_REGION, 2, 32, Pattern.compile("[a-z0-9-]+"), "lower-case letters, digits and -",
      "us-east-1", OptionRules::regionStructure
  );
  static final TextRule PROFILE_NAME = new TextRule(
      MskIamOptions.PROFILE_NAME, 1, 64, SAFE_NAME, SAFE_NAME_CHARS, "msk-reader", value -> null
  );
  static final TextRule SECURITY_PROTOCOL = new TextRule(
      MskIamOptions.SECURITY_PROTOCOL, 8, 14, Pattern.compile("[A-Z_]+"), "SASL_SSL or SASL_PLAINTEXT",
      MskIamOptions.SASL_SSL, OptionRules::securityProtocolValue
  );
  static final TextRule CREDENTIAL_CACHE = new TextRule(
      MskIamOptions.CREDENTIAL_CACHE, 6, 10, Pattern.compile("[a-z-]+"), "shared or per-client",
      MskIamOptions.SHARED, OptionRules::credentialCacheValue
  );
  static final IntRule MAX_RETRIES = new IntRule(MskIamOptions.MAX_RETRIES, 0, 10, MskIamOptions.DEFAULT_MAX_RETRIES);
  static final IntRule MAX_BACK_OFF_TIME_MS = new IntRule(
      MskIamOptions.MAX_BACK_OFF_TIME_MS, 100, 300_000, MskIamOptions.DEFAULT_MAX_BACK_OFF_TIME_MS
  );

  private static final Pattern REGION = Pattern.compile("aws-global|[a-z]{2}(-[a-z]+)+-[0-9]{1,2}");
  private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");

  private OptionRules()
  {
  }

  /** Every option's own rule, then the rules between options: what the provider checks when it is built. */
  static void checkAll(
      String roleArn,
      String roleSessionName,
      String externalId,
      String stsRegion,
      String profileName,
      Boolean allowDefaultCredentialsFallback,
      Integer maxRetries,
      Integer maxBackOffTimeMs,
      String securityProtocol,
      String credentialCache
  )
  {
    ROLE_ARN.check(roleArn);
    ROLE_SESSION_NAME.check(roleSessionName);
    EXTERNAL_ID.check(externalId);
    STS_REGION.check(stsRegion);
    PROFILE_NAME.check(profileName);
    MAX_RETRIES.check(maxRetries);
    MAX_BACK_OFF_TIME_MS.check(maxBackOffTimeMs);
    SECURITY_PROTOCOL.check(securityProtocol);
    CREDENTIAL_CACHE.check(credentialCache);
    checkCombination(roleArn, roleSessionName, externalId, stsRegion, profileName, allowDefaultCredentialsFallback);
  }

  /** The rules between options; the values are those each option's own rule accepted. */
  private static void checkCombination(
      String roleArn,
      String roleSessionName,
      String externalId,
      String stsRegion,
      String profileName,
      Boolean allowDefaultCredentialsFallback
  )
  {
    final boolean hasRole = roleArn != null;
    requireRole(hasRole, MskIamOptions.ROLE_SESSION_NAME, roleSessionName);
    requireRole(hasRole, MskIamOptions.EXTERNAL_ID, externalId);
    requireRole(hasRole, MskIamOptions.STS_REGION, stsRegion);
    if (hasRole && profileName != null) {
      throw new IllegalArgumentException(
          "Invalid aws-msk-iam options: 'roleArn' and 'profileName' cannot be combined, because aws-msk-iam-auth "
          + "tries the profile first and would never assume the role. To assume the role with a profile's "
          + "credentials, remove 'profileName' and set AWS_PROFILE (or -Daws.profile) on the Druid node."
      );
    }
    if (Boolean.TRUE.equals(allowDefaultCredentialsFallback) && !hasRole && profileName == null) {
      throw new IllegalArgumentException(
          "Invalid aws-msk-iam option 'allowDefaultCredentialsFallback': it only applies with 'roleArn' or "
          + "'profileName' (without them the node's default credential chain is used anyway). Remove it, or set "
          + "roleArn, e.g. \"roleArn\": \"" + ROLE_ARN.example + "\"."
      );
    }
  }

  /** Every name must be an option (or the type key a mapper may leave in); the first that is not is the error. */
  static void checkKnownOptions(Iterable<String> names)
  {
    for (String name : names) {
      if (!MskIamOptions.NAMES.contains(name) && !"type".equals(name)) {
        throw new IllegalArgumentException(unknownOptionMessage(name));
      }
    }
  }

  static String unknownOptionMessage(String name)
  {
    final String suggestion = MskIamOptions.NAMES
        .stream()
        .filter(known -> editDistance(known.toLowerCase(), name.toLowerCase()) <= 3)
        .min(Comparator.comparingInt(known -> editDistance(known, name)))
        .map(known -> " Did you mean '" + known + "'?")
        .orElse("");
    return "Unknown aws-msk-iam option '" + printable(name) + "'." + suggestion
           + " Known options: " + String.join(", ", MskIamOptions.NAMES) + ".";
  }

  private static void requireRole(boolean hasRole, String option, Object value)
  {
    if (!hasRole && value != null) {
      throw new IllegalArgumentException(
          "Invalid aws-msk-iam option '" + option + "': it only applies when 'roleArn' is set. Set roleArn, e.g. "
          + "\"roleArn\": \"" + ROLE_ARN.example + "\", or remove '" + option + "'."
      );
    }
  }

  private static String roleArnStructure(String arn)
  {
    final String[] parts = arn.split(":", 6);
    if (parts.length < 6 || !"arn".equals(parts[0])) {
      return "must have the form arn:<partition>:iam::<12-digit account ID>:role/[<path>/]<role name>";
    }
    if (!PARTITIONS.contains(parts[1])) {
      return "partition '" + parts[1] + "' is not an AWS partition (one of " + sorted(PARTITIONS) + ")";
    }
    if (!"iam".equals(parts[2])) {
      return "service must be 'iam', got '" + parts[2] + "' (an sts assumed-role ARN names a session, not a role)";
    }
    if (!parts[3].isEmpty()) {
      return "the region part must be empty, IAM is global: arn:" + parts[1] + ":iam::...";
    }
    if (!ACCOUNT_ID.matcher(parts[4]).matches()) {
      return "account ID must be 12 digits, got '" + parts[4] + "'";
    }
    if (!parts[5].startsWith("role/")) {
      return "resource must be role/[<path>/]<role name>, got '" + parts[5] + "'";
    }
    final String pathAndName = parts[5].substring("role/".length());
    final int lastSlash = pathAndName.lastIndexOf('/');
    final String name = pathAndName.substring(lastSlash + 1);
    if (name.isEmpty() || name.length() > 64 || !SAFE_NAME.matcher(name).matches()) {
      return "role name must be 1 to 64 " + SAFE_NAME_CHARS + ", got '" + name + "'";
    }
    if (lastSlash >= 0) {
      final String path = pathAndName.substring(0, lastSlash);
      if (path.length() > 510 || Arrays.stream(path.split("/", -1)).anyMatch(String::isEmpty)) {
        return "role path must be non-empty segments separated by single '/', at most 512 characters, got '/"
               + path + "/'";
      }
    }
    return null;
  }

  private static String regionStructure(String region)
  {
    return REGION.matcher(region).matches() ? null : "must be an AWS region such as us-east-1, or aws-global";
  }

  private static String securityProtocolValue(String protocol)
  {
    return MskIamOptions.SASL_SSL.equals(protocol) || MskIamOptions.SASL_PLAINTEXT.equals(protocol)
           ? null
           : "must be SASL_SSL (MSK's IAM listener, port 9098/9198) or SASL_PLAINTEXT (unencrypted, test brokers "
             + "only), got '" + protocol + "'";
  }

  private static String credentialCacheValue(String cache)
  {
    return MskIamOptions.PER_CLIENT.equals(cache) || MskIamOptions.SHARED.equals(cache)
           ? null
           : "must be shared (one set of credentials per role and session for every Kafka client of the node, "
             + "the default) or per-client (every Kafka client assumes the role itself), got '" + cache + "'";
  }

  private static String sorted(Set<String> values)
  {
    return values.stream().sorted().collect(Collectors.joining(", "));
  }

  private static int editDistance(String a, String b)
  {
    final int[] previous = new int[b.length() + 1];
    final int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        final int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      System.arraycopy(current, 0, previous, 0, current.length);
    }
    return previous[b.length()];
  }

  /** Renders a name for an error message with every character outside printable ASCII shown as U+XXXX. */
  static String printable(String text)
  {
    final StringBuilder out = new StringBuilder();
    text.chars().forEach(c -> out.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : codePoint(c)));
    return out.toString();
  }

  private static String codePoint(int c)
  {
    return String.format("U+%04X", c);
  }

  private static boolean breaksJaas(char c)
  {
    return c == '"' || c == '\'' || c == '\\' || c == ';' || c <= 0x20 || c == 0x7f;
  }

  /** A text option: length, character set, then the option's own structure. */
  static final class TextRule
  {
    final String option;
    final int minLength;
    final int maxLength;
    final Pattern charset;
    final String charsetDescription;
    final String example;
    final Function<String, String> structure;

    TextRule(
        String option,
        int minLength,
        int maxLength,
        Pattern charset,
        String charsetDescription,
        String example,
        Function<String, String> structure
    )
    {
      this.option = option;
      this.minLength = minLength;
      this.maxLength = maxLength;
      this.charset = charset;
      this.charsetDescription = charsetDescription;
      this.example = example;
      this.structure = structure;
    }

    /** Returns the value unchanged, or throws naming the option, the broken rule and a valid example. */
    String check(String value)
    {
      if (value == null) {
        return null;
      }
      for (int i = 0; i < value.length(); i++) {
        final char c = value.charAt(i);
        if (breaksJaas(c)) {
          throw invalid(
              "character " + describe(c) + " at position " + (i + 1) + " is not allowed: quotes, backslashes, "
              + "semicolons, whitespace and control characters would break or inject into the JAAS configuration, "
              + "so they are rejected, not escaped"
          );
        }
      }
      if (value.length() < minLength || value.length() > maxLength) {
        throw invalid("length must be " + minLength + " to " + maxLength + " characters, got " + value.length());
      }
      for (int i = 0; i < value.length(); i++) {
        final String c = String.valueOf(value.charAt(i));
        if (!charset.matcher(c).matches()) {
          throw invalid("character " + describe(value.charAt(i)) + " at position " + (i + 1)
                        + " is not allowed; allowed are " + charsetDescription);
        }
      }
      final String problem = structure.apply(value);
      if (problem != null) {
        throw invalid(problem);
      }
      return value;
    }

    private static String describe(char c)
    {
      return c > 0x20 && c < 0x7f ? "'" + c + "'" : codePoint(c);
    }

    private IllegalArgumentException invalid(String rule)
    {
      return new IllegalArgumentException(
          "Invalid aws-msk-iam option '" + option + "': " + rule + ". Example of a valid value: " + example
      );
    }
  }

  /** A whole-number option within an inclusive range. */
  static final class IntRule
  {
    final String option;
    final int min;
    final int max;
    final int example;

    IntRule(String option, int min, int max, int example)
    {
      this.option = option;
      this.min = min;
      this.max = max;
      this.example = example;
    }

    Integer check(Integer value)
    {
      if (value != null && (value < min || value > max)) {
        throw new IllegalArgumentException(
            "Invalid aws-msk-iam option '" + option + "': must be between " + min + " and " + max + ", got " + value
            + ". Example of a valid value: " + example
        );
      }
      return value;
    }
  }
}
