package dev.druidmsk.iam;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.msk.auth.iam.internals.MSKCredentialProvider;
import software.amazon.msk.auth.iam.internals.region.ConfigurableRegionProvider;

import java.util.Map;

/**
 * Where one shared cache entry gets its credentials: aws-msk-iam-auth's own provider for one JAAS option set, so
 * role assumption, profiles, retries and the {@code awsAddDefaultProviders} fallback rule are the library's.
 */
interface CredentialSource extends AutoCloseable
{
  AwsCredentials resolveCredentials();

  /** The {@code awsMskRegionProvider} of the options, or null; the signer reads it from the callback. */
  ConfigurableRegionProvider customRegionProvider();

  @Override
  void close();

  static CredentialSource fromJaasOptions(Map<String, ?> options)
  {
    final MSKCredentialProvider provider = new MSKCredentialProvider(options);
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
}
