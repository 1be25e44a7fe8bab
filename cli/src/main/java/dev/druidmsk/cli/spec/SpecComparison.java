package dev.druidmsk.cli.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.druidmsk.cli.common.Json;
import dev.druidmsk.cli.common.Redactor;
import dev.druidmsk.cli.input.SecretFields;
import dev.druidmsk.templates.spec.SupervisorSpec;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Compares a local spec with the live one semantically. The rule (also in `spec diff --help`):
 * <ol>
 *   <li>both sides are normalised: key order, numbers (1 = 1.0), null fields (= absent), a string dimension
 *   ("x" = {"type": "string", "name": "x"}), granularity names (case), ISO durations of *Duration, *Period, *Delay
 *   and *Timeout fields (PT1H = PT3600S, as Druid echoes them), and ioConfig's "type" (Druid's echo leaves it out;
 *   the spec's own "type" is still compared);</li>
 *   <li>the live spec is cut down to the keys the local spec sets, recursively: what Druid adds (defaults, `context`,
 *   the flat copies of dataSchema/ioConfig/tuningConfig) is ignored, what the local spec sets must match.</li>
 * </ol>
 * Secret values are compared but shown masked.
 */
final class SpecComparison
{
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> GRANULARITY_FIELDS = Set.of("segmentGranularity", "queryGranularity");
  private static final Pattern DURATION_FIELD = Pattern.compile(".*(Duration|Period|Delay|Timeout)");
  private static final String DIFFERING_SECRET = Redactor.MASK + " (differs)";

  private final JsonNode local;
  private final JsonNode live;

  private SpecComparison(JsonNode local, JsonNode live)
  {
    this.local = local;
    this.live = live;
  }

  /** Compares with the live spec; a null live spec (no such supervisor) differs from everything. */
  static SpecComparison of(JsonNode local, JsonNode live)
  {
    final JsonNode normalLocal = normalise(local, "", "");
    if (live == null) {
      return new SpecComparison(normalLocal, NODES.missingNode());
    }
    return new SpecComparison(normalLocal, project(normalise(live, "", ""), normalLocal));
  }

  boolean same()
  {
    return local.equals(live);
  }

  /** What submitting the local spec would change on the live one, as a unified diff (empty when the same). */
  String diff(String liveLabel, String localLabel)
  {
    final JsonNode shownLive = live.deepCopy();
    final JsonNode shownLocal = local.deepCopy();
    maskSecrets(shownLocal, shownLive);
    return UnifiedDiff.of(lines(shownLive), lines(shownLocal), liveLabel, localLabel);
  }

  private static List<String> lines(JsonNode node)
  {
    if (node.isMissingNode()) {
      return List.of();
    }
    return List.of(Json.pretty(node).split("\n"));
  }

  private static JsonNode normalise(JsonNode node, String fieldName, String parentName)
  {
    if (node.isObject()) {
      final TreeMap<String, JsonNode> sorted = new TreeMap<>();
      final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        final Map.Entry<String, JsonNode> field = fields.next();
        if (!field.getValue().isNull() && !(SupervisorSpec.IO_CONFIG.equals(fieldName) && "type".equals(field.getKey()))) {
          sorted.put(field.getKey(), normalise(field.getValue(), field.getKey(), fieldName));
        }
      }
      final ObjectNode object = NODES.objectNode();
      object.setAll(sorted);
      return object;
    }
    if (node.isArray()) {
      final boolean dimensions = "dimensions".equals(fieldName) && "dimensionsSpec".equals(parentName);
      final ArrayNode array = NODES.arrayNode();
      for (JsonNode element : node) {
        array.add(dimensions && element.isTextual() ? stringDimension(element.asText()) : normalise(element, "", fieldName));
      }
      return array;
    }
    if (node.isNumber()) {
      return number(node.decimalValue());
    }
    if (node.isTextual() && GRANULARITY_FIELDS.contains(fieldName)) {
      return TextNode.valueOf(node.asText().toUpperCase(Locale.ROOT));
    }
    if (node.isTextual() && DURATION_FIELD.matcher(fieldName).matches()) {
      return isoDuration(node);
    }
    return node;
  }

  /** The canonical form of an ISO-8601 duration (PT3600S becomes PT1H); anything else unchanged. */
  private static JsonNode isoDuration(JsonNode node)
  {
    try {
      return TextNode.valueOf(Duration.parse(node.asText()).toString());
    }
    catch (DateTimeParseException notADuration) {
      return node;
    }
  }

  private static JsonNode stringDimension(String name)
  {
    final ObjectNode dimension = NODES.objectNode();
    dimension.put("name", name);
    dimension.put("type", "string");
    return dimension;
  }

  private static JsonNode number(BigDecimal value)
  {
    final BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() <= 0) {
      return NODES.numberNode(stripped.toBigIntegerExact());
    }
    return NODES.numberNode(stripped);
  }

  /** The live node cut down to what the local node sets. */
  private static JsonNode project(JsonNode live, JsonNode local)
  {
    if (live.isObject() && local.isObject()) {
      final ObjectNode projected = NODES.objectNode();
      local.fieldNames().forEachRemaining(name -> {
        if (live.has(name)) {
          projected.set(name, project(live.get(name), local.get(name)));
        }
      });
      return projected;
    }
    if (live.isArray() && local.isArray()) {
      final ArrayNode projected = NODES.arrayNode();
      for (int i = 0; i < live.size(); i++) {
        projected.add(i < local.size() ? project(live.get(i), local.get(i)) : live.get(i));
      }
      return projected;
    }
    return live;
  }

  /** Masks secrets pairwise (so that a changed secret still shows as changed), then any left on either side. */
  private static void maskSecrets(JsonNode local, JsonNode live)
  {
    maskPairs(local, live);
    maskRemaining(local);
    maskRemaining(live);
  }

  private static void maskPairs(JsonNode local, JsonNode live)
  {
    if (local.isObject() && live.isObject()) {
      final List<String> names = new ArrayList<>();
      local.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        final JsonNode localValue = local.get(name);
        final JsonNode liveValue = live.get(name);
        if (liveValue == null) {
          continue;
        }
        if (SecretFields.isSecret(name) && localValue.isValueNode()) {
          ((ObjectNode) live).put(name, liveValue.equals(localValue) ? Redactor.MASK : DIFFERING_SECRET);
          ((ObjectNode) local).put(name, Redactor.MASK);
        } else {
          maskPairs(localValue, liveValue);
        }
      }
    } else if (local.isArray() && live.isArray()) {
      for (int i = 0; i < Math.min(local.size(), live.size()); i++) {
        maskPairs(local.get(i), live.get(i));
      }
    }
  }

  private static void maskRemaining(JsonNode node)
  {
    if (node.isObject()) {
      final List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        final JsonNode value = node.get(name);
        if (SecretFields.isSecret(name) && value.isValueNode() && !DIFFERING_SECRET.equals(value.asText())) {
          ((ObjectNode) node).put(name, Redactor.MASK);
        } else {
          maskRemaining(value);
        }
      }
    } else if (node.isArray()) {
      node.forEach(SpecComparison::maskRemaining);
    }
  }
}
