package dev.druidmsk.cli.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReindexTaskTest
{
  private static final TimeInterval BEFORE_X = TimeInterval.parse("2026-11-18T00:00:00Z/2026-11-20T10:00:00Z");

  private static JsonNode task()
  {
    return ReindexTask.of("api_kinesis", "api_requests", Schemas.telemetry(), BEFORE_X, 2, 1).json();
  }

  @Test
  void readsTheSourceThroughTheDruidInputSourceOverTheIntervalOnly()
  {
    final JsonNode io = task().at("/spec/ioConfig");
    assertThat(io.at("/inputSource/type").asText()).isEqualTo("druid");
    assertThat(io.at("/inputSource/dataSource").asText()).isEqualTo("api_kinesis");
    assertThat(io.at("/inputSource/interval").asText()).isEqualTo("2026-11-18T00:00:00Z/2026-11-20T10:00:00Z");
  }

  @Test
  void replacesTheTargetsSegmentsOfTheIntervalAndNothingElse()
  {
    final JsonNode task = task();
    assertThat(task.at("/spec/ioConfig/appendToExisting").asBoolean(true)).isFalse();
    assertThat(task.at("/spec/ioConfig/dropExisting").asBoolean()).isTrue();
    assertThat(task.at("/spec/dataSchema/dataSource").asText()).isEqualTo("api_requests");
    assertThat(task.at("/spec/dataSchema/granularitySpec/intervals").toString())
        .isEqualTo("[\"2026-11-18T00:00:00Z/2026-11-20T10:00:00Z\"]");
    assertThat(task.at("/spec/dataSchema/granularitySpec/segmentGranularity").asText()).isEqualTo("HOUR");
    assertThat(task.at("/spec/dataSchema/granularitySpec/queryGranularity").asText()).isEqualTo("MINUTE");
  }

  @Test
  void keepsTheTargetsDimensionsAndReadsTimeFromTheSourceRows()
  {
    final JsonNode schema = task().at("/spec/dataSchema");
    assertThat(schema.at("/dimensionsSpec")).isEqualTo(Schemas.telemetry().at("/dimensionsSpec"));
    assertThat(schema.at("/timestampSpec/column").asText()).isEqualTo("__time");
    assertThat(schema.at("/timestampSpec/format").asText()).isEqualTo("millis");
  }

  @Test
  void metricsCombineRolledUpRowsInsteadOfCountingThem()
  {
    final JsonNode metrics = task().at("/spec/dataSchema/metricsSpec");
    assertThat(metrics.get(0).toString()).isEqualTo("{\"type\":\"longSum\",\"name\":\"requests\",\"fieldName\":\"requests\"}");
    assertThat(metrics.get(1).path("fieldName").asText()).isEqualTo("latency_ms_sum");
    assertThat(metrics.get(2).path("type").asText()).isEqualTo("longMax");
    assertThat(metrics.get(3).path("fieldName").asText()).isEqualTo("latency_ms_sketch");
    assertThat(metrics.get(3).path("k").asInt()).isEqualTo(128);
    assertThat(metrics.get(4).path("type").asText()).isEqualTo("HLLSketchMerge");
    assertThat(metrics.get(4).path("fieldName").asText()).isEqualTo("consumers");
    assertThat(metrics.get(4).path("lgK").asInt()).isEqualTo(12);
  }

  @Test
  void anAggregatorThatCannotCombineIsRefusedByName()
  {
    final JsonNode schema = Schemas.parse(
        "{\"metricsSpec\":[{\"type\":\"stringFirst\",\"name\":\"first_route\",\"fieldName\":\"route\"}],"
        + "\"granularitySpec\":{\"segmentGranularity\":\"HOUR\"}}"
    );
    assertThatThrownBy(() -> ReindexTask.of("a", "b", schema, BEFORE_X, 1, 1))
        .hasMessageContaining("'first_route'")
        .hasMessageContaining("'stringFirst'");
  }

  @Test
  void theIdIsTheSameForTheSameTargetIntervalAndAttempt()
  {
    final ReindexTask first = ReindexTask.of("api_kinesis", "api_requests", Schemas.telemetry(), BEFORE_X, 1, 1);
    final ReindexTask again = ReindexTask.of("api_kinesis", "api_requests", Schemas.telemetry(), BEFORE_X, 4, 1);
    final ReindexTask retry = ReindexTask.of("api_kinesis", "api_requests", Schemas.telemetry(), BEFORE_X, 1, 2);

    assertThat(again.id()).isEqualTo(first.id());
    assertThat(first.json().path("id").asText()).isEqualTo(first.id());
    assertThat(retry.id()).isNotEqualTo(first.id()).endsWith("_2");
  }

  @Test
  void theTaskCarriesTheBackfillMarkerInItsContext()
  {
    assertThat(task().at("/context/" + ReindexTask.CONTEXT_MARKER).asText())
        .isEqualTo("api_kinesis -> api_requests 2026-11-18T00:00:00Z/2026-11-20T10:00:00Z");
  }
}
