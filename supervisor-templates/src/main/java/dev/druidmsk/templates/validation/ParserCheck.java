package dev.druidmsk.templates.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.templates.spec.Json;
import dev.druidmsk.templates.spec.SupervisorSpec;

import java.util.List;
import java.util.Map;

/**
 * {@code dataSchema.parser}, the deprecated way to say how records are parsed (Druid's own tutorial Kafka spec still
 * uses it): a warning that shows the {@code inputFormat} equivalent, so the spec can be moved over by copying it.
 */
final class ParserCheck
{
  /** parseSpec fields whose inputFormat field has another name. */
  private static final Map<String, String> RENAMED = Map.of("hasHeaderRow", "findColumnsFromHeader");
  /** parseSpec fields that move to dataSchema, or that inputFormat has no use for. */
  private static final List<String> NOT_FORMAT = List.of("format", "timestampSpec", "dimensionsSpec");

  private ParserCheck()
  {
  }

  static void check(SupervisorSpec spec, List<Problem> problems)
  {
    final JsonNode parser = spec.dataSchema().path("parser");
    if (parser.isMissingNode() || parser.isNull()) {
      return;
    }
    final JsonNode parseSpec = parser.path("parseSpec");
    problems.add(new Problem(
        Severity.WARNING,
        spec.sectionPath(SupervisorSpec.DATA_SCHEMA).key("parser").toString(),
        "dataSchema.parser is deprecated: Druid reads records with ioConfig.inputFormat, and parser support may be "
        + "removed in a later release",
        parseSpec.path("format").isTextual()
        ? "remove dataSchema.parser and write its equivalent: " + equivalent(parseSpec)
        : "remove dataSchema.parser and describe the records with ioConfig.inputFormat, e.g. "
          + "\"inputFormat\": {\"type\": \"json\"}, and dataSchema.timestampSpec and dataSchema.dimensionsSpec"
    ));
  }

  /** The parseSpec as dataSchema's timestampSpec and dimensionsSpec plus ioConfig's inputFormat, as compact JSON. */
  private static String equivalent(JsonNode parseSpec)
  {
    final ObjectNode inputFormat = Json.MAPPER.createObjectNode().put("type", parseSpec.get("format").asText());
    parseSpec.fields().forEachRemaining(field -> {
      if (!NOT_FORMAT.contains(field.getKey())) {
        inputFormat.set(RENAMED.getOrDefault(field.getKey(), field.getKey()), field.getValue().deepCopy());
      }
    });
    final ObjectNode dataSchema = Json.MAPPER.createObjectNode();
    for (String moved : List.of("timestampSpec", "dimensionsSpec")) {
      if (parseSpec.has(moved)) {
        dataSchema.set(moved, parseSpec.get(moved).deepCopy());
      }
    }
    final String format = "\"ioConfig\": {\"inputFormat\": " + inputFormat + "}";
    return dataSchema.isEmpty() ? format : "\"dataSchema\": " + dataSchema + " and " + format;
  }
}
