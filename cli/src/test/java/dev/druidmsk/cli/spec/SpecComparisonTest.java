package dev.druidmsk.cli.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SpecComparisonTest
{
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode json(String text) throws Exception
  {
    return MAPPER.readTree(text.replace('\'', '"'));
  }

  private static SpecComparison compare(String local, String live) throws Exception
  {
    return SpecComparison.of(json(local), json(live));
  }

  @Test
  void keyOrderDoesNotCount() throws Exception
  {
    assertThat(compare("{'a': 1, 'b': {'c': 2, 'd': 3}}", "{'b': {'d': 3, 'c': 2}, 'a': 1}").same()).isTrue();
  }

  @Test
  void keysOnlyTheLiveSpecHasAreIgnored() throws Exception
  {
    assertThat(compare("{'a': 1}", "{'a': 1, 'context': null, 'tuning': {'maxRowsInMemory': 150000}}").same()).isTrue();
  }

  @Test
  void aKeyTheLocalSpecSetsMustBeLive() throws Exception
  {
    assertThat(compare("{'a': 1, 'b': 2}", "{'a': 1}").same()).isFalse();
  }

  @Test
  void numbersCompareByValue() throws Exception
  {
    assertThat(compare("{'ratio': 1, 'rate': 0.50}", "{'ratio': 1.0, 'rate': 0.5}").same()).isTrue();
  }

  @Test
  void aNullFieldEqualsAnAbsentOne() throws Exception
  {
    assertThat(compare("{'a': 1, 'missingValue': null}", "{'a': 1}").same()).isTrue();
  }

  @Test
  void aStringDimensionEqualsDruidsObjectForm() throws Exception
  {
    assertThat(compare(
        "{'dimensionsSpec': {'dimensions': ['service']}}",
        "{'dimensionsSpec': {'dimensions': [{'type': 'string', 'name': 'service', 'createBitmapIndex': true}]}}"
    ).same()).isTrue();
  }

  @Test
  void granularityNamesIgnoreCase() throws Exception
  {
    assertThat(compare("{'segmentGranularity': 'hour'}", "{'segmentGranularity': 'HOUR'}").same()).isTrue();
  }

  @Test
  void durationsCompareByLengthAsDruidEchoesThemInSeconds() throws Exception
  {
    assertThat(compare("{'taskDuration': 'PT1H', 'period': 'PT30S'}", "{'taskDuration': 'PT3600S', 'period': 'PT30S'}")
                   .same()).isTrue();
    assertThat(compare("{'taskDuration': 'PT1H'}", "{'taskDuration': 'PT2H'}").same()).isFalse();
  }

  @Test
  void aTopicThatLooksLikeADurationIsComparedAsText() throws Exception
  {
    assertThat(compare("{'topic': 'PT1H'}", "{'topic': 'PT3600S'}").same()).isFalse();
  }

  @Test
  void ioConfigTypeLeftOutOfDruidsEchoIsNotADifference() throws Exception
  {
    assertThat(compare("{'type': 'kafka', 'spec': {'ioConfig': {'type': 'kafka', 'topic': 't'}}}",
                       "{'type': 'kafka', 'spec': {'ioConfig': {'topic': 't'}}}").same()).isTrue();
    assertThat(compare("{'type': 'kafka'}", "{'type': 'kinesis'}").same()).isFalse();
  }

  @Test
  void aChangedValueDiffersAndShowsInTheDiff() throws Exception
  {
    final SpecComparison comparison = compare("{'taskCount': 2, 'topic': 't'}", "{'taskCount': 1, 'topic': 't'}");
    assertThat(comparison.same()).isFalse();
    assertThat(comparison.diff("live", "local")).contains("-  \"taskCount\" : 1,\n+  \"taskCount\" : 2,");
  }

  @Test
  void anExtraLiveArrayElementDiffers() throws Exception
  {
    assertThat(compare("{'metrics': [{'name': 'a'}]}", "{'metrics': [{'name': 'a'}, {'name': 'b'}]}").same()).isFalse();
  }

  @Test
  void noLiveSpecDiffersAndShowsTheWholeLocalSpecAsAdded() throws Exception
  {
    final SpecComparison comparison = SpecComparison.of(json("{'a': 1}"), null);
    assertThat(comparison.same()).isFalse();
    assertThat(comparison.diff("live", "local")).contains("@@ -0,0 +1,3 @@\n+{\n+  \"a\" : 1\n+}");
  }

  @Test
  void anEqualSecretIsComparedButMasked() throws Exception
  {
    final SpecComparison comparison = compare(
        "{'externalId': 'ext-secret-1', 'topic': 'a'}",
        "{'externalId': 'ext-secret-1', 'topic': 'b'}"
    );
    assertThat(comparison.diff("live", "local")).doesNotContain("ext-secret-1").contains("\"externalId\" : \"******\"");
  }

  @Test
  void aChangedSecretShowsAsChangedWithoutItsValues() throws Exception
  {
    final SpecComparison comparison = compare("{'externalId': 'ext-new-value'}", "{'externalId': 'ext-old-value'}");
    assertThat(comparison.same()).isFalse();
    assertThat(comparison.diff("live", "local"))
        .contains("-  \"externalId\" : \"****** (differs)\"")
        .contains("+  \"externalId\" : \"******\"")
        .doesNotContain("ext-new-value")
        .doesNotContain("ext-old-value");
  }

  @Test
  void passwordsAndJaasStringsAreMaskedToo() throws Exception
  {
    final String diff = SpecComparison.of(
        json("{'ssl.truststore.password': 'tsPass123', 'sasl.jaas.config': 'x required password=\\'p4ss\\';'}"),
        null
    ).diff("live", "local");
    assertThat(diff).doesNotContain("tsPass123").doesNotContain("p4ss");
  }
}
