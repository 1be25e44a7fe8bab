package dev.druidmsk.localmsk.sts;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A role and its trust policy: the principals (user or assumed-role ARNs) that may assume it, and the external ID
 * they must present, if any.
 */
public record Role(String arn, Set<String> trustedPrincipals, Optional<String> externalId)
{
  private static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):role/(?:[\\w+=,.@-]+/)*([\\w+=,.@-]+)");

  public Role
  {
    if (!ROLE_ARN.matcher(arn).matches()) {
      throw new IllegalArgumentException("Role ARN '" + arn + "' is not of the form arn:aws:iam::<12 digits>:role/<name>");
    }
    trustedPrincipals = Set.copyOf(trustedPrincipals);
  }

  public static Role trusting(final String arn, final String externalId, final String... trustedPrincipals)
  {
    return new Role(arn, Set.of(trustedPrincipals), Optional.ofNullable(externalId));
  }

  String account()
  {
    return part(1);
  }

  String name()
  {
    return part(2);
  }

  /** The ARN of a session of this role, as STS returns it and as the broker names the principal. */
  public String assumedRoleArn(final String sessionName)
  {
    return "arn:aws:sts::" + account() + ":assumed-role/" + name() + '/' + sessionName;
  }

  private String part(final int group)
  {
    final Matcher matcher = ROLE_ARN.matcher(arn);
    matcher.matches();
    return matcher.group(group);
  }
}
