package dev.druidmsk.cli;

import dev.druidmsk.cli.common.BuildInfo;
import dev.druidmsk.cli.migrate.KinesisFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The packaged distribution, run the way users run it: the launcher script in a separate process. */
class DistributionIT
{
  private static final Path DIST = Paths.get(System.getProperty("druidmsk.dist"));
  private static final Path LAUNCHER = DIST.resolve("bin/druid-msk");
  /** The build's stock Druid home: what a user unpacks as druid-home/ beside the distribution. */
  private static final Path STOCK_DRUID_HOME = Paths.get(System.getProperty("druidmsk.druid.home"));
  private static final String VALUES = "topic: api-telemetry\n"
                                       + "bootstrapServers: b-1.apitelemetry.x1y2z3.c2.kafka.eu-west-1.amazonaws.com:9098\n"
                                       + "roleArn: arn:aws:iam::123456789012:role/druid-msk-reader\n"
                                       + "stsRegion: eu-west-1\n";

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
    return launch(LAUNCHER, args);
  }

  private static Run launch(Path launcher, String... args) throws Exception
  {
    final List<String> command = new ArrayList<>();
    command.add(launcher.toString());
    command.addAll(List.of(args));
    return run(Map.of(), command.toArray(new String[0]));
  }

  /** A copy of the distribution in a folder of its own, far from the build tree; returns the copy's root. */
  private Path moveDistribution() throws IOException
  {
    final Path copy = Files.createDirectories(dir.resolve("elsewhere")).resolve("druid-msk");
    try (Stream<Path> files = Files.walk(DIST)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.copy(file, copy.resolve(DIST.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
    return copy.toRealPath();
  }

  private static boolean isDruidHome(Path home)
  {
    return Files.isDirectory(home.resolve("lib")) && Files.isDirectory(home.resolve("extensions"));
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
  void aMovedDistributionValidatesWithTheStockDruidHomeBesideItAndItsOwnExtensionJars() throws Exception
  {
    final Path moved = moveDistribution();
    Files.createSymbolicLink(moved.resolve("druid-home"), STOCK_DRUID_HOME);
    final Path values = Files.writeString(dir.resolve("values.yaml"), VALUES);

    final Run run = launch(moved.resolve("bin/druid-msk"), "spec", "validate", "-t", "msk-iam-api-telemetry", "-f", values.toString());

    assertThat(run.exitCode).as(run.output).isEqualTo(0);
    assertThat(run.output).endsWith("valid\n");
  }

  @Test
  void theTemporaryDruidHomeOfAValidationIsRemovedWhenTheCommandExits() throws Exception
  {
    final Path moved = moveDistribution();
    Files.createSymbolicLink(moved.resolve("druid-home"), STOCK_DRUID_HOME);
    final Path values = Files.writeString(dir.resolve("values.yaml"), VALUES);
    final Path tmp = Files.createDirectory(dir.resolve("tmp"));

    final Run run = run(
        Map.of("DRUID_MSK_JAVA_OPTS", "-Djava.io.tmpdir=" + tmp),
        moved.resolve("bin/druid-msk").toString(), "spec", "validate", "-t", "msk-iam-api-telemetry", "-f",
        values.toString()
    );

    assertThat(run.exitCode).as(run.output).isEqualTo(0);
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left).as("left in java.io.tmpdir").isEmpty();
    }
  }

  @Test
  void aMovedDistributionWithoutADruidHomeSaysExactlyWhatToPass() throws Exception
  {
    assumeFalse(isDruidHome(Paths.get("/opt/druid")), "/opt/druid is a Druid home here, so one is found");
    final Path moved = moveDistribution();
    final Path values = Files.writeString(dir.resolve("values.yaml"), VALUES);

    final Run run = launch(moved.resolve("bin/druid-msk"), "spec", "validate", "-t", "msk-iam-api-telemetry", "-f", values.toString());

    assertThat(run.exitCode).as(run.output).isEqualTo(2);
    assertThat(run.output).isEqualTo(
        "druid-msk: No Druid home to validate with: pass --druid-home DIR (a Druid 33.0.0 folder with lib/ and "
        + "extensions/, the druid-msk extension installed), set DRUID_MSK_DRUID_HOME, or unpack a stock Druid 33.0.0 "
        + "as " + moved.resolve("druid-home") + ".\n"
    );
  }

  @Test
  void theDistributionHoldsNoPathOfTheBuildTree() throws Exception
  {
    // DIST is <repository>/cli/target/druid-msk.
    final String buildTree = DIST.toAbsolutePath().getParent().getParent().getParent().toString();
    final List<String> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.walk(DIST)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        final String name = file.getFileName().toString();
        if (name.startsWith("cli-") && name.endsWith(".jar")) {
          try (JarFile jar = new JarFile(file.toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
              if (new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.ISO_8859_1).contains(buildTree)) {
                offenders.add(file + "!" + entry.getName());
              }
            }
          }
        } else if (!name.endsWith(".jar") && Files.readString(file, StandardCharsets.ISO_8859_1).contains(buildTree)) {
          offenders.add(file.toString());
        }
      }
    }
    assertThat(offenders).as("files naming " + buildTree).isEmpty();
  }

  @Test
  void theDistributionConvertsAKinesisSpecIntoAValidatedKafkaSpec() throws Exception
  {
    final Path moved = moveDistribution();
    Files.createSymbolicLink(moved.resolve("druid-home"), STOCK_DRUID_HOME);
    final Path output = dir.resolve("api_requests_kafka.json");
    final Run run = launch(
        moved.resolve("bin/druid-msk"),
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
