package dev.druidmsk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DiffCommandTest
{
  @TempDir
  Path dir;

  @RegisterExtension
  final OverlordStub overlord = OverlordStub.http();

  private Cli.Result diff(Path spec, String... extra)
  {
    final String[] args = new String[4 + extra.length];
    args[0] = "spec";
    args[1] = "diff";
    args[2] = "--spec=" + spec;
    args[3] = "--overlord=" + overlord.url();
    System.arraycopy(extra, 0, args, 4, extra.length);
    return new Cli().run(args);
  }

  @Test
  void theSameSpecExitsZeroDespiteWhatDruidAdds()
  {
    overlord.running(Specs.apiTelemetry());
    final Cli.Result result = diff(Specs.write(dir, "spec.json", Specs.apiTelemetry()));
    assertThat(result.exitCode).as(result.toString()).isEqualTo(0);
    assertThat(result.out).isEmpty();
    assertThat(result.err).contains("No differences");
  }

  @Test
  void aChangedSpecExitsOneWithAUnifiedDiff()
  {
    overlord.running(Specs.apiTelemetry());
    final Cli.Result result = diff(Specs.write(dir, "spec.json", Specs.withTaskCount(4)));
    assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
    assertThat(result.out)
        .startsWith("--- live " + overlord.url() + " supervisor api-telemetry\n+++ local\n@@ ")
        .contains("-      \"taskCount\" : 1,\n+      \"taskCount\" : 4,");
  }

  @Test
  void aMissingSupervisorExitsOneAndSaysSubmitWouldCreateIt()
  {
    final Cli.Result result = diff(Specs.write(dir, "spec.json", Specs.apiTelemetry()));
    assertThat(result.exitCode).isEqualTo(1);
    assertThat(result.err).contains("No supervisor 'api-telemetry'").contains("would create it");
    assertThat(result.out).contains("+  \"type\" : \"kafka\"");
  }

  @Test
  void readsTheLiveSpecOfTheSupervisorNamedByTheDatasource()
  {
    overlord.running(Specs.apiTelemetry());
    diff(Specs.write(dir, "spec.json", Specs.apiTelemetry()));
    assertThat(overlord.requests()).extracting(Object::toString)
                                   .containsExactly("GET /druid/indexer/v1/supervisor/api-telemetry");
  }

  @Test
  void jsonOutputTellsScriptsWhetherTheSpecsDiffer() throws Exception
  {
    overlord.running(Specs.apiTelemetry());
    final Cli.Result result = diff(Specs.write(dir, "spec.json", Specs.withTaskCount(2)), "--json");
    final JsonNode json = new ObjectMapper().readTree(result.out);
    assertThat(json.get("supervisor").asText()).isEqualTo("api-telemetry");
    assertThat(json.get("exists").asBoolean()).isTrue();
    assertThat(json.get("same").asBoolean()).isFalse();
    assertThat(json.get("diff").asText()).contains("+      \"taskCount\" : 2,");
  }

  @Test
  void theExternalIdNeverAppearsInTheDiff()
  {
    overlord.running(Specs.apiTelemetry());
    final var changed = Specs.withTaskCount(3);
    Specs.provider(changed).put("externalId", "ext-rotated-9876");
    final Cli.Result result = diff(Specs.write(dir, "spec.json", changed));
    assertThat(result.exitCode).isEqualTo(1);
    assertThat(result.all()).doesNotContain(Specs.EXTERNAL_ID).doesNotContain("ext-rotated-9876").contains("(differs)");
  }

  @Test
  void anUnreachableOverlordExitsTwoWithTheFix()
  {
    final String url = overlord.url();
    overlord.close();
    final Cli.Result result = new Cli().run(
        "spec", "diff", "--spec", Specs.write(dir, "spec.json", Specs.apiTelemetry()).toString(), "--overlord", url,
        "--request-timeout", "1s"
    );
    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).contains("Cannot connect to " + url).contains("check --overlord")
                          .contains("bounded by --request-timeout");
  }

  @Test
  void aSpecFileThatIsNotJsonExitsTwoWithThePositionAndWithoutItsText() throws Exception
  {
    final Path broken = dir.resolve("broken.json");
    java.nio.file.Files.writeString(broken, "{\n  \"type\": kafka-secret-token\n}");
    final Cli.Result result = diff(broken);
    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).contains("is not valid JSON at line 2").doesNotContain("kafka-secret-token");
    assertThat(overlord.requests()).isEmpty();
  }
}
