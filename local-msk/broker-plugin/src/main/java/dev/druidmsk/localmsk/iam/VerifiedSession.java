package dev.druidmsk.localmsk.iam;

import java.time.Instant;

/** What a session token issued by the local STS proves: whose session it is and until when. */
public record VerifiedSession(String accessKeyId, String assumedRoleArn, Instant expiration)
{
}
