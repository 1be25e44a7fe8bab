package dev.druidmsk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.cli.common.ExitCode;
import dev.druidmsk.cli.common.Redactor;
import dev.druidmsk.cli.migrate.KinesisFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** `druid-msk migrate convert` end to end in this JVM: files, a live supervisor, validation with Druid 33's classes. */
class MigrateConvertCommandTest
{
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String BROKERS = "b-1.api.x1y2z3.c2.kafka.eu-west-1.amazonaws.com:9098,"
                                        + "b-2.api.x1y2z3.c2.kafka.eu-west-1.amazonaws.com:9098";

  @RegisterExtension
  final OverlordStub overlord = OverlordStub.http();

  @TempDir
  Path dir;

  private static Cli.Result convert(String... options)
  {
    final List<String> args = new ArrayList<>(List.of(
        "migrate", "convert", "--bootstrap-servers", BROKERS, "--target-datasource", "api_requests_kafka"
    ));
    args.addAll(Arrays.asList(options));
    return new Cli().run(args.toArray(String[]::new));
  }

  private static Cli.Result convertFixture(String fixture, String... options)
  {
    final List<String> args = new ArrayList<>(List.of("--from-file", KinesisFixtures.path(fixture).toString()));
    args.addAll(Arrays.asList(options));
    return convert(args.toArray(String[]::new));
  }

  private static JsonNode json(String text) throws IOException
  {
    return MAPPER.readTree(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      KinesisFixtures.DOCS_EXAMPLE, KinesisFixtures.CROSS_ACCOUNT_TUNED, KinesisFixtures.KINESIS_INPUT_FORMAT,
      KinesisFixtures.FLAT_CSV, KinesisFixtures.MINIMAL
  })
  void everyDocumentedKinesisShapeConvertsToASpecDruidAccepts(String fixture)
  {
    final Cli.Result result = convertFixture(fixture);

    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(result.err).contains("Valid.").doesNotContain("ERROR");
  }

  @Test
  void convertedSpecIsWrittenToOutputAndPassesSpecValidate() throws IOException
  {
    final Path output = dir.resolve("api_requests_kafka.json");
    final Cli.Result result = convertFixture(KinesisFixtures.CROSS_ACCOUNT_TUNED, "-o", output.toString());

    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(json(Files.readString(output)).path("spec").path("ioConfig").path("topic").asText()).isEqualTo("api-requests");
    final Cli.Result validate = new Cli().run("spec", "validate", "--spec", output.toString());
    assertThat(validate.exitCode).as(validate.toString()).isZero();
  }

  @Test
  void outputFileIsPrivateToItsOwner() throws IOException
  {
    final Path output = dir.resolve("out.json");
    convertFixture(KinesisFixtures.CROSS_ACCOUNT_TUNED, "-o", output.toString());

    assertThat(Files.getPosixFilePermissions(output))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  }

  @Test
  void withoutOutputTheSpecGoesToStdoutAndTheReportToStderr() throws IOException
  {
    final Cli.Result result = convertFixture(KinesisFixtures.CROSS_ACCOUNT_TUNED);

    assertThat(json(result.out).path("type").asText()).isEqualTo("kafka");
    assertThat(result.err).contains("dropped  $.spec.tuningConfig.fetchThreads");
  }

  @Test
  void dryRunWritesNothing()
  {
    final Path output = dir.resolve("out.json");
    final Cli.Result result = convertFixture(KinesisFixtures.CROSS_ACCOUNT_TUNED, "-o", output.toString(), "--dry-run");

    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(output).doesNotExist();
    assertThat(result.out).contains("\"aws-msk-iam\"");
    assertThat(result.err).contains("Dry run: " + output + " not written.");
  }

  @Test
  void jsonReportListsEveryChangeAndTheValidation() throws IOException
  {
    final JsonNode report = json(convertFixture(KinesisFixtures.CROSS_ACCOUNT_TUNED, "--json").out);

    assertThat(report.path("validation").path("valid").asBoolean()).isTrue();
    assertThat(report.path("changes").findValuesAsText("from")).contains(
        "$.spec.ioConfig.stream", "$.spec.ioConfig.awsAssumedRoleArn", "$.spec.tuningConfig.recordBufferSizeBytes"
    );
    assertThat(report.path("spec").path("type").asText()).isEqualTo("kafka");
  }

  @Test
  void reportsNeverShowTheExternalId()
  {
    final Cli.Result text = convertFixture(KinesisFixtures.CROSS_ACCOUNT_TUNED, "-o", dir.resolve("a.json").toString());
    final Cli.Result json = convertFixture(KinesisFixtures.CROSS_ACCOUNT_TUNED, "--json");

    assertThat(text.all()).doesNotContain(KinesisFixtures.EXTERNAL_ID);
    assertThat(json.all()).doesNotContain(KinesisFixtures.EXTERNAL_ID).contains(Redactor.MASK);
  }

  @Test
  void unknownFieldIsRejectedNamingItAndNothingIsWritten() throws IOException
  {
    final ObjectNode kinesis = KinesisFixtures.load(KinesisFixtures.CROSS_ACCOUNT_TUNED);
    ((ObjectNode) kinesis.get("spec").get("tuningConfig")).put("maxRowsInMemroy", 1000);
    final Path output = dir.resolve("out.json");
    final Cli.Result result = convert("--from-file", Specs.write(dir, "kinesis.json", kinesis).toString(),
                                      "-o", output.toString());

    assertThat(result.exitCode).isEqualTo(ExitCode.ERROR);
    assertThat(result.err).contains("$.spec.tuningConfig.maxRowsInMemroy").contains("maxRowsInMemory")
                          .contains("nothing written");
    assertThat(output).doesNotExist();
  }

  @Test
  void bootstrapServersOnAnMskHostWithAPortWithoutIamAreRejected()
  {
    final Cli.Result result = new Cli().run(
        "migrate", "convert", "--from-file", KinesisFixtures.path(KinesisFixtures.DOCS_EXAMPLE).toString(),
        "--target-datasource", "wiki_kafka", "--bootstrap-servers", "b-1.api.x1y2z3.c2.kafka.eu-west-1.amazonaws.com:9092"
    );

    assertThat(result.exitCode).isEqualTo(ExitCode.ERROR);
    assertThat(result.err).contains("bootstrap.servers").contains("9098");
  }

  @Test
  void kafkaSpecAsInputIsRejectedWithExit2() throws IOException
  {
    final Cli.Result result = convert("--from-file", Specs.write(dir, "kafka.json", Specs.apiTelemetry()).toString());

    assertThat(result.exitCode).isEqualTo(ExitCode.ERROR);
    assertThat(result.err).contains("Not a Kinesis supervisor spec");
    assertThat(result.out).isEmpty();
  }

  @Test
  void liveKinesisSupervisorIsFetchedAndConverted() throws IOException
  {
    overlord.running(KinesisFixtures.load(KinesisFixtures.CROSS_ACCOUNT_TUNED));
    final Cli.Result result = convert("--from-supervisor", "api_requests", "--overlord", overlord.url());

    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(overlord.requests()).extracting(Object::toString)
                                   .containsExactly("GET /druid/indexer/v1/supervisor/api_requests");
    final JsonNode kafka = json(result.out);
    assertThat(kafka.path("spec").path("ioConfig").path("consumerProperties").path("druid.dynamic.config.provider")
                    .path("roleArn").asText()).isEqualTo("arn:aws:iam::123456789012:role/druid-kinesis-reader");
    assertThat(kafka.has("ioConfig")).isFalse();
  }

  @Test
  void unknownLiveSupervisorIsAnError()
  {
    final Cli.Result result = convert("--from-supervisor", "nope", "--overlord", overlord.url());

    assertThat(result.exitCode).isEqualTo(ExitCode.ERROR);
    assertThat(result.err).contains("No supervisor 'nope' on " + overlord.url());
  }

  @Test
  void fileAndSupervisorTogetherAreAUsageError()
  {
    final Cli.Result result = convert(
        "--from-file", KinesisFixtures.path(KinesisFixtures.MINIMAL).toString(), "--from-supervisor", "x"
    );

    assertThat(result.exitCode).isEqualTo(ExitCode.ERROR);
    assertThat(result.err).contains("mutually exclusive");
  }

  @Test
  void missingBootstrapServersIsAUsageErrorNamingTheOption()
  {
    final Cli.Result result = new Cli().run(
        "migrate", "convert", "--from-file", KinesisFixtures.path(KinesisFixtures.MINIMAL).toString(),
        "--target-datasource", "events_kafka"
    );

    assertThat(result.exitCode).isEqualTo(ExitCode.ERROR);
    assertThat(result.err).contains("--bootstrap-servers");
  }

  @Test
  void helpShowsAnExample()
  {
    final Cli.Result result = new Cli().run("migrate", "convert", "--help");

    assertThat(result.exitCode).isZero();
    assertThat(result.out).contains("Examples:").contains("druid-msk migrate convert --from-supervisor");
  }

  @Test
  void migrateWithoutASubcommandNamesConvert()
  {
    final Cli.Result result = new Cli().run("migrate");

    assertThat(result.exitCode).isEqualTo(ExitCode.ERROR);
    assertThat(result.err).contains("Missing command").contains("convert");
  }
}
