package dev.druidmsk.cli.migrate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** A converted spec and the report of how it was made. */
record Conversion(
    String sourceDataSource,
    String stream,
    String targetDataSource,
    String topic,
    ObjectNode kafkaSpec,
    List<Change> changes
)
{
  Conversion
  {
    changes = List.copyOf(changes);
  }

  String reportText()
  {
    final StringBuilder text = new StringBuilder()
        .append("Kinesis supervisor '").append(sourceDataSource).append("' (stream ").append(stream)
        .append(") -> Kafka supervisor '").append(targetDataSource).append("' (topic ").append(topic).append("), ")
        .append(changes.size()).append(" changes; every other field is kept as it is:\n");
    for (Change change : changes) {
      text.append(change.toText()).append('\n');
    }
    return text.toString();
  }

  ObjectNode reportJson()
  {
    final ObjectNode report = JsonNodeFactory.instance.objectNode()
        .put("sourceDataSource", sourceDataSource)
        .put("stream", stream)
        .put("targetDataSource", targetDataSource)
        .put("topic", topic);
    final ArrayNode list = report.putArray("changes");
    changes.forEach(change -> change.writeTo(list.addObject()));
    return report;
  }
}
