package dev.druidmsk.probe.kafka;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sts.model.StsException;

import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

/** The doctor tells STS failures apart by their fix. */
class StsFailureTest
{
  private static final String ROLE = "arn:aws:iam::123456789012:role/reader";
  private static final String CALL = "AssumeRole of " + ROLE;
  private static final String ENDPOINT = "regional endpoint of eu-west-1 (https://sts.eu-west-1.amazonaws.com)";

  private static StsFailure answered(int status, String code, String message)
  {
    return StsFailure.ofAssumeRole(stsError(status, code, message), ROLE, "eu-west-1", ENDPOINT);
  }

  private static StsException stsError(int status, String code, String message)
  {
    final StsException e = (StsException) StsException.builder()
                                                      .statusCode(status)
                                                      .awsErrorDetails(AwsErrorDetails.builder()
                                                                                      .errorCode(code)
                                                                                      .errorMessage(message)
                                                                                      .build())
                                                      .build();
    return e;
  }

  @Test
  void throttlingNamesTheQuotaAndTheSharedCache()
  {
    final StsFailure failure = answered(400, "Throttling", "Rate exceeded");

    assertThat(failure.summary).contains("STS throttled " + CALL, "over its quota");
    assertThat(failure.fix).contains("\"credentialCache\": \"shared\"", "higher STS quota");
  }

  @Test
  void internalFailureIsStsSideAndTransient()
  {
    final StsFailure failure = answered(503, "ServiceUnavailable", "Service unavailable");

    assertThat(failure.summary).contains("error of its own", "HTTP 503");
    assertThat(failure.fix).contains("run the doctor again");
  }

  @Test
  void aSignatureForAnotherRegionNamesStsRegion()
  {
    final StsFailure failure = answered(403, "SignatureDoesNotMatch", "Credential should be scoped to a valid region.");

    assertThat(failure.summary).contains("signed for region eu-west-1", ENDPOINT);
    assertThat(failure.fix).contains("stsRegion must be the region of the STS endpoint");
  }

  @Test
  void anUnresolvableEndpointNamesTheRegion()
  {
    final StsFailure failure = StsFailure.ofAssumeRole(
        SdkClientException.create("Unable to execute HTTP request", new UnknownHostException("sts.eu-west-9.example")),
        ROLE, "eu-west-9", "regional endpoint of eu-west-9"
    );

    assertThat(failure.summary).contains("no STS endpoint resolves for region eu-west-9");
  }

  @Test
  void accessDeniedNamesTheTrustPolicyAndExternalId()
  {
    final StsFailure failure = answered(403, "AccessDenied", "not authorized to perform sts:AssumeRole");

    assertThat(failure.summary).contains("STS refused " + CALL + " (AccessDenied)");
    assertThat(failure.fix).contains("trust policy", "sts:ExternalId");
  }

  @Test
  void accessDeniedToTheNodesIrsaIdentityNamesTheOidcTrustAndServiceAccount()
  {
    final StsFailure failure = StsFailure.ofWebIdentity(
        stsError(403, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity"), "eu-west-1", ENDPOINT
    );

    assertThat(failure.summary).contains("STS refused AssumeRoleWithWebIdentity (EKS IRSA) (AccessDenied)");
    assertThat(failure.fix).contains("sts:AssumeRoleWithWebIdentity", "system:serviceaccount:")
                           .doesNotContain("sts:ExternalId");
  }
}
