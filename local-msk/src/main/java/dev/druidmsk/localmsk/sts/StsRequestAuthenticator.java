package dev.druidmsk.localmsk.sts;

import dev.druidmsk.localmsk.iam.CredentialRejectedException;
import dev.druidmsk.localmsk.iam.SessionCredentialAuthority;
import dev.druidmsk.localmsk.iam.SigV4;
import dev.druidmsk.localmsk.iam.SigningCredential;
import dev.druidmsk.localmsk.iam.VerifiedSession;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verifies the SigV4 {@code Authorization} header of an STS request against the base users, or against
 * credentials the local STS issued, and answers with the error codes and messages AWS STS uses.
 */
final class StsRequestAuthenticator
{
  static final String SERVICE = "sts";
  private static final Pattern AUTHORIZATION = Pattern.compile(
      "AWS4-HMAC-SHA256 Credential=([^,\\s]+),\\s*SignedHeaders=([^,\\s]+),\\s*Signature=([0-9a-f]{64})"
  );
  /** How far a request's x-amz-date may be from the STS clock, as AWS allows. */
  private static final Duration MAX_SKEW = Duration.ofMinutes(15);
  private static final String INVALID_TOKEN = "The security token included in the request is invalid.";

  private final Map<String, BaseUser> usersByAccessKey = new HashMap<>();
  private final SessionCredentialAuthority authority;
  /** The region requests to this STS's own address must be signed for. */
  private final String region;
  private final Clock clock;

  StsRequestAuthenticator(
      final List<BaseUser> users,
      final SessionCredentialAuthority authority,
      final String region,
      final Clock clock
  )
  {
    users.forEach(user -> usersByAccessKey.put(user.accessKeyId(), user));
    this.authority = authority;
    this.region = region;
    this.clock = clock;
  }

  Caller authenticate(final SignedRequest request) throws StsFault
  {
    final String authorization = single(request, "authorization").orElseThrow(
        () -> new StsFault(403, "MissingAuthenticationToken", "Request is missing Authentication Token")
    );
    final Matcher header = AUTHORIZATION.matcher(authorization);
    if (!header.matches()) {
      throw new StsFault(400, "IncompleteSignature", "Authorization header requires 'Credential', 'Signature' and "
                                                     + "'SignedHeaders' parameters of algorithm AWS4-HMAC-SHA256.");
    }
    final SigningCredential credential = SigningCredential.parse(header.group(1)).orElseThrow(
        () -> new StsFault(400, "IncompleteSignature", "Credential must have exactly 5 slash-delimited elements.")
    );
    final String amzDate = single(request, "x-amz-date").orElseThrow(
        () -> StsFault.signatureDoesNotMatch("Request is missing the X-Amz-Date header.")
    );
    checkFreshness(amzDate);
    if (!SERVICE.equals(credential.scope().service())) {
      throw StsFault.signatureDoesNotMatch("Credential should be scoped to correct service: 'sts'.");
    }
    checkRegion(credential.scope().region(), single(request, "host").orElse(""));
    if (!amzDate.startsWith(credential.scope().date())) {
      throw StsFault.signatureDoesNotMatch("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of "
                                           + "date from HTTP: '" + credential.scope().date() + "' != '"
                                           + amzDate.substring(0, Math.min(8, amzDate.length())) + "'");
    }

    final Principal principal = principal(credential.accessKeyId(), single(request, "x-amz-security-token"));
    final TreeMap<String, String> signedHeaders = new TreeMap<>();
    for (String name : header.group(2).split(";")) {
      final List<String> values = request.headers().apply(name);
      if (values == null || values.isEmpty()) {
        throw StsFault.signatureDoesNotMatch("The request signs header '" + name + "' but does not send it.");
      }
      signedHeaders.put(name, String.join(",", values));
    }
    final String canonicalRequest = SigV4.canonicalRequest(
        request.method(),
        request.path(),
        request.query(),
        signedHeaders,
        SigV4.sha256Hex(request.body())
    );
    final String expected = SigV4.signature(principal.secret(), amzDate, credential.scope(), canonicalRequest);
    if (!SigV4.sameSignature(expected, header.group(3))) {
      throw StsFault.signatureDoesNotMatch(
          "The request signature we calculated does not match the signature you provided. Check your AWS Secret "
          + "Access Key and signing method. Consult the service documentation for details."
      );
    }
    return principal.caller();
  }

  private Principal principal(final String accessKeyId, final Optional<String> sessionToken) throws StsFault
  {
    final BaseUser user = usersByAccessKey.get(accessKeyId);
    if (user != null) {
      if (sessionToken.isPresent()) {
        throw new StsFault(403, "InvalidClientTokenId", INVALID_TOKEN);
      }
      return new Principal(user.secretAccessKey(), new Caller(user.arn(), "AIDA" + accessKeyId.substring(4), user.account()));
    }
    if (sessionToken.isEmpty()) {
      throw new StsFault(403, "InvalidClientTokenId", INVALID_TOKEN);
    }
    final VerifiedSession session;
    try {
      session = authority.verify(accessKeyId, sessionToken.get(), clock.instant());
    }
    catch (CredentialRejectedException e) {
      if (e.isExpired()) {
        throw new StsFault(400, "ExpiredToken", "The security token included in the request is expired");
      }
      throw new StsFault(403, "InvalidClientTokenId", INVALID_TOKEN);
    }
    final String arn = session.assumedRoleArn();
    final String[] arnParts = arn.split(":", 6);
    final String[] roleAndSession = arnParts[5].split("/");
    final String userId = "AROA" + accessKeyId.substring(4) + ':' + roleAndSession[roleAndSession.length - 1];
    return new Principal(authority.secretFor(accessKeyId), new Caller(arn, userId, arnParts[4]));
  }

  /**
   * An STS endpoint accepts only its own region's signatures, as AWS does; the global one us-east-1's, and also
   * {@code aws-global}'s, which is what the SDK signs with when the global endpoint is an override (on AWS the SDK
   * picks the global endpoint itself and signs for us-east-1).
   */
  /**
   * As AWS, every STS name serves one signing region. This STS's own address (127.0.0.1, an endpoint override) stands
   * for the endpoint the client would reach without the override: the regional one of the cluster's region, or the
   * global one, which the SDK signs for {@code aws-global} under an override. Any other region is refused, as a
   * regional or VPC endpoint refuses it.
   */
  private void checkRegion(final String scopeRegion, final String host) throws StsFault
  {
    final boolean served = StsHosts.signingRegion(host).map(scopeRegion::equals).orElse(
        region.equals(scopeRegion) || StsHosts.SDK_GLOBAL_REGION.equals(scopeRegion)
    );
    if (served) {
      return;
    }
    if (StsHosts.isGlobal(host)) {
      if (!StsHosts.SDK_GLOBAL_REGION.equals(scopeRegion)) {
        throw StsFault.signatureDoesNotMatch("Credential should be scoped to a valid region, not '" + scopeRegion + "'. ");
      }
      return;
    }
    throw StsFault.signatureDoesNotMatch("Credential should be scoped to a valid region. ");
  }

  private void checkFreshness(final String amzDate) throws StsFault
  {
    final Instant signedAt;
    try {
      signedAt = Instant.from(SigV4.AMZ_DATE.parse(amzDate));
    }
    catch (DateTimeParseException e) {
      throw StsFault.signatureDoesNotMatch("X-Amz-Date '" + amzDate + "' must be in ISO-8601 basic format.");
    }
    final Instant now = clock.instant();
    if (signedAt.isAfter(now.plus(MAX_SKEW))) {
      throw StsFault.signatureDoesNotMatch("Signature not yet current: " + amzDate + " is still later than "
                                           + SigV4.AMZ_DATE.format(now.plus(MAX_SKEW)) + " ("
                                           + SigV4.AMZ_DATE.format(now) + " + 15 min.)");
    }
    if (signedAt.isBefore(now.minus(MAX_SKEW))) {
      throw StsFault.signatureDoesNotMatch("Signature expired: " + amzDate + " is now earlier than "
                                           + SigV4.AMZ_DATE.format(now.minus(MAX_SKEW)) + " ("
                                           + SigV4.AMZ_DATE.format(now) + " - 15 min.)");
    }
  }

  private static Optional<String> single(final SignedRequest request, final String name)
  {
    final List<String> values = request.headers().apply(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  private record Principal(String secret, Caller caller)
  {
    @Override
    public String toString()
    {
      return "Principal{" + caller + '}';
    }
  }
}
