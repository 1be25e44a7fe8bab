package dev.druidmsk.localmsk.sts;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A role, its trust policy (the principals that may assume it: user, role or assumed-role session ARNs; a role ARN
 * trusts every session of that role, as in AWS), the external ID they must present, if any, and its maximum session
 * duration (IAM's MaxSessionDuration, 1 to 12 hours, 1 hour by default).
 */
public record Role(String arn, Set<String> trustedPrincipals, Optional<String> externalId, Duration maxSessionDuration)
{
  public static final Duration DEFAULT_MAX_SESSION = Duration.ofHours(1);
  private static final Duration LONGEST_MAX_SESSION = Duration.ofHours(12);
  private static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):role/(?:[\\w+=,.@-]+/)*([\\w+=,.@-]+)");

  public Role
  {
    if (!ROLE_ARN.matcher(arn).matches()) {
      throw new IllegalArgumentException("Role ARN '" + arn + "' is not of the form arn:aws:iam::<12 digits>:role/<name>");
    }
    trustedPrincipals = Set.copyOf(trustedPrincipals);
    if (maxSessionDuration.compareTo(DEFAULT_MAX_SESSION) < 0 || maxSessionDuration.compareTo(LONGEST_MAX_SESSION) > 0
        || maxSessionDuration.toSecondsPart() != 0 || maxSessionDuration.toNanosPart() != 0) {
      throw new IllegalArgumentException("The maximum session duration of " + arn + " must be whole seconds from 1 to "
                                         + "12 hours (3600 to 43200 s), got " + maxSessionDuration.toSeconds() + " s");
    }
  }

  public static Role trusting(final String arn, final String externalId, final String... trustedPrincipals)
  {
    return new Role(arn, Set.of(trustedPrincipals), Optional.ofNullable(externalId), DEFAULT_MAX_SESSION);
  }

  /** The same role with IAM's MaxSessionDuration set (1 to 12 hours). */
  public Role withMaxSessionDuration(final Duration maximum)
  {
    return new Role(arn, trustedPrincipals, externalId, maximum);
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

  /**
   * Whether the trust policy names the caller: its own ARN, or, for a role session, the role's ARN (whose path the
   * session ARN does not carry, so the account and name decide).
   */
  boolean trusts(final Caller caller)
  {
    if (trustedPrincipals.contains(caller.arn())) {
      return true;
    }
    return caller.role().map(
        callerRole -> trustedPrincipals.stream().anyMatch(principal -> {
          final Matcher trusted = ROLE_ARN.matcher(principal);
          return trusted.matches() && trusted.group(1).equals(caller.account()) && trusted.group(2).equals(callerRole);
        })
    ).orElse(false);
  }

  private String part(final int group)
  {
    final Matcher matcher = ROLE_ARN.matcher(arn);
    matcher.matches();
    return matcher.group(group);
  }
}
