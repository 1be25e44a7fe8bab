package dev.druidmsk.probe.kafka;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

import java.net.UnknownHostException;
import java.util.Locale;

/**
 * An STS call that failed, told apart by what fixes it: throttling, an STS-side error, a request signed for another
 * region than the endpoint's, an endpoint that does not resolve, a refusal by the role, or no answer at all.
 */
final class StsFailure
{
  private static final String ASSUME_ROLE_DENIED =
      "the role's trust policy must let this node's identity call sts:AssumeRole with sts:ExternalId equal to the "
      + "spec's externalId: check externalId in the spec (it is not shown), and compare the trust policy with "
      + "`druid-msk policy --trusted-principal <node identity ARN> --external-id-file FILE`";
  private static final String WEB_IDENTITY_DENIED =
      "the node role's trust policy must let the cluster's OIDC provider (Federated "
      + "arn:aws:iam::ACCOUNT:oidc-provider/oidc.eks...) call sts:AssumeRoleWithWebIdentity for this pod's service "
      + "account (condition sub = system:serviceaccount:NAMESPACE:NAME, aud = sts.amazonaws.com); check the service "
      + "account's eks.amazonaws.com/role-arn annotation against AWS_ROLE_ARN";

  final String summary;
  final String detail;
  final String fix;

  private StsFailure(String summary, String detail, String fix)
  {
    this.summary = summary;
    this.detail = detail;
    this.fix = fix;
  }

  /** {@code region}: the region the request was signed for; {@code endpoint}: where the SDK sent it. */
  static StsFailure ofAssumeRole(Exception e, String roleArn, String region, String endpoint)
  {
    return of(e, "AssumeRole of " + roleArn, ASSUME_ROLE_DENIED, region, endpoint);
  }

  /** As {@link #ofAssumeRole}, for the node's own IRSA identity. */
  static StsFailure ofWebIdentity(Exception e, String region, String endpoint)
  {
    return of(e, "AssumeRoleWithWebIdentity (EKS IRSA)", WEB_IDENTITY_DENIED, region, endpoint);
  }

  private static StsFailure of(Exception e, String call, String accessDenied, String region, String endpoint)
  {
    if (e instanceof AwsServiceException) {
      return service((AwsServiceException) e, call, accessDenied, region, endpoint);
    }
    final String detail = CredentialChecks.firstLine(e);
    if (causedBy(e, UnknownHostException.class)) {
      return new StsFailure(
          "no STS endpoint resolves for region " + region + ": " + endpoint,
          detail,
          "set the provider's stsRegion to a region that has STS (the cluster's region, e.g. eu-west-1), or point "
          + "aws.endpointUrlSts / AWS_ENDPOINT_URL_STS at the STS VPC endpoint's DNS name"
      );
    }
    return new StsFailure(
        "STS is unreachable: " + endpoint,
        detail,
        "allow this node HTTPS to the STS endpoint (an interface VPC endpoint for sts, or a NAT route), or correct "
        + "aws.endpointUrlSts / AWS_ENDPOINT_URL_STS and the provider's stsRegion; without a route to the global "
        + "endpoint, set stsRegion to the cluster's region"
    );
  }

  private static StsFailure service(
      AwsServiceException e,
      String call,
      String accessDenied,
      String region,
      String endpoint
  )
  {
    final String code = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
    final String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
    final String detail = code + " (HTTP " + e.statusCode() + "): " + message;
    if (e.isThrottlingException() || code.startsWith("Throttling") || "RequestLimitExceeded".equals(code)) {
      return new StsFailure(
          "STS throttled " + call + " (" + code + "): this account's STS request rate is over its quota",
          detail,
          "keep \"credentialCache\": \"shared\" (one AssumeRole per node and refresh, not one per consumer), prefer "
          + "Indexers to MiddleManagers (each Peon JVM assumes the role itself), spread node restarts, and ask AWS "
          + "for a higher STS quota if the nodes' calls still exceed it; the provider retries with back-off meanwhile"
      );
    }
    if (e.statusCode() >= 500) {
      return new StsFailure(
          "STS failed " + call + " with an error of its own (" + code + ", HTTP " + e.statusCode() + ")",
          detail,
          "STS's side, usually brief: run the doctor again; the provider retries with back-off. If it persists, use "
          + "a regional STS endpoint (stsRegion = the cluster's region) rather than the global one"
      );
    }
    if (mentionsRegion(code, message)) {
      return new StsFailure(
          "STS refused " + call + " signed for region " + region + " at " + endpoint + " (" + code + ")",
          detail,
          "the provider's stsRegion must be the region of the STS endpoint the node calls: set stsRegion to the "
          + "endpoint's region, or point aws.endpointUrlSts / AWS_ENDPOINT_URL_STS at that region's endpoint"
      );
    }
    if ("AccessDenied".equals(code)) {
      return new StsFailure("STS refused " + call + " (" + code + ")", detail, accessDenied);
    }
    return new StsFailure(
        "STS refused " + call + " (" + code + ")", detail, "fix the request STS rejected, see the error above"
    );
  }

  private static boolean mentionsRegion(String code, String message)
  {
    final String text = (code + " " + message).toLowerCase(Locale.ROOT);
    return text.contains("region") || text.contains("scoped");
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type)
  {
    for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
    }
    return false;
  }
}
