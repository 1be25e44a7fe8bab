package dev.druidmsk.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static dev.druidmsk.bootstrap.DruidHomes.KAFKA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a real install, Druid's own ExtensionsLoader over the home resolves the aws-msk-iam provider and builds a
 * Kafka consumer from the Kafka extension's class loader. Runs druid-msk-iam-extension's DruidNodeProbe in a
 * separate JVM whose class path is the Druid home's lib/* (Druid never enters this test's class path).
 */
class DruidLoadsInstalledBundleIT
{
  private static final String PROVIDER = "{\"type\":\"aws-msk-iam\","
                                         + "\"roleArn\":\"arn:aws:iam::123456789012:role/druid-msk-reader\","
                                         + "\"stsRegion\":\"us-east-1\"}";

  @TempDir
  Path temp;

  @Test
  void installedHomeResolvesTheProviderAndBuildsAKafkaConsumer() throws Exception
  {
    final Path home = DruidHomes.stock(temp.resolve("druid"));
    final Installer.Result install = new Installer(temp).install(home);
    assertThat(install.exitCode).as("%s", install).isZero();

    final Map<String, String> probe = probe(home);

    assertThat(probe).containsEntry("provider", "dev.druidmsk.iam.MskIamConfigProvider@" + KAFKA)
                     .containsEntry("consumer", "org.apache.kafka.clients.consumer.KafkaConsumer@" + KAFKA)
                     .doesNotContainKey("consumer.error");
  }

  private static Map<String, String> probe(Path home) throws Exception
  {
    final Path probeClasses = Path.of(System.getProperty("druidmsk.probe.classes"));
    assertThat(probeClasses.resolve("dev/druidmsk/iam/DruidNodeProbe.class"))
        .as("druid-msk-iam-extension's test classes (build it without -Dmaven.test.skip)")
        .exists();
    final String classpath = DruidHomes.STOCK.resolve("lib") + File.separator + "*" + File.pathSeparator
                             + probeClasses;
    final Process java = new ProcessBuilder(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            // A probe runs for seconds: C2 compiled more than it ran (4.0 CPU-s a probe with it, 2.2 without).
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Daws.region=us-east-1",
            "-cp",
            classpath,
            "dev.druidmsk.iam.DruidNodeProbe",
            home.resolve("extensions").toString(),
            PROVIDER
        )
    ).redirectErrorStream(true).start();
    final String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(java.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(java.exitValue()).as("probe output:%n%s", output).isZero();
    return output.lines()
                 .filter(line -> line.matches("^(module|provider|consumer)(\\.error)?=.*"))
                 .collect(Collectors.toMap(
                     line -> line.substring(0, line.indexOf('=')),
                     line -> line.substring(line.indexOf('=') + 1),
                     (first, second) -> first + "," + second
                 ));
  }
}
