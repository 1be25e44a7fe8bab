package dev.druidmsk.localmsk.sasl;

import dev.druidmsk.localmsk.iam.IssuedCredentials;
import dev.druidmsk.localmsk.iam.LongTermKeys;
import dev.druidmsk.localmsk.iam.SessionCredentialAuthority;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4PresignerParams;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AWS SDK v2 signer (the one aws-msk-iam-auth presigns with, shipped inside its -all jar) as an oracle: a
 * payload it presigns passes our verifier, and our SigV4 computes the very same signature.
 */
class SigV4SdkOracleTest
{
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  private final SessionCredentialAuthority authority = SessionCredentialAuthority.withNewMasterKey();
  private final IssuedCredentials credentials =
      authority.issue("arn:aws:sts::222222222222:assumed-role/reader/druid", NOW.plusSeconds(3600));

  @Test
  void ourSignatureEqualsTheSdkPresignature()
  {
    final Map<String, String> sdkPayload = sdkPresignedPayload();

    final Map<String, String> ours = ConnectPayloads.resign(sdkPayload, credentials.secretAccessKey());

    assertThat(ours.get("x-amz-signature")).isEqualTo(sdkPayload.get("x-amz-signature"));
  }

  @Test
  void verifierAcceptsTheSdkPresignature()
  {
    final SignedPayloadVerifier verifier = new SignedPayloadVerifier(
        authority, LongTermKeys.none(), "us-east-1", Set.of("localhost"), Duration.ofMinutes(5),
        Clock.fixed(NOW, ZoneOffset.UTC)
    );

    assertThat(verifier.verify(sdkPresignedPayload()).principalArn()).isEqualTo(credentials.assumedRoleArn());
  }

  private Map<String, String> sdkPresignedPayload()
  {
    final SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                                                         .method(SdkHttpMethod.GET)
                                                         .protocol("https")
                                                         .host("localhost")
                                                         .encodedPath("/")
                                                         .appendRawQueryParameter("Action", ConnectRequest.ACTION)
                                                         .build();
    final Aws4PresignerParams params = Aws4PresignerParams
        .builder()
        .awsCredentials(AwsSessionCredentials.create(
            credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken()
        ))
        .signingName(ConnectRequest.SERVICE)
        .signingRegion(Region.US_EAST_1)
        .expirationTime(NOW.plusSeconds(900))
        .signingClockOverride(Clock.fixed(NOW, ZoneOffset.UTC))
        .build();
    final SdkHttpFullRequest presigned = Aws4Signer.create().presign(request, params);

    final Map<String, String> payload = new LinkedHashMap<>();
    payload.put("version", ConnectRequest.VERSION);
    payload.put("host", presigned.host());
    presigned.rawQueryParameters().forEach((name, values) -> payload.put(name.toLowerCase(), single(values)));
    return payload;
  }

  private static String single(final List<String> values)
  {
    assertThat(values).hasSize(1);
    return values.get(0);
  }
}
