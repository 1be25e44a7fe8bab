package dev.druidmsk.iam;

import dev.druidmsk.iam.internals.MskIamLibrary;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.msk.auth.iam.internals.AWSCredentialsCallback;

import javax.security.auth.callback.Callback;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import static dev.druidmsk.iam.ProviderJson.ROLE_ARN;
import static dev.druidmsk.iam.ProviderJson.provider;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared handler over aws-msk-iam-auth's real credential provider, configured from the JAAS string the provider
 * emits and parsed by Kafka: which credentials are used, and whether the node's own may stand in for the role,
 * is what the JAAS options say. STS is unreachable here; the node has base credentials.
 */
class SharedCredentialsLibraryTest
{
  private static final String NODE_ACCESS_KEY = "AKIANODEBASEKEY00001";
  private static final Map<String, String> NODE_AWS_SETTINGS = Map.of(
      "aws.endpointUrlSts", "http://127.0.0.1:1",
      "aws.region", "us-east-1",
      "aws.accessKeyId", NODE_ACCESS_KEY,
      // The marker of the build's secret scan (integration-tests SecretLeakScanner).
      "aws.secretAccessKey", "DRUIDMSKFAKESECRET-node-base-secret-00001",
      "aws.disableEc2Metadata", "true"
  );

  private final Map<String, String> saved = new HashMap<>();
  private final SharedCredentialsCache cache =
      new SharedCredentialsCache(MskIamLibrary::credentialSource, Clock.systemUTC());

  @BeforeEach
  void pointTheSdkAtNoSts()
  {
    NODE_AWS_SETTINGS.forEach((key, value) -> {
      saved.put(key, System.getProperty(key));
      System.setProperty(key, value);
    });
  }

  @AfterEach
  void restoreSystemProperties()
  {
    saved.forEach((key, value) -> {
      if (value == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, value);
      }
    });
  }

  private AWSCredentialsCallback authenticate(MskIamConfigProvider provider) throws Exception
  {
    final JaasContext jaas = JaasContext.loadClientContext(
        Map.of(SaslConfigs.SASL_JAAS_CONFIG, new Password(provider.getConfig().get(SaslConfigs.SASL_JAAS_CONFIG)))
    );
    final SharedCredentialsCallbackHandler handler = new SharedCredentialsCallbackHandler(cache);
    try {
      handler.configure(Map.of(), "AWS_MSK_IAM", jaas.configurationEntries());
      final AWSCredentialsCallback callback = new AWSCredentialsCallback();
      handler.handle(new Callback[]{callback});
      return callback;
    }
    finally {
      handler.close();
    }
  }

  @Test
  void kafkaInstantiatesTheEmittedHandlerClass() throws Exception
  {
    final String handlerClass =
        provider("credentialCache", "shared").getConfig().get(SaslConfigs.SASL_CLIENT_CALLBACK_HANDLER_CLASS);

    assertThat(Utils.newInstance(handlerClass, AuthenticateCallbackHandler.class))
        .isInstanceOf(SharedCredentialsCallbackHandler.class);
  }

  @Test
  void withARoleAndNoFallbackAnUnreachableStsFailsTheAuthentication() throws Exception
  {
    final AWSCredentialsCallback callback = authenticate(
        provider("roleArn", ROLE_ARN, "maxRetries", 0, "credentialCache", "shared")
    );

    assertThat(callback.isSuccessful()).isFalse();
    assertThat(callback.getAwsCredentials()).isNull();
    assertThat(callback.getLoadingException()).isNotNull();
  }

  @Test
  void withTheFallbackAllowedTheNodesCredentialsStandInAsTheLibraryDoes() throws Exception
  {
    final AWSCredentialsCallback callback = authenticate(provider(
        "roleArn", ROLE_ARN, "maxRetries", 0, "allowDefaultCredentialsFallback", true, "credentialCache", "shared"
    ));

    assertThat(callback.isSuccessful()).isTrue();
    assertThat(callback.getAwsCredentials().accessKeyId()).isEqualTo(NODE_ACCESS_KEY);
  }
}
