package dev.druidmsk.cli.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.iam.MskIamOptions;
import dev.druidmsk.templates.spec.JsonPath;
import dev.druidmsk.templates.spec.SupervisorSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a Kinesis supervisor spec (spec-wrapped, or Druid's older flat layout) into an MSK-IAM Kafka supervisor spec
 * for a new datasource, recording every change. The dataSchema and every field a Kafka supervisor shares with a
 * Kinesis one are kept; whether Druid accepts the result is for the validator to say.
 */
final class KinesisToKafka
{
  private static final String SECTIONS_NOTE = "the converted spec keeps its parts under \"spec\"";
  // Kafka's own rule for topic names (org.apache.kafka.common.internals.Topic).
  private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
  private static final Pattern ROLE_ARN = Pattern.compile("arn:aws(-cn|-us-gov)?:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
  private static final Pattern ENDPOINT_REGION = Pattern.compile("(?:^|[./])kinesis(?:-fips)?\\.([a-z]{2}(?:-[a-z]+)+-\\d+)\\.");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(?:-[a-z]+)+-\\d+");
  /** Fields only a Kafka ioConfig has: in a Kinesis spec they mean the input is not what it claims. */
  private static final Set<String> KAFKA_IO_FIELDS = Set.of(
      "topic", "topicPattern", "consumerProperties", "useEarliestOffset", "pollTimeout"
  );
  private static final JsonPath KAFKA_IO_CONFIG = JsonPath.ROOT.key(SupervisorSpec.SPEC).key(SupervisorSpec.IO_CONFIG);
  private static final String EXAMPLE_ARN = "arn:aws:iam::123456789012:role/druid-kinesis-reader";

  private final String targetDataSource;
  private final String topicOverride;
  private final String bootstrapServers;

  /**
   * @param targetDataSource the Kafka datasource, which must differ from the Kinesis one
   * @param topic            the Kafka topic, or null for the Kinesis stream's name
   * @param bootstrapServers the MSK brokers, host:port[,host:port...]
   */
  KinesisToKafka(String targetDataSource, String topic, String bootstrapServers)
  {
    this.targetDataSource = targetDataSource;
    this.topicOverride = topic;
    this.bootstrapServers = bootstrapServers;
  }

  Conversion convert(ObjectNode json)
  {
    final SupervisorSpec kinesis = SupervisorSpec.of(json);
    requireKinesis(kinesis);
    final String ioPath = kinesis.sectionPath(SupervisorSpec.IO_CONFIG).toString();
    if (!kinesis.ioConfig().isObject()) {
      throw new MigrationException("The Kinesis spec has no " + ioPath + " object: pass the whole supervisor spec.");
    }
    final String stream = stream(kinesis, ioPath);
    final String topic = topic(stream);
    final List<Change> changes = new ArrayList<>();

    final ObjectNode kafka = JsonNodeFactory.instance.objectNode().put("type", "kafka");
    changes.add(new Change(Change.Kind.CHANGED, "$.type", "$.type", "kinesis -> kafka"));
    final ObjectNode spec = kafka.putObject(SupervisorSpec.SPEC);
    final String sourceDataSource = dataSchema(kinesis, spec, changes);
    spec.set(SupervisorSpec.IO_CONFIG, ioConfig((ObjectNode) kinesis.ioConfig(), ioPath, topic, changes));
    if (kinesis.tuningConfig().isObject()) {
      spec.set(SupervisorSpec.TUNING_CONFIG, tuningConfig(
          kinesis.tuningConfig(), kinesis.sectionPath(SupervisorSpec.TUNING_CONFIG).toString(), changes
      ));
    }
    topLevel(json, kinesis.isNested(), kafka, changes);
    return new Conversion(sourceDataSource, stream, targetDataSource, topic, kafka, changes);
  }

  private static void requireKinesis(SupervisorSpec spec)
  {
    final String type = spec.type();
    if (!"kinesis".equals(type)) {
      throw new MigrationException(
          "Not a Kinesis supervisor spec: its \"type\" is " + (type.isEmpty() ? "missing" : "\"" + type + "\"")
          + ". `migrate convert` takes the spec of a Kinesis supervisor, {\"type\": \"kinesis\", \"spec\": {...}} "
          + "(fetch a live one with --from-supervisor ID)."
      );
    }
  }

  private static String stream(SupervisorSpec kinesis, String ioPath)
  {
    return kinesis.stream().filter(stream -> !stream.isBlank()).orElseThrow(() -> new MigrationException(
        "The Kinesis spec has no " + ioPath + ".stream: a Kinesis supervisor reads one named stream; add "
        + "\"stream\": \"<stream name>\"."
    ));
  }

  private String topic(String stream)
  {
    final String topic = topicOverride != null ? topicOverride : stream;
    if (!TOPIC.matcher(topic).matches() || ".".equals(topic) || "..".equals(topic)) {
      throw new MigrationException(
          "'" + topic + "' is not a valid Kafka topic name (1-249 of a-z A-Z 0-9 . _ -): pass the topic the "
          + "double-writer produces to with --topic NAME."
      );
    }
    return topic;
  }

  private String dataSchema(SupervisorSpec kinesis, ObjectNode spec, List<Change> changes)
  {
    final String schemaPath = kinesis.sectionPath(SupervisorSpec.DATA_SCHEMA).toString();
    final String source = kinesis.dataSource().filter(name -> !name.isBlank()).orElseThrow(() -> new MigrationException(
        "The Kinesis spec has no " + schemaPath + ".dataSource: pass the whole supervisor spec."
    ));
    if (source.equals(targetDataSource)) {
      throw new MigrationException(
          "--target-datasource must differ from the Kinesis datasource '" + source + "': a supervisor's ID is its "
          + "datasource, so submitting the Kafka spec would replace the Kinesis supervisor. Name the new "
          + "datasource, e.g. --target-datasource " + source + "_kafka."
      );
    }
    final ObjectNode converted = ((ObjectNode) kinesis.dataSchema()).deepCopy();
    converted.put("dataSource", targetDataSource);
    spec.set(SupervisorSpec.DATA_SCHEMA, converted);
    changes.add(new Change(
        Change.Kind.CHANGED, schemaPath + ".dataSource", "$.spec.dataSchema.dataSource",
        source + " -> " + targetDataSource + " (--target-datasource): the Kafka datasource runs beside the Kinesis "
        + "one until the cut-over"
    ));
    return source;
  }

  private ObjectNode ioConfig(ObjectNode kinesis, String path, String topic, List<Change> changes)
  {
    final ObjectNode kafka = JsonNodeFactory.instance.objectNode();
    final String region = region(kinesis, path);
    for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) kinesis::fields) {
      final String name = field.getKey();
      final JsonNode value = field.getValue();
      final String from = path + "." + name;
      final String to = KAFKA_IO_CONFIG.key(name).toString();
      if (KAFKA_IO_FIELDS.contains(name)) {
        throw new MigrationException(
            from + " is a Kafka field, not a Kinesis one: remove it from the Kinesis spec (the topic comes from "
            + "ioConfig.stream or --topic, the brokers and credentials from --bootstrap-servers and the role)."
        );
      }
      if ("awsAssumedRoleArn".equals(name) || "awsExternalId".equals(name)) {
        continue;
      }
      if (value.isNull()) {
        changes.add(new Change(Change.Kind.DROPPED, from, null, "null, i.e. unset: Druid applies its default"));
      } else if ("type".equals(name)) {
        kafka.put("type", "kafka");
        changes.add(new Change(Change.Kind.CHANGED, from, to, value.asText() + " -> kafka"));
      } else if ("stream".equals(name)) {
        kafka.put("topic", topic);
        changes.add(new Change(
            Change.Kind.MAPPED, from, "$.spec.ioConfig.topic",
            topicOverride == null ? "'" + topic + "': the topic has the stream's name (--topic to choose another)"
                                  : value.asText() + " -> " + topic + " (--topic)"
        ));
        kafka.set(SupervisorSpec.CONSUMER_PROPERTIES, consumerProperties(kinesis, path, region, changes));
      } else if ("useEarliestSequenceNumber".equals(name)) {
        kafka.set("useEarliestOffset", value);
        changes.add(new Change(
            Change.Kind.MAPPED, from, "$.spec.ioConfig.useEarliestOffset",
            value + ": read from the oldest retained record (true) or the newest (false) when the supervisor first "
            + "runs; later runs resume from the offsets Druid stored"
        ));
      } else if ("inputFormat".equals(name)) {
        kafka.set("inputFormat", InputFormatMapping.toKafka(value, from, changes));
      } else if (KinesisOnlyFields.IO_CONFIG.containsKey(name)) {
        changes.add(new Change(Change.Kind.DROPPED, from, null, KinesisOnlyFields.IO_CONFIG.get(name)));
      } else {
        kafka.set(name, value.deepCopy());
        if ("autoScalerConfig".equals(name)) {
          changes.add(new Change(
              Change.Kind.REVIEW, from, to,
              "kept, but a Kinesis supervisor's lag is in milliseconds behind the stream and a Kafka supervisor's in "
              + "records: re-derive the lag thresholds (scaleOutThreshold, scaleInThreshold) in records"
          ));
        }
      }
    }
    return kafka;
  }

  private ObjectNode consumerProperties(JsonNode kinesis, String path, String region, List<Change> changes)
  {
    final ObjectNode properties = JsonNodeFactory.instance.objectNode();
    final JsonPath to = KAFKA_IO_CONFIG.key(SupervisorSpec.CONSUMER_PROPERTIES);
    properties.put(SupervisorSpec.BOOTSTRAP_SERVERS, bootstrapServers);
    changes.add(new Change(
        Change.Kind.ADDED, null, to.key(SupervisorSpec.BOOTSTRAP_SERVERS).toString(),
        bootstrapServers + " (--bootstrap-servers): a Kinesis endpoint says nothing about the MSK brokers"
    ));
    final ObjectNode provider = properties.putObject(SupervisorSpec.PROVIDER).put("type", MskIamOptions.TYPE);
    final JsonPath providerPath = to.key(SupervisorSpec.PROVIDER);
    final JsonNode roleArn = kinesis.path("awsAssumedRoleArn");
    final JsonNode externalId = kinesis.path("awsExternalId");
    if (!roleArn.isTextual()) {
      changes.add(new Change(
          Change.Kind.ADDED, null, providerPath.toString(),
          "aws-msk-iam without a role: the consumers sign with the node's default AWS credentials, as the Kinesis "
          + "client did without awsAssumedRoleArn"
      ));
      if (externalId.isTextual()) {
        changes.add(new Change(Change.Kind.DROPPED, path + ".awsExternalId", null,
                               "without awsAssumedRoleArn there is no role to present it to (Kinesis ignored it too)"));
      }
      return properties;
    }
    provider.put(MskIamOptions.ROLE_ARN, roleArn(roleArn.asText(), path));
    changes.add(new Change(
        Change.Kind.MAPPED, path + ".awsAssumedRoleArn", providerPath.key(MskIamOptions.ROLE_ARN).toString(),
        "the role is assumed by the aws-msk-iam provider; it now needs MSK permissions instead of Kinesis ones: "
        + "print them with `druid-msk policy --spec <converted spec> --cluster-arn <MSK cluster ARN>`"
    ));
    if (externalId.isTextual()) {
      provider.put(MskIamOptions.EXTERNAL_ID, externalId.asText());
      changes.add(new Change(Change.Kind.MAPPED, path + ".awsExternalId",
                             providerPath.key(MskIamOptions.EXTERNAL_ID).toString(),
                             "the external ID the role's trust policy requires (value not shown)"));
    }
    if (region != null) {
      provider.put(MskIamOptions.STS_REGION, region);
      changes.add(new Change(
          Change.Kind.ADDED, null, providerPath.key(MskIamOptions.STS_REGION).toString(),
          region + ": the Kinesis stream's region, so the role is assumed through that regional STS endpoint"
      ));
    } else {
      changes.add(new Change(
          Change.Kind.REVIEW, null, providerPath.key(MskIamOptions.STS_REGION).toString(),
          "not set: the spec names no Kinesis region, so the role is assumed through the global STS endpoint "
          + "(aws-global); set stsRegion to the Druid nodes' region for a regional one"
      ));
    }
    return properties;
  }

  private static String roleArn(String arn, String path)
  {
    if (!ROLE_ARN.matcher(arn).matches()) {
      throw new MigrationException(
          path + ".awsAssumedRoleArn is not an IAM role ARN: write it as arn:<partition>:iam::<12-digit account>:"
          + "role/[<path>/]<name>, e.g. " + EXAMPLE_ARN + "."
      );
    }
    return arn;
  }

  /** The stream's region, from `region` or the endpoint's host name, or null when the spec leaves both unset. */
  private static String region(JsonNode ioConfig, String path)
  {
    if (ioConfig.path("region").isTextual()) {
      final String region = ioConfig.get("region").asText();
      if (!REGION.matcher(region).matches()) {
        throw new MigrationException(path + ".region '" + region + "' is not an AWS region: write it like us-east-1.");
      }
      return region;
    }
    if (ioConfig.path("endpoint").isTextual()) {
      final Matcher matcher = ENDPOINT_REGION.matcher(ioConfig.get("endpoint").asText());
      return matcher.find() ? matcher.group(1) : null;
    }
    return null;
  }

  private static ObjectNode tuningConfig(JsonNode kinesis, String path, List<Change> changes)
  {
    final ObjectNode kafka = JsonNodeFactory.instance.objectNode().put("type", "kafka");
    changes.add(new Change(Change.Kind.CHANGED, path + ".type", "$.spec.tuningConfig.type",
                           kinesis.path("type").asText("unset") + " -> kafka"));
    for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) kinesis::fields) {
      final String name = field.getKey();
      final String from = path + "." + name;
      if ("type".equals(name)) {
        continue;
      }
      if (field.getValue().isNull()) {
        changes.add(new Change(Change.Kind.DROPPED, from, null, "null, i.e. unset: Druid applies its default"));
      } else if (KinesisOnlyFields.TUNING_CONFIG.containsKey(name)) {
        changes.add(new Change(Change.Kind.DROPPED, from, null, KinesisOnlyFields.TUNING_CONFIG.get(name)));
      } else {
        kafka.set(name, field.getValue().deepCopy());
      }
    }
    return kafka;
  }

  /** Fields beside type and spec: Druid's flat copies, the supervisor ID, context and suspended. */
  private void topLevel(JsonNode kinesis, boolean wrapped, ObjectNode kafka, List<Change> changes)
  {
    for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) kinesis::fields) {
      final String name = field.getKey();
      final String from = "$." + name;
      final boolean section = SupervisorSpec.DATA_SCHEMA.equals(name) || SupervisorSpec.IO_CONFIG.equals(name)
                              || SupervisorSpec.TUNING_CONFIG.equals(name);
      if ("type".equals(name) || SupervisorSpec.SPEC.equals(name)) {
        continue;
      }
      if (section && wrapped) {
        changes.add(new Change(Change.Kind.DROPPED, from, null,
                               "Druid's flat copy of $.spec." + name + ", returned by its API; " + SECTIONS_NOTE));
      } else if (section) {
        changes.add(new Change(Change.Kind.MAPPED, from, "$.spec." + name, "Druid's older flat layout; " + SECTIONS_NOTE));
      } else if ("id".equals(name)) {
        changes.add(new Change(Change.Kind.DROPPED, from, null,
                               "the Kinesis supervisor's ID; the Kafka supervisor's ID is its datasource, "
                               + targetDataSource));
      } else if (field.getValue().isNull()) {
        changes.add(new Change(Change.Kind.DROPPED, from, null, "null, i.e. unset: Druid applies its default"));
      } else {
        kafka.set(name, field.getValue().deepCopy());
      }
    }
  }
}
