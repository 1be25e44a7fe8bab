package dev.druidmsk.cli.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * The ioConfig's inputFormat on Kafka. A plain format (json, csv, avro_stream...) parses a Kafka record's value as it
 * parsed a Kinesis record's data, so it is kept. The {@code kinesis} wrapper, which adds the record's arrival time
 * and partition key as columns, becomes the {@code kafka} wrapper, which adds the record's timestamp and key.
 */
final class InputFormatMapping
{
  /** The defaults of Druid's KinesisInputFormat. */
  static final String KINESIS_TIMESTAMP_COLUMN = "kinesis.timestamp";
  static final String KINESIS_PARTITION_KEY_COLUMN = "kinesis.partitionKey";

  private InputFormatMapping()
  {
  }

  static JsonNode toKafka(JsonNode format, String path, List<Change> changes)
  {
    if (!"kinesis".equals(format.path("type").asText())) {
      return format.deepCopy();
    }
    if (!format.path("valueFormat").isObject()) {
      throw new MigrationException(
          path + " is a kinesis input format without valueFormat, which Druid requires: set the format of the "
          + "records' data, e.g. \"valueFormat\": {\"type\": \"json\"}."
      );
    }
    final ObjectNode kafka = JsonNodeFactory.instance.objectNode().put("type", "kafka");
    changes.add(new Change(Change.Kind.CHANGED, path + ".type", null,
                           "kinesis -> kafka: the wrapper that adds a Kafka record's timestamp and key as columns"));
    kafka.set("valueFormat", format.get("valueFormat").deepCopy());

    final String timestampColumn = text(format, "timestampColumnName", KINESIS_TIMESTAMP_COLUMN);
    kafka.put("timestampColumnName", timestampColumn);
    changes.add(new Change(
        Change.Kind.MAPPED, path + ".timestampColumnName", path + ".timestampColumnName",
        "column '" + timestampColumn + "' kept under its name, but it now holds the Kafka record's timestamp (the "
        + "producer's CreateTime, or the broker's LogAppendTime if the topic is so configured) instead of Kinesis's "
        + "ApproximateArrivalTimestamp: the two differ by the double-writer's delay"
    ));

    final String keyColumn = text(format, "partitionKeyColumnName", KINESIS_PARTITION_KEY_COLUMN);
    // Druid reads only the first column of a key format and names it keyColumnName; a one-column tsv reads the key
    // as text, like a Kinesis partition key.
    final ObjectNode keyFormat = kafka.putObject("keyFormat").put("type", "tsv");
    keyFormat.putArray("columns").add(keyColumn);
    kafka.put("keyColumnName", keyColumn);
    changes.add(new Change(
        Change.Kind.MAPPED, path + ".partitionKeyColumnName", path + ".keyColumnName",
        "column '" + keyColumn + "' now holds the Kafka record key, read as text (keyFormat tsv): the same values "
        + "only if the double-writer uses the Kinesis partition key as the Kafka key; records without a key leave "
        + "it empty"
    ));

    for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) format::fields) {
      if (!kafka.has(field.getKey()) && !"partitionKeyColumnName".equals(field.getKey())) {
        // Not a KinesisInputFormat field: kept, so that validation names it.
        kafka.set(field.getKey(), field.getValue().deepCopy());
      }
    }
    changes.add(new Change(
        Change.Kind.REVIEW, null, path + ".topicColumnName",
        "not mapped: the kafka format also adds the column 'kafka.topic', which the Kinesis datasource never had; "
        + "with schema discovery it becomes a new dimension: list it in dataSchema.dimensionsSpec.dimensionExclusions "
        + "to keep both datasources' columns equal"
    ));
    changes.add(new Change(
        Change.Kind.REVIEW, null, path + ".headerFormat",
        "not mapped: Kinesis records have no headers, so Kafka record headers are left unread (no headerFormat)"
    ));
    return kafka;
  }

  private static String text(JsonNode node, String field, String fallback)
  {
    return node.path(field).isTextual() ? node.get(field).asText() : fallback;
  }
}
