package dev.druidmsk.localmsk.authz;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IAM identity whose policies apply to a principal: a role or a user, named by account and name. Role and user
 * names are unique in an account whatever their path, so {@code role/teams/druid/reader} and an assumed-role session
 * of {@code reader} (whose ARN carries no path) are the same role.
 */
record IamIdentity(String account, Kind kind, String name)
{
  enum Kind
  {
    ROLE, USER
  }

  private static final Pattern ASSUMED_ROLE =
      Pattern.compile("arn:aws[a-z-]*:sts::([0-9]{12}):assumed-role/([^/]+)/[^/]+");
  private static final Pattern IAM_ENTITY =
      Pattern.compile("arn:aws[a-z-]*:iam::([0-9]{12}):(role|user)/(?:[^*?]*/)?([^/*?]+)");

  /**
   * The identity of a Kafka principal name as local-msk's SASL server sets it: an assumed-role session ARN
   * ({@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION}) or an IAM user ARN
   * ({@code arn:aws:iam::ACCOUNT:user/NAME}).
   */
  static Optional<IamIdentity> ofPrincipal(final String principalName)
  {
    final Matcher session = ASSUMED_ROLE.matcher(principalName);
    if (session.matches()) {
      return Optional.of(new IamIdentity(session.group(1), Kind.ROLE, session.group(2)));
    }
    final Matcher entity = IAM_ENTITY.matcher(principalName);
    if (entity.matches() && "user".equals(entity.group(2))) {
      return Optional.of(new IamIdentity(entity.group(1), Kind.USER, entity.group(3)));
    }
    return Optional.empty();
  }

  /** @throws IllegalArgumentException when {@code arn} is not a role ARN or user ARN */
  static IamIdentity ofRoleOrUserArn(final String arn)
  {
    final Matcher entity = IAM_ENTITY.matcher(arn);
    if (!entity.matches()) {
      throw new IllegalArgumentException(
          arn + " is not a role or user ARN (arn:aws:iam::ACCOUNT:role/NAME or arn:aws:iam::ACCOUNT:user/NAME)"
      );
    }
    return new IamIdentity(entity.group(1), "role".equals(entity.group(2)) ? Kind.ROLE : Kind.USER, entity.group(3));
  }
}
