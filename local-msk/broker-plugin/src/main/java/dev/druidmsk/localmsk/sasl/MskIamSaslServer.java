package dev.druidmsk.localmsk.sasl;

import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.security.authenticator.SaslInternalConfigs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.sasl.SaslException;
import javax.security.sasl.SaslServer;

/**
 * The server side of AWS_MSK_IAM: one client message (the signed JSON payload), one answer. The authorization id,
 * which Kafka turns into the principal {@code User:<id>}, is the assumed-role ARN of the session, so it stays the
 * same when the client re-authenticates with refreshed credentials.
 */
final class MskIamSaslServer implements SaslServer
{
  static final String MECHANISM = "AWS_MSK_IAM";

  private final CallbackHandler callbackHandler;
  private BrokerSession session;

  MskIamSaslServer(final CallbackHandler callbackHandler)
  {
    this.callbackHandler = callbackHandler;
  }

  @Override
  public byte[] evaluateResponse(final byte[] response) throws SaslException
  {
    if (session != null) {
      throw new IllegalStateException("AWS_MSK_IAM authentication is already complete");
    }
    final Map<String, String> payload;
    try {
      payload = FlatJson.parse(new String(response, StandardCharsets.UTF_8));
    }
    catch (IllegalArgumentException e) {
      throw new SaslAuthenticationException(
          "AWS_MSK_IAM authentication failed: the payload is not a JSON object of strings (" + e.getMessage() + ")"
      );
    }
    final MskIamAuthenticateCallback callback = new MskIamAuthenticateCallback(payload);
    try {
      callbackHandler.handle(new Callback[]{callback});
    }
    catch (UnsupportedCallbackException e) {
      throw new SaslAuthenticationException(
          "AWS_MSK_IAM is misconfigured on this listener: set its sasl.server.callback.handler.class to "
          + MskIamCallbackHandler.class.getName()
      );
    }
    catch (IOException e) {
      throw new SaslException("AWS_MSK_IAM verification failed", e);
    }
    session = callback.session();
    final Map<String, String> answer = new LinkedHashMap<>();
    answer.put("version", ConnectRequest.VERSION);
    answer.put("request-id", UUID.randomUUID().toString());
    return FlatJson.write(answer).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String getMechanismName()
  {
    return MECHANISM;
  }

  @Override
  public boolean isComplete()
  {
    return session != null;
  }

  @Override
  public String getAuthorizationID()
  {
    requireComplete();
    return session.principalArn();
  }

  /**
   * The session's end (credential expiry, at most the signature's validity) is when Kafka makes the client
   * re-authenticate or drops the connection, as MSK does; no floor, so a client signing with nearly expired
   * credentials gets the short session (or MSK's "Session too short" refusal) it would get on MSK.
   */
  @Override
  public Object getNegotiatedProperty(final String propertyName)
  {
    requireComplete();
    if (SaslInternalConfigs.CREDENTIAL_LIFETIME_MS_SASL_NEGOTIATED_PROPERTY_KEY.equals(propertyName)) {
      return session.end().toEpochMilli();
    }
    return null;
  }

  @Override
  public byte[] unwrap(final byte[] incoming, final int offset, final int len)
  {
    throw new IllegalStateException("AWS_MSK_IAM supports neither integrity nor privacy");
  }

  @Override
  public byte[] wrap(final byte[] outgoing, final int offset, final int len)
  {
    throw new IllegalStateException("AWS_MSK_IAM supports neither integrity nor privacy");
  }

  @Override
  public void dispose()
  {
    session = null;
  }

  private void requireComplete()
  {
    if (session == null) {
      throw new IllegalStateException("AWS_MSK_IAM authentication is not complete");
    }
  }
}
