package dev.druidmsk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** validate, diff, submit, watch, roll back: against the Overlord stub. */
class SubmitCommandTest
{
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir
  Path dir;

  @RegisterExtension
  final OverlordStub overlord = OverlordStub.http();

  private Cli.Result submit(ObjectNode spec, String... extra)
  {
    final List<String> args = new ArrayList<>(List.of(
        "spec", "submit",
        "--spec", Specs.write(dir, "spec.json", spec).toString(),
        "--overlord", overlord.url(),
        "--state-dir", stateDir().toString(),
        "--health-timeout", "2s",
        "--settle", "1ms",
        "--poll-interval", "10ms"
    ));
    args.addAll(List.of(extra));
    return new Cli().run(args.toArray(new String[0]));
  }

  private Path stateDir()
  {
    return dir.resolve("state");
  }

  private Path stateFile()
  {
    return stateDir().resolve(Specs.ID + ".json");
  }

  private JsonNode lastPostedSpec() throws Exception
  {
    final List<OverlordStub.Request> posts = overlord.posts();
    return MAPPER.readTree(posts.get(posts.size() - 1).body);
  }

  private static boolean hasTaskCount(JsonNode spec, int taskCount)
  {
    return spec.path("spec").path("ioConfig").path("taskCount").asInt() == taskCount;
  }

  @Test
  void submitsWithSkipRestartIfUnmodifiedAndKeepsACopyOfTheHealthySpec() throws Exception
  {
    overlord.running(Specs.apiTelemetry());
    final Cli.Result result = submit(Specs.withTaskCount(2));
    assertThat(result.exitCode).as(result.toString()).isEqualTo(0);
    assertThat(overlord.posts()).extracting(Object::toString)
                                .containsExactly("POST /druid/indexer/v1/supervisor?skipRestartIfUnmodified=true");
    assertThat(lastPostedSpec()).isEqualTo(Specs.withTaskCount(2));
    assertThat(MAPPER.readTree(stateFile().toFile()).at("/spec/ioConfig/taskCount").asInt()).isEqualTo(2);
    assertThat(result.out).contains("+      \"taskCount\" : 2,").contains("Submitted 'api-telemetry': RUNNING");
  }

  @Test
  void theStateFileIsPrivateAndNoTemporaryFileIsLeft() throws Exception
  {
    submit(Specs.apiTelemetry());
    try (Stream<Path> files = Files.list(stateDir())) {
      assertThat(files).containsExactly(stateFile());
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateFile()))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir()))).isEqualTo("rwx------");
  }

  @Test
  void dryRunShowsTheDiffButSubmitsAndWritesNothing()
  {
    overlord.running(Specs.apiTelemetry());
    final Cli.Result result = submit(Specs.withTaskCount(2), "--dry-run");
    assertThat(result.exitCode).isEqualTo(0);
    assertThat(result.out).contains("+      \"taskCount\" : 2,").contains("Dry run: nothing submitted");
    assertThat(overlord.posts()).isEmpty();
    assertThat(stateDir()).doesNotExist();
  }

  @Test
  void anUnchangedSpecIsNotSubmitted()
  {
    overlord.running(Specs.apiTelemetry());
    final Cli.Result result = submit(Specs.apiTelemetry());
    assertThat(result.exitCode).isEqualTo(0);
    assertThat(result.out).contains("Unchanged: nothing to submit.");
    assertThat(overlord.posts()).isEmpty();
  }

  @Test
  void theHealthyRunningSpecBecomesKnownGoodBeforeTheFirstUpdate() throws Exception
  {
    overlord.running(Specs.apiTelemetry()).rejecting(spec -> "Cannot change the topic of a running supervisor");
    submit(Specs.withTaskCount(2));
    assertThat(MAPPER.readTree(stateFile().toFile()).at("/spec/ioConfig/taskCount").asInt()).isEqualTo(1);
  }

  @Test
  void aRejectedUpdateResubmitsTheKnownGoodSpecAndSaysSo() throws Exception
  {
    overlord.running(Specs.apiTelemetry())
            .rejecting(spec -> hasTaskCount(spec, 2) ? "Cannot update: invalid tuningConfig" : null);
    final Cli.Result result = submit(Specs.withTaskCount(2));
    assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
    assertThat(result.err).contains("Druid refused to submit the spec (HTTP 400): Cannot update: invalid tuningConfig");
    assertThat(result.out).contains("Rolled back 'api-telemetry' to the known-good spec")
                          .contains("because Druid rejected the update");
    assertThat(overlord.posts()).hasSize(2);
    assertThat(lastPostedSpec().at("/spec/ioConfig/taskCount").asInt()).isEqualTo(1);
  }

  @Test
  void anUpdateThatTurnsUnhealthyIsRolledBackAndNotKept() throws Exception
  {
    overlord.running(Specs.apiTelemetry())
            .statesOfSubmitted(spec -> hasTaskCount(spec, 2) ? List.of("PENDING", "UNHEALTHY_SUPERVISOR") : List.of("RUNNING"))
            .withRecentError("Access denied to topic api-telemetry");
    final Cli.Result result = submit(Specs.withTaskCount(2));
    assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
    assertThat(result.err).contains("is unhealthy: state UNHEALTHY_SUPERVISOR; last error: Access denied to topic");
    assertThat(lastPostedSpec().at("/spec/ioConfig/taskCount").asInt()).isEqualTo(1);
    assertThat(MAPPER.readTree(stateFile().toFile()).at("/spec/ioConfig/taskCount").asInt()).isEqualTo(1);
  }

  @Test
  void anUpdateThatReportsAnErrorWhileStillRunningIsRolledBack() throws Exception
  {
    overlord.running(Specs.apiTelemetry())
            .statesOfSubmitted(spec -> List.of("RUNNING"))
            .withCurrentErrorWhile(spec -> hasTaskCount(spec, 2), "not authorized to perform: sts:AssumeRole");
    final Cli.Result result = submit(Specs.withTaskCount(2), "--settle", "1s");
    assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
    assertThat(result.err).contains("reported an error after the update; error: not authorized to perform: sts:AssumeRole");
    assertThat(lastPostedSpec().at("/spec/ioConfig/taskCount").asInt()).isEqualTo(1);
  }

  @Test
  void anUpdateMustStayRunningForTheSettleTime() throws Exception
  {
    overlord.running(Specs.apiTelemetry())
            .statesOfSubmitted(spec -> hasTaskCount(spec, 2) ? List.of("RUNNING", "RUNNING", "UNHEALTHY_SUPERVISOR") : List.of("RUNNING"));
    final Cli.Result result = submit(Specs.withTaskCount(2), "--settle", "1s");
    assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
    assertThat(result.err).contains("is unhealthy: state UNHEALTHY_SUPERVISOR");
    assertThat(lastPostedSpec().at("/spec/ioConfig/taskCount").asInt()).isEqualTo(1);
  }

  @Test
  void anUpdateNotRunningWithinTheHealthTimeoutIsRolledBack() throws Exception
  {
    overlord.running(Specs.apiTelemetry())
            .statesOfSubmitted(spec -> hasTaskCount(spec, 2) ? List.of("PENDING") : List.of("RUNNING"));
    final Cli.Result result = submit(Specs.withTaskCount(2), "--health-timeout", "200ms");
    assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
    assertThat(result.err).contains("within --health-timeout PT0.2S (last state PENDING)");
    assertThat(lastPostedSpec().at("/spec/ioConfig/taskCount").asInt()).isEqualTo(1);
  }

  @Test
  void aFailedNewSupervisorWithoutKnownGoodExitsThreeAndLeavesItAsItIs()
  {
    overlord.statesOfSubmitted(spec -> List.of("UNHEALTHY_SUPERVISOR"));
    final Cli.Result result = submit(Specs.apiTelemetry());
    assertThat(result.exitCode).as(result.toString()).isEqualTo(3);
    assertThat(result.out).contains("no spec of 'api-telemetry' ran healthy before this update")
                          .contains("druid-msk spec suspend api-telemetry");
    assertThat(overlord.posts()).hasSize(1);
    assertThat(stateDir()).doesNotExist();
  }

  @Test
  void aRejectedNewSupervisorExitsTwoBecauseNothingChanged()
  {
    overlord.rejecting(spec -> "Invalid dataSchema");
    final Cli.Result result = submit(Specs.apiTelemetry());
    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).contains("Invalid dataSchema").contains("nothing changed");
  }

  @Test
  void aKnownGoodSpecThatIsUnhealthyTooExitsThree()
  {
    overlord.running(Specs.apiTelemetry())
            .statesOfSubmitted(spec -> List.of("LOST_CONTACT_WITH_STREAM"));
    final Cli.Result result = submit(Specs.withTaskCount(2));
    assertThat(result.exitCode).as(result.toString()).isEqualTo(3);
    assertThat(result.out).contains("Rolled back 'api-telemetry' to the known-good spec")
                          .contains("but it is unhealthy: state LOST_CONTACT_WITH_STREAM too");
  }

  @Test
  void aRejectionEchoingTheExternalIdDoesNotPrintIt()
  {
    overlord.running(Specs.apiTelemetry())
            .rejecting(spec -> hasTaskCount(spec, 2) ? "Bad provider {externalId=" + Specs.EXTERNAL_ID + "}" : null);
    final Cli.Result result = submit(Specs.withTaskCount(2));
    assertThat(result.all()).contains("Bad provider {externalId=******}").doesNotContain(Specs.EXTERNAL_ID);
  }

  @Test
  void jsonReportsTheOutcomeForScripts() throws Exception
  {
    overlord.running(Specs.apiTelemetry());
    final Cli.Result result = submit(Specs.withTaskCount(2), "--json");
    final JsonNode report = MAPPER.readTree(result.out);
    assertThat(report.get("outcome").asText()).isEqualTo("submitted");
    assertThat(report.get("diff").asText()).contains("+      \"taskCount\" : 2,");
  }

  @Test
  void anInvalidSpecIsNeitherSubmittedNorKept()
  {
    overlord.running(Specs.apiTelemetry());
    final ObjectNode invalid = Specs.apiTelemetry();
    Specs.ioConfig(invalid).put("taskDuration", "PT10S");
    final Cli.Result result = submit(invalid);
    assertThat(result.exitCode).as(result.toString()).isEqualTo(2);
    assertThat(result.err).contains("taskDuration").contains("nothing was submitted");
    assertThat(overlord.posts()).isEmpty();
    assertThat(stateDir()).doesNotExist();
  }

  @Test
  void aRollbackReturnsToTheSpecThatRanNotToAnOlderLocalCopy() throws Exception
  {
    // Operator A's copy is taskCount 1; operator B (another state folder) has since put taskCount 2 live.
    Files.createDirectories(stateDir());
    Files.writeString(stateFile(), Specs.apiTelemetry().toString());
    overlord.running(Specs.apiTelemetry())
            .submittedElsewhere(Specs.withTaskCount(2))
            .statesOfSubmitted(spec -> hasTaskCount(spec, 3) ? List.of("UNHEALTHY_SUPERVISOR") : List.of("RUNNING"));

    final Cli.Result result = submit(Specs.withTaskCount(3));

    assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
    assertThat(lastPostedSpec().at("/spec/ioConfig/taskCount").asInt()).isEqualTo(2);
  }

  @Test
  void anUpdateSomeoneElseStoredAfterOursIsNotRolledBack()
  {
    overlord.running(Specs.apiTelemetry())
            .statesOfSubmitted(spec -> {
              if (hasTaskCount(spec, 2)) {
                overlord.submittedElsewhere(Specs.withTaskCount(5));
                return List.of("UNHEALTHY_SUPERVISOR");
              }
              return List.of("RUNNING");
            });

    final Cli.Result result = submit(Specs.withTaskCount(2));

    assertThat(result.exitCode).as(result.toString()).isEqualTo(3);
    assertThat(result.out).contains("Not rolled back").contains("someone else has changed it since");
    assertThat(overlord.posts()).hasSize(1);
    assertThat(overlord.live(Specs.ID).at("/spec/ioConfig/taskCount").asInt()).isEqualTo(5);
  }

  @Test
  void aStatusThatFailsOnceWhileWatchingIsReadAgain()
  {
    overlord.running(Specs.apiTelemetry()).failingStatusReads(1, 503);

    final Cli.Result result = submit(Specs.withTaskCount(2));

    assertThat(result.exitCode).as(result.toString()).isEqualTo(0);
  }

  @Test
  void aFailureAfterTheOverlordAcceptedTheSpecExitsThreeAndSaysItIsLive()
  {
    overlord.running(Specs.apiTelemetry());
    overlord.statesOfSubmitted(spec -> {
      overlord.failingStatusReads(1000, 500);
      return List.of("RUNNING");
    });

    final Cli.Result result = submit(Specs.withTaskCount(2));

    assertThat(result.exitCode).as(result.toString()).isEqualTo(3);
    assertThat(result.err).contains("The Overlord accepted the new spec of 'api-telemetry', so it is live now")
                          .contains("Nothing was rolled back")
                          .doesNotContain("nothing changed");
  }

  @Test
  void theCopyAtRestHasItsSecretsMasked() throws Exception
  {
    overlord.running(Specs.apiTelemetry());
    submit(Specs.withTaskCount(2));

    assertThat(Files.readString(stateFile())).doesNotContain(Specs.EXTERNAL_ID).contains("******");
  }

  @Test
  void aFullCopyKeepsTheSecretsWhenAskedFor() throws Exception
  {
    overlord.running(Specs.apiTelemetry());
    submit(Specs.withTaskCount(2), "--full-state-copy");

    assertThat(Files.readString(stateFile())).contains(Specs.EXTERNAL_ID);
  }

  @Test
  void aStateFolderOpenToOthersIsMadeOwnerOnly() throws Exception
  {
    Files.createDirectories(stateDir());
    Files.setPosixFilePermissions(stateDir(), PosixFilePermissions.fromString("rwxr-xr-x"));
    overlord.running(Specs.apiTelemetry());
    submit(Specs.withTaskCount(2));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir()))).isEqualTo("rwx------");
  }
}
