package dev.druidmsk.localmsk.iam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionCredentialAuthorityTest
{
  private static final String ARN = "arn:aws:sts::222222222222:assumed-role/reader/druid";
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  private final SessionCredentialAuthority authority = SessionCredentialAuthority.withNewMasterKey();

  @Test
  void issuedCredentialsVerifyWithoutSharedState() throws Exception
  {
    final IssuedCredentials issued = authority.issue(ARN, NOW.plusSeconds(60));

    final VerifiedSession session = authority.verify(issued.accessKeyId(), issued.sessionToken(), NOW);

    assertThat(session).isEqualTo(new VerifiedSession(issued.accessKeyId(), ARN, NOW.plusSeconds(60)));
    assertThat(authority.secretFor(issued.accessKeyId())).isEqualTo(issued.secretAccessKey());
    assertThat(issued.accessKeyId()).matches("ASIA[A-Z2-7]{16}");
  }

  @Test
  void issuedCredentialsExpireOnAWholeSecondAsAwsOnesDoSoClientAndBrokerAgree() throws Exception
  {
    final IssuedCredentials issued = authority.issue(ARN, NOW.plusMillis(8_700));

    assertThat(issued.expiration()).isEqualTo(NOW.plusSeconds(8));
    assertThat(authority.verify(issued.accessKeyId(), issued.sessionToken(), NOW).expiration()).isEqualTo(issued.expiration());
  }

  @Test
  void expiredSessionIsRejectedAsExpired()
  {
    final IssuedCredentials issued = authority.issue(ARN, NOW.plusSeconds(60));

    assertThatThrownBy(() -> authority.verify(issued.accessKeyId(), issued.sessionToken(), NOW.plusSeconds(60)))
        .isInstanceOf(CredentialRejectedException.class)
        .hasMessageContaining("expired")
        .matches(e -> ((CredentialRejectedException) e).isExpired());
  }

  @Test
  void tokenOfAnotherAccessKeyIsRejected()
  {
    final IssuedCredentials first = authority.issue(ARN, NOW.plusSeconds(60));
    final IssuedCredentials second = authority.issue(ARN, NOW.plusSeconds(60));

    assertThatThrownBy(() -> authority.verify(first.accessKeyId(), second.sessionToken(), NOW))
        .hasMessageContaining("not issued by the local STS");
  }

  @Test
  void tokenFromAnotherMasterKeyIsRejected()
  {
    final IssuedCredentials foreign = SessionCredentialAuthority.withNewMasterKey().issue(ARN, NOW.plusSeconds(60));

    assertThatThrownBy(() -> authority.verify(foreign.accessKeyId(), foreign.sessionToken(), NOW))
        .hasMessageContaining("not issued by the local STS");
  }

  @Test
  void alteredClaimsAreRejected()
  {
    final IssuedCredentials issued = authority.issue(ARN, NOW.plusSeconds(60));
    final String[] parts = issued.sessionToken().split("\\.");
    final String forged = parts[0] + '.' + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];

    assertThatThrownBy(() -> authority.verify(issued.accessKeyId(), forged, NOW))
        .hasMessageContaining("not issued by the local STS");
  }

  @Test
  void masterKeyFileRoundTripsAndIsPrivate(@TempDir final Path dir) throws Exception
  {
    final Path file = dir.resolve("master.key");
    authority.writeMasterKey(file);
    final IssuedCredentials issued = authority.issue(ARN, NOW.plusSeconds(60));

    final SessionCredentialAuthority reloaded = SessionCredentialAuthority.fromMasterKeyFile(file);

    assertThat(reloaded.verify(issued.accessKeyId(), issued.sessionToken(), NOW).assumedRoleArn()).isEqualTo(ARN);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void credentialsNeverPrintTheirSecrets()
  {
    final IssuedCredentials issued = authority.issue(ARN, NOW.plusSeconds(60));

    assertThat(issued.toString()).doesNotContain(issued.secretAccessKey()).doesNotContain(issued.sessionToken());
  }

  @Test
  void issuedSecretsCarryTheFakeSecretMarker()
  {
    final IssuedCredentials issued = authority.issue(ARN, NOW.plusSeconds(60));

    assertThat(issued.secretAccessKey()).startsWith(FakeSecrets.MARKER);
    assertThat(issued.sessionToken()).startsWith(FakeSecrets.MARKER);
    assertThat(issued.accessKeyId()).doesNotContain(FakeSecrets.MARKER);
  }
}
