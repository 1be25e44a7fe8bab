package dev.druidmsk.cli.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Set;

/**
 * The target's metrics as a reindex must compute them from rows that are already rolled up: each aggregator reads
 * its own output column instead of the raw field, so a `count` becomes a `longSum` of the counts and a sketch built
 * from raw values becomes a merge of the stored sketches. Without this, rows reindexed from the source would count
 * Druid rows, not the events they stand for.
 */
final class CombiningAggregators
{
  /** Aggregators that combine their own output when given it as input: only fieldName changes. */
  private static final Set<String> SELF_COMBINING = Set.of(
      "longSum", "doubleSum", "floatSum", "longMin", "longMax", "doubleMin", "doubleMax", "floatMin", "floatMax",
      "quantilesDoublesSketch", "thetaSketch", "HLLSketchMerge", "hyperUnique"
  );
  /** Aggregators whose combining form has another type. */
  private static final Map<String, String> RENAMED = Map.of("count", "longSum", "HLLSketchBuild", "HLLSketchMerge");
  /** Input fields that name raw columns; the combining form reads the metric's own column instead. */
  private static final Set<String> INPUT_FIELDS = Set.of("fieldName", "fieldNames", "expression");

  private CombiningAggregators()
  {
  }

  static ArrayNode of(JsonNode metricsSpec)
  {
    final ArrayNode combining = JsonNodeFactory.instance.arrayNode();
    for (JsonNode aggregator : metricsSpec) {
      combining.add(combining(aggregator));
    }
    return combining;
  }

  private static ObjectNode combining(JsonNode aggregator)
  {
    final String type = aggregator.path("type").asText();
    final String name = aggregator.path("name").asText();
    if (!SELF_COMBINING.contains(type) && !RENAMED.containsKey(type)) {
      throw new IllegalArgumentException(
          "metric '" + name + "' has aggregator type '" + type + "', which druid-msk cannot reindex from rolled-up "
          + "rows; supported: count, " + String.join(", ", SELF_COMBINING) + ", HLLSketchBuild. Reindex it with your "
          + "own task, or drop the metric from the target's spec."
      );
    }
    final ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.put("type", RENAMED.getOrDefault(type, type));
    aggregator.fields().forEachRemaining(field -> {
      if (!"type".equals(field.getKey()) && !INPUT_FIELDS.contains(field.getKey())) {
        result.set(field.getKey(), field.getValue());
      }
    });
    result.put("fieldName", name);
    return result;
  }
}
