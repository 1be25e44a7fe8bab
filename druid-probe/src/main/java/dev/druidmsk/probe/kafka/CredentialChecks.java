package dev.druidmsk.probe.kafka;

import dev.druidmsk.probe.node.Checks;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What aws-msk-iam-auth will do for credentials, step by step: the base identity from the SDK's default chain
 * (naming the provider that supplied it, in the chain's order), AssumeRole of the JAAS entry's role with its external
 * ID against the STS endpoint the SDK resolves, and the assumed session's remaining lifetime.
 */
final class CredentialChecks
{
  /** The SDK's prefetch: aws-msk-iam-auth's role provider refreshes this long before expiry. */
  private static final Duration REFRESH_LEAD = Duration.ofMinutes(5);
  private static final Duration SHORT_SESSION = Duration.ofMinutes(15);
  /**
   * MSK refuses a session that would end within about 2 s ("Session too short"); druid-msk's provider never signs
   * within this much of expiry (its RefreshingCredentials.SIGNING_MARGIN).
   */
  static final Duration TOO_SHORT = Duration.ofSeconds(5);
  /** How druid-msk's provider starts the message of a failure to get usable credentials. */
  static final String UNAVAILABLE = "AWS MSK IAM credentials of ";
  static final String TOO_SHORT_FIX =
      "credentials this close to expiry are refused by MSK (\"Session too short\"): check the node's clock against "
      + "NTP (a clock running ahead makes every session look short), ask STS for at least 900 s (its minimum "
      + "DurationSeconds) and keep \"credentialCache\": \"shared\", which refreshes ahead and never signs within "
      + TOO_SHORT.toSeconds() + " s of expiry";

  private final Map<String, String> jaas;
  private final Duration timeout;
  private final Checks checks;
  private AwsCredentials base;

  CredentialChecks(Map<String, String> jaas, Duration timeout, Checks checks)
  {
    this.jaas = jaas;
    this.timeout = timeout;
    this.checks = checks;
  }

  /** True when a consumer of this node would get usable credentials. */
  boolean run()
  {
    if (!baseIdentity()) {
      checks.skip("credentials.assume-role", "skipped: no base credentials");
      checks.skip("credentials.lifetime", "skipped: no base credentials");
      return false;
    }
    return assumeRole();
  }

  private boolean baseIdentity()
  {
    final String name = "credentials.base-identity";
    final Map<String, Supplier<AwsCredentialsProvider>> chain = new LinkedHashMap<>();
    final BaseIdentities.Configured configured = BaseIdentities.configured();
    if (jaas.containsKey("awsProfileName")) {
      chain.put("profile " + jaas.get("awsProfileName") + " (awsProfileName)",
                () -> ProfileCredentialsProvider.create(jaas.get("awsProfileName")));
    } else {
      // The order of the SDK's DefaultCredentialsProvider, which aws-msk-iam-auth uses for the role's base identity.
      chain.put("system properties aws.accessKeyId/aws.secretAccessKey", SystemPropertyCredentialsProvider::create);
      chain.put("environment AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY", EnvironmentVariableCredentialsProvider::create);
      chain.put(BaseIdentities.WEB_IDENTITY, WebIdentityTokenFileCredentialsProvider::create);
      chain.put("profile file (~/.aws/credentials, AWS_PROFILE)", ProfileCredentialsProvider::create);
      chain.put(configured.containerKind(), () -> ContainerCredentialsProvider.builder().build());
      chain.put("EC2 instance profile (instance metadata, IMDSv2)", InstanceProfileCredentialsProvider::create);
    }
    final List<String> evidence = new ArrayList<>(configured.evidence());
    for (Map.Entry<String, Supplier<AwsCredentialsProvider>> link : chain.entrySet()) {
      final String missing = configured.missingTokenFile(link.getKey());
      if (missing != null) {
        // The SDK's chain would go on to the next link: an identity the node was not meant to have, or none.
        checks.fail(name, missing, evidence, configured.tokenFileFix());
        return false;
      }
      try {
        base = Timed.call(timeout, () -> link.getValue().get().resolveCredentials());
        evidence.add("supplied by: " + link.getKey());
        evidence.add("access key " + maskedKey(base.accessKeyId())
                     + (base instanceof AwsSessionCredentials ? ", temporary (session token)" : ", long-term"));
        checks.pass(name, "base identity: " + link.getKey(), evidence);
        return true;
      }
      catch (Exception e) {
        if (BaseIdentities.WEB_IDENTITY.equals(link.getKey()) && configured.webIdentity()) {
          // IRSA is what the node was given: the SDK's chain would try the next link, but this is the failure to fix.
          final String region = Objects.requireNonNullElse(
              System.getProperty("aws.region", System.getenv("AWS_REGION")), "(none: aws.region and AWS_REGION unset)"
          );
          final StsFailure failure = StsFailure.ofWebIdentity(BaseIdentities.stsCause(e), region, endpoint(region));
          evidence.add(failure.detail);
          checks.fail(name, failure.summary, evidence, failure.fix);
          return false;
        }
        evidence.add("nothing from " + link.getKey() + " (" + firstSentence(e) + ")");
      }
    }
    checks.fail(name, "the default credential chain found no credentials on this node", evidence,
                "give the node an identity: an EC2 instance profile, an EKS pod identity or IRSA service account, "
                + "or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY in the service's environment");
    return false;
  }

  private boolean assumeRole()
  {
    final String name = "credentials.assume-role";
    final String role = jaas.get("awsRoleArn");
    if (role == null) {
      checks.pass(name, "no role in the spec: the node's own identity signs for MSK", List.of());
      checks.skip("credentials.lifetime", "no role session");
      return true;
    }
    final String region = jaas.getOrDefault("awsStsRegion", "aws-global");
    final String session = jaas.getOrDefault("awsRoleSessionName", "aws-msk-iam-auth");
    final List<String> evidence = new ArrayList<>();
    evidence.add("role " + role + ", session " + session
                 + (jaas.containsKey("awsRoleExternalId") ? ", external ID sent (not shown)" : ", no external ID"));
    evidence.add("STS " + endpoint(region));
    final AssumeRoleResponse response;
    try (StsClient sts = StsClient.builder()
                                  .region(Region.of(region))
                                  .credentialsProvider(StaticCredentialsProvider.create(base))
                                  .overrideConfiguration(o -> o.apiCallTimeout(timeout)
                                                               .apiCallAttemptTimeout(timeout)
                                                               .retryStrategy(AwsRetryStrategy.doNotRetry()))
                                  .build()) {
      final AssumeRoleRequest.Builder request = AssumeRoleRequest.builder().roleArn(role).roleSessionName(session);
      if (jaas.containsKey("awsRoleExternalId")) {
        request.externalId(jaas.get("awsRoleExternalId"));
      }
      response = sts.assumeRole(request.build());
    }
    catch (AwsServiceException | SdkClientException e) {
      final StsFailure failure = StsFailure.ofAssumeRole(e, role, region, endpoint(region));
      evidence.add(failure.detail);
      checks.fail(name, failure.summary, evidence, failure.fix);
      checks.skip("credentials.lifetime", "skipped: no role session");
      return false;
    }
    evidence.add("assumed identity " + response.assumedRoleUser().arn());
    checks.pass(name, "assumed " + response.assumedRoleUser().arn(), evidence);
    lifetime(response.credentials().expiration());
    return true;
  }

  private void lifetime(Instant expiration)
  {
    final String name = "credentials.lifetime";
    final Duration remaining = Duration.between(Instant.now(), expiration);
    final List<String> evidence = List.of(
        "session expires at " + expiration + " (in " + remaining.toSeconds() + " s)",
        "aws-msk-iam-auth refreshes it " + REFRESH_LEAD.toMinutes() + " min before expiry; the broker "
        + "re-authenticates each connection at the latest when the session it authenticated with expires "
        + "(MSK caps the interval with connections.max.reauth.ms), so a refreshed session must be ready by then"
    );
    if (remaining.compareTo(TOO_SHORT) < 0) {
      checks.fail(name, "the role session has only " + remaining.toMillis() + " ms left, too short for MSK", evidence,
                  TOO_SHORT_FIX);
      return;
    }
    if (remaining.compareTo(SHORT_SESSION) < 0) {
      checks.warn(name, "the role session lasts only " + remaining.toMinutes() + " min", evidence,
                  "sessions this short refresh and re-authenticate every few minutes: raise the role's "
                  + "MaxSessionDuration (STS grants 1 h by default)");
      return;
    }
    checks.pass(name, remaining.toMinutes() + " min left, well above the " + REFRESH_LEAD.toMinutes()
                      + " min refresh lead", evidence);
  }

  /** Where the SDK sends STS calls: an endpoint override, else the regional or global endpoint. */
  private static String endpoint(String region)
  {
    final String kind = "aws-global".equals(region)
                        ? "global endpoint (region aws-global, https://sts.amazonaws.com)"
                        : "regional endpoint of " + region + " (https://sts." + region + ".amazonaws.com)";
    for (String[] source : new String[][]{
        {System.getProperty("aws.endpointUrlSts"), "system property aws.endpointUrlSts"},
        {System.getenv("AWS_ENDPOINT_URL_STS"), "environment AWS_ENDPOINT_URL_STS"},
        {System.getProperty("aws.endpointUrl"), "system property aws.endpointUrl"},
        {System.getenv("AWS_ENDPOINT_URL"), "environment AWS_ENDPOINT_URL"}}) {
      if (source[0] != null && !source[0].isEmpty()) {
        return source[0] + " (override from " + source[1] + ") in place of the " + kind;
      }
    }
    return kind;
  }

  private static String maskedKey(String accessKeyId)
  {
    return accessKeyId.length() <= 8 ? "****" : accessKeyId.substring(0, 4) + "..." + accessKeyId.substring(accessKeyId.length() - 4);
  }

  /** The SDK's "Unable to load credentials from ..." without the advice that follows. */
  private static String firstSentence(Throwable e)
  {
    final String message = String.valueOf(e.getMessage());
    final int end = message.indexOf(". ");
    return end < 0 ? message : message.substring(0, end);
  }

  static String firstLine(Throwable e)
  {
    final String message = String.valueOf(e.getMessage());
    final int newline = message.indexOf('\n');
    return e.getClass().getSimpleName() + ": " + (newline < 0 ? message : message.substring(0, newline));
  }
}
