package dev.druidmsk.bootstrap;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static dev.druidmsk.bootstrap.DruidHomes.kafkaFolder;
import static org.assertj.core.api.Assertions.assertThat;

/** Install, rerun, upgrade over a foreign aws-msk-iam-auth jar, uninstall and dry runs against real Druid homes. */
class InstallIT extends DruidHomeTest
{

  @Test
  void freshInstallPutsBothJarsAndARecordIntoTheKafkaFolder() throws Exception
  {
    final Installer.Result result = install();

    assertThat(result.exitCode).as("%s", result).isZero();
    final Path kafka = kafkaFolder(home);
    assertThat(FolderSnapshot.sha256(kafka.resolve(Bundle.extensionJar())))
        .isEqualTo(record(kafka).getProperty("file." + Bundle.extensionJar() + ".sha256"));
    assertThat(kafka.resolve(Bundle.mskJar())).exists();
    assertThat(record(kafka).getProperty("bundle.version")).isEqualTo(Bundle.manifest("bundle.version"));
    assertThat(record(kafka).getProperty("bundle.sha256")).isEqualTo(FolderSnapshot.sha256(Bundle.TARBALL));
  }

  @Test
  void installKeepsTheStockJarsUntouched() throws Exception
  {
    final Map<String, String> before = FolderSnapshot.of(kafkaFolder(home));

    install();

    assertThat(FolderSnapshot.of(kafkaFolder(home))).containsAllEntriesOf(before);
  }

  @Test
  void rerunWithTheSameBundleChangesNoFileAndSaysSo() throws Exception
  {
    install();
    final Map<String, String> installed = FolderSnapshot.of(home);

    final Installer.Result rerun = install();

    assertThat(rerun.exitCode).as("%s", rerun).isZero();
    assertThat(rerun.stdout).contains("already installed, nothing changed");
    assertThat(FolderSnapshot.of(home)).isEqualTo(installed);
  }

  @Test
  void optionalKafkaExtensionsPresentInTheHomeGetTheBundleToo() throws Exception
  {
    final Path emitter = DruidHomes.addExtension(home, "kafka-emitter");
    final Path other = DruidHomes.addExtension(home, "druid-datasketches");

    install();

    assertThat(emitter.resolve(Bundle.mskJar())).exists();
    assertThat(emitter.resolve(Bundle.extensionJar())).exists();
    assertThat(DruidHomes.list(other)).hasSize(1);
  }

  @Test
  void targetsOptionInstallsIntoTheNamedFoldersOnly() throws Exception
  {
    final Path emitter = DruidHomes.addExtension(home, "kafka-emitter");
    final Path lookups = DruidHomes.addExtension(home, "druid-kafka-extraction-namespace");

    final Installer.Result result = install("--targets", "druid-kafka-extraction-namespace");

    assertThat(result.exitCode).as("%s", result).isZero();
    assertThat(lookups.resolve(Bundle.mskJar())).exists();
    assertThat(kafkaFolder(home).resolve(Bundle.mskJar())).exists();
    assertThat(emitter.resolve(Bundle.mskJar())).doesNotExist();
  }

  @Test
  void olderAwsMskIamAuthJarIsReplacedAndNamed() throws Exception
  {
    final Path older = Files.writeString(kafkaFolder(home).resolve("aws-msk-iam-auth-2.3.6-all.jar"), "2.3.6");

    final Installer.Result result = install();

    assertThat(result.exitCode).as("%s", result).isZero();
    assertThat(result.stdout).contains("replacing aws-msk-iam-auth-2.3.6-all.jar with " + Bundle.mskJar());
    assertThat(older).doesNotExist();
    assertThat(record(kafkaFolder(home)).getProperty("replaced")).isEqualTo("aws-msk-iam-auth-2.3.6-all.jar");
  }

  @Test
  void uninstallRestoresByteIdenticalFoldersIncludingAReplacedJar() throws Exception
  {
    Files.writeString(kafkaFolder(home).resolve("aws-msk-iam-auth-2.3.6-all.jar"), "2.3.6");
    DruidHomes.addExtension(home, "kafka-emitter");
    final Map<String, String> before = FolderSnapshot.of(home);
    install();

    final Installer.Result result = installer.run("uninstall", "--druid-home", home.toString());

    assertThat(result.exitCode).as("%s", result).isZero();
    assertThat(FolderSnapshot.of(home)).isEqualTo(before);
    assertThat(DruidHomes.list(home)).extracting(path -> path.getFileName().toString())
                                     .containsExactly("extensions", "lib");
  }

  @Test
  void upgradeFromAnEarlierBundleRemovesItsJarsAndKeepsTheOriginalBackups() throws Exception
  {
    Files.writeString(kafkaFolder(home).resolve("aws-msk-iam-auth-2.3.6-all.jar"), "2.3.6");
    final Map<String, String> stock = FolderSnapshot.of(home);
    final Path earlier = Bundle.relabelled(Files.createDirectories(temp.resolve("earlier")), "0.0.9");
    assertThat(installer.run("install", "--druid-home", home.toString(), "--bundle", earlier.toString()).exitCode)
        .isZero();

    final Installer.Result upgrade = install();

    assertThat(upgrade.exitCode).as("%s", upgrade).isZero();
    assertThat(upgrade.stdout).contains("replacing druid-msk-iam 0.0.9 with " + Bundle.manifest("bundle.version"));
    assertThat(kafkaFolder(home).resolve("druid-msk-iam-extension-0.0.9.jar")).doesNotExist();
    assertThat(record(kafkaFolder(home)).getProperty("replaced")).isEqualTo("aws-msk-iam-auth-2.3.6-all.jar");
    assertThat(installer.run("uninstall", "--druid-home", home.toString()).exitCode).isZero();
    assertThat(FolderSnapshot.of(home)).isEqualTo(stock);
  }

  @Test
  void uninstallWithoutAnInstallSaysSoAndChangesNothing() throws Exception
  {
    final Map<String, String> before = FolderSnapshot.of(home);

    final Installer.Result result = installer.run("uninstall", "--druid-home", home.toString());

    assertThat(result.exitCode).isZero();
    assertThat(result.stdout).contains("not installed");
    assertThat(FolderSnapshot.of(home)).isEqualTo(before);
  }

  @Test
  void dryRunPrintsTheSwapAndChangesNothing() throws Exception
  {
    final Map<String, String> before = FolderSnapshot.of(home);

    final Installer.Result result = install("--dry-run");

    assertThat(result.exitCode).as("%s", result).isZero();
    assertThat(result.stdout).contains("would run: mv " + kafkaFolder(home))
                             .contains("would be installed");
    assertThat(FolderSnapshot.of(home)).isEqualTo(before);
    assertThat(DruidHomes.list(home)).hasSize(2);
  }

  @Test
  void dryRunUninstallChangesNothing() throws Exception
  {
    install();
    final Map<String, String> installed = FolderSnapshot.of(home);

    final Installer.Result result = installer.run("uninstall", "--druid-home", home.toString(), "--dry-run");

    assertThat(result.exitCode).as("%s", result).isZero();
    assertThat(result.stdout).contains("would be uninstalled");
    assertThat(FolderSnapshot.of(home)).isEqualTo(installed);
  }

  @Test
  void quietInstallPrintsNothing() throws Exception
  {
    final Installer.Result result = install("--quiet");

    assertThat(result.exitCode).isZero();
    assertThat(result.stdout).isEmpty();
    assertThat(result.stderr).isEmpty();
  }

  @Test
  void druidHomeFromTheEnvironmentIsTheDefault() throws Exception
  {
    final Installer.Result result = installer.with("DRUID_HOME", home.toString())
                                             .run("install", "--bundle", Bundle.TARBALL.toString());

    assertThat(result.exitCode).as("%s", result).isZero();
    assertThat(kafkaFolder(home).resolve(Bundle.mskJar())).exists();
  }

  @Test
  void editLoadlistAddsTheKafkaExtensionToAnExplicitList() throws Exception
  {
    final Path common = Files.writeString(
        temp.resolve("common.runtime.properties"),
        "druid.host=localhost\ndruid.extensions.loadList=[\"druid-histogram\"]\ndruid.zk.service.host=zk\n"
    );

    final Installer.Result result = install("--edit-loadlist", common.toString());

    assertThat(result.exitCode).as("%s", result).isZero();
    assertThat(Files.readString(common)).isEqualTo(
        "druid.host=localhost\ndruid.extensions.loadList=[\"druid-histogram\", \"druid-kafka-indexing-service\"]\n"
        + "druid.zk.service.host=zk\n"
    );
  }

  @Test
  void editLoadlistLeavesAFileWithoutAnExplicitListAlone() throws Exception
  {
    final Path common = Files.writeString(temp.resolve("common.runtime.properties"), "druid.host=localhost\n");
    final Map<String, String> before = FolderSnapshot.of(temp.resolve("common.runtime.properties").getParent());

    final Installer.Result result = install("--edit-loadlist", common.toString());

    assertThat(result.stdout).contains("druid.extensions.loadList is not set");
    assertThat(FolderSnapshot.of(temp).get("common.runtime.properties"))
        .isEqualTo(before.get("common.runtime.properties"));
  }

  private Installer.Result install(String... extra) throws Exception
  {
    return installer.install(home, extra);
  }

  static Properties record(Path folder) throws IOException
  {
    final Properties record = new Properties();
    try (var in = Files.newInputStream(folder.resolve(".druid-msk-install.properties"))) {
      record.load(in);
    }
    return record;
  }
}
