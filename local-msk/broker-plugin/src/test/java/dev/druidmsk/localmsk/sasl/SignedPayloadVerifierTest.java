package dev.druidmsk.localmsk.sasl;

import dev.druidmsk.localmsk.iam.IssuedCredentials;
import dev.druidmsk.localmsk.iam.LongTermKeys;
import dev.druidmsk.localmsk.iam.SessionCredentialAuthority;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignedPayloadVerifierTest
{
  private static final String ARN = "arn:aws:sts::222222222222:assumed-role/reader/druid";
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static final String USER_ARN = "arn:aws:iam::111111111111:user/druid";
  private static final String USER_KEY = "AKIAIOSFODNN7DRUID0";
  private static final String USER_SECRET = "user-secret";

  private final SessionCredentialAuthority authority = SessionCredentialAuthority.withNewMasterKey();
  private final IssuedCredentials credentials = authority.issue(ARN, NOW.plusSeconds(3600));
  private final SignedPayloadVerifier verifier = new SignedPayloadVerifier(
      authority,
      longTermKeys(),
      "us-east-1",
      Set.of("localhost"),
      Duration.ofMinutes(5),
      Clock.fixed(NOW, ZoneOffset.UTC)
  );

  private static LongTermKeys longTermKeys()
  {
    try {
      final Path file = Files.createTempDirectory("long-term-keys").resolve("keys");
      LongTermKeys.write(file, Map.of(USER_KEY, new LongTermKeys.Key(USER_SECRET, USER_ARN)));
      return LongTermKeys.read(file);
    }
    catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void acceptsAFreshPayloadAndNamesTheAssumedRole()
  {
    assertThat(verifier.verify(payload(NOW)).principalArn()).isEqualTo(ARN);
  }

  @Test
  void theSessionEndsWhenTheCredentialsExpireBeforeTheSignature()
  {
    final IssuedCredentials expiring = authority.issue(ARN, NOW.plusSeconds(300));

    assertThat(verifier.verify(ConnectPayloads.signed(expiring, "localhost", "us-east-1", NOW, 900)).end())
        .isEqualTo(NOW.plusSeconds(300));
  }

  @Test
  void theSessionEndsWhenTheSignatureDoesEvenIfTheCredentialsLiveLonger()
  {
    assertThat(verifier.verify(payload(NOW.minusSeconds(100))).end()).isEqualTo(NOW.plusSeconds(800));
  }

  @Test
  void credentialsExpiringWithinTwoSecondsAreRefusedAsMskDoesSessionTooShort()
  {
    final IssuedCredentials nearlyExpired = authority.issue(ARN, NOW.plusMillis(1_500));

    assertThatThrownBy(() -> verifier.verify(ConnectPayloads.signed(nearlyExpired, "localhost", "us-east-1", NOW, 900)))
        .isInstanceOf(SaslAuthenticationException.class)
        .hasMessageMatching("\\[[0-9a-f-]{36}]: Session too short");
  }

  @Test
  void credentialsExpiringInThreeSecondsGetAThreeSecondSession()
  {
    final IssuedCredentials expiring = authority.issue(ARN, NOW.plusSeconds(3));

    assertThat(verifier.verify(ConnectPayloads.signed(expiring, "localhost", "us-east-1", NOW, 900)).end())
        .isEqualTo(NOW.plusSeconds(3));
  }

  @Test
  void rejectsASignatureValidForMoreThan900Seconds()
  {
    assertRejected(ConnectPayloads.signed(credentials, "localhost", "us-east-1", NOW, 901), "x-amz-expires 901 is outside");
  }

  @Test
  void rejectsATamperedSignature()
  {
    final Map<String, String> payload = payload(NOW);
    final String signature = payload.get("x-amz-signature");
    payload.put("x-amz-signature", (signature.charAt(0) == 'a' ? 'b' : 'a') + signature.substring(1));

    assertRejected(payload, "signature does not match");
  }

  @Test
  void rejectsAFieldChangedAfterSigning()
  {
    final Map<String, String> payload = payload(NOW);
    payload.put("x-amz-expires", "600");

    assertRejected(payload, "signature does not match");
  }

  @Test
  void rejectsAnExpiredSignature()
  {
    assertRejected(payload(NOW.minusSeconds(901)), "signature expired at");
  }

  @Test
  void rejectsASignatureFromTooFarInTheFuture()
  {
    assertRejected(payload(NOW.plusSeconds(301)), "in the future");
  }

  @Test
  void acceptsASignatureWithinTheClockSkew()
  {
    assertThat(verifier.verify(payload(NOW.plusSeconds(299))).principalArn()).isEqualTo(ARN);
  }

  @Test
  void rejectsAnotherRegion()
  {
    final Map<String, String> payload = ConnectPayloads.signed(credentials, "localhost", "eu-west-1", NOW, 900);

    assertRejected(payload, "scoped to region 'eu-west-1'");
  }

  @Test
  void rejectsAnotherService()
  {
    final Map<String, String> payload = payload(NOW);
    payload.put("x-amz-credential", payload.get("x-amz-credential").replace("kafka-cluster", "s3"));

    assertRejected(ConnectPayloads.resign(payload, credentials.secretAccessKey()), "scoped to service 's3'");
  }

  @Test
  void rejectsAScopeDateOtherThanTheSigningDate()
  {
    final Map<String, String> payload = payload(NOW);
    payload.put("x-amz-credential", payload.get("x-amz-credential").replace("/20261125/", "/20261124/"));

    assertRejected(ConnectPayloads.resign(payload, credentials.secretAccessKey()), "scope date 20261124");
  }

  @Test
  void rejectsAnotherHost()
  {
    final Map<String, String> payload = ConnectPayloads.signed(credentials, "b-1.example.com", "us-east-1", NOW, 900);

    assertRejected(payload, "host 'b-1.example.com' is not this broker");
  }

  @Test
  void rejectsAnUnknownVersion()
  {
    assertRejected(resigned("version", "2019_01_01"), "version '2019_01_01' is not supported");
  }

  @Test
  void rejectsAnotherAction()
  {
    assertRejected(resigned("action", "kafka-cluster:AlterCluster"), "action 'kafka-cluster:AlterCluster'");
  }

  @Test
  void rejectsAnotherAlgorithm()
  {
    assertRejected(resigned("x-amz-algorithm", "AWS4-HMAC-SHA1"), "x-amz-algorithm 'AWS4-HMAC-SHA1'");
  }

  @Test
  void rejectsAMissingField()
  {
    final Map<String, String> payload = payload(NOW);
    payload.remove("x-amz-date");

    assertRejected(payload, "the payload has no 'x-amz-date'");
  }

  @Test
  void acceptsAnIamUsersLongTermKeyAsThatUserUntilTheSignatureExpires()
  {
    final BrokerSession session = verifier.verify(longTermKeyPayload(USER_KEY, USER_SECRET));

    assertThat(session.principalArn()).isEqualTo(USER_ARN);
    assertThat(session.end()).isEqualTo(NOW.plusSeconds(900));
  }

  @Test
  void rejectsALongTermKeySignedWithTheWrongSecret()
  {
    assertRejected(longTermKeyPayload(USER_KEY, "not-the-secret"), "signature does not match");
  }

  @Test
  void rejectsAnUnknownKeyWithoutSessionToken()
  {
    assertRejected(longTermKeyPayload("AKIAUNKNOWNUNKNOWN00", USER_SECRET), "is neither an IAM user's key");
  }

  @Test
  void rejectsCredentialsFromAnotherIssuer()
  {
    final IssuedCredentials foreign = SessionCredentialAuthority.withNewMasterKey().issue(ARN, NOW.plusSeconds(60));

    assertRejected(ConnectPayloads.signed(foreign, "localhost", "us-east-1", NOW, 900), "not issued by the local STS");
  }

  @Test
  void rejectsExpiredCredentialsEvenWithAFreshSignature()
  {
    final IssuedCredentials expired = authority.issue(ARN, NOW.minusSeconds(1));

    assertRejected(ConnectPayloads.signed(expired, "localhost", "us-east-1", NOW, 900), "expired at");
  }

  private Map<String, String> longTermKeyPayload(final String accessKeyId, final String secret)
  {
    final Map<String, String> payload = payload(NOW);
    payload.remove("x-amz-security-token");
    payload.put("x-amz-credential", payload.get("x-amz-credential").replace(credentials.accessKeyId(), accessKeyId));
    return ConnectPayloads.resign(payload, secret);
  }

  private Map<String, String> payload(final Instant signedAt)
  {
    return ConnectPayloads.signed(credentials, "localhost", "us-east-1", signedAt, 900);
  }

  private Map<String, String> resigned(final String key, final String value)
  {
    final Map<String, String> payload = new LinkedHashMap<>(payload(NOW));
    payload.put(key, value);
    return ConnectPayloads.resign(payload, credentials.secretAccessKey());
  }

  private void assertRejected(final Map<String, String> payload, final String reason)
  {
    assertThatThrownBy(() -> verifier.verify(payload))
        .isInstanceOf(SaslAuthenticationException.class)
        .hasMessageStartingWith("AWS_MSK_IAM authentication failed: ")
        .hasMessageContaining(reason);
  }
}
