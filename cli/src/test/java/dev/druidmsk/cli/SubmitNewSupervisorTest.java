package dev.druidmsk.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Submitting a supervisor the Overlord does not have yet: one line says so, not the whole spec as a diff. */
class SubmitNewSupervisorTest
{
  @TempDir
  Path dir;

  @RegisterExtension
  final OverlordStub overlord = OverlordStub.http();

  private Cli.Result submit(String... extra)
  {
    final String[] base = {
        "spec", "submit", Specs.write(dir, "spec.json", Specs.apiTelemetry()).toString(),
        "--overlord", overlord.url(), "--state-dir", dir.resolve("state").toString(),
        "--health-timeout", "2s", "--settle", "1ms", "--poll-interval", "10ms"
    };
    final String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return new Cli().run(args);
  }

  @Test
  void aNewSupervisorIsAnnouncedInOneLineInsteadOfItsWholeSpec()
  {
    final Cli.Result result = submit();

    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(result.err).contains("Creating supervisor 'api-telemetry' (none of that ID on " + overlord.url());
    assertThat(result.out).doesNotContain("\"taskCount\"").contains("Submitted 'api-telemetry': RUNNING");
  }

  @Test
  void aDryRunSaysItWouldCreateTheSupervisor()
  {
    final Cli.Result result = submit("--dry-run");

    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(result.err).contains("Would create supervisor 'api-telemetry'");
    assertThat(overlord.posts()).isEmpty();
  }
}
