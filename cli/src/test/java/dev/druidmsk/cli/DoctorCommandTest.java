package dev.druidmsk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The doctor's command line: usage errors exit 2 before any check runs, and a live supervisor's spec is fetched and
 * checked. The checks themselves run against the emulator in integration-tests (DoctorIT).
 */
class DoctorCommandTest
{
  @RegisterExtension
  final OverlordStub overlord = OverlordStub.http();

  @TempDir
  Path dir;

  @Test
  void withoutADruidHomeTheDoctorNamesTheOption()
  {
    final Cli.Result result = new Cli().run("doctor", "--spec", "spec.json");

    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).contains("doctor needs the node's Druid home: pass --druid-home DIR or set DRUID_MSK_DRUID_HOME.");
    assertThat(result.out).isEmpty();
  }

  @Test
  void aFolderWithoutLibAndExtensionsIsNotADruidHome()
  {
    final Cli.Result result = new Cli().run("doctor", "--druid-home", dir.toString(), "--spec", "spec.json");

    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).contains("is not a Druid home: it must hold lib/ and extensions/");
  }

  @Test
  void aLiveSupervisorAndASpecFileTogetherAreRefused() throws IOException
  {
    Files.createDirectories(dir.resolve("lib"));
    Files.createDirectories(dir.resolve("extensions"));

    final Cli.Result result = new Cli().run(
        "doctor", "--druid-home", dir.toString(), "--supervisor", "api-requests", "--spec", "spec.json"
    );

    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).contains("--supervisor checks the live spec: drop --spec");
  }

  @Test
  void helpStatesTheDoctorsExitCodes()
  {
    assertThat(new Cli().run("doctor", "--help").out)
        .contains("Exit code: 0 every check passed, 1 warnings only, 2 a check failed");
  }

  /** The spec is validated with the node's classes in the probe's JVM: no answer from it, no verdict on the spec. */
  @Test
  void withoutAnAnswerFromTheNodeProbeTheSpecCheckIsSkippedSayingWhy() throws IOException
  {
    Files.createDirectories(dir.resolve("lib"));
    Files.createDirectories(dir.resolve("extensions"));
    final Path spec = Specs.write(dir, "spec.json", Specs.apiTelemetry());

    final Cli.Result result = new Cli().run(
        "doctor", "--druid-home", dir.toString(), "--spec", spec.toString(),
        "--installer", dir.resolve("no-installer").toString(), "--timeout", "2s", "--json"
    );

    final JsonNode check = checkNamed(new ObjectMapper().readTree(result.out), "spec.valid");
    assertThat(check.path("status").asText()).as("%s", check).isEqualTo("SKIP");
    assertThat(check.path("summary").asText()).isEqualTo("skipped: the node probe did not answer");
    assertThat(checkNamed(new ObjectMapper().readTree(result.out), "installation.java").path("status").asText())
        .isEqualTo("FAIL");
  }

  private static JsonNode checkNamed(JsonNode report, String name)
  {
    for (JsonNode check : report.path("checks")) {
      if (name.equals(check.path("name").asText())) {
        return check;
      }
    }
    throw new AssertionError("no check " + name + " in " + report);
  }

  @Test
  void aLiveSupervisorsSpecIsFetchedCheckedAndNeverPrintedInClear() throws IOException
  {
    Files.createDirectories(dir.resolve("lib"));
    Files.createDirectories(dir.resolve("extensions"));
    overlord.running(Specs.apiTelemetry());

    final Cli.Result result = new Cli().run(
        "doctor", "--druid-home", dir.toString(), "--supervisor", Specs.ID, "--overlord", overlord.url(),
        "--installer", dir.resolve("no-installer").toString(), "--timeout", "2s", "--json"
    );

    final JsonNode report = new ObjectMapper().readTree(result.out);
    assertThat(overlord.requests()).anyMatch(request -> request.method.equals("GET") && request.path.endsWith("/" + Specs.ID));
    assertThat(result.exitCode).isEqualTo(2);
    assertThat(report.path("exitCode").asInt()).isEqualTo(2);
    assertThat(report.path("checks")).extracting(check -> check.path("name").asText())
                                     .contains("spec.valid", "network.iam-port", "kafka.fetch");
    assertThat(result.all()).doesNotContain(Specs.EXTERNAL_ID);
  }
}
