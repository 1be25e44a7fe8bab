package dev.druidmsk.localmsk.sasl;

import org.apache.kafka.common.security.authenticator.SaslInternalConfigs;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class MskIamSaslServerTest
{
  private static final String PRINCIPAL = "arn:aws:sts::222222222222:assumed-role/msk-reader/s";

  /** A server whose callback handler accepts any payload as a session ending at {@code end}. */
  private static MskIamSaslServer authenticated(final Instant end) throws Exception
  {
    final MskIamSaslServer server = new MskIamSaslServer(callbacks -> {
      final MskIamAuthenticateCallback callback = (MskIamAuthenticateCallback) callbacks[0];
      callback.authenticated(new BrokerSession(PRINCIPAL, end));
    });
    server.evaluateResponse("{}".getBytes(StandardCharsets.UTF_8));
    return server;
  }

  @Test
  void kafkaIsToldTheSessionEndsWhenTheVerifiedSessionDoesWithNoFloor() throws Exception
  {
    final Instant end = Instant.now().plusMillis(300);

    assertThat(authenticated(end).getNegotiatedProperty(
        SaslInternalConfigs.CREDENTIAL_LIFETIME_MS_SASL_NEGOTIATED_PROPERTY_KEY
    )).isEqualTo(end.toEpochMilli());
  }

  @Test
  void thePrincipalIsTheSessionsPrincipalArn() throws Exception
  {
    assertThat(authenticated(Instant.now().plusSeconds(900)).getAuthorizationID()).isEqualTo(PRINCIPAL);
  }
}
