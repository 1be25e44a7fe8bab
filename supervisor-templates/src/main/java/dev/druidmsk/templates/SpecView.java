package dev.druidmsk.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * A supervisor spec as the checks read it: the parts of {@code spec} (or of the top level, Druid's older layout),
 * each with its JSON path, and the spec as Druid wrote it back after parsing (missing when Druid rejected it).
 */
final class SpecView
{
  static final String CONSUMER_PROPERTIES = "consumerProperties";
  static final String PROVIDER = "druid.dynamic.config.provider";

  final JsonNode root;
  final JsonNode canonical;
  private final boolean nested;

  SpecView(JsonNode root, JsonNode canonical)
  {
    this.root = root;
    this.canonical = canonical == null ? MissingNode.getInstance() : canonical;
    this.nested = root.path("spec").isObject();
  }

  String type()
  {
    return root.path("type").asText("");
  }

  /** dataSchema, ioConfig or tuningConfig. */
  JsonNode section(String name)
  {
    return nested ? root.path("spec").path(name) : root.path(name);
  }

  JsonNode canonicalSection(String name)
  {
    return canonical.path("spec").path(name);
  }

  JsonPath sectionPath(String name)
  {
    return nested ? JsonPath.ROOT.key("spec").key(name) : JsonPath.ROOT.key(name);
  }

  JsonNode consumerProperties()
  {
    return section("ioConfig").path(CONSUMER_PROPERTIES);
  }

  JsonPath consumerPropertiesPath()
  {
    return sectionPath("ioConfig").key(CONSUMER_PROPERTIES);
  }

  JsonNode provider()
  {
    return consumerProperties().path(PROVIDER);
  }

  JsonPath providerPath()
  {
    return consumerPropertiesPath().key(PROVIDER);
  }
}
