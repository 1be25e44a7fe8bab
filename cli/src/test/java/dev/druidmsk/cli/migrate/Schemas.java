package dev.druidmsk.cli.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The dataSchema of a Kafka supervisor as Druid returns it: the API-telemetry template's, rendered hourly. */
final class Schemas
{
  static final ObjectMapper JSON = new ObjectMapper();

  private Schemas()
  {
  }

  static JsonNode telemetry()
  {
    return parse(
        "{\"dataSource\":\"api_requests\",\"timestampSpec\":{\"column\":\"timestamp\",\"format\":\"iso\"},"
        + "\"dimensionsSpec\":{\"dimensions\":[\"service\",\"route\",{\"type\":\"long\",\"name\":\"status\"}]},"
        + "\"metricsSpec\":[{\"type\":\"count\",\"name\":\"requests\"},"
        + "{\"type\":\"longSum\",\"name\":\"latency_ms_sum\",\"fieldName\":\"latency_ms\"},"
        + "{\"type\":\"longMax\",\"name\":\"latency_ms_max\",\"fieldName\":\"latency_ms\"},"
        + "{\"type\":\"quantilesDoublesSketch\",\"name\":\"latency_ms_sketch\",\"fieldName\":\"latency_ms\",\"k\":128},"
        + "{\"type\":\"HLLSketchBuild\",\"name\":\"consumers\",\"fieldName\":\"consumer\",\"lgK\":12}],"
        + "\"granularitySpec\":{\"type\":\"uniform\",\"segmentGranularity\":\"HOUR\",\"queryGranularity\":\"MINUTE\","
        + "\"rollup\":true}}"
    );
  }

  static JsonNode parse(String json)
  {
    try {
      return JSON.readTree(json);
    }
    catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
