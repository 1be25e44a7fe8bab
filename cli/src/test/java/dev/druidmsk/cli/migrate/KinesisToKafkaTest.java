package dev.druidmsk.cli.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.templates.spec.SupervisorSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KinesisToKafkaTest
{
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String BROKERS = "b-1.api.x1y2z3.c2.kafka.eu-west-1.amazonaws.com:9098";
  private static final String TARGET = "target_kafka";

  private static Conversion convert(ObjectNode kinesis)
  {
    return new KinesisToKafka(TARGET, null, BROKERS).convert(kinesis);
  }

  private static Conversion convert(String fixture)
  {
    return convert(KinesisFixtures.load(fixture));
  }

  private static JsonNode ioConfig(Conversion conversion)
  {
    return conversion.kafkaSpec().path("spec").path("ioConfig");
  }

  private static JsonNode provider(Conversion conversion)
  {
    return ioConfig(conversion).path("consumerProperties").path(SupervisorSpec.PROVIDER);
  }

  private static List<Change> changesFrom(Conversion conversion, String path)
  {
    return conversion.changes().stream().filter(change -> path.equals(change.from())).toList();
  }

  private static JsonNode json(String text)
  {
    try {
      return MAPPER.readTree(text);
    }
    catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void docsExampleBecomesAKafkaSupervisorOfTheTargetDatasource()
  {
    final Conversion conversion = convert(KinesisFixtures.DOCS_EXAMPLE);

    assertThat(conversion.kafkaSpec().path("type").asText()).isEqualTo("kafka");
    assertThat(conversion.kafkaSpec().path("spec").path("dataSchema").path("dataSource").asText()).isEqualTo(TARGET);
    assertThat(ioConfig(conversion).path("type").asText()).isEqualTo("kafka");
    assertThat(conversion.kafkaSpec().path("spec").path("tuningConfig").path("type").asText()).isEqualTo("kafka");
  }

  @Test
  void dataSchemaIsKeptApartFromTheDatasourceName()
  {
    final ObjectNode kinesis = KinesisFixtures.load(KinesisFixtures.CROSS_ACCOUNT_TUNED);
    final ObjectNode expected = ((ObjectNode) kinesis.get("spec").get("dataSchema")).deepCopy().put("dataSource", TARGET);

    assertThat(convert(kinesis).kafkaSpec().path("spec").path("dataSchema")).isEqualTo(expected);
  }

  @Test
  void topicIsTheStreamNameByDefault()
  {
    assertThat(ioConfig(convert(KinesisFixtures.DOCS_EXAMPLE)).path("topic").asText()).isEqualTo("KinesisStream");
  }

  @Test
  void topicOptionReplacesTheStreamName()
  {
    final Conversion conversion = new KinesisToKafka(TARGET, "wiki.edits-v2", BROKERS)
        .convert(KinesisFixtures.load(KinesisFixtures.DOCS_EXAMPLE));

    assertThat(ioConfig(conversion).path("topic").asText()).isEqualTo("wiki.edits-v2");
    assertThat(ioConfig(conversion).has("stream")).isFalse();
  }

  @Test
  void useEarliestSequenceNumberBecomesUseEarliestOffset()
  {
    final JsonNode ioConfig = ioConfig(convert(KinesisFixtures.DOCS_EXAMPLE));

    assertThat(ioConfig.path("useEarliestOffset").isBoolean()).isTrue();
    assertThat(ioConfig.path("useEarliestOffset").booleanValue()).isTrue();
    assertThat(ioConfig.has("useEarliestSequenceNumber")).isFalse();
  }

  @Test
  void bootstrapServersComeFromTheOption()
  {
    assertThat(ioConfig(convert(KinesisFixtures.DOCS_EXAMPLE)).path("consumerProperties").path("bootstrap.servers").asText())
        .isEqualTo(BROKERS);
  }

  @Test
  void roleAndExternalIdBecomeTheMskIamProviderWithTheStreamsRegion()
  {
    assertThat(provider(convert(KinesisFixtures.CROSS_ACCOUNT_TUNED))).isEqualTo(json(
        "{\"type\":\"aws-msk-iam\",\"roleArn\":\"arn:aws:iam::123456789012:role/druid-kinesis-reader\","
        + "\"externalId\":\"" + KinesisFixtures.EXTERNAL_ID + "\",\"stsRegion\":\"eu-west-1\"}"
    ));
  }

  @Test
  void regionFieldGivesTheStsRegion()
  {
    final ObjectNode kinesis = KinesisFixtures.load(KinesisFixtures.KINESIS_INPUT_FORMAT);
    ((ObjectNode) kinesis.get("spec").get("ioConfig")).put("awsAssumedRoleArn", "arn:aws:iam::123456789012:role/reader");

    assertThat(provider(convert(kinesis)).path("stsRegion").asText()).isEqualTo("us-west-2");
  }

  @ParameterizedTest
  @CsvSource({
      "kinesis.eu-central-1.amazonaws.com, eu-central-1",
      "https://kinesis.ap-south-1.amazonaws.com, ap-south-1",
      "kinesis-fips.us-gov-west-1.amazonaws.com, us-gov-west-1",
      "vpce-0a1b2c3d-4e5f.kinesis.us-east-2.vpce.amazonaws.com, us-east-2",
      "kinesis.cn-north-1.amazonaws.com.cn, cn-north-1"
  })
  void endpointHostNameGivesTheStsRegion(String endpoint, String region)
  {
    final ObjectNode kinesis = KinesisFixtures.load(KinesisFixtures.CROSS_ACCOUNT_TUNED);
    ((ObjectNode) kinesis.get("spec").get("ioConfig")).put("endpoint", endpoint);

    assertThat(provider(convert(kinesis)).path("stsRegion").asText()).isEqualTo(region);
  }

  @Test
  void roleWithoutAKnownRegionLeavesStsRegionUnsetForReview()
  {
    final ObjectNode kinesis = KinesisFixtures.load(KinesisFixtures.CROSS_ACCOUNT_TUNED);
    ((ObjectNode) kinesis.get("spec").get("ioConfig")).put("endpoint", "http://localhost:4566");
    final Conversion conversion = convert(kinesis);

    assertThat(provider(conversion).has("stsRegion")).isFalse();
    assertThat(conversion.changes()).filteredOn(change -> change.kind() == Change.Kind.REVIEW)
        .extracting(Change::to).containsExactly(
            "$.spec.ioConfig.consumerProperties[\"" + SupervisorSpec.PROVIDER + "\"].stsRegion"
        );
  }

  @Test
  void withoutARoleTheProviderUsesTheNodesCredentials()
  {
    assertThat(provider(convert(KinesisFixtures.DOCS_EXAMPLE))).isEqualTo(json("{\"type\":\"aws-msk-iam\"}"));
  }

  @Test
  void externalIdWithoutARoleIsDroppedWithANote()
  {
    final ObjectNode kinesis = KinesisFixtures.load(KinesisFixtures.DOCS_EXAMPLE);
    ((ObjectNode) kinesis.get("spec").get("ioConfig")).put("awsExternalId", KinesisFixtures.EXTERNAL_ID);
    final Conversion conversion = convert(kinesis);

    assertThat(provider(conversion).has("externalId")).isFalse();
    assertThat(changesFrom(conversion, "$.spec.ioConfig.awsExternalId"))
        .singleElement().extracting(Change::kind).isEqualTo(Change.Kind.DROPPED);
  }

  @Test
  void everyKinesisOnlyTuningFieldIsDroppedWithItsOwnNote()
  {
    final ObjectNode kinesis = KinesisFixtures.load(KinesisFixtures.CROSS_ACCOUNT_TUNED);
    final Conversion conversion = convert(kinesis);
    final List<String> kinesisOnly = KinesisOnlyFields.TUNING_CONFIG.keySet().stream()
        .filter(kinesis.get("spec").get("tuningConfig")::has).toList();

    assertThat(kinesisOnly).hasSizeGreaterThanOrEqualTo(10);
    for (String field : kinesisOnly) {
      assertThat(conversion.kafkaSpec().path("spec").path("tuningConfig").has(field)).as(field).isFalse();
      assertThat(changesFrom(conversion, "$.spec.tuningConfig." + field)).as(field)
          .singleElement().satisfies(change -> {
            assertThat(change.kind()).isEqualTo(Change.Kind.DROPPED);
            assertThat(change.why()).isEqualTo(KinesisOnlyFields.TUNING_CONFIG.get(field));
          });
    }
  }

  @Test
  void everyKinesisOnlyIoConfigFieldIsDroppedWithItsOwnNote()
  {
    final Conversion conversion = convert(KinesisFixtures.CROSS_ACCOUNT_TUNED);

    for (String field : List.of("endpoint", "recordsPerFetch", "fetchDelayMillis", "deaggregate")) {
      assertThat(ioConfig(conversion).has(field)).as(field).isFalse();
      assertThat(changesFrom(conversion, "$.spec.ioConfig." + field)).as(field)
          .singleElement().extracting(Change::kind).isEqualTo(Change.Kind.DROPPED);
    }
  }

  @Test
  void sharedTuningAndIoFieldsAreKept()
  {
    final Conversion conversion = convert(KinesisFixtures.CROSS_ACCOUNT_TUNED);

    assertThat(conversion.kafkaSpec().path("spec").path("tuningConfig")).isEqualTo(json(
        "{\"type\":\"kafka\",\"maxRowsInMemory\":100000,\"maxRowsPerSegment\":5000000,"
        + "\"intermediatePersistPeriod\":\"PT10M\",\"resetOffsetAutomatically\":false}"
    ));
    assertThat(ioConfig(conversion).path("taskCount").asInt()).isEqualTo(2);
    assertThat(ioConfig(conversion).path("replicas").asInt()).isEqualTo(2);
    assertThat(ioConfig(conversion).path("lateMessageRejectionPeriod").asText()).isEqualTo("PT6H");
  }

  @Test
  void kinesisInputFormatBecomesTheKafkaOneWithTheSameColumnNames()
  {
    assertThat(ioConfig(convert(KinesisFixtures.KINESIS_INPUT_FORMAT)).path("inputFormat")).isEqualTo(json(
        "{\"type\":\"kafka\",\"valueFormat\":{\"type\":\"json\"},\"timestampColumnName\":\"arrived_at\","
        + "\"keyFormat\":{\"type\":\"tsv\",\"columns\":[\"user_key\"]},\"keyColumnName\":\"user_key\"}"
    ));
  }

  @Test
  void kinesisInputFormatWithoutColumnNamesKeepsKinesisDefaultNames()
  {
    final ObjectNode kinesis = KinesisFixtures.load(KinesisFixtures.KINESIS_INPUT_FORMAT);
    final ObjectNode format = (ObjectNode) kinesis.get("spec").get("ioConfig").get("inputFormat");
    format.remove(List.of("partitionKeyColumnName", "timestampColumnName"));
    final JsonNode converted = ioConfig(convert(kinesis)).path("inputFormat");

    assertThat(converted.path("timestampColumnName").asText()).isEqualTo("kinesis.timestamp");
    assertThat(converted.path("keyColumnName").asText()).isEqualTo("kinesis.partitionKey");
  }

  @Test
  void kinesisInputFormatReportsWhatKafkaAddsThatKinesisHadNot()
  {
    final List<String> reviewed = convert(KinesisFixtures.KINESIS_INPUT_FORMAT).changes().stream()
        .filter(change -> change.kind() == Change.Kind.REVIEW).map(Change::to).toList();

    assertThat(reviewed).containsExactly(
        "$.spec.ioConfig.inputFormat.topicColumnName", "$.spec.ioConfig.inputFormat.headerFormat"
    );
  }

  @Test
  void plainCsvInputFormatIsKept()
  {
    final ObjectNode kinesis = KinesisFixtures.load(KinesisFixtures.FLAT_CSV);

    assertThat(ioConfig(convert(kinesis)).path("inputFormat")).isEqualTo(kinesis.get("ioConfig").get("inputFormat"));
  }

  @Test
  void flatLayoutIsWrittenSpecWrapped()
  {
    final ObjectNode kafka = convert(KinesisFixtures.FLAT_CSV).kafkaSpec();

    assertThat(kafka.has("dataSchema") || kafka.has("ioConfig") || kafka.has("tuningConfig")).isFalse();
    assertThat(kafka.path("spec").path("ioConfig").path("topic").asText()).isEqualTo("meter-readings");
    assertThat(kafka.path("spec").path("tuningConfig").has("fetchThreads")).isFalse();
  }

  @Test
  void druidsFlatCopiesBesideSpecAreDroppedWithANote()
  {
    final ObjectNode kinesis = KinesisFixtures.load(KinesisFixtures.DOCS_EXAMPLE);
    kinesis.set("ioConfig", kinesis.get("spec").get("ioConfig").deepCopy());
    final Conversion conversion = convert(kinesis);

    assertThat(conversion.kafkaSpec().has("ioConfig")).isFalse();
    assertThat(changesFrom(conversion, "$.ioConfig")).singleElement().extracting(Change::kind).isEqualTo(Change.Kind.DROPPED);
  }

  @Test
  void specWithDefaultsOmittedGetsNoTuningConfig()
  {
    final ObjectNode kafka = convert(KinesisFixtures.MINIMAL).kafkaSpec();

    assertThat(kafka.path("spec").has("tuningConfig")).isFalse();
    assertThat(kafka.path("spec").path("ioConfig").has("useEarliestOffset")).isFalse();
  }

  @Test
  void nullFieldsAreDroppedAsUnset()
  {
    final ObjectNode kinesis = KinesisFixtures.load(KinesisFixtures.DOCS_EXAMPLE);
    ((ObjectNode) kinesis.get("spec").get("ioConfig")).putNull("lateMessageRejectionStartDateTime");
    final Conversion conversion = convert(kinesis);

    assertThat(ioConfig(conversion).has("lateMessageRejectionStartDateTime")).isFalse();
    assertThat(changesFrom(conversion, "$.spec.ioConfig.lateMessageRejectionStartDateTime"))
        .singleElement().extracting(Change::kind).isEqualTo(Change.Kind.DROPPED);
  }

  @Test
  void autoScalerConfigIsKeptButFlaggedForReview()
  {
    final ObjectNode kinesis = KinesisFixtures.load(KinesisFixtures.DOCS_EXAMPLE);
    final JsonNode autoScaler = json("{\"enableTaskAutoScaler\":true,\"taskCountMax\":4,\"taskCountMin\":1}");
    ((ObjectNode) kinesis.get("spec").get("ioConfig")).set("autoScalerConfig", autoScaler);
    final Conversion conversion = convert(kinesis);

    assertThat(ioConfig(conversion).path("autoScalerConfig")).isEqualTo(autoScaler);
    assertThat(changesFrom(conversion, "$.spec.ioConfig.autoScalerConfig"))
        .singleElement().extracting(Change::kind).isEqualTo(Change.Kind.REVIEW);
  }

  @Test
  void supervisorIdOfALiveSpecIsDropped()
  {
    final ObjectNode kinesis = KinesisFixtures.load(KinesisFixtures.DOCS_EXAMPLE).put("id", "KinesisStream");

    assertThat(convert(kinesis).kafkaSpec().has("id")).isFalse();
  }

  @Test
  void reportNeverHoldsTheExternalId()
  {
    final Conversion conversion = convert(KinesisFixtures.CROSS_ACCOUNT_TUNED);

    assertThat(conversion.reportText()).doesNotContain(KinesisFixtures.EXTERNAL_ID);
    assertThat(conversion.reportJson().toString()).doesNotContain(KinesisFixtures.EXTERNAL_ID);
  }

  @Test
  void kafkaSpecIsRejected()
  {
    final ObjectNode kafka = KinesisFixtures.load(KinesisFixtures.DOCS_EXAMPLE).put("type", "kafka");

    assertThatThrownBy(() -> convert(kafka)).isInstanceOf(MigrationException.class)
        .hasMessageContaining("Not a Kinesis supervisor spec").hasMessageContaining("\"kafka\"");
  }

  @Test
  void specWithoutStreamIsRejected()
  {
    final ObjectNode kinesis = KinesisFixtures.load(KinesisFixtures.DOCS_EXAMPLE);
    ((ObjectNode) kinesis.get("spec").get("ioConfig")).remove("stream");

    assertThatThrownBy(() -> convert(kinesis)).isInstanceOf(MigrationException.class)
        .hasMessageContaining("$.spec.ioConfig.stream").hasMessageContaining("add \"stream\"");
  }

  @Test
  void malformedRoleArnIsRejectedWithAnExample()
  {
    final ObjectNode kinesis = KinesisFixtures.load(KinesisFixtures.CROSS_ACCOUNT_TUNED);
    ((ObjectNode) kinesis.get("spec").get("ioConfig")).put("awsAssumedRoleArn", "arn:aws:sts::123456789012:assumed-role/x/y");

    assertThatThrownBy(() -> convert(kinesis)).isInstanceOf(MigrationException.class)
        .hasMessageContaining("awsAssumedRoleArn is not an IAM role ARN")
        .hasMessageContaining("arn:aws:iam::123456789012:role/");
  }

  @Test
  void targetDatasourceEqualToTheSourceIsRejected()
  {
    assertThatThrownBy(() -> new KinesisToKafka("KinesisStream", null, BROKERS)
        .convert(KinesisFixtures.load(KinesisFixtures.DOCS_EXAMPLE)))
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("would replace the Kinesis supervisor")
        .hasMessageContaining("--target-datasource KinesisStream_kafka");
  }

  @Test
  void invalidTopicNameIsRejected()
  {
    assertThatThrownBy(() -> new KinesisToKafka(TARGET, "wiki edits", BROKERS)
        .convert(KinesisFixtures.load(KinesisFixtures.DOCS_EXAMPLE)))
        .isInstanceOf(MigrationException.class).hasMessageContaining("not a valid Kafka topic name");
  }

  @Test
  void kafkaFieldInAKinesisSpecIsRejected()
  {
    final ObjectNode kinesis = KinesisFixtures.load(KinesisFixtures.DOCS_EXAMPLE);
    ((ObjectNode) kinesis.get("spec").get("ioConfig")).putObject("consumerProperties");

    assertThatThrownBy(() -> convert(kinesis)).isInstanceOf(MigrationException.class)
        .hasMessageContaining("$.spec.ioConfig.consumerProperties is a Kafka field");
  }

  @Test
  void kinesisInputFormatWithoutValueFormatIsRejected()
  {
    final ObjectNode kinesis = KinesisFixtures.load(KinesisFixtures.KINESIS_INPUT_FORMAT);
    ((ObjectNode) kinesis.get("spec").get("ioConfig").get("inputFormat")).remove("valueFormat");

    assertThatThrownBy(() -> convert(kinesis)).isInstanceOf(MigrationException.class)
        .hasMessageContaining("without valueFormat");
  }
}
