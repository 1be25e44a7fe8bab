package dev.druidmsk.iam;

import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;
import software.amazon.msk.auth.iam.IAMClientCallbackHandler;
import software.amazon.msk.auth.iam.IAMLoginModule;

import javax.security.auth.login.AppConfigurationEntry;
import java.util.List;
import java.util.Map;

import static dev.druidmsk.iam.ProviderJson.ROLE_ARN;
import static dev.druidmsk.iam.ProviderJson.provider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The emitted properties as Kafka 3.9 and aws-msk-iam-auth 2.3.9 themselves read them. */
class KafkaJaasCompatibilityTest
{
  private static final MskIamConfigProvider FULL = provider(
      "roleArn", "arn:aws:iam::123456789012:role/team/druid-msk-reader",
      "roleSessionName", "druid-ingest",
      "externalId", "a+=,.@:/_-9",
      "stsRegion", "us-east-1",
      "maxRetries", 4,
      "maxBackOffTimeMs", 1500,
      "debugCredentials", true
  );

  private static AppConfigurationEntry parse(MskIamConfigProvider provider)
  {
    final JaasContext context = JaasContext.loadClientContext(
        Map.of(SaslConfigs.SASL_JAAS_CONFIG, new Password(provider.getConfig().get(SaslConfigs.SASL_JAAS_CONFIG)))
    );
    assertThat(context.configurationEntries()).hasSize(1);
    return context.configurationEntries().get(0);
  }

  @Test
  void kafkasParserReadsExactlyTheOptionsWeSet()
  {
    final AppConfigurationEntry entry = parse(FULL);

    assertThat(entry.getLoginModuleName()).isEqualTo(IAMLoginModule.class.getName());
    assertThat(entry.getControlFlag()).isEqualTo(AppConfigurationEntry.LoginModuleControlFlag.REQUIRED);
    assertThat(entry.getOptions()).isEqualTo(Map.of(
        "awsRoleArn", "arn:aws:iam::123456789012:role/team/druid-msk-reader",
        "awsRoleSessionName", "druid-ingest",
        "awsRoleExternalId", "a+=,.@:/_-9",
        "awsStsRegion", "us-east-1",
        "awsAddDefaultProviders", "false",
        "awsMaxRetries", "4",
        "awsMaxBackOffTimeMs", "1500",
        "awsDebugCreds", "true"
    ));
  }

  @Test
  void theDefaultSessionNameParsesToo()
  {
    assertThat(parse(provider("roleArn", ROLE_ARN)).getOptions().get("awsRoleSessionName"))
        .isEqualTo(DefaultSessionName.forThisNode());
  }

  @Test
  void perClientEmitsTheLibrarysOwnHandler()
  {
    assertThat(provider("credentialCache", "per-client").getConfig().get("sasl.client.callback.handler.class"))
        .isEqualTo(IAMClientCallbackHandler.class.getName());
  }

  @Test
  void theLibrarysCallbackHandlerConfiguresWithTheEmittedEntry()
  {
    final AppConfigurationEntry entry = parse(FULL);
    final IAMClientCallbackHandler handler = new IAMClientCallbackHandler();

    assertThatCode(() -> {
      handler.configure(Map.of(), "AWS_MSK_IAM", List.of(entry));
      handler.close();
    }).doesNotThrowAnyException();
  }
}
