package dev.druidmsk.iam;

import com.fasterxml.jackson.core.type.TypeReference;
import org.apache.druid.metadata.DynamicConfigProvider;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.druidmsk.iam.ProviderJson.MAPPER;
import static dev.druidmsk.iam.ProviderJson.ROLE_ARN;
import static dev.druidmsk.iam.ProviderJson.options;
import static dev.druidmsk.iam.ProviderJson.provider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code credentialCache} option (shared by default), parsed by Druid's mapper as a supervisor spec reaches it. */
class CredentialCacheOptionTest
{
  private static final String HANDLER = "sasl.client.callback.handler.class";

  @Test
  void withoutTheOptionClientsShareCredentials()
  {
    assertThat(provider("roleArn", ROLE_ARN).getConfig())
        .containsEntry(HANDLER, SharedCredentialsCallbackHandler.class.getName());
  }

  @Test
  void perClientUsesTheLibrarysHandler()
  {
    assertThat(provider("roleArn", ROLE_ARN, "credentialCache", "per-client").getConfig())
        .containsEntry(HANDLER, "software.amazon.msk.auth.iam.IAMClientCallbackHandler");
  }

  @Test
  void sharedUsesTheSharedCredentialsHandler()
  {
    assertThat(provider("roleArn", ROLE_ARN, "credentialCache", "shared").getConfig())
        .containsEntry(HANDLER, SharedCredentialsCallbackHandler.class.getName());
  }

  @Test
  void theCacheModeLeavesTheJaasOptionsAsTheyAre()
  {
    final Map<String, String> perClient =
        provider("roleArn", ROLE_ARN, "roleSessionName", "druid-ingest", "credentialCache", "per-client").getConfig();
    final Map<String, String> shared = provider("roleArn", ROLE_ARN, "roleSessionName", "druid-ingest").getConfig();

    assertThat(shared.get("sasl.jaas.config")).isEqualTo(perClient.get("sasl.jaas.config"));
  }

  @Test
  void anUnknownModeIsRejectedNamingTheOptionAndItsValues()
  {
    assertThatThrownBy(() -> provider("roleArn", ROLE_ARN, "credentialCache", "global"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Invalid aws-msk-iam option 'credentialCache'")
        .hasMessageContaining("must be shared")
        .hasMessageContaining("or per-client")
        .hasMessageContaining("got 'global'");
  }

  @Test
  void aModeInTheWrongCaseIsRejected()
  {
    assertThatThrownBy(() -> provider("credentialCache", "Shared"))
        .hasMessageContaining("Invalid aws-msk-iam option 'credentialCache'");
  }

  @Test
  void theModeRoundTripsThroughDruidsMapper()
  {
    final Object provider =
        MAPPER.convertValue(options("roleArn", ROLE_ARN, "credentialCache", "shared"), DynamicConfigProvider.class);

    assertThat(MAPPER.convertValue(provider, new TypeReference<Map<String, Object>>() { }))
        .isEqualTo(Map.of("type", "aws-msk-iam", "roleArn", ROLE_ARN, "credentialCache", "shared"));
  }

  @Test
  void theModeIsAKnownOption()
  {
    assertThatThrownBy(() -> provider("credentialCach", "shared"))
        .hasMessageContaining("Did you mean 'credentialCache'?");
  }

  @Test
  void theModeTakesPartInEquality()
  {
    assertThat(provider("credentialCache", "shared"))
        .isNotEqualTo(provider())
        .isEqualTo(provider("credentialCache", "shared"));
  }
}
