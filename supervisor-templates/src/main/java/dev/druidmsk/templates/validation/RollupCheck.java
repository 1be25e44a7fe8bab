package dev.druidmsk.templates.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.druidmsk.templates.spec.JsonPath;
import dev.druidmsk.templates.spec.SupervisorSpec;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Rollup settings Druid accepts but that lose data or do nothing. */
final class RollupCheck
{
  private RollupCheck()
  {
  }

  static void check(SupervisorSpec spec, List<Problem> problems)
  {
    final JsonNode dataSchema = spec.dataSchema();
    final JsonPath schemaPath = spec.sectionPath(SupervisorSpec.DATA_SCHEMA);
    final JsonNode granularity = dataSchema.path("granularitySpec");
    final JsonNode metrics = dataSchema.path("metricsSpec");
    // Druid's default is rollup on.
    if (granularity.path("rollup").asBoolean(true)) {
      checkRollup(granularity, metrics, schemaPath, problems);
    }
    final Set<String> dimensions = dimensionNames(dataSchema.path("dimensionsSpec").path("dimensions"));
    for (int i = 0; i < metrics.size(); i++) {
      final String input = metrics.get(i).path("fieldName").asText("");
      if (dimensions.contains(input)) {
        problems.add(new Problem(
            Severity.WARNING,
            schemaPath.key("metricsSpec").index(i).key("fieldName").toString(),
            "'" + input + "' is both a dimension and the input of a metric: every distinct value becomes its own "
            + "row, so the metric aggregates nothing",
            "remove '" + input + "' from dimensionsSpec.dimensions, or aggregate another field"
        ));
      }
    }
  }

  private static void checkRollup(JsonNode granularity, JsonNode metrics, JsonPath schemaPath, List<Problem> problems)
  {
    final JsonPath rollupPath = schemaPath.key("granularitySpec").key("rollup");
    final boolean counts = metrics.findValuesAsText("type").contains("count");
    if (!counts) {
      problems.add(new Problem(
          Severity.WARNING,
          schemaPath.key("metricsSpec").toString(),
          "rollup is on but no metric has type count, so how many events each row stands for is lost"
          + (metrics.size() == 0 ? " (and with no metrics at all, rows only remember that a combination occurred)"
                                 : ""),
          "add {\"type\": \"count\", \"name\": \"count\"} to metricsSpec, or set " + rollupPath + " to false"
      ));
    }
    final String queryGranularity = granularity.path("queryGranularity").asText("none").toLowerCase(Locale.ROOT);
    if ("none".equals(queryGranularity)) {
      problems.add(new Problem(
          Severity.WARNING,
          schemaPath.key("granularitySpec").key("queryGranularity").toString(),
          "rollup is on with queryGranularity none, so only events with the same millisecond are merged",
          "set queryGranularity to the bucket to aggregate by (minute, hour...), or set " + rollupPath + " to false"
      ));
    }
  }

  private static Set<String> dimensionNames(JsonNode dimensions)
  {
    final Set<String> names = new HashSet<>();
    for (JsonNode dimension : dimensions) {
      names.add(dimension.isTextual() ? dimension.asText() : dimension.path("name").asText());
    }
    return names;
  }
}
