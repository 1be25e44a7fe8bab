package dev.druidmsk.iam;

import java.util.Map;

/**
 * The provider's option checks for tools that have no Druid on their class path (druid-msk spec render checks a spec
 * before writing it): the rules of {@link MskIamConfigProvider}'s constructor and its unknown-option rule, with the
 * same messages. Needs nothing but the JDK, so a tool can load it from the bundle's jar on its own.
 */
public final class OptionCheck
{
  private OptionCheck()
  {
  }

  /**
   * The first rule the provider's JSON object breaks, as the provider words it, or null when the provider would accept
   * it. {@code provider} holds the JSON values as Jackson reads them untyped: text, booleans, numbers.
   */
  public static String problem(Map<String, Object> provider)
  {
    try {
      OptionRules.checkKnownOptions(provider.keySet());
      OptionRules.checkAll(
          text(provider, MskIamOptions.ROLE_ARN),
          text(provider, MskIamOptions.ROLE_SESSION_NAME),
          text(provider, MskIamOptions.EXTERNAL_ID),
          text(provider, MskIamOptions.STS_REGION),
          text(provider, MskIamOptions.PROFILE_NAME),
          flag(provider, MskIamOptions.ALLOW_DEFAULT_CREDENTIALS_FALLBACK),
          number(provider, MskIamOptions.MAX_RETRIES),
          number(provider, MskIamOptions.MAX_BACK_OFF_TIME_MS),
          text(provider, MskIamOptions.SECURITY_PROTOCOL),
          text(provider, MskIamOptions.CREDENTIAL_CACHE)
      );
      return null;
    }
    catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private static String text(Map<String, Object> provider, String option)
  {
    final Object value = provider.get(option);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw new IllegalArgumentException("Invalid aws-msk-iam option '" + option + "': must be text");
  }

  private static Boolean flag(Map<String, Object> provider, String option)
  {
    final Object value = provider.get(option);
    if (value == null || value instanceof Boolean) {
      return (Boolean) value;
    }
    throw new IllegalArgumentException("Invalid aws-msk-iam option '" + option + "': must be true or false");
  }

  private static Integer number(Map<String, Object> provider, String option)
  {
    final Object value = provider.get(option);
    if (value == null) {
      return null;
    }
    if (value instanceof Integer) {
      return (Integer) value;
    }
    throw new IllegalArgumentException("Invalid aws-msk-iam option '" + option + "': must be a whole number");
  }
}
