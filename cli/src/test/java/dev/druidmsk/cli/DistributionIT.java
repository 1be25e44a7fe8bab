package dev.druidmsk.cli;

import dev.druidmsk.cli.migrate.KinesisFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The packaged distribution, run the way users run it: the launcher script in a separate process. */
class DistributionIT
{
  private static final Path DIST = Paths.get(System.getProperty("druidmsk.dist"));
  private static final Path LAUNCHER = DIST.resolve("bin/druid-msk");

  @TempDir
  Path dir;

  /** Exit code and merged output of a process that must end within two minutes. */
  private static final class Run
  {
    final int exitCode;
    final String output;

    Run(int exitCode, String output)
    {
      this.exitCode = exitCode;
      this.output = output;
    }
  }

  private static Run run(Map<String, String> env, String... command) throws Exception
  {
    final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    final Process process = builder.start();
    try {
      final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("finished in time").isTrue();
      return new Run(process.exitValue(), output);
    }
    finally {
      process.destroyForcibly();
    }
  }

  private static Run launch(String... args) throws Exception
  {
    final List<String> command = new ArrayList<>();
    command.add(LAUNCHER.toString());
    command.addAll(List.of(args));
    return run(Map.of(), command.toArray(new String[0]));
  }

  private static boolean onPath(String program)
  {
    for (String folder : System.getenv("PATH").split(File.pathSeparator)) {
      if (Files.isExecutable(Paths.get(folder, program))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void theLauncherPrintsTheVersion() throws Exception
  {
    final Run run = launch("--version");
    assertThat(run.exitCode).isEqualTo(0);
    assertThat(run.output).isEqualTo("druid-msk " + BuildInfo.version() + " (Apache Druid 33.0.0)\n");
  }

  @Test
  void theLauncherWorksThroughASymbolicLink() throws Exception
  {
    final Path link = Files.createSymbolicLink(dir.resolve("druid-msk"), LAUNCHER);
    final Run run = run(Map.of(), link.toString(), "spec", "values");
    assertThat(run.exitCode).as(run.output).isEqualTo(0);
    assertThat(run.output).contains("msk-iam-api-telemetry");
  }

  @Test
  void theDistributionValidatesWithItsOwnExtensionJars() throws Exception
  {
    final Path values = Files.writeString(
        dir.resolve("values.yaml"),
        "topic: api-telemetry\n"
        + "bootstrapServers: b-1.apitelemetry.x1y2z3.c2.kafka.eu-west-1.amazonaws.com:9098\n"
        + "roleArn: arn:aws:iam::123456789012:role/druid-msk-reader\n"
        + "stsRegion: eu-west-1\n"
    );
    final Run run = launch("spec", "validate", "-t", "msk-iam-api-telemetry", "-f", values.toString());
    assertThat(run.exitCode).as(run.output).isEqualTo(0);
    assertThat(run.output).endsWith("valid\n");
  }

  @Test
  void theDistributionConvertsAKinesisSpecIntoAValidatedKafkaSpec() throws Exception
  {
    final Path output = dir.resolve("api_requests_kafka.json");
    final Run run = launch(
        "migrate", "convert", "--from-file", KinesisFixtures.path(KinesisFixtures.CROSS_ACCOUNT_TUNED).toString(),
        "--bootstrap-servers", "b-1.api.x1y2z3.c2.kafka.eu-west-1.amazonaws.com:9098",
        "--target-datasource", "api_requests_kafka", "-o", output.toString()
    );
    assertThat(run.exitCode).as(run.output).isEqualTo(0);
    assertThat(Files.readString(output)).contains("\"type\" : \"kafka\"").contains("\"aws-msk-iam\"");
  }

  @Test
  void aJavaHomeWithoutJavaExitsTwoNamingTheFix() throws Exception
  {
    final Run run = run(Map.of("JAVA_HOME", dir.toString()), LAUNCHER.toString(), "--version");
    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.output).contains("JAVA_HOME=" + dir + " has no bin/java");
  }

  @Test
  void theBashCompletionRegistersAndKnowsTheSubcommands() throws Exception
  {
    final Path completion = DIST.resolve("completion/druid-msk_completion");
    final Run run = run(Map.of(), "bash", "-c", "source \"$0\" && complete -p druid-msk", completion.toString());
    assertThat(run.exitCode).as(run.output).isEqualTo(0);
    assertThat(run.output).contains("druid-msk");
    assertThat(Files.readString(completion)).contains("submit").contains("--health-timeout").contains("policy");
  }

  @Test
  void theLauncherIsShellcheckClean() throws Exception
  {
    assumeTrue(onPath("shellcheck"), "shellcheck is not installed");
    final Run run = run(Map.of(), "shellcheck", LAUNCHER.toString());
    assertThat(run.exitCode).as(run.output).isEqualTo(0);
  }

  @Test
  void theClassPathHoldsNoDruidOrAwsJar() throws Exception
  {
    try (var jars = Files.list(DIST.resolve("lib"))) {
      assertThat(jars.map(jar -> jar.getFileName().toString()))
          .noneMatch(name -> name.startsWith("druid-") || name.contains("aws-") || name.startsWith("kafka-"));
    }
  }
}
