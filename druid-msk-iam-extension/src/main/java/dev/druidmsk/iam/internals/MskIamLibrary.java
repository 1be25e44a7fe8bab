package dev.druidmsk.iam.internals;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.msk.auth.iam.internals.AWSCredentialsCallback;
import software.amazon.msk.auth.iam.internals.MSKCredentialProvider;
import software.amazon.msk.auth.iam.internals.region.ConfigurableRegionProvider;

import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every use of aws-msk-iam-auth's {@code internals} package, which is not the library's API and may change in any
 * release: upgrading the library means checking this file. The rest of the extension uses the library's public
 * classes ({@code IAMLoginModule}, {@code IAMClientCallbackHandler}) and the AWS SDK's types only.
 */
public final class MskIamLibrary
{
  private MskIamLibrary()
  {
  }

  /**
   * aws-msk-iam-auth's own credential provider for one JAAS option set, so role assumption, profiles, retries and
   * the {@code awsAddDefaultProviders} fallback rule are the library's.
   */
  public static CredentialSource credentialSource(Map<String, ?> jaasOptions)
  {
    final MSKCredentialProvider provider = new MSKCredentialProvider(jaasOptions);
    return new CredentialSource()
    {
      @Override
      public AwsCredentials resolveCredentials()
      {
        return provider.resolveCredentials();
      }

      @Override
      public ConfigurableRegionProvider customRegionProvider()
      {
        return provider.getCustomRegionProvider();
      }

      @Override
      public void close()
      {
        provider.close();
      }
    };
  }

  /**
   * Answers one callback of the library's SASL client as its {@code IAMClientCallbackHandler} does: the credentials
   * and the source's region provider go on the callback, and so does a failure to get them, where the SASL client
   * turns it into an authentication error. Any other callback is unsupported.
   */
  public static void answer(Callback callback, Supplier<AwsCredentials> credentials, CredentialSource source)
      throws UnsupportedCallbackException
  {
    if (!(callback instanceof AWSCredentialsCallback)) {
      throw new UnsupportedCallbackException(callback, "Unsupported callback type: " + callback.getClass().getName());
    }
    final AWSCredentialsCallback credentialsCallback = (AWSCredentialsCallback) callback;
    try {
      credentialsCallback.setAwsCredentials(credentials.get());
      credentialsCallback.setCustomRegionProvider(source.customRegionProvider());
    }
    catch (Exception e) {
      credentialsCallback.setLoadingException(e);
    }
  }

  /** Where one shared cache entry gets its credentials; {@link #credentialSource} is the library's. */
  public interface CredentialSource extends AutoCloseable
  {
    AwsCredentials resolveCredentials();

    /** The {@code awsMskRegionProvider} of the options, or null; the signer reads it from the callback. */
    ConfigurableRegionProvider customRegionProvider();

    @Override
    void close();
  }
}
