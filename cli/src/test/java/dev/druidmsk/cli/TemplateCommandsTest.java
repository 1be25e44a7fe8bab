package dev.druidmsk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.cli.input.DruidHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** render, values and validate: the supervisor-templates library behind druid-msk's options. */
class TemplateCommandsTest
{
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String TEMPLATE = "msk-iam-api-telemetry";

  @TempDir
  Path dir;

  private Path values() throws Exception
  {
    return Files.writeString(
        dir.resolve("values.yaml"),
        "topic: api-telemetry\n"
        + "bootstrapServers: b-1.apitelemetry.x1y2z3.c2.kafka.eu-west-1.amazonaws.com:9098\n"
        + "roleArn: arn:aws:iam::123456789012:role/druid-msk-reader\n"
        + "stsRegion: eu-west-1\n"
    );
  }

  @Test
  void renderWritesTheSpecWithOverlaysAndSetsApplied() throws Exception
  {
    final Path overlay = Files.writeString(dir.resolve("prod.yaml"), "taskCount: 3\n");
    final Path out = dir.resolve("out/spec.json");
    final Cli.Result result = new Cli().run(
        "spec", "render", "-t", TEMPLATE, "-f", values().toString(), "-f", overlay.toString(),
        "--set", "replicas=2", "-o", out.toString()
    );
    assertThat(result.exitCode).as(result.toString()).isEqualTo(0);
    final JsonNode spec = MAPPER.readTree(out.toFile());
    assertThat(spec.at("/spec/ioConfig/taskCount").asInt()).isEqualTo(3);
    assertThat(spec.at("/spec/ioConfig/replicas").asInt()).isEqualTo(2);
    assertThat(spec.at("/spec/ioConfig/topic").asText()).isEqualTo("api-telemetry");
  }

  @Test
  void renderWithoutOutputPrintsTheSpec() throws Exception
  {
    final Cli.Result result = new Cli().run("spec", "render", "-t", TEMPLATE, "-f", values().toString());
    assertThat(MAPPER.readTree(result.out).path("type").asText()).isEqualTo("kafka");
  }

  @Test
  void aValueOfTheWrongTypeExitsTwoNamingItAndWritesNothing() throws Exception
  {
    final Path out = dir.resolve("spec.json");
    final Cli.Result result = new Cli().run(
        "spec", "render", "-t", TEMPLATE, "-f", values().toString(), "--set", "taskCount=two", "-o", out.toString()
    );
    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).contains("taskCount").contains("integer");
    assertThat(out).doesNotExist();
  }

  @Test
  void aSecretSetOnTheCommandLineIsNotEchoedByARenderError() throws Exception
  {
    final Cli.Result result = new Cli().run(
        "spec", "render", "-t", TEMPLATE, "-f", values().toString(), "--set", "externalId=" + Specs.EXTERNAL_ID,
        "--set", "noSuchVariable=1"
    );
    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.all()).doesNotContain(Specs.EXTERNAL_ID);
  }

  @Test
  void anUnknownTemplateExitsTwo()
  {
    final Cli.Result result = new Cli().run("spec", "render", "-t", "no-such-template");
    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).contains("no-such-template");
  }

  @Test
  void valuesListsTheBuiltInTemplates()
  {
    final Cli.Result result = new Cli().run("spec", "values");
    assertThat(result.out).contains("msk-iam-api-telemetry").contains("kafka-json-topic").contains("kinesis-json-stream");
  }

  @Test
  void valuesShowsEachVariableWithTypeAndDefault()
  {
    final Cli.Result result = new Cli().run("spec", "values", "-t", TEMPLATE);
    assertThat(result.exitCode).isEqualTo(0);
    assertThat(result.out).contains("  topic (string, required)").contains("  taskCount (integer, default 1)");
  }

  @Test
  void valuesJsonListsVariablesForScripts() throws Exception
  {
    final JsonNode json = MAPPER.readTree(new Cli().run("spec", "values", "-t", TEMPLATE, "--json").out);
    assertThat(json.get("template").asText()).isEqualTo(TEMPLATE);
    assertThat(json.get("variables")).anySatisfy(variable -> {
      assertThat(variable.get("name").asText()).isEqualTo("roleArn");
      assertThat(variable.get("required").asBoolean()).isTrue();
    });
  }

  @Test
  void aRenderedTemplateValidatesAgainstTheDefaultDruidHome() throws Exception
  {
    final Cli.Result result = new Cli().run("spec", "validate", "-t", TEMPLATE, "-f", values().toString());
    assertThat(result.exitCode).as(result.toString()).isEqualTo(0);
    assertThat(result.out).isEqualTo("valid\n");
  }

  @Test
  void anInvalidSpecExitsOneWithPathAndFix()
  {
    final ObjectNode spec = Specs.apiTelemetry();
    Specs.ioConfig(spec).put("taskDuration", "PT10S");
    final Cli.Result result = new Cli().run(
        "spec", "validate", "--spec", Specs.write(dir, "spec.json", spec).toString(), "--json"
    );
    assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
    assertThat(result.out).contains("\"valid\" : false").contains("$.spec.ioConfig.taskDuration");
  }

  @Test
  void aDruidHomeWithoutLibExitsTwoNamingTheLayout()
  {
    final Cli.Result result = new Cli().run(
        "spec", "validate", "--spec", Specs.write(dir, "spec.json", Specs.apiTelemetry()).toString(),
        "--druid-home", dir.toString()
    );
    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).contains("is not a Druid home: it must hold lib/ and extensions/");
  }

  @Test
  void aStockDruidHomeWithoutTheExtensionFailsAsTheClusterWould()
  {
    final Cli.Result result = new Cli().run(
        "spec", "validate", "--spec", Specs.write(dir, "spec.json", Specs.apiTelemetry()).toString(),
        "--druid-home", System.getProperty(DruidHome.STOCK_HOME_PROPERTY)
    );
    assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
    assertThat(result.err).contains("aws-msk-iam");
  }

  @Test
  void theEnvironmentsDruidHomeComesBeforeTheDistributionsAndIsUsedAsIs()
  {
    final Cli.Result result = new Cli()
        .env(DruidHome.ENV, System.getProperty(DruidHome.STOCK_HOME_PROPERTY))
        .run("spec", "validate", "--spec", Specs.write(dir, "spec.json", Specs.apiTelemetry()).toString());
    assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
    assertThat(result.err).contains("aws-msk-iam");
  }
}
