package dev.druidmsk.cli.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.druidmsk.cli.common.AtomicFiles;
import dev.druidmsk.cli.common.BuildInfo;
import dev.druidmsk.cli.common.CliContext;
import dev.druidmsk.cli.common.CliException;
import dev.druidmsk.cli.common.ContextMixin;
import dev.druidmsk.cli.common.ExitCode;
import dev.druidmsk.cli.common.Json;
import dev.druidmsk.cli.common.JsonFlag;
import dev.druidmsk.cli.druid.DruidClient;
import dev.druidmsk.cli.druid.OverlordOptions;
import dev.druidmsk.cli.input.DruidHomeOption;
import dev.druidmsk.cli.input.SecretFields;
import dev.druidmsk.cli.input.SpecFiles;
import dev.druidmsk.cli.input.Validation;
import dev.druidmsk.templates.validation.ValidationResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** `druid-msk migrate convert`: a Kinesis supervisor spec as an MSK-IAM Kafka supervisor spec for a new datasource. */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    versionProvider = BuildInfo.class,
    description = {
        "Convert a Kinesis supervisor spec (a file or a live supervisor) into an MSK-IAM Kafka supervisor spec for a "
        + "new datasource: stream -> topic, useEarliestSequenceNumber -> useEarliestOffset, awsAssumedRoleArn and "
        + "awsExternalId -> the aws-msk-iam provider (stsRegion from the stream's region), the kinesis inputFormat "
        + "-> the kafka one, Kinesis-only fields dropped; dataSchema, granularity and metrics kept.",
        "The report (stderr, or --json) lists every field changed, mapped, added or dropped, with why. The spec is "
        + "validated with Druid's own classes before anything is written; --output writes it atomically, otherwise "
        + "it goes to stdout. --json prints the report, the validation and the spec as one document, the external ID "
        + "masked: write the usable spec with --output.",
        "Exit code: 0 converted, 2 bad input or the converted spec is invalid (nothing written)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
        "  BROKERS=b-1.wiki.x1y2z3.c2.kafka.eu-west-1.amazonaws.com:9098",
        "  druid-msk migrate convert --from-supervisor wiki_events \\",
        "      --overlord https://druid.example.com:8281 --user ingest-admin \\",
        "      --bootstrap-servers \"$BROKERS\" --target-datasource wiki_events_kafka \\",
        "      --topic wiki-events -o wiki_events_kafka.json",
        "",
        "  druid-msk migrate convert --from-file wiki_events.kinesis.json --dry-run \\",
        "      --bootstrap-servers \"$BROKERS\" --target-datasource wiki_events_kafka"
    }
)
final class ConvertCommand implements Callable<Integer>
{
  @Mixin
  private ContextMixin run;

  @ArgGroup(exclusive = true, multiplicity = "1")
  private Source source;

  @Mixin
  private OverlordOptions overlord;

  @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT[,HOST:PORT...]",
      description = "The MSK cluster's IAM brokers (port 9098 in the VPC, 9198 public), which a Kinesis spec cannot "
                    + "tell: `aws kafka get-bootstrap-brokers`, BootstrapBrokerStringSaslIam.")
  private String bootstrapServers;

  @Option(names = "--target-datasource", required = true, paramLabel = "NAME",
      description = "The new datasource the Kafka supervisor writes (its supervisor ID), beside the Kinesis one; "
                    + "must differ from it. Required: queries and the cut-over switch name it.")
  private String targetDataSource;

  @Option(names = "--topic", paramLabel = "NAME",
      description = "The Kafka topic the double-writer produces to (default: the Kinesis stream's name).")
  private String topic;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write the Kafka spec here (atomically, mode 600) instead of stdout.")
  private Path output;

  @Option(names = "--dry-run",
      description = "Convert, validate and print the report and the spec (stdout); write nothing.")
  private boolean dryRun;

  @Mixin
  private DruidHomeOption druidHome;

  @Mixin
  private JsonFlag json;

  /** Where the Kinesis spec comes from: exactly one of a file and a live supervisor. */
  static final class Source
  {
    @Option(names = "--from-file", paramLabel = "FILE", required = true,
        description = "A Kinesis supervisor spec (JSON, spec-wrapped or flat); '-' reads stdin.")
    private Path file;

    @Option(names = "--from-supervisor", paramLabel = "ID", required = true,
        description = "The ID of a running Kinesis supervisor, whose spec is read from the Overlord (--overlord...).")
    private String supervisorId;
  }

  @Override
  public Integer call()
  {
    final CliContext context = run.context();
    if (bootstrapServers.isBlank()) {
      throw new CliException("--bootstrap-servers is empty: pass the MSK IAM brokers, host:9098[,host:9098...].");
    }
    final Conversion conversion = new KinesisToKafka(targetDataSource, topic, bootstrapServers).convert(load(context));
    final ValidationResult validation = Validation.validate(conversion.kafkaSpec(), druidHome.forValidation(context));
    final boolean write = validation.ok() && output != null && !dryRun;
    if (write) {
      write(conversion.kafkaSpec());
    }
    if (json.isSet()) {
      JsonFlag.print(context, jsonReport(conversion, validation, write));
    } else {
      printText(context, conversion, validation, write);
    }
    return validation.ok() ? ExitCode.OK : ExitCode.ERROR;
  }

  private ObjectNode load(CliContext context)
  {
    if (source.file != null) {
      final ObjectNode kinesis = SpecFiles.readObject(source.file, "--from-file");
      SecretFields.registerAll(kinesis, context.redactor());
      return kinesis;
    }
    final DruidClient client = overlord.connect(context);
    final JsonNode live = client.spec(source.supervisorId).orElseThrow(() -> new CliException(
        "No supervisor '" + source.supervisorId + "' on " + client.base() + ": check the ID in the Druid console "
        + "(Supervisors) or with `druid-msk spec status`."
    ));
    if (!live.isObject()) {
      throw new CliException("The Overlord's answer for '" + source.supervisorId + "' is not a supervisor spec object.");
    }
    return (ObjectNode) live;
  }

  private void write(ObjectNode kafkaSpec)
  {
    try {
      AtomicFiles.write(output, Json.pretty(kafkaSpec) + "\n");
    }
    catch (IOException e) {
      throw new CliException("Cannot write --output " + output + " (" + e.getClass().getSimpleName() + "): check the folder.");
    }
  }

  private void printText(CliContext context, Conversion conversion, ValidationResult validation, boolean written)
  {
    conversion.reportText().lines().forEach(context::note);
    Validation.print(validation, context);
    if (!validation.ok()) {
      context.note("The converted spec is invalid (problems above): nothing written. Fix the Kinesis spec or the "
                   + "options the problems name, then convert again.");
      return;
    }
    if (written) {
      context.note("Valid. Wrote the Kafka spec of '" + conversion.targetDataSource() + "' to " + output + ".");
      return;
    }
    context.note(dryRun && output != null ? "Valid. Dry run: " + output + " not written." : "Valid.");
    // The spec is the user's own, external ID included, as `spec render` prints it.
    context.out().print(Json.pretty(conversion.kafkaSpec()) + "\n");
    context.out().flush();
  }

  private ObjectNode jsonReport(Conversion conversion, ValidationResult validation, boolean written)
  {
    final ObjectNode report = JsonNodeFactory.instance.objectNode();
    report.setAll(conversion.reportJson());
    report.set("validation", Validation.toJson(validation));
    report.put("output", output == null ? null : output.toString());
    report.put("written", written);
    report.put("dryRun", dryRun);
    // JsonFlag.print masks the external ID here: for the usable spec, write it with --output.
    report.set("spec", conversion.kafkaSpec());
    return report;
  }
}
