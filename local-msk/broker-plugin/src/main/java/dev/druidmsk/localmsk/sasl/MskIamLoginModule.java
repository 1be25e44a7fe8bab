package dev.druidmsk.localmsk.sasl;

import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.spi.LoginModule;

/**
 * Named in the broker listener's JAAS config. It logs nobody in: loading it installs the AWS_MSK_IAM SASL server,
 * the way Kafka's own PlainLoginModule does for PLAIN. Its options configure {@link MskIamCallbackHandler}.
 */
public class MskIamLoginModule implements LoginModule
{
  static {
    MskIamSaslServerProvider.install();
  }

  @Override
  public void initialize(
      final Subject subject,
      final CallbackHandler callbackHandler,
      final Map<String, ?> sharedState,
      final Map<String, ?> options
  )
  {
  }

  @Override
  public boolean login()
  {
    return true;
  }

  @Override
  public boolean commit()
  {
    return true;
  }

  @Override
  public boolean abort()
  {
    return false;
  }

  @Override
  public boolean logout()
  {
    return true;
  }
}
