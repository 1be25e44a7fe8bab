package dev.druidmsk.templates.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.druidmsk.iam.MskIamOptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SupervisorSpecTest
{
  private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/druid-msk-reader";

  /** Single-quoted JSON, for readable specs. */
  private static SupervisorSpec spec(String singleQuoted)
  {
    try {
      return SupervisorSpec.of(Json.MAPPER.readTree(singleQuoted.replace('\'', '"')));
    }
    catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static SupervisorSpec kafka(String consumerProperties)
  {
    return spec("{'type': 'kafka', 'spec': {'ioConfig': {'topic': 't', 'consumerProperties': "
                + consumerProperties + "}}}");
  }

  @Nested
  class Sections
  {
    @Test
    void areReadInsideSpec()
    {
      final SupervisorSpec spec = spec("{'type': 'kafka', 'spec': {'dataSchema': {'dataSource': 'events'}, "
                                       + "'ioConfig': {'topic': 'api'}, 'tuningConfig': {'type': 'kafka'}}}");

      assertThat(spec.isNested()).isTrue();
      assertThat(spec.dataSource()).contains("events");
      assertThat(spec.topic()).contains("api");
      assertThat(spec.tuningConfig().path("type").asText()).isEqualTo("kafka");
      assertThat(spec.sectionPath(SupervisorSpec.IO_CONFIG)).hasToString("$.spec.ioConfig");
    }

    @Test
    void areReadAtTheTopInDruidsOlderFlatLayout()
    {
      final SupervisorSpec spec = spec("{'type': 'kinesis', 'dataSchema': {'dataSource': 'events'}, "
                                       + "'ioConfig': {'stream': 'api'}}");

      assertThat(spec.isNested()).isFalse();
      assertThat(spec.dataSource()).contains("events");
      assertThat(spec.stream()).contains("api");
      assertThat(spec.sectionPath(SupervisorSpec.DATA_SCHEMA)).hasToString("$.dataSchema");
    }

    @Test
    void insideSpecWinOverTheFlatCopiesDruidsApiReturnsBesideIt()
    {
      final SupervisorSpec spec = spec("{'spec': {'dataSchema': {'dataSource': 'new'}}, "
                                       + "'dataSchema': {'dataSource': 'old'}}");

      assertThat(spec.dataSource()).contains("new");
    }

    @Test
    void missingPartsReadAsEmptyNotAsErrors()
    {
      final SupervisorSpec spec = SupervisorSpec.of(null);

      assertThat(spec.type()).isEmpty();
      assertThat(spec.dataSchema().isMissingNode()).isTrue();
      assertThat(spec.topic()).isEmpty();
      assertThat(spec.supervisorId()).isEmpty();
      assertThat(spec.mskIamProvider()).isEmpty();
    }
  }

  @Nested
  class SupervisorId
  {
    @Test
    void isTheDatasource()
    {
      assertThat(spec("{'spec': {'dataSchema': {'dataSource': 'events'}}}").supervisorId()).contains("events");
    }

    @Test
    void isAnExplicitIdWhenGiven()
    {
      assertThat(spec("{'id': 'sup', 'spec': {'dataSchema': {'dataSource': 'events'}}}").supervisorId())
          .contains("sup");
    }
  }

  @Nested
  class ConsumerProperties
  {
    @Test
    void textPropertiesAreRead()
    {
      final SupervisorSpec spec = kafka("{'bootstrap.servers': 'b-1:9098', 'group.id': 'g'}");

      assertThat(spec.bootstrapServers()).contains("b-1:9098");
      assertThat(spec.consumerProperty(SupervisorSpec.GROUP_ID)).contains("g");
      assertThat(spec.consumerPropertiesPath()).hasToString("$.spec.ioConfig.consumerProperties");
    }

    @Test
    void aPasswordProviderIsNotText()
    {
      assertThat(kafka("{'ssl.truststore.password': {'type': 'environment', 'variable': 'P'}}")
                     .consumerProperty("ssl.truststore.password")).isEmpty();
    }

    @Test
    void theProviderIsAtItsKey()
    {
      final SupervisorSpec spec = kafka("{'druid.dynamic.config.provider': {'type': 'mapString', 'config': {}}}");

      assertThat(spec.provider().path("type").asText()).isEqualTo("mapString");
      assertThat(spec.providerPath())
          .hasToString("$.spec.ioConfig.consumerProperties[\"druid.dynamic.config.provider\"]");
      assertThat(spec.mskIamProvider()).isEmpty();
    }
  }

  @Nested
  class SecurityProtocol
  {
    @Test
    void isKafkasDefaultWithoutSettingOrProvider()
    {
      assertThat(kafka("{}").securityProtocol()).isEqualTo("PLAINTEXT");
    }

    @Test
    void isTheStaticPropertyWithoutMskIamProvider()
    {
      assertThat(kafka("{'security.protocol': 'SSL'}").securityProtocol()).isEqualTo("SSL");
    }

    @Test
    void isTheProvidersDefaultOverTheStaticProperty()
    {
      assertThat(kafka("{'security.protocol': 'SSL', 'druid.dynamic.config.provider': {'type': 'aws-msk-iam'}}")
                     .securityProtocol()).isEqualTo(MskIamOptions.DEFAULT_SECURITY_PROTOCOL);
    }

    @Test
    void isTheProvidersWhenSet()
    {
      assertThat(kafka("{'druid.dynamic.config.provider': {'type': 'aws-msk-iam', "
                       + "'securityProtocol': 'SASL_PLAINTEXT'}}").securityProtocol()).isEqualTo("SASL_PLAINTEXT");
    }
  }

  @Nested
  class MskIamProviderOptions
  {
    private MskIamProvider provider(String options)
    {
      return kafka("{'druid.dynamic.config.provider': {'type': 'aws-msk-iam'" + options + "}}")
          .mskIamProvider()
          .orElseThrow();
    }

    @Test
    void setOptionsAreRead()
    {
      final MskIamProvider provider = provider(", 'roleArn': '" + ROLE_ARN + "', 'externalId': 'x-1', "
                                               + "'roleSessionName': 'ingest', 'stsRegion': 'eu-west-1', "
                                               + "'credentialCache': 'per-client'");

      assertThat(provider.roleArn()).contains(ROLE_ARN);
      assertThat(provider.externalId()).contains("x-1");
      assertThat(provider.roleSessionName()).contains("ingest");
      assertThat(provider.stsRegion()).isEqualTo("eu-west-1");
      assertThat(provider.credentialCache()).isEqualTo("per-client");
    }

    @Test
    void leftOutOptionsAreTheExtensionsDefaults()
    {
      final MskIamProvider provider = provider("");

      assertThat(provider.roleArn()).isEmpty();
      assertThat(provider.externalId()).isEmpty();
      assertThat(provider.roleSessionName()).isEmpty();
      assertThat(provider.stsRegion()).isEqualTo("aws-global");
      assertThat(provider.securityProtocol()).isEqualTo("SASL_SSL");
      assertThat(provider.credentialCache()).isEqualTo("shared");
    }

    @Test
    void theExternalIdStaysOutOfToString()
    {
      assertThat(provider(", 'roleArn': '" + ROLE_ARN + "', 'externalId': 'secret-ext-id'"))
          .asString()
          .contains(ROLE_ARN)
          .doesNotContain("secret-ext-id");
    }

    @Test
    void aSpecWithoutOneHasNone()
    {
      final JsonNode none = Json.MAPPER.createObjectNode();

      assertThat(SupervisorSpec.of(none).mskIamProvider()).isEmpty();
    }
  }
}
