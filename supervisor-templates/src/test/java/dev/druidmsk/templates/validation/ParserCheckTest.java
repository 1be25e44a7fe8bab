package dev.druidmsk.templates.validation;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ParserCheckTest
{
  private static List<Problem> check(String dataSchema)
  {
    final List<Problem> problems = new ArrayList<>();
    ParserCheck.check(Specs.kafka("{}", dataSchema), problems);
    return problems;
  }

  /** The parser of Druid's own tutorial Kafka spec (wikipedia). */
  @Test
  void aJsonParserWarnsAndShowsTheInputFormatEquivalent()
  {
    assertThat(check("{'parser': {'type': 'string', 'parseSpec': {'format': 'json', "
                     + "'timestampSpec': {'column': 'time', 'format': 'auto'}, "
                     + "'dimensionsSpec': {'dimensions': ['channel', 'page']}}}}"))
        .singleElement()
        .satisfies(problem -> {
          assertThat(problem.severity()).isEqualTo(Severity.WARNING);
          assertThat(problem.jsonPath()).isEqualTo("$.spec.dataSchema.parser");
          assertThat(problem.message()).contains("dataSchema.parser is deprecated");
          assertThat(problem.fix()).isEqualTo(
              "remove dataSchema.parser and write its equivalent: \"dataSchema\": "
              + "{\"timestampSpec\":{\"column\":\"time\",\"format\":\"auto\"},"
              + "\"dimensionsSpec\":{\"dimensions\":[\"channel\",\"page\"]}} and "
              + "\"ioConfig\": {\"inputFormat\": {\"type\":\"json\"}}"
          );
        });
  }

  @Test
  void aCsvParseSpecKeepsItsColumnsAndRenamesHasHeaderRow()
  {
    assertThat(check("{'parser': {'type': 'string', 'parseSpec': {'format': 'csv', 'columns': ['ts', 'route'], "
                     + "'hasHeaderRow': false, 'timestampSpec': {'column': 'ts'}}}}"))
        .singleElement()
        .extracting(Problem::fix)
        .asString()
        .endsWith("\"ioConfig\": {\"inputFormat\": {\"type\":\"csv\",\"columns\":[\"ts\",\"route\"],"
                  + "\"findColumnsFromHeader\":false}}");
  }

  @Test
  void aParserWithoutAParseSpecFormatStillWarnsNamingInputFormat()
  {
    assertThat(check("{'parser': {'type': 'avro_stream'}}"))
        .singleElement()
        .extracting(Problem::fix)
        .asString()
        .contains("describe the records with ioConfig.inputFormat");
  }

  @Test
  void aSpecWithoutAParserHasNothingToMove()
  {
    assertThat(check("{'timestampSpec': {'column': 'ts'}}")).isEmpty();
  }
}
