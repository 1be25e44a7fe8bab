package dev.druidmsk.cli;

import dev.druidmsk.cli.common.BuildInfo;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Parsing: help everywhere, version, and clear usage errors with exit code 2. */
class CommandLineTest
{
  /** Every command path, e.g. [spec, submit], from the command model itself so a new command is covered. */
  private static List<List<String>> commandPaths()
  {
    final List<List<String>> paths = new ArrayList<>();
    collect(new CommandLine(new DruidMsk()), new ArrayList<>(), paths);
    return paths;
  }

  private static void collect(CommandLine command, List<String> path, List<List<String>> paths)
  {
    paths.add(path);
    command.getSubcommands().forEach((name, sub) -> {
      if (!"help".equals(name)) {
        final List<String> subPath = new ArrayList<>(path);
        subPath.add(name);
        collect(sub, subPath, paths);
      }
    });
  }

  private static CommandSpec specOf(List<String> path)
  {
    CommandLine command = new CommandLine(new DruidMsk());
    for (String name : path) {
      command = command.getSubcommands().get(name);
    }
    return command.getCommandSpec();
  }

  @TestFactory
  Stream<DynamicTest> helpOnEveryCommandExitsZeroAndListsEveryOption()
  {
    return commandPaths().stream().map(path -> DynamicTest.dynamicTest(
        String.join(" ", path) + " --help",
        () -> {
          final List<String> args = new ArrayList<>(path);
          args.add("--help");
          final Cli.Result result = new Cli().run(args.toArray(new String[0]));
          assertThat(result.exitCode).isEqualTo(0);
          assertThat(result.out).startsWith("Usage: druid-msk");
          for (OptionSpec option : specOf(path).options()) {
            assertThat(result.out).contains(option.longestName());
          }
        }
    ));
  }

  @Test
  void theCommandTreeHasEveryCommandOfTheIssue()
  {
    assertThat(commandPaths()).extracting(path -> String.join(" ", path)).contains(
        "spec render", "spec values", "spec validate", "spec diff", "spec submit", "spec status", "spec suspend",
        "spec resume", "policy"
    );
  }

  @Test
  void versionNamesDruidMskAndTheDruidVersion()
  {
    final Cli.Result result = new Cli().run("--version");
    assertThat(result.exitCode).isEqualTo(0);
    assertThat(result.out).isEqualTo("druid-msk " + BuildInfo.version() + " (Apache Druid 33.0.0)\n");
  }

  @Test
  void noCommandExitsTwoNamingTheChoices()
  {
    final Cli.Result result = new Cli().run();
    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).contains("Missing command: choose one of 'spec', 'policy', 'doctor' or 'migrate'")
                          .contains("Run 'druid-msk --help' for usage.");
  }

  @Test
  void anUnknownOptionExitsTwoAndPointsAtHelp()
  {
    final Cli.Result result = new Cli().run("spec", "diff", "--spec-file", "x.json");
    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).contains("Unknown option: '--spec-file'").contains("Run 'druid-msk spec diff --help'");
  }

  @Test
  void aBadDurationExitsTwoWithExamples()
  {
    final Cli.Result result = new Cli().run("spec", "submit", "--spec", "x.json", "--health-timeout", "soon");
    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).contains("'soon' is not a duration: write e.g. 500ms, 30s, 5m, 1h or PT30S");
  }

  @Test
  void aMissingSpecFileExitsTwoNamingIt()
  {
    final Cli.Result result = new Cli().run("spec", "diff", "--spec", "/nonexistent/spec.json", "--overlord", "http://localhost:1");
    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).contains("--spec /nonexistent/spec.json does not exist");
  }

  @Test
  void specAndTemplateTogetherAreRefused()
  {
    final Cli.Result result = new Cli().run("spec", "validate", "--spec", "x.json", "--template", "kafka-json-topic");
    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err).contains("--spec takes a rendered spec: drop --template");
  }

  @Test
  void helpDocumentsTheExitCodes()
  {
    assertThat(new Cli().run("--help").out).contains("Exit codes:").contains("3   submit: update failed");
    assertThat(new Cli().run("spec", "diff", "--help").out).contains("Exit code: 0 same, 1 different");
  }

  @Test
  void theDiffHelpExplainsTheComparisonRule()
  {
    assertThat(String.join(" ", Arrays.asList(new Cli().run("spec", "diff", "--help").out.split("\\s+"))))
        .contains("only the keys your spec sets are compared");
  }
}
