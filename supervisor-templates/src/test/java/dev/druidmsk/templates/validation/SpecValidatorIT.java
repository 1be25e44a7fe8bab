package dev.druidmsk.templates.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.druidmsk.templates.TemplateException;
import dev.druidmsk.templates.spec.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.druidmsk.templates.validation.SampleSpecs.MSK_VALUES;
import static dev.druidmsk.templates.validation.SampleSpecs.render;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rendered specs validated by Druid 33's own classes, loaded from a Druid home that has the druid-msk bundle
 * installed in extensions/druid-kafka-indexing-service.
 */
class SpecValidatorIT
{
  private static final String PROVIDER = "$.spec.ioConfig.consumerProperties[\"druid.dynamic.config.provider\"]";

  private static Path druidHome;
  private static SpecValidator validator;

  @BeforeAll
  static void loadDruid(@TempDir Path home) throws Exception
  {
    druidHome = TestDruidHome.withDruidMskBundle(home);
    validator = SpecValidator.forDruidHome(druidHome);
  }

  @AfterAll
  static void closeDruid()
  {
    validator.close();
  }

  private static ObjectNode mskSpec() throws TemplateException
  {
    return render("msk-iam-api-telemetry", MSK_VALUES);
  }

  private static ObjectNode ioConfig(ObjectNode spec)
  {
    return (ObjectNode) spec.at("/spec/ioConfig");
  }

  private static ObjectNode provider(ObjectNode spec)
  {
    return (ObjectNode) spec.at("/spec/ioConfig/consumerProperties/druid.dynamic.config.provider");
  }

  private static List<Problem> errors(JsonNode spec)
  {
    return validator.validate(spec).problems().stream().filter(p -> p.severity() == Severity.ERROR).toList();
  }

  @Test
  void theMskIamTemplateWithEveryOptionSetPassesWithoutAnyProblem() throws Exception
  {
    assertThat(validator.validate(mskSpec()).problems()).isEmpty();
  }

  @Test
  void theMskIamTemplateWithOnlyTheRequiredValuesPasses() throws Exception
  {
    final ObjectNode spec = render("msk-iam-api-telemetry", List.of(
        MSK_VALUES.get(0), MSK_VALUES.get(1), MSK_VALUES.get(2), "stsRegion=eu-west-1"
    ));

    assertThat(validator.validate(spec).problems()).isEmpty();
  }

  @Test
  void theKafkaJsonTopicTemplatePasses() throws Exception
  {
    final ObjectNode spec = render("kafka-json-topic", List.of(
        "dataSource=events", "topic=events", "bootstrapServers=kafka-1.internal:9092,kafka-2.internal:9092"
    ));

    assertThat(validator.validate(spec).problems()).isEmpty();
  }

  @Test
  void theKafkaJsonTopicTemplateWithRollupAndTlsPasses() throws Exception
  {
    final ObjectNode spec = render("kafka-json-topic", List.of(
        "dataSource=events", "topic=events", "bootstrapServers=b-1.x.c2.kafka.eu-west-1.amazonaws.com:9094",
        "securityProtocol=SSL", "rollup=true", "queryGranularity=hour", "useSchemaDiscovery=false",
        "dimensions=[\"country\",{\"type\":\"long\",\"name\":\"status\"}]",
        "metrics=[{\"type\":\"count\",\"name\":\"count\"},{\"type\":\"doubleSum\",\"name\":\"amount\","
        + "\"fieldName\":\"amount\"}]"
    ));

    assertThat(validator.validate(spec).problems()).isEmpty();
  }

  @Test
  void aKinesisSpecNeedsAHomeWithTheKinesisExtension() throws Exception
  {
    final ObjectNode spec = render("kinesis-json-stream", List.of(
        "dataSource=events", "stream=events", "awsAssumedRoleArn=arn:aws:iam::123456789012:role/reader"
    ));

    assertThat(errors(spec)).singleElement().satisfies(problem -> {
      assertThat(problem.jsonPath()).isEqualTo("$.type");
      assertThat(problem.message()).contains("supervisor type 'kinesis'");
      assertThat(problem.fix()).contains("druid-kinesis-indexing-service");
    });
  }

  @Test
  void aMisspelledIoConfigFieldIsAnErrorAtItsPath() throws Exception
  {
    final ObjectNode spec = mskSpec();
    ioConfig(spec).set("taskDuraton", ioConfig(spec).remove("taskDuration"));

    assertThat(errors(spec)).singleElement().satisfies(problem -> {
      assertThat(problem.jsonPath()).isEqualTo("$.spec.ioConfig.taskDuraton");
      assertThat(problem.message()).contains("Did you mean 'taskDuration'?");
    });
  }

  @Test
  void aMisspelledFieldDeepInTheSchemaIsAnErrorAtItsPath() throws Exception
  {
    final ObjectNode spec = mskSpec();
    ((ObjectNode) spec.at("/spec/dataSchema/metricsSpec/1")).set("fieldname", TextNode.valueOf("latency_ms"));

    assertThat(errors(spec)).extracting(Problem::jsonPath)
                            .contains("$.spec.dataSchema.metricsSpec[1].fieldname");
  }

  @Test
  void anUnknownTopLevelFieldIsAnError() throws Exception
  {
    final ObjectNode spec = mskSpec();
    spec.put("suspend", true);

    assertThat(errors(spec)).singleElement().satisfies(problem -> {
      assertThat(problem.jsonPath()).isEqualTo("$.suspend");
      assertThat(problem.message()).contains("Did you mean 'suspended'?");
    });
  }

  @Test
  void aMisspelledKafkaConsumerPropertyIsAWarningWithTheKafkaName() throws Exception
  {
    final ObjectNode spec = mskSpec();
    ((ObjectNode) ioConfig(spec).get("consumerProperties")).put("ssl.truststore.locaton", "/etc/ts.jks");

    assertThat(validator.validate(spec).problems()).singleElement().satisfies(problem -> {
      assertThat(problem.severity()).isEqualTo(Severity.WARNING);
      assertThat(problem.jsonPath()).isEqualTo("$.spec.ioConfig.consumerProperties[\"ssl.truststore.locaton\"]");
      assertThat(problem.message()).contains("Did you mean 'ssl.truststore.location'?");
    });
  }

  @Test
  void aMissingBootstrapServersIsAnErrorAtItsPath() throws Exception
  {
    final ObjectNode spec = mskSpec();
    ((ObjectNode) ioConfig(spec).get("consumerProperties")).remove("bootstrap.servers");

    assertThat(errors(spec)).extracting(Problem::jsonPath)
                            .contains("$.spec.ioConfig.consumerProperties[\"bootstrap.servers\"]");
  }

  @Test
  void aTaskDurationUnderAMinuteIsAnError() throws Exception
  {
    final ObjectNode spec = render("msk-iam-api-telemetry", with(MSK_VALUES, "taskDuration=PT30S"));

    assertThat(errors(spec)).extracting(Problem::jsonPath).containsExactly("$.spec.ioConfig.taskDuration");
  }

  @Test
  void theMskPlaintextPortWithIamIsAnError() throws Exception
  {
    final ObjectNode spec = render("msk-iam-api-telemetry", with(
        MSK_VALUES, "bootstrapServers=b-1.demo.abc123.c2.kafka.us-east-1.amazonaws.com:9092"
    ));

    assertThat(errors(spec)).singleElement().satisfies(problem -> {
      assertThat(problem.jsonPath()).isEqualTo("$.spec.ioConfig.consumerProperties[\"bootstrap.servers\"]");
      assertThat(problem.message()).contains("9098");
    });
  }

  @Test
  void aMisspelledProviderOptionIsReportedByTheExtensionAtTheProvider() throws Exception
  {
    final ObjectNode spec = mskSpec();
    provider(spec).set("roleSesionName", TextNode.valueOf("druid"));

    assertThat(errors(spec)).singleElement().satisfies(problem -> {
      assertThat(problem.jsonPath()).isEqualTo(PROVIDER);
      assertThat(problem.message()).contains("Unknown aws-msk-iam option 'roleSesionName'",
                                             "Did you mean 'roleSessionName'?");
    });
  }

  @Test
  void anInvalidRoleArnIsReportedByTheExtension() throws Exception
  {
    final ObjectNode spec = render("msk-iam-api-telemetry", with(MSK_VALUES, "roleArn=arn:aws:iam::12345:role/r"));

    assertThat(errors(spec)).singleElement().satisfies(problem -> {
      assertThat(problem.jsonPath()).isEqualTo(PROVIDER);
      assertThat(problem.message()).contains("Invalid aws-msk-iam option 'roleArn'", "account ID must be 12 digits");
    });
  }

  @Test
  void anUnknownProviderTypeFallingBackToMapStringIsAnError() throws Exception
  {
    final ObjectNode spec = mskSpec();
    provider(spec).put("type", "aws-msk-iam-v2");

    assertThat(errors(spec)).singleElement().satisfies(problem -> {
      assertThat(problem.jsonPath()).isEqualTo(PROVIDER + ".type");
      assertThat(problem.message()).contains("silently treats it as mapString", "Did you mean 'aws-msk-iam'?");
    });
  }

  @Test
  void anUnknownAggregatorTypeIsAnErrorAtItsType() throws Exception
  {
    final ObjectNode spec = mskSpec();
    ((ObjectNode) spec.at("/spec/dataSchema/metricsSpec/2")).put("type", "longMinimum");

    assertThat(errors(spec)).singleElement().satisfies(problem -> {
      assertThat(problem.jsonPath()).isEqualTo("$.spec.dataSchema.metricsSpec[2].type");
      assertThat(problem.message()).contains("'longMinimum'");
    });
  }

  @Test
  void topicAndTopicPatternTogetherAreRejectedByDruid() throws Exception
  {
    final ObjectNode spec = mskSpec();
    ioConfig(spec).put("topicPattern", "api-.*");

    assertThat(errors(spec)).singleElement().satisfies(problem -> {
      assertThat(problem.jsonPath()).startsWith("$.spec");
      assertThat(problem.message()).contains("Druid rejects the spec", "topicPattern");
    });
  }

  @Test
  void aTypeThatDoesNotFitIsRejectedByDruidAtItsPath() throws Exception
  {
    final ObjectNode spec = mskSpec();
    ioConfig(spec).put("taskCount", "two");

    assertThat(errors(spec)).extracting(Problem::jsonPath).containsExactly("$.spec.ioConfig.taskCount");
  }

  /** The doctor's way: Druid answers in another JVM (the node probe's), and the spec gets the same problems. */
  @Test
  void druidsAnswerFromElsewhereGivesTheSameProblems() throws Exception
  {
    final ObjectNode spec = mskSpec();
    ioConfig(spec).put("taskCount", "two");
    ((ObjectNode) ioConfig(spec).get("consumerProperties")).put("fetch.min.byte", "1");
    final String answer;
    try (DruidProbe druid = DruidProbe.open(druidHome)) {
      answer = druid.call(Json.MAPPER.writeValueAsString(SpecValidator.druidRequest(spec)));
    }

    assertThat(SpecValidator.validateWithAnswer(spec, Json.MAPPER.readTree(answer), druidHome).problems())
        .hasSizeGreaterThanOrEqualTo(2)
        .isEqualTo(validator.validate(spec).problems());
  }

  @Test
  void withoutTheBundleTheProviderFallsBackToMapStringAndTheInstallerIsNamed(@TempDir Path home) throws Exception
  {
    try (SpecValidator stock = SpecValidator.forDruidHome(TestDruidHome.withoutDruidMskBundle(home))) {
      final List<Problem> problems = stock.validate(mskSpec()).problems();

      assertThat(problems).singleElement().satisfies(problem -> {
        assertThat(problem.severity()).isEqualTo(Severity.ERROR);
        assertThat(problem.jsonPath()).isEqualTo(PROVIDER + ".type");
        assertThat(problem.message()).contains(
            "the druid-msk bundle is not installed in " + home.toRealPath().resolve(
                "extensions/druid-kafka-indexing-service"),
            "mapString"
        );
        assertThat(problem.fix()).contains("run bootstrap's installer");
      });
    }
  }

  private static List<String> with(List<String> values, String override)
  {
    final String name = override.substring(0, override.indexOf('='));
    final List<String> result = new ArrayList<>(
        values.stream().filter(value -> !value.startsWith(name + "=")).toList()
    );
    result.add(override);
    return result;
  }
}
