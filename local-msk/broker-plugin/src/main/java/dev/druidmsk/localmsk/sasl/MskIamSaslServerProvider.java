package dev.druidmsk.localmsk.sasl;

import java.security.Provider;
import java.security.Security;

/** Makes {@code Sasl.createSaslServer("AWS_MSK_IAM", ...)} find {@link MskIamSaslServerFactory}. */
final class MskIamSaslServerProvider extends Provider
{
  private static final long serialVersionUID = 1L;

  private MskIamSaslServerProvider()
  {
    super("DruidMskLocalAwsMskIam", "1.0", "SASL/AWS_MSK_IAM server of the druid-msk local MSK emulator");
    put("SaslServerFactory." + MskIamSaslServer.MECHANISM, MskIamSaslServerFactory.class.getName());
  }

  /** Idempotent: adding a provider whose name is already installed does nothing. */
  static void install()
  {
    Security.addProvider(new MskIamSaslServerProvider());
  }
}
