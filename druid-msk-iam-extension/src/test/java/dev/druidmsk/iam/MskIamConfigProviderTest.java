package dev.druidmsk.iam;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.druidmsk.iam.ProviderJson.ROLE_ARN;
import static dev.druidmsk.iam.ProviderJson.provider;
import static org.assertj.core.api.Assertions.assertThat;

class MskIamConfigProviderTest
{
  private static final String MODULE = "software.amazon.msk.auth.iam.IAMLoginModule required";

  @Test
  void emitsTheFourSaslConsumerProperties()
  {
    final Map<String, String> config = provider("roleArn", ROLE_ARN).getConfig();

    assertThat(config).containsOnlyKeys(
        "security.protocol",
        "sasl.mechanism",
        "sasl.jaas.config",
        "sasl.client.callback.handler.class"
    );
    assertThat(config.get("sasl.mechanism")).isEqualTo("AWS_MSK_IAM");
    assertThat(config.get("sasl.client.callback.handler.class"))
        .isEqualTo("dev.druidmsk.iam.SharedCredentialsCallbackHandler");
  }

  @Test
  void securityProtocolDefaultsToSaslSsl()
  {
    assertThat(provider().getConfig()).containsEntry("security.protocol", "SASL_SSL");
  }

  @Test
  void saslPlaintextIsUsedOnlyWhenAskedFor()
  {
    assertThat(provider("securityProtocol", "SASL_PLAINTEXT").getConfig())
        .containsEntry("security.protocol", "SASL_PLAINTEXT");
  }

  @Test
  void withoutRoleOrProfileTheNodesDefaultChainIsUsed()
  {
    assertThat(provider().getConfig()).containsEntry("sasl.jaas.config", MODULE + ";");
  }

  @Test
  void roleOptionsBecomeLoginModuleOptions()
  {
    final MskIamConfigProvider provider = provider(
        "roleArn", ROLE_ARN,
        "roleSessionName", "druid-ingest",
        "externalId", "ext-id-42",
        "stsRegion", "eu-west-1"
    );

    assertThat(provider.getConfig().get("sasl.jaas.config")).isEqualTo(
        MODULE
        + " awsRoleArn=\"" + ROLE_ARN + "\""
        + " awsRoleSessionName=\"druid-ingest\""
        + " awsRoleExternalId=\"ext-id-42\""
        + " awsStsRegion=\"eu-west-1\""
        + " awsAddDefaultProviders=\"false\";"
    );
  }

  @Test
  void roleFailsClosedByDefault()
  {
    assertThat(provider("roleArn", ROLE_ARN).getConfig().get("sasl.jaas.config"))
        .contains("awsAddDefaultProviders=\"false\"");
  }

  @Test
  void fallbackToTheDefaultChainIsAnExplicitOptIn()
  {
    assertThat(provider("roleArn", ROLE_ARN, "allowDefaultCredentialsFallback", true).getConfig()
                                                                                      .get("sasl.jaas.config"))
        .contains("awsAddDefaultProviders=\"true\"");
  }

  @Test
  void profileFailsClosedByDefault()
  {
    assertThat(provider("profileName", "msk-reader").getConfig().get("sasl.jaas.config"))
        .isEqualTo(MODULE + " awsProfileName=\"msk-reader\" awsAddDefaultProviders=\"false\";");
  }

  @Test
  void sessionNameDefaultsToTheNodesName()
  {
    assertThat(provider("roleArn", ROLE_ARN).getConfig().get("sasl.jaas.config"))
        .contains("awsRoleSessionName=\"" + DefaultSessionName.forThisNode() + "\"");
  }

  @Test
  void defaultSessionNameIsNotWrittenBackIntoTheSpec()
  {
    assertThat(provider("roleArn", ROLE_ARN).getRoleSessionName()).isNull();
  }

  @Test
  void retryAndDebugOptionsArePassedThrough()
  {
    final String jaas = provider(
        "maxRetries", 5,
        "maxBackOffTimeMs", 2000,
        "debugCredentials", true,
        "useFipsEndpoints", true
    ).getConfig().get("sasl.jaas.config");

    assertThat(jaas).isEqualTo(
        MODULE + " awsMaxRetries=\"5\" awsMaxBackOffTimeMs=\"2000\" awsDebugCreds=\"true\" awsShouldUseFips=\"true\";"
    );
  }

  @Test
  void falseBooleansEmitNothing()
  {
    assertThat(provider("debugCredentials", false, "useFipsEndpoints", false).getConfig().get("sasl.jaas.config"))
        .isEqualTo(MODULE + ";");
  }

  @Test
  void toStringRedactsTheExternalId()
  {
    final String text = provider("roleArn", ROLE_ARN, "externalId", "very-secret-external-id").toString();

    assertThat(text).doesNotContain("very-secret-external-id").contains("externalId=<redacted>").contains(ROLE_ARN);
  }

  @Test
  void equalOptionsMakeEqualProviders()
  {
    assertThat(provider("roleArn", ROLE_ARN, "externalId", "abc"))
        .isEqualTo(provider("roleArn", ROLE_ARN, "externalId", "abc"))
        .hasSameHashCodeAs(provider("roleArn", ROLE_ARN, "externalId", "abc"))
        .isNotEqualTo(provider("roleArn", ROLE_ARN, "externalId", "abd"));
  }
}
