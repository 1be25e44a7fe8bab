package dev.druidmsk.localmsk.sasl;

import dev.druidmsk.localmsk.iam.VerifiedSession;
import org.apache.kafka.common.security.authenticator.SaslInternalConfigs;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class MskIamSaslServerTest
{
  private static final Instant NOW = Instant.parse("2026-11-25T23:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  /** A server whose callback handler accepts any payload as a session expiring at {@code expiration}. */
  private static MskIamSaslServer authenticated(Instant expiration) throws Exception
  {
    final MskIamSaslServer server = new MskIamSaslServer(callbacks -> {
      final MskIamAuthenticateCallback callback = (MskIamAuthenticateCallback) callbacks[0];
      callback.authenticated(new VerifiedSession(
          "ASIAEXAMPLE", "arn:aws:sts::222222222222:assumed-role/msk-reader/s", expiration
      ));
    }, CLOCK);
    server.evaluateResponse("{}".getBytes(StandardCharsets.UTF_8));
    return server;
  }

  private static Object sessionEnd(MskIamSaslServer server)
  {
    return server.getNegotiatedProperty(SaslInternalConfigs.CREDENTIAL_LIFETIME_MS_SASL_NEGOTIATED_PROPERTY_KEY);
  }

  @Test
  void theSessionEndsWhenTheCredentialsExpire() throws Exception
  {
    final Instant expiration = NOW.plus(Duration.ofMinutes(15));

    assertThat(sessionEnd(authenticated(expiration))).isEqualTo(expiration.toEpochMilli());
  }

  @Test
  void credentialsAboutToExpireStillGetASessionLongEnoughToRenewWithoutRefusal() throws Exception
  {
    final Instant expiration = NOW.plusMillis(300);

    assertThat(sessionEnd(authenticated(expiration))).isEqualTo(NOW.plus(MskIamSaslServer.MIN_SESSION).toEpochMilli());
  }
}
