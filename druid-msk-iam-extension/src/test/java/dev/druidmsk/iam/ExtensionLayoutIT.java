package dev.druidmsk.iam;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.druidmsk.iam.DruidNodeProbe.KAFKA_EXTENSION;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged bundle inside a stock Druid 33 home, loaded by Druid's own ExtensionsLoader in a separate JVM:
 * where the jars must live for Kafka to find the IAM login module and callback handler.
 */
class ExtensionLayoutIT
{
  private static final String PROVIDER = "{\"type\":\"aws-msk-iam\","
                                         + "\"roleArn\":\"arn:aws:iam::123456789012:role/druid-msk-reader\","
                                         + "\"externalId\":\"ext-123\",\"stsRegion\":\"us-east-1\"}";
  private static final String PER_CLIENT_PROVIDER = PROVIDER.replace("}", ",\"credentialCache\":\"per-client\"}");
  private static final String PROVIDER_CLASS = MskIamConfigProvider.class.getName();

  private static Path bundleDir;
  private static Path stockHome;

  @BeforeAll
  static void unpackBundle(@TempDir Path unpacked) throws Exception
  {
    stockHome = Path.of(System.getProperty("druid.home.layout"));
    final Path bundle = Path.of(System.getProperty("druidmsk.bundle"));
    run(List.of("tar", "-xzf", bundle.toString(), "-C", unpacked.toString()));
    bundleDir = unpacked.resolve(System.getProperty("druidmsk.bundle.name"));
  }

  @Test
  void bundleInTheKafkaFolderLetsDruidBuildAnIamConsumer(@TempDir Path home) throws Exception
  {
    final Path kafka = stockKafkaExtension(home);
    copyBundleJars(kafka);

    final Map<String, String> probe = probe(home);

    assertThat(probe.get("module")).contains(MskIamDruidModule.class.getName() + "@" + KAFKA_EXTENSION);
    assertThat(probe).containsEntry("provider", PROVIDER_CLASS + "@" + KAFKA_EXTENSION)
                     .containsEntry("consumer", "org.apache.kafka.clients.consumer.KafkaConsumer@" + KAFKA_EXTENSION)
                     .doesNotContainKey("consumer.error");
  }

  @Test
  void ourJarInItsOwnFolderWorksPerClientWhenTheMskJarIsInTheKafkaFolder(@TempDir Path home) throws Exception
  {
    installOurJarInItsOwnFolder(home);

    final Map<String, String> probe = probe(home, PER_CLIENT_PROVIDER);

    assertThat(probe).containsEntry("provider", PROVIDER_CLASS + "@druid-msk-iam")
                     .containsEntry("consumer", "org.apache.kafka.clients.consumer.KafkaConsumer@" + KAFKA_EXTENSION);
  }

  @Test
  void theLibrarysHandlerLoadsThroughTheKafkaExtension(@TempDir Path home) throws Exception
  {
    copyBundleJars(stockKafkaExtension(home));

    final Map<String, String> probe = probe(home, PER_CLIENT_PROVIDER);

    assertThat(probe).containsEntry("consumer", "org.apache.kafka.clients.consumer.KafkaConsumer@" + KAFKA_EXTENSION)
                     .doesNotContainKey("consumer.error");
  }

  @Test
  void theDefaultSharedHandlerNeedsOurJarInTheKafkaFolder(@TempDir Path home) throws Exception
  {
    installOurJarInItsOwnFolder(home);

    final Map<String, String> probe = probe(home);

    assertThat(probe.get("consumer.error"))
        .contains(SharedCredentialsCallbackHandler.class.getName() + " could not be found");
  }

  @Test
  void mskJarInASiblingFolderIsInvisibleToKafka(@TempDir Path home) throws Exception
  {
    stockKafkaExtension(home);
    copyBundleJars(Files.createDirectories(home.resolve("extensions/aws-msk-iam")));

    final Map<String, String> probe = probe(home, PER_CLIENT_PROVIDER);

    assertThat(probe).containsEntry("provider", PROVIDER_CLASS + "@aws-msk-iam");
    assertThat(probe.get("consumer.error"))
        .contains("org.apache.kafka.common.config.ConfigException")
        .contains("software.amazon.msk.auth.iam.IAMClientCallbackHandler could not be found");
  }

  @Test
  void upstreamAllJarBreaksAssumeRoleOnDruid33BecauseLibShadowsItsHttpClient(@TempDir Path home) throws Exception
  {
    // Why the bundle ships a relocated build: Druid's lib/httpclient5 5.2 wins over the all jar's 5.6 copy.
    final Path kafka = stockKafkaExtension(home);
    Files.copy(bundleDir.resolve(extensionJarName()), kafka.resolve(extensionJarName()));
    final Path upstream = Path.of(System.getProperty("druidmsk.upstream.msk.jar"));
    Files.copy(upstream, kafka.resolve(upstream.getFileName()));

    final Map<String, String> probe = probe(home);

    assertThat(probe.get("consumer.error"))
        .startsWith("java.lang.NoSuchMethodError")
        .contains("org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy");
  }

  @Test
  void withoutTheBundleDruidFallsBackToMapStringAndFailsWithANullMap(@TempDir Path home) throws Exception
  {
    stockKafkaExtension(home);

    final Map<String, String> probe = probe(home);

    assertThat(probe.get("module")).doesNotContain(MskIamDruidModule.class.getName());
    assertThat(probe).doesNotContainKey("provider");
    assertThat(probe.get("provider.error")).contains("\"map\" is null");
  }

  private static Path stockKafkaExtension(Path home) throws IOException
  {
    final Path kafka = Files.createDirectories(home.resolve("extensions").resolve(KAFKA_EXTENSION));
    try (Stream<Path> jars = Files.list(stockHome.resolve("extensions").resolve(KAFKA_EXTENSION))) {
      for (Path jar : jars.collect(Collectors.toList())) {
        Files.copy(jar, kafka.resolve(jar.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
    return kafka;
  }

  /** The MSK jar in the stock Kafka folder, our jar in a folder of its own. */
  private static void installOurJarInItsOwnFolder(Path home) throws IOException
  {
    final Path kafka = stockKafkaExtension(home);
    Files.copy(bundleDir.resolve(mskJarName()), kafka.resolve(mskJarName()));
    final Path own = Files.createDirectories(home.resolve("extensions/druid-msk-iam"));
    Files.copy(bundleDir.resolve(extensionJarName()), own.resolve(extensionJarName()));
  }

  private static void copyBundleJars(Path folder) throws IOException
  {
    Files.copy(bundleDir.resolve(extensionJarName()), folder.resolve(extensionJarName()));
    Files.copy(bundleDir.resolve(mskJarName()), folder.resolve(mskJarName()));
  }

  private static String extensionJarName() throws IOException
  {
    return manifest("extension.jar");
  }

  private static String mskJarName() throws IOException
  {
    return manifest("aws-msk-iam-auth.jar");
  }

  private static String manifest(String key) throws IOException
  {
    final Properties manifest = new Properties();
    try (var in = Files.newInputStream(bundleDir.resolve("druid-msk-bundle.properties"))) {
      manifest.load(in);
    }
    return manifest.getProperty(key);
  }

  private static Map<String, String> probe(Path home) throws Exception
  {
    return probe(home, PROVIDER);
  }

  private static Map<String, String> probe(Path home, String provider) throws Exception
  {
    final String classpath = stockHome.resolve("lib") + File.separator + "*" + File.pathSeparator
                             + Path.of(DruidNodeProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    final String output = run(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m",
        // A probe runs for seconds: C2 compiled more than it ran (4.0 CPU-s a probe with it, 2.2 without).
        "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC",
        "-Daws.region=us-east-1",
        "-cp",
        classpath,
        DruidNodeProbe.class.getName(),
        home.resolve("extensions").toString(),
        provider
    ));
    return output.lines()
                 .filter(line -> line.matches("^(module|provider|consumer)(\\.error)?=.*"))
                 .collect(Collectors.toMap(
                     line -> line.substring(0, line.indexOf('=')),
                     line -> line.substring(line.indexOf('=') + 1),
                     (first, second) -> first + "," + second
                 ));
  }

  private static String run(List<String> command) throws Exception
  {
    final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    final byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command.get(0)).isTrue();
    final String text = new String(output, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as("exit code of %s, output:%n%s", command, text).isZero();
    return text;
  }
}
