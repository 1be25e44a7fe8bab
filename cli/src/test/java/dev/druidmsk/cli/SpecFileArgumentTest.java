package dev.druidmsk.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The spec file as the one positional argument (`druid-msk spec validate api_requests.json`), as users type it. */
class SpecFileArgumentTest
{
  @TempDir
  Path dir;

  @Test
  void validateTakesTheSpecFileAsItsArgument()
  {
    final Cli.Result result = new Cli().run(
        "spec", "validate", Specs.write(dir, "api_requests.json", Specs.apiTelemetry()).toString()
    );

    assertThat(result.exitCode).as(result.toString()).isEqualTo(0);
    assertThat(result.out).endsWith("valid\n");
  }

  /** Each command reads the named file as its spec: a missing one is reported as the missing --spec file. */
  @TestFactory
  Stream<DynamicTest> everyCommandTakingOneSpecTakesItAsItsArgument() throws IOException
  {
    final Path home = Files.createDirectories(dir.resolve("druid-home"));
    Files.createDirectories(home.resolve("lib"));
    Files.createDirectories(home.resolve("extensions"));
    final String missing = dir.resolve("api_requests.json").toString();
    return Stream.of(
        List.of("spec", "validate"),
        List.of("spec", "diff", "--overlord", "http://127.0.0.1:1"),
        List.of("spec", "submit", "--overlord", "http://127.0.0.1:1"),
        List.of("policy", "--cluster-arn", "arn:aws:kafka:eu-west-1:123456789012:cluster/c/1",
                "--trusted-principal", "arn:aws:iam::123456789012:role/druid-nodes"),
        List.of("doctor", "--druid-home", home.toString())
    ).map(command -> DynamicTest.dynamicTest(String.join(" ", command.subList(0, 2)), () -> {
      final List<String> args = new ArrayList<>(command);
      args.add(missing);

      final Cli.Result result = new Cli().run(args.toArray(new String[0]));

      assertThat(result.exitCode).as(result.toString()).isEqualTo(2);
      assertThat(result.err).contains("--spec " + missing + " does not exist");
    }));
  }

  @Test
  void aSpecFileGivenBothWaysIsRefusedNamingBoth()
  {
    final Cli.Result result = new Cli().run("spec", "validate", "--spec", "a.json", "b.json");

    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).contains("Two spec files: --spec a.json and b.json. Give one, as --spec FILE or alone.");
  }

  @Test
  void aSecondSpecFileSaysTheCommandTakesOne()
  {
    final Cli.Result result = new Cli().run("spec", "diff", "a.json", "b.json");

    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).contains("Unmatched argument at index 3: 'b.json'")
                          .contains("'druid-msk spec diff' takes one spec file, as SPEC_FILE or --spec FILE.");
  }

  @Test
  void aFileGivenWithoutItsOptionNamesTheOptionsThatTakeOne()
  {
    final Cli.Result result = new Cli().run("spec", "render", "-t", "msk-iam-api-telemetry", "out.json");

    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).contains("Did you mean `--values out.json` or `--output out.json`?");
  }
}
