package dev.druidmsk.localmsk.sasl;

import java.util.Map;
import javax.security.auth.callback.Callback;

/** Carries a client's AWS_MSK_IAM payload to the verifying callback handler, and the verified session back. */
final class MskIamAuthenticateCallback implements Callback
{
  private final Map<String, String> payload;
  private BrokerSession session;

  MskIamAuthenticateCallback(final Map<String, String> payload)
  {
    this.payload = payload;
  }

  Map<String, String> payload()
  {
    return payload;
  }

  BrokerSession session()
  {
    return session;
  }

  void authenticated(final BrokerSession session)
  {
    this.session = session;
  }
}
