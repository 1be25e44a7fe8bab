package dev.druidmsk.iam;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.druid.jackson.DefaultObjectMapper;
import org.apache.druid.metadata.DynamicConfigProvider;
import org.apache.druid.metadata.MapStringDynamicConfigProvider;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.druidmsk.iam.ProviderJson.MAPPER;
import static dev.druidmsk.iam.ProviderJson.ROLE_ARN;
import static dev.druidmsk.iam.ProviderJson.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The provider inside Druid's own Jackson setup, as a supervisor spec reaches it. */
class DruidJacksonTest
{
  private static final String SPEC_PROVIDER = "{\"type\":\"aws-msk-iam\",\"roleArn\":\"" + ROLE_ARN + "\","
                                              + "\"roleSessionName\":\"druid-ingest\",\"externalId\":\"ext-123\","
                                              + "\"stsRegion\":\"us-east-1\"}";

  @Test
  void theTypeNameResolvesToOurProvider() throws Exception
  {
    assertThat(MAPPER.readValue(SPEC_PROVIDER, DynamicConfigProvider.class)).isInstanceOf(MskIamConfigProvider.class);
  }

  @Test
  void withoutOurModuleDruidFallsBackToMapStringAndFailsFarFromTheCause()
  {
    // The trap every druid-msk tool checks for: a node without the bundle reports a null map, not a missing type.
    assertThatThrownBy(() -> new DefaultObjectMapper().readValue(SPEC_PROVIDER, DynamicConfigProvider.class))
        .hasMessageContaining(MapStringDynamicConfigProvider.class.getSimpleName())
        .hasMessageContaining("\"map\" is null");
  }

  @Test
  void serialisationRoundTripsToAnEqualProvider() throws Exception
  {
    final DynamicConfigProvider<?> provider = MAPPER.readValue(SPEC_PROVIDER, DynamicConfigProvider.class);
    final String json = MAPPER.writeValueAsString(provider);

    assertThat(MAPPER.readValue(json, DynamicConfigProvider.class)).isEqualTo(provider);
    assertThat(MAPPER.readTree(json)).isEqualTo(MAPPER.readTree(SPEC_PROVIDER));
  }

  @Test
  void unsetOptionsAreNotWrittenBack() throws Exception
  {
    final Object provider = MAPPER.convertValue(options("roleArn", ROLE_ARN), DynamicConfigProvider.class);

    assertThat(MAPPER.convertValue(provider, Map.class))
        .isEqualTo(Map.of("type", "aws-msk-iam", "roleArn", ROLE_ARN));
  }

  @Test
  void aTypoFailsWithAMessageNamingIt()
  {
    final ObjectMapper lenient = MAPPER;
    final String typo = SPEC_PROVIDER.replace("\"roleSessionName\"", "\"roleSesionName\"");

    assertThatThrownBy(() -> lenient.readValue(typo, DynamicConfigProvider.class))
        .hasMessageContaining("Unknown aws-msk-iam option 'roleSesionName'. Did you mean 'roleSessionName'?");
  }

  @Test
  void aValidationErrorSurfacesThroughTheMapperWithItsField()
  {
    final String bad = SPEC_PROVIDER.replace("us-east-1", "mars-1");

    assertThatThrownBy(() -> MAPPER.readValue(bad, DynamicConfigProvider.class))
        .hasMessageContaining("Invalid aws-msk-iam option 'stsRegion'");
  }
}
