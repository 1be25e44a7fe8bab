package dev.druidmsk.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class StatusCommandTest
{
  @RegisterExtension
  final OverlordStub overlord = OverlordStub.http();

  @Test
  void showsStateHealthStreamTasksAndLag()
  {
    overlord.running(Specs.apiTelemetry(), "RUNNING");
    final Cli.Result result = new Cli().run("spec", "status", Specs.ID, "--overlord", overlord.url());
    assertThat(result.exitCode).as(result.toString()).isEqualTo(0);
    assertThat(result.out).isEqualTo(
        "supervisor     api-telemetry\n"
        + "state          RUNNING\n"
        + "healthy        yes\n"
        + "suspended      no\n"
        + "stream         api-telemetry (3 partitions, 1 replicas)\n"
        + "tasks          1 active, 0 publishing\n"
        + "lag            42 messages\n"
        + "recent errors  none\n"
    );
  }

  @Test
  void listsRecentErrorsOfAnUnhealthySupervisor()
  {
    overlord.running(Specs.apiTelemetry(), "UNHEALTHY_SUPERVISOR").withRecentError("Access denied to topic api-telemetry");
    final Cli.Result result = new Cli().run("spec", "status", Specs.ID, "--overlord", overlord.url());
    assertThat(result.out).contains("healthy        no\n").contains("recent errors  1\n")
                          .contains("Access denied to topic api-telemetry");
  }

  @Test
  void jsonPrintsDruidsStatusAsIs() throws Exception
  {
    overlord.running(Specs.apiTelemetry(), "RUNNING");
    final Cli.Result result = new Cli().run("spec", "status", Specs.ID, "--overlord", overlord.url(), "--json");
    assertThat(new ObjectMapper().readTree(result.out).at("/payload/state").asText()).isEqualTo("RUNNING");
  }

  @Test
  void anUnknownSupervisorExitsTwoNamingIt()
  {
    final Cli.Result result = new Cli().run("spec", "status", "nope", "--overlord", overlord.url());
    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).contains("No supervisor 'nope'");
  }

  @Test
  void suspendPostsToTheSuspendEndpoint()
  {
    overlord.running(Specs.apiTelemetry());
    final Cli.Result result = new Cli().run("spec", "suspend", Specs.ID, "--overlord", overlord.url());
    assertThat(result.exitCode).isEqualTo(0);
    assertThat(result.out).isEqualTo("Supervisor 'api-telemetry' suspended.\n");
    assertThat(overlord.posts()).extracting(Object::toString)
                                .containsExactly("POST /druid/indexer/v1/supervisor/api-telemetry/suspend");
  }

  @Test
  void resumePostsToTheResumeEndpoint()
  {
    overlord.running(Specs.apiTelemetry(), "SUSPENDED");
    final Cli.Result result = new Cli().run("spec", "resume", Specs.ID, "--overlord", overlord.url());
    assertThat(result.out).isEqualTo("Supervisor 'api-telemetry' resumed.\n");
    assertThat(overlord.posts()).extracting(Object::toString)
                                .containsExactly("POST /druid/indexer/v1/supervisor/api-telemetry/resume");
  }

  @Test
  void suspendJsonMasksTheExternalIdOfTheReturnedSpec()
  {
    overlord.running(Specs.apiTelemetry());
    final Cli.Result result = new Cli().run("spec", "suspend", Specs.ID, "--overlord", overlord.url(), "--json");
    assertThat(result.out).contains("\"suspended\" : true").doesNotContain(Specs.EXTERNAL_ID);
  }
}
