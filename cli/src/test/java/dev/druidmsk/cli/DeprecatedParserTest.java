package dev.druidmsk.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** spec validate on a spec written the old way, as Druid's own tutorial Kafka spec still is: valid, with a warning. */
class DeprecatedParserTest
{
  @TempDir
  Path dir;

  @Test
  void aSpecWithDataSchemaParserIsValidWithAWarningShowingTheInputFormatEquivalent()
  {
    final ObjectNode spec = Specs.apiTelemetry();
    final ObjectNode dataSchema = (ObjectNode) spec.get("spec").get("dataSchema");
    final ObjectNode parseSpec = dataSchema.putObject("parser").put("type", "string").putObject("parseSpec");
    parseSpec.put("format", "json");
    parseSpec.set("timestampSpec", dataSchema.remove("timestampSpec"));
    parseSpec.set("dimensionsSpec", dataSchema.remove("dimensionsSpec"));
    Specs.ioConfig(spec).remove("inputFormat");

    final Cli.Result result = new Cli().run("spec", "validate", Specs.write(dir, "spec.json", spec).toString());

    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(result.err).contains("WARNING at $.spec.dataSchema.parser: dataSchema.parser is deprecated")
                          .contains("\"ioConfig\": {\"inputFormat\": {\"type\":\"json\"}}");
    assertThat(result.out).isEqualTo("valid\n");
  }
}
