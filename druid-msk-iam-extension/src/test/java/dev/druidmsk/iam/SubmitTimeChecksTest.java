package dev.druidmsk.iam;

import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.InjectableValues;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.druid.indexing.kafka.KafkaIndexTaskIOConfig;
import org.apache.druid.indexing.kafka.KafkaIndexTaskModule;
import org.apache.druid.indexing.overlord.supervisor.SupervisorSpec;
import org.apache.druid.indexing.overlord.supervisor.SupervisorStateManagerConfig;
import org.apache.druid.jackson.DefaultObjectMapper;
import org.apache.druid.math.expr.ExprMacroTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.druidmsk.iam.ProviderJson.ROLE_ARN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A whole Kafka supervisor spec parsed as the Overlord parses a submitted one (Druid's mapper, the Kafka
 * extension's and our Jackson modules, the injected values of a parse): the provider is built there, so a bad or
 * forbidden one is refused at submit instead of failing later in the stored, running supervisor.
 */
class SubmitTimeChecksTest
{
  private static final String TEAM_A = "arn:aws:iam::123456789012:role/team-a-*";
  private static final String OTHER_ROLE = "arn:aws:iam::210987654321:role/team-b-reader";
  private static final MskIamNodePolicy POLICY = new MskIamNodePolicy(List.of(TEAM_A), null, false, null);

  @AfterEach
  void uninstall()
  {
    NodePolicyHolder.install(MskIamNodePolicy.UNRESTRICTED);
  }

  private static ObjectMapper overlordMapper(MskIamNodePolicy policy)
  {
    final ObjectMapper mapper = new DefaultObjectMapper();
    mapper.registerModules(new KafkaIndexTaskModule().getJacksonModules());
    mapper.registerModules(new MskIamDruidModule().getJacksonModules());
    final SupervisorStateManagerConfig stateManagerConfig = new SupervisorStateManagerConfig();
    mapper.setInjectableValues(new InjectableValues()
    {
      @Override
      public Object findInjectableValue(Object id, DeserializationContext context, BeanProperty property, Object bean)
      {
        final Map<String, Object> values = Map.of(
            ObjectMapper.class.getName(), mapper,
            SupervisorStateManagerConfig.class.getName(), stateManagerConfig,
            ExprMacroTable.class.getName(), ExprMacroTable.nil(),
            MskIamNodePolicy.class.getName(), policy
        );
        return values.get(String.valueOf(id));
      }
    });
    return mapper;
  }

  private static ObjectNode spec(Map<String, Object> consumerProperties)
  {
    final ObjectMapper json = new ObjectMapper();
    final ObjectNode spec = json.createObjectNode().put("type", "kafka");
    final ObjectNode body = spec.putObject("spec");
    final ObjectNode dataSchema = body.putObject("dataSchema").put("dataSource", "api-telemetry");
    dataSchema.putObject("timestampSpec").put("column", "timestamp");
    dataSchema.putObject("dimensionsSpec");
    dataSchema.putObject("granularitySpec").put("type", "uniform").put("segmentGranularity", "hour");
    final ObjectNode ioConfig = body.putObject("ioConfig").put("type", "kafka").put("topic", "api-telemetry");
    ioConfig.putObject("inputFormat").put("type", "json");
    ioConfig.set("consumerProperties", json.valueToTree(consumerProperties));
    body.putObject("tuningConfig").put("type", "kafka");
    return spec;
  }

  private static Map<String, Object> withProvider(Map<String, Object> provider)
  {
    return Map.of("bootstrap.servers", "b-1.example:9098", "druid.dynamic.config.provider", provider);
  }

  private static Map<String, Object> rawJaas(String jaas)
  {
    return Map.of(
        "bootstrap.servers", "b-1.example:9098",
        "security.protocol", "SASL_SSL",
        "sasl.mechanism", "AWS_MSK_IAM",
        "sasl.jaas.config", jaas,
        "sasl.client.callback.handler.class", "software.amazon.msk.auth.iam.IAMClientCallbackHandler"
    );
  }

  @Test
  void anAllowedProviderParses()
  {
    final ObjectNode spec = spec(withProvider(Map.of(
        "type", "aws-msk-iam", "roleArn", "arn:aws:iam::123456789012:role/team-a-reader"
    )));

    assertThatCode(() -> overlordMapper(POLICY).treeToValue(spec, SupervisorSpec.class)).doesNotThrowAnyException();
  }

  @Test
  void aForbiddenRoleIsRefusedAtSubmitNamingTheProperty()
  {
    final ObjectNode spec = spec(withProvider(Map.of("type", "aws-msk-iam", "roleArn", OTHER_ROLE)));

    assertThatThrownBy(() -> overlordMapper(POLICY).treeToValue(spec, SupervisorSpec.class))
        .hasMessageContaining("AWS MSK IAM role " + OTHER_ROLE + " is not allowed on this Druid node: "
                              + "druid.msk.iam.allowedRoleArns");
  }

  @Test
  void aMisspelledOptionIsRefusedAtSubmit()
  {
    final ObjectNode spec = spec(withProvider(Map.of("type", "aws-msk-iam", "rolArn", ROLE_ARN)));

    assertThatThrownBy(() -> overlordMapper(MskIamNodePolicy.UNRESTRICTED).treeToValue(spec, SupervisorSpec.class))
        .hasMessageContaining("Unknown aws-msk-iam option 'rolArn'. Did you mean 'roleArn'?");
  }

  @Test
  void aHandWrittenJaasWithAForbiddenRoleIsRefusedAtSubmitWithTheSameMessage()
  {
    NodePolicyHolder.install(POLICY);
    final ObjectNode spec = spec(rawJaas(
        "software.amazon.msk.auth.iam.IAMLoginModule required awsRoleArn=\"" + OTHER_ROLE + "\" "
        + "awsAddDefaultProviders=\"false\";"
    ));

    assertThatThrownBy(() -> overlordMapper(POLICY).treeToValue(spec, SupervisorSpec.class))
        .hasMessageContaining("AWS MSK IAM role " + OTHER_ROLE + " is not allowed on this Druid node: "
                              + "druid.msk.iam.allowedRoleArns is [" + TEAM_A + "]");
  }

  @Test
  void aHandWrittenJaasInAMapStringProviderIsHeldToThePolicyToo()
  {
    NodePolicyHolder.install(POLICY);
    final Map<String, Object> provider = Map.of("type", "mapString", "config", rawJaas(
        "software.amazon.msk.auth.iam.IAMLoginModule required awsRoleArn=\"" + OTHER_ROLE + "\";"
    ));
    final ObjectNode spec = spec(withProvider(provider));

    assertThatThrownBy(() -> overlordMapper(POLICY).treeToValue(spec, SupervisorSpec.class))
        .hasMessageContaining("druid.msk.iam.allowedRoleArns");
  }

  @Test
  void aSpecWithoutIamIsUntouched()
  {
    NodePolicyHolder.install(POLICY);
    final ObjectNode spec = spec(Map.of("bootstrap.servers", "localhost:9092"));

    assertThatCode(() -> overlordMapper(POLICY).treeToValue(spec, SupervisorSpec.class)).doesNotThrowAnyException();
    assertThat(spec.toString()).doesNotContain("aws-msk-iam");
  }

  @Test
  void aKafkaTaskWithAHandWrittenJaasAndAForbiddenRoleIsRefusedWhereTheTaskIsParsed() throws Exception
  {
    NodePolicyHolder.install(POLICY);
    final ObjectMapper json = new ObjectMapper();
    final ObjectNode ioConfig = json.createObjectNode().put("type", "kafka").put("baseSequenceName", "s");
    ioConfig.putObject("startSequenceNumbers").put("type", "start").put("stream", "t")
            .putObject("partitionSequenceNumberMap").put("0", 0);
    ioConfig.putObject("endSequenceNumbers").put("type", "end").put("stream", "t")
            .putObject("partitionSequenceNumberMap").put("0", 10);
    ioConfig.putObject("inputFormat").put("type", "json");
    ioConfig.set("consumerProperties", json.valueToTree(rawJaas(
        "software.amazon.msk.auth.iam.IAMLoginModule required awsRoleArn=\"" + OTHER_ROLE + "\";"
    )));

    assertThatThrownBy(() -> overlordMapper(POLICY).treeToValue(ioConfig, KafkaIndexTaskIOConfig.class))
        .hasMessageContaining("AWS MSK IAM role " + OTHER_ROLE + " is not allowed on this Druid node: "
                              + "druid.msk.iam.allowedRoleArns is [" + TEAM_A + "]");
    NodePolicyHolder.install(MskIamNodePolicy.UNRESTRICTED);
    assertThatCode(() -> overlordMapper(MskIamNodePolicy.UNRESTRICTED).treeToValue(ioConfig, KafkaIndexTaskIOConfig.class))
        .doesNotThrowAnyException();
  }
}
