package dev.druidmsk.localmsk.sts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.druidmsk.localmsk.iam.IssuedCredentials;
import dev.druidmsk.localmsk.iam.SessionCredentialAuthority;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** AssumeRole, AssumeRoleWithWebIdentity and GetCallerIdentity, with the validation and trust checks of AWS STS. */
final class StsActions
{
  static final String ASSUME_ROLE = "AssumeRole";
  static final String GET_CALLER_IDENTITY = "GetCallerIdentity";
  /** Unsigned, as in AWS: the web identity token is the proof. */
  static final String ASSUME_ROLE_WITH_WEB_IDENTITY = "AssumeRoleWithWebIdentity";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]*");
  private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]*");
  /** DurationSeconds when the caller gives none, and the cap when a role session assumes a role (role chaining). */
  private static final Duration DEFAULT_DURATION = Duration.ofHours(1);
  private static final long MIN_DURATION_SECONDS = 900;
  private static final long MAX_DURATION_SECONDS = 43_200;

  private final Map<String, Role> roles = new ConcurrentHashMap<>();
  private final List<LocalOidcIssuer> oidcIssuers;
  private final SessionCredentialAuthority authority;
  private final Duration rotationTestLifetime;
  private final Clock clock;
  private final CallCounters counters;

  StsActions(
      final List<Role> roles,
      final List<LocalOidcIssuer> oidcIssuers,
      final SessionCredentialAuthority authority,
      final Duration rotationTestLifetime,
      final Clock clock,
      final CallCounters counters
  )
  {
    roles.forEach(this::createRole);
    this.oidcIssuers = List.copyOf(oidcIssuers);
    this.authority = authority;
    this.rotationTestLifetime = rotationTestLifetime;
    this.clock = clock;
    this.counters = counters;
  }

  /**
   * IAM's CreateRole: callers its trust policy names may assume it from now on. A role of that ARN already exists:
   * refused, as IAM refuses a second role of one name, and the existing role is left as it was.
   */
  void createRole(final Role role)
  {
    if (roles.putIfAbsent(role.arn(), role) != null) {
      throw new IllegalArgumentException("Role " + role.arn() + " already exists (IAM's EntityAlreadyExists): give the "
                                         + "new role another name");
    }
  }

  /** The XML answer to an authenticated request. */
  String answer(final Caller caller, final Map<String, String> parameters) throws StsFault
  {
    final String action = parameters.getOrDefault("Action", "");
    final String requestId = UUID.randomUUID().toString();
    switch (action) {
      case ASSUME_ROLE:
        return countedAssumeRole(caller, parameters, requestId);
      case GET_CALLER_IDENTITY:
        counters.record(GET_CALLER_IDENTITY, CallCounters.Outcome.ISSUED, null, null);
        return StsXml.getCallerIdentity(caller, requestId);
      default:
        throw new StsFault(400, "InvalidAction", "Could not find operation " + action + " for version 2011-06-15");
    }
  }

  /** AssumeRoleWithWebIdentity: the token must come from a known issuer, for STS, unexpired, and be trusted. */
  String assumeRoleWithWebIdentity(final Map<String, String> parameters) throws StsFault
  {
    final String roleArn = parameters.get("RoleArn");
    final String sessionName = parameters.get("RoleSessionName");
    try {
      final String answer = webIdentitySession(parameters, UUID.randomUUID().toString());
      counters.record(ASSUME_ROLE_WITH_WEB_IDENTITY, CallCounters.Outcome.ISSUED, roleArn, sessionName);
      return answer;
    }
    catch (StsFault fault) {
      counters.record(ASSUME_ROLE_WITH_WEB_IDENTITY, CallCounters.Outcome.REFUSED, roleArn, sessionName);
      throw fault;
    }
  }

  private String webIdentitySession(final Map<String, String> parameters, final String requestId) throws StsFault
  {
    final String roleArn = validated(parameters, "RoleArn", "roleArn", 20, 2048, null);
    final String sessionName = validated(parameters, "RoleSessionName", "roleSessionName", 2, 64, SESSION_NAME);
    final String token = validated(parameters, "WebIdentityToken", "webIdentityToken", 4, 20_000, null);
    final Duration requested = requestedDuration(parameters);
    final String issuerClaim = unverifiedIssuer(token);
    final LocalOidcIssuer issuer = oidcIssuers.stream()
                                              .filter(candidate -> candidate.issuer().equals(issuerClaim))
                                              .findFirst()
                                              .orElseThrow(() -> new StsFault(
                                                  400, "InvalidIdentityToken",
                                                  "No OpenIDConnect provider found in your account for " + issuerClaim
                                              ));
    final JsonNode claims = issuer.verifiedClaims(token);
    if (!LocalOidcIssuer.STS_AUDIENCE.equals(claims.path("aud").asText())) {
      throw new StsFault(400, "InvalidIdentityToken", "Incorrect token audience");
    }
    final Instant expiry = Instant.ofEpochSecond(claims.path("exp").asLong());
    final Instant now = clock.instant();
    if (!now.isBefore(expiry)) {
      throw new StsFault(400, "ExpiredTokenException", "Token expired: current date/time " + now.getEpochSecond()
                                                       + " must be before the expiration date/time "
                                                       + expiry.getEpochSecond());
    }
    final Role role = roles.get(roleArn);
    if (role == null || !role.trustedPrincipals().contains(issuer.providerArn(role.account()))) {
      throw new StsFault(403, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity");
    }
    if (requested.compareTo(role.maxSessionDuration()) > 0) {
      throw StsFault.validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    }
    final IssuedCredentials credentials = issue(role, sessionName, requested);
    return StsXml.assumeRoleWithWebIdentity(
        credentials, assumedRoleId(credentials, sessionName), claims.path("sub").asText(),
        issuer.providerArn(role.account()), requestId
    );
  }

  private static String unverifiedIssuer(final String token) throws StsFault
  {
    final String[] parts = token.split("\\.", -1);
    try {
      return JSON.readTree(Base64.getUrlDecoder().decode(parts[1])).path("iss").asText();
    }
    catch (IOException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
      throw new StsFault(400, "InvalidIdentityToken", "The ID token could not be parsed");
    }
  }

  private IssuedCredentials issue(final Role role, final String sessionName, final Duration requested)
  {
    return authority.issue(
        role.assumedRoleArn(sessionName),
        clock.instant().plus(rotationTestLifetime == null ? requested : rotationTestLifetime)
    );
  }

  private static String assumedRoleId(final IssuedCredentials credentials, final String sessionName)
  {
    return "AROA" + credentials.accessKeyId().substring(4) + ':' + sessionName;
  }

  private String countedAssumeRole(final Caller caller, final Map<String, String> parameters, final String requestId)
      throws StsFault
  {
    final String roleArn = parameters.get("RoleArn");
    final String sessionName = parameters.get("RoleSessionName");
    try {
      final String answer = assumeRole(caller, parameters, requestId);
      counters.record(ASSUME_ROLE, CallCounters.Outcome.ISSUED, roleArn, sessionName);
      return answer;
    }
    catch (StsFault fault) {
      counters.record(ASSUME_ROLE, CallCounters.Outcome.REFUSED, roleArn, sessionName);
      throw fault;
    }
  }

  private String assumeRole(final Caller caller, final Map<String, String> parameters, final String requestId)
      throws StsFault
  {
    final String roleArn = validated(parameters, "RoleArn", "roleArn", 20, 2048, null);
    final String sessionName = validated(parameters, "RoleSessionName", "roleSessionName", 2, 64, SESSION_NAME);
    final String externalId = parameters.containsKey("ExternalId")
                              ? validated(parameters, "ExternalId", "externalId", 2, 1224, EXTERNAL_ID)
                              : null;
    final Duration requested = requestedDuration(parameters);
    final Role role = roles.get(roleArn);
    final boolean trusted = role != null
                            && role.trusts(caller)
                            && role.externalId().map(expected -> expected.equals(externalId)).orElse(true);
    if (!trusted) {
      // AWS gives one answer for a missing role, an untrusted caller and a wrong or missing external ID.
      throw new StsFault(403, "AccessDenied", "User: " + caller.arn()
                                              + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn);
    }
    if (caller.role().isPresent() && requested.compareTo(DEFAULT_DURATION) > 0) {
      throw StsFault.validation("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by "
                                + "role chaining.");
    }
    if (requested.compareTo(role.maxSessionDuration()) > 0) {
      throw StsFault.validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    }
    final IssuedCredentials credentials = issue(role, sessionName, requested);
    return StsXml.assumeRole(credentials, assumedRoleId(credentials, sessionName), requestId);
  }

  /** Lifetimes AWS never issues, allowed only through the rotation-test opt-in. */
  static Duration requireRotationTestLifetime(final Duration lifetime)
  {
    if (lifetime.isNegative() || lifetime.isZero() || lifetime.getSeconds() >= MIN_DURATION_SECONDS) {
      throw new IllegalArgumentException("A rotation-test credential lifetime is above 0 and under "
                                         + MIN_DURATION_SECONDS + " s (AWS's shortest), got " + lifetime.toMillis()
                                         + " ms; for 900 s or more let clients ask DurationSeconds");
    }
    return lifetime;
  }

  private static Duration requestedDuration(final Map<String, String> parameters) throws StsFault
  {
    final String value = parameters.get("DurationSeconds");
    if (value == null) {
      return DEFAULT_DURATION;
    }
    final long seconds;
    try {
      seconds = Long.parseLong(value);
    }
    catch (NumberFormatException e) {
      throw new StsFault(400, "MalformedInput", "Value '" + value + "' for parameter DurationSeconds is invalid.");
    }
    if (seconds < MIN_DURATION_SECONDS || seconds > MAX_DURATION_SECONDS) {
      throw StsFault.validation(
          "1 validation error detected: Value '" + seconds + "' at 'durationSeconds' failed to satisfy constraint: "
          + "Member must have value " + (seconds < MIN_DURATION_SECONDS ? "greater than or equal to " + MIN_DURATION_SECONDS
                                                                       : "less than or equal to " + MAX_DURATION_SECONDS)
      );
    }
    return Duration.ofSeconds(seconds);
  }

  private static String validated(
      final Map<String, String> parameters,
      final String parameter,
      final String member,
      final int minLength,
      final int maxLength,
      final Pattern pattern
  ) throws StsFault
  {
    final String value = parameters.get(parameter);
    if (value == null) {
      throw StsFault.validation(
          "1 validation error detected: Value null at '" + member + "' failed to satisfy constraint: Member must not be null"
      );
    }
    if (value.length() < minLength || value.length() > maxLength) {
      throw StsFault.validation(
          "1 validation error detected: Value '" + value + "' at '" + member + "' failed to satisfy constraint: "
          + "Member must have length " + (value.length() < minLength ? "greater than or equal to " + minLength
                                                                     : "less than or equal to " + maxLength)
      );
    }
    if (pattern != null && !pattern.matcher(value).matches()) {
      throw StsFault.validation(
          "1 validation error detected: Value '" + value + "' at '" + member + "' failed to satisfy constraint: "
          + "Member must satisfy regular expression pattern: " + pattern.pattern()
      );
    }
    return value;
  }
}
