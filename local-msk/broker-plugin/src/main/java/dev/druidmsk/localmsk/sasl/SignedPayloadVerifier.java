package dev.druidmsk.localmsk.sasl;

import dev.druidmsk.localmsk.iam.CredentialRejectedException;
import dev.druidmsk.localmsk.iam.LongTermKeys;
import dev.druidmsk.localmsk.iam.SessionCredentialAuthority;
import dev.druidmsk.localmsk.iam.SigV4;
import dev.druidmsk.localmsk.iam.SigningCredential;
import dev.druidmsk.localmsk.iam.VerifiedSession;
import org.apache.kafka.common.errors.SaslAuthenticationException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Checks an AWS_MSK_IAM payload the way MSK does: version, action, algorithm, credential scope, validity window
 * (x-amz-expires at most 900 s), host, that the credentials are an IAM user's long-term key or come from the local
 * STS unexpired, the signature, and that the session they give is not too short. Every rejection is a
 * {@link SaslAuthenticationException}, whose message Kafka passes on to the client.
 */
final class SignedPayloadVerifier
{
  private static final List<String> REQUIRED_KEYS = List.of(
      "version", "host", "action", "x-amz-algorithm", "x-amz-credential", "x-amz-date",
      "x-amz-signedheaders", "x-amz-expires", "x-amz-signature"
  );
  /** The longest signature validity MSK accepts, the 15 minutes aws-msk-iam-auth always signs for. */
  private static final long MAX_EXPIRES_SECONDS = 900;
  /**
   * MSK refuses an authentication whose session would end within about two seconds ("[request id]: Session too
   * short"; AWS support quoted in franz-go #731, seen in aws-msk-iam-auth #143 and #176): a client that re-signs with
   * the same nearly expired credentials gets ever shorter sessions, then this refusal.
   */
  static final Duration TOO_SHORT = Duration.ofSeconds(2);

  private final SessionCredentialAuthority authority;
  private final LongTermKeys longTermKeys;
  private final String region;
  private final Set<String> hosts;
  private final Duration maxClockSkew;
  private final Clock clock;

  SignedPayloadVerifier(
      final SessionCredentialAuthority authority,
      final LongTermKeys longTermKeys,
      final String region,
      final Set<String> hosts,
      final Duration maxClockSkew,
      final Clock clock
  )
  {
    this.authority = authority;
    this.longTermKeys = longTermKeys;
    this.region = region;
    this.hosts = Set.copyOf(hosts);
    this.maxClockSkew = maxClockSkew;
    this.clock = clock;
  }

  BrokerSession verify(final Map<String, String> payload)
  {
    for (String key : REQUIRED_KEYS) {
      if (payload.get(key) == null) {
        throw reject("the payload has no '" + key + "'");
      }
    }
    requireEqual(payload, "version", ConnectRequest.VERSION);
    requireEqual(payload, "action", ConnectRequest.ACTION);
    requireEqual(payload, "x-amz-algorithm", SigV4.ALGORITHM);
    requireEqual(payload, "x-amz-signedheaders", "host");

    final SigningCredential credential = SigningCredential.parse(payload.get("x-amz-credential")).orElseThrow(
        () -> reject("x-amz-credential is not <access key id>/<date>/<region>/<service>/aws4_request")
    );
    final Instant signedAt = signingTime(payload.get("x-amz-date"));
    checkScope(credential, payload.get("x-amz-date"));
    final Instant now = clock.instant();
    final Instant signatureExpiry = signedAt.plusSeconds(expiresSeconds(payload.get("x-amz-expires")));
    checkValidityWindow(signedAt, signatureExpiry, now);
    if (!hosts.contains(payload.get("host"))) {
      throw reject("the signed host '" + payload.get("host") + "' is not this broker (expected one of " + hosts + ")");
    }

    final String token = payload.get("x-amz-security-token");
    final BrokerSession session;
    final String secret;
    if (token == null) {
      final LongTermKeys.Key key = longTermKey(credential);
      session = new BrokerSession(key.userArn(), signatureExpiry);
      secret = key.secret();
    }
    else {
      session = temporarySession(credential, token, signatureExpiry, now);
      secret = authority.secretFor(credential.accessKeyId());
    }
    final String expected = SigV4.signature(
        secret,
        payload.get("x-amz-date"),
        credential.scope(),
        ConnectRequest.canonicalRequest(payload)
    );
    if (!SigV4.sameSignature(expected, payload.get("x-amz-signature"))) {
      throw reject("the signature does not match the request it claims to sign");
    }
    if (session.end().isBefore(now.plus(TOO_SHORT))) {
      throw new SaslAuthenticationException("[" + UUID.randomUUID() + "]: Session too short");
    }
    return session;
  }

  private LongTermKeys.Key longTermKey(final SigningCredential credential)
  {
    return longTermKeys.find(credential.accessKeyId()).orElseThrow(
        () -> reject("access key " + credential.accessKeyId() + " is neither an IAM user's key nor was it issued, "
                     + "with a session token, by the local STS")
    );
  }

  private BrokerSession temporarySession(
      final SigningCredential credential,
      final String token,
      final Instant signatureExpiry,
      final Instant now
  )
  {
    final VerifiedSession verified;
    try {
      verified = authority.verify(credential.accessKeyId(), token, now);
    }
    catch (CredentialRejectedException e) {
      throw reject(e.getMessage());
    }
    final Instant end = verified.expiration().isBefore(signatureExpiry) ? verified.expiration() : signatureExpiry;
    return new BrokerSession(verified.assumedRoleArn(), end);
  }

  private void checkScope(final SigningCredential credential, final String amzDate)
  {
    if (!ConnectRequest.SERVICE.equals(credential.scope().service())) {
      throw reject("the credential is scoped to service '" + credential.scope().service()
                   + "'; expected '" + ConnectRequest.SERVICE + "'");
    }
    if (!region.equals(credential.scope().region())) {
      throw reject("the credential is scoped to region '" + credential.scope().region() + "' but this cluster is in '"
                   + region + "' (set aws.region / AWS_REGION to " + region + " on the client)");
    }
    if (!amzDate.startsWith(credential.scope().date())) {
      throw reject("the credential scope date " + credential.scope().date() + " is not the date of x-amz-date " + amzDate);
    }
  }

  private void checkValidityWindow(final Instant signedAt, final Instant expiresAt, final Instant now)
  {
    if (signedAt.isAfter(now.plus(maxClockSkew))) {
      throw reject("x-amz-date " + signedAt + " is in the future by more than the allowed clock skew of "
                   + maxClockSkew.toSeconds() + " s; check the client's clock");
    }
    if (!now.isBefore(expiresAt)) {
      throw reject("the signature expired at " + expiresAt + " (signed at " + signedAt + ", valid "
                   + Duration.between(signedAt, expiresAt).toSeconds() + " s); the broker's time is " + now);
    }
  }

  private static Instant signingTime(final String amzDate)
  {
    try {
      return Instant.from(SigV4.AMZ_DATE.parse(amzDate));
    }
    catch (DateTimeParseException e) {
      throw reject("x-amz-date '" + amzDate + "' is not of the form yyyyMMddTHHmmssZ");
    }
  }

  private static long expiresSeconds(final String expires)
  {
    final long seconds;
    try {
      seconds = Long.parseLong(expires);
    }
    catch (NumberFormatException e) {
      throw reject("x-amz-expires '" + expires + "' is not a number of seconds");
    }
    if (seconds < 1 || seconds > MAX_EXPIRES_SECONDS) {
      throw reject("x-amz-expires " + seconds + " is outside 1.." + MAX_EXPIRES_SECONDS + " seconds, the validity MSK "
                   + "accepts (aws-msk-iam-auth signs for 900)");
    }
    return seconds;
  }

  private static void requireEqual(final Map<String, String> payload, final String key, final String expected)
  {
    if (!expected.equals(payload.get(key))) {
      throw reject(key + " '" + payload.get(key) + "' is not supported; expected '" + expected + "'");
    }
  }

  private static SaslAuthenticationException reject(final String reason)
  {
    return new SaslAuthenticationException("AWS_MSK_IAM authentication failed: " + reason);
  }
}
