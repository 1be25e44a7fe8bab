package dev.druidmsk.localmsk.sts;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Who signed an STS request: a base user, or a session the local STS issued. */
record Caller(String arn, String userId, String account)
{
  private static final Pattern ASSUMED_ROLE = Pattern.compile("arn:aws:sts::\\d{12}:assumed-role/([^/]+)/.+");

  /** The role name when the caller is a role session: its AssumeRole is role chaining. */
  Optional<String> role()
  {
    final Matcher matcher = ASSUMED_ROLE.matcher(arn);
    return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
  }
}
