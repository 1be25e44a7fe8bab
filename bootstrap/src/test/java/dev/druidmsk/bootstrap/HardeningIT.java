package dev.druidmsk.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

import static dev.druidmsk.bootstrap.DruidHomes.kafkaFolder;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What could turn the installer against its host, or stop it where Druid runs: crafted manifests, a work folder
 * redirected by a symlink or owned by another user, a bundle path that changes between reads, links that only
 * show after extraction, and the "Picked up ..." lines Java agents add to {@code java -version}.
 */
class HardeningIT extends DruidHomeTest
{
  private static final int PRECONDITION = 3;
  private static final int BUNDLE = 4;
  private static final String WORK = ".druid-msk-install";

  @ParameterizedTest
  @ValueSource(strings = {"JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS"})
  void javaVersionIsReadPastThePickedUpBannerOfAgentOptions(String variable) throws Exception
  {
    final Installer.Result result = installer.with(variable, "-Xss2m").install(home);

    assertThat(result.exitCode).as("%s", result).isZero();
    assertThat(kafkaFolder(home).resolve(Bundle.mskJar())).exists();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "java.minimum.version | a[$(touch MARKER)]",
      "java.minimum.version | 17$(touch MARKER)",
      "druid.version        | 33.0.0$(touch MARKER)",
      "bundle.version       | 0.1.0`touch MARKER`",
      "extension.jar        | ../../../MARKER.jar",
      "targets.required     | ../../MARKER",
      "targets.optional     | kafka-emitter,../../MARKER"
  })
  void craftedManifestFieldIsRefusedAndRunsNothingEvenInADryRun(String key, String value) throws Exception
  {
    final Path marker = temp.resolve("marker");
    final Path crafted = Bundle.withManifestValue(
        Files.createDirectories(temp.resolve("crafted")), key, value.replace("MARKER", marker.toString())
    );
    final Map<String, String> before = FolderSnapshot.of(home);

    final Installer.Result result = installer.run("install", "--druid-home", home.toString(),
                                                  "--bundle", crafted.toString(), "--dry-run");

    assertThat(result.exitCode).as("%s", result).isEqualTo(BUNDLE);
    assertThat(result.stderr).contains("the bundle manifest's " + key + " is not a valid value")
                             .contains("fix: use a bundle built by druid-msk-iam-extension");
    assertThat(marker).doesNotExist();
    assertThat(Files.exists(marker.resolveSibling("marker.jar"))).isFalse();
    assertThat(FolderSnapshot.of(home)).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(strings = {"install", "uninstall", "status"})
  void installRecordEditedToNameAPathOutsideTheFolderIsRefused(String command) throws Exception
  {
    assertThat(installer.install(home).exitCode).isZero();
    final Path victim = Files.writeString(temp.resolve("victim.jar"), "not ours");
    final Path record = kafkaFolder(home).resolve(".druid-msk-install.properties");
    Files.writeString(record, Files.readString(record).replaceFirst("(?m)^files=", "files=../../../victim.jar,"));
    final Map<String, String> before = FolderSnapshot.of(kafkaFolder(home));

    final Installer.Result result = "install".equals(command)
                                    ? installer.install(home)
                                    : installer.run(command, "--druid-home", home.toString());

    assertThat(result.exitCode).as("%s", result).isEqualTo(PRECONDITION);
    assertThat(result.stderr).contains("lists '../../../victim.jar' in files, which is not a jar name");
    assertThat(victim).exists();
    assertThat(FolderSnapshot.of(kafkaFolder(home))).isEqualTo(before);
  }

  @Test
  void targetsNamingAPathIsAUsageError() throws Exception
  {
    final Installer.Result result = installer.install(home, "--targets", "../lib");

    assertThat(result.exitCode).as("%s", result).isEqualTo(2);
    assertThat(result.stderr).contains("--targets names '../lib', which is not an extension folder name");
    assertThat(home.resolve(WORK)).doesNotExist();
  }

  @Test
  void workFolderThatIsASymlinkIsRefused() throws Exception
  {
    final Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
    Files.createSymbolicLink(home.resolve(WORK), elsewhere);

    final Installer.Result result = installer.install(home);

    assertThat(result.exitCode).as("%s", result).isEqualTo(PRECONDITION);
    assertThat(result.stderr).contains(WORK + " is a symlink").contains("fix: run as the user that ran the install");
    assertThat(DruidHomes.list(elsewhere)).isEmpty();
    assertThat(kafkaFolder(home).resolve(Bundle.mskJar())).doesNotExist();
  }

  @Test
  void symlinkPlantedAsALeftoverIsNotMovedIntoTheExtensions() throws Exception
  {
    // A leftover "moved aside" folder would be moved back into extensions/: planted as a symlink, it would make an
    // extension folder point wherever the planter likes.
    final Path planted = Files.createDirectories(temp.resolve("planted"));
    Files.createDirectories(home.resolve(WORK));
    Files.createSymbolicLink(home.resolve(WORK).resolve("old.kafka-emitter"), planted);

    final Installer.Result result = installer.install(home);

    assertThat(result.exitCode).as("%s", result).isEqualTo(PRECONDITION);
    assertThat(result.stderr).contains("old.kafka-emitter is a symlink");
    assertThat(home.resolve("extensions/kafka-emitter")).doesNotExist();
    assertThat(Files.isSymbolicLink(home.resolve(WORK).resolve("old.kafka-emitter"))).isTrue();
  }

  @Test
  void workFolderOwnedByAnotherUserIsRefused() throws Exception
  {
    Files.createDirectories(home.resolve(WORK).resolve("backup"));
    Sandbox.run("chown", "-R", "1000:1000", home.resolve(WORK).toString());

    final Installer.Result result = installer.install(home);

    assertThat(result.exitCode).as("%s", result).isEqualTo(PRECONDITION);
    assertThat(result.stderr).contains("a folder not owned by uid 0");
    assertThat(kafkaFolder(home).resolve(Bundle.mskJar())).doesNotExist();
  }

  @Test
  void statusWritesNothingEvenWithLeftoversToRepair() throws Exception
  {
    assertThat(installer.install(home).exitCode).isZero();
    final Path leftover = Files.createDirectories(home.resolve(WORK).resolve("new." + DruidHomes.KAFKA));
    Files.writeString(leftover.resolve("half-built.jar"), "half");
    final Map<String, String> before = FolderSnapshot.of(home);

    final Installer.Result status = installer.run("status", "--druid-home", home.toString());

    assertThat(status.exitCode).as("%s", status).isZero();
    assertThat(status.stderr).contains("was left by an interrupted run");
    assertThat(FolderSnapshot.of(home)).isEqualTo(before);
  }

  @Test
  void statusOfAHomeNeverInstalledCreatesNoWorkFolder() throws Exception
  {
    final Installer.Result status = installer.run("verify", "--druid-home", home.toString());

    assertThat(status.exitCode).as("%s", status).isEqualTo(6);
    assertThat(home.resolve(WORK)).doesNotExist();
  }

  @Test
  void everyReadOfTheBundleIsOfOnePrivateCopy() throws Exception
  {
    final Path tarCalls = temp.resolve("tar-calls.txt");
    final Path bin = temp.resolve("bin");
    PathShims.recordingTar(bin, tarCalls);

    final Installer.Result result = installer.with("PATH", PathShims.path(bin)).install(home);

    assertThat(result.exitCode).as("%s", result).isZero();
    assertThat(Files.readAllLines(tarCalls)).hasSizeGreaterThanOrEqualTo(3)
                                            .noneMatch(call -> call.contains(Bundle.TARBALL.toString()))
                                            .allMatch(call -> call.contains("/bundle.tar.gz"));
  }

  @Test
  void hardLinkHiddenFromTheListingIsRefusedAfterExtraction() throws Exception
  {
    final Path linked = Bundle.altered(
        Files.createDirectories(temp.resolve("linked")),
        folder -> Files.createLink(folder.resolve("licenses/zz-copy.txt"), folder.resolve("NOTICE.txt"))
    );
    final Path bin = temp.resolve("bin");
    PathShims.tarListingWithoutLinks(bin);
    final Map<String, String> before = FolderSnapshot.of(home);

    final Installer.Result result = installer.with("PATH", PathShims.path(bin)).run(
        "install", "--druid-home", home.toString(), "--bundle", linked.toString()
    );

    assertThat(result.exitCode).as("%s", result).isEqualTo(BUNDLE);
    assertThat(result.stderr).contains("it unpacked to a link or special file")
                             .containsPattern("(NOTICE|zz-copy)\\.txt");
    assertThat(FolderSnapshot.of(home)).isEqualTo(before);
    assertThat(Files.exists(home.resolve(WORK), LinkOption.NOFOLLOW_LINKS)).isFalse();
  }
}
