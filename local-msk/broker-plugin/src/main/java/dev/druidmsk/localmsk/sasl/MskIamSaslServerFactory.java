package dev.druidmsk.localmsk.sasl;

import java.util.Map;
import javax.security.auth.callback.CallbackHandler;
import javax.security.sasl.SaslServer;
import javax.security.sasl.SaslServerFactory;

/** Instantiated by {@link javax.security.sasl.Sasl} through {@link MskIamSaslServerProvider}. */
public class MskIamSaslServerFactory implements SaslServerFactory
{
  @Override
  public SaslServer createSaslServer(
      final String mechanism,
      final String protocol,
      final String serverName,
      final Map<String, ?> props,
      final CallbackHandler callbackHandler
  )
  {
    return MskIamSaslServer.MECHANISM.equals(mechanism)
           ? new MskIamSaslServer(callbackHandler)
           : null;
  }

  @Override
  public String[] getMechanismNames(final Map<String, ?> props)
  {
    return new String[]{MskIamSaslServer.MECHANISM};
  }
}
