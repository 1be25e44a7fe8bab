package dev.druidmsk.localmsk.iam;

import java.time.Instant;

/** Temporary credentials of an assumed role, as the local STS hands them out. */
public record IssuedCredentials(
    String accessKeyId,
    String secretAccessKey,
    String sessionToken,
    String assumedRoleArn,
    Instant expiration
)
{
  @Override
  public String toString()
  {
    // The secret and the token must never reach a log line or an exception message.
    return "IssuedCredentials{accessKeyId=" + accessKeyId + ", assumedRoleArn=" + assumedRoleArn
           + ", expiration=" + expiration + '}';
  }
}
