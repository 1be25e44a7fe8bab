package dev.druidmsk.bootstrap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.druidmsk.bootstrap.DruidHomes.kafkaFolder;
import static org.assertj.core.api.Assertions.assertThat;

/** Every refusal: a clear error naming the fix, the documented exit code, and a Druid home left as it was. */
class PreconditionIT extends DruidHomeTest
{
  private static final int USAGE = 2;
  private static final int PRECONDITION = 3;
  private static final int BUNDLE = 4;

  private Map<String, String> before;

  @BeforeEach
  void snapshotHome()
  {
    before = FolderSnapshot.of(home);
  }

  @Test
  void tamperedBundleIsRefusedAndNothingChanges() throws Exception
  {
    final Path tampered = Bundle.tampered(Files.createDirectories(temp.resolve("tampered")));

    final Installer.Result result = installer.run(installArguments(tampered));

    assertThat(result.exitCode).as("%s", result).isEqualTo(BUNDLE);
    assertThat(result.stderr).contains("does not match its SHA256SUMS").contains("fix: download the bundle again");
    assertUnchanged();
  }

  @Test
  void bundleContainingALinkIsRefusedBeforeExtraction() throws Exception
  {
    final Path linked = Bundle.withLink(Files.createDirectories(temp.resolve("linked")));

    final Installer.Result result = installer.run(installArguments(linked));

    assertThat(result.exitCode).as("%s", result).isEqualTo(BUNDLE);
    assertThat(result.stderr).contains("is not a druid-msk bundle (one top folder, plain files");
    assertUnchanged();
  }

  @Test
  void bundleWhoseDigestDiffersFromThePinnedOneIsRefused() throws Exception
  {
    final String wrong = "0".repeat(64);

    final Installer.Result result = installer.install(home, "--sha256", wrong);

    assertThat(result.exitCode).as("%s", result).isEqualTo(BUNDLE);
    assertThat(result.stderr).contains("--sha256 pins " + wrong);
    assertUnchanged();
  }

  @Test
  void bundleMatchingThePinnedDigestIsInstalled() throws Exception
  {
    final Installer.Result result = installer.install(home, "--sha256",
                                                      FolderSnapshot.sha256(Bundle.TARBALL).toUpperCase());

    assertThat(result.exitCode).as("%s", result).isZero();
    assertThat(kafkaFolder(home).resolve(Bundle.mskJar())).exists();
  }

  @Test
  void missingDruidHomeIsRefusedWithTheFix() throws Exception
  {
    final Installer.Result result = installer.install(temp.resolve("no-such-home"));

    assertThat(result.exitCode).as("%s", result).isEqualTo(PRECONDITION);
    assertThat(result.stderr).contains("does not exist").contains("fix: pass --druid-home");
  }

  @Test
  void noDruidHomeAtAllNamesBothWaysToGiveIt() throws Exception
  {
    final Installer.Result result = installer.run("install", "--bundle", Bundle.TARBALL.toString());

    assertThat(result.exitCode).isEqualTo(PRECONDITION);
    assertThat(result.stderr).contains("pass --druid-home DIR or set DRUID_HOME");
  }

  @Test
  void homeWithoutTheKafkaExtensionIsRefused() throws Exception
  {
    Files.walk(kafkaFolder(home)).sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
    before = FolderSnapshot.of(home);

    final Installer.Result result = installer.install(home);

    assertThat(result.exitCode).as("%s", result).isEqualTo(PRECONDITION);
    assertThat(result.stderr).contains("has no druid-kafka-indexing-service folder");
    assertUnchanged();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "openjdk version \"11.0.22\" 2024-01-16 | 11",
      "java version \"1.8.0_392\"              | 8"
  })
  void javaOlderThanTheBundleNeedsIsRefused(String banner, String major) throws Exception
  {
    final Path oldJava = fakeJava(banner);

    final Installer.Result result = installer.install(home, "--java", oldJava.toString());

    assertThat(result.exitCode).as("%s", result).isEqualTo(PRECONDITION);
    assertThat(result.stderr).contains("is Java " + major + "; aws-msk-iam-auth needs Java 17 or later")
                             .contains("fix: run Druid on Java 17+");
    assertUnchanged();
  }

  @Test
  void javaHomeIsTheJavaCheckedByDefault() throws Exception
  {
    final Path fakeHome = Files.createDirectories(temp.resolve("jdk11/bin"));
    Files.move(fakeJava("openjdk version \"11.0.22\" 2024-01-16"), fakeHome.resolve("java"));

    final Installer.Result result = installer.with("JAVA_HOME", fakeHome.getParent().toString()).install(home);

    assertThat(result.exitCode).isEqualTo(PRECONDITION);
    assertThat(result.stderr).contains(fakeHome.resolve("java") + " is Java 11");
  }

  @Test
  void druidVersionOtherThanTheBundlesIsRefused() throws Exception
  {
    renameDruidServerJar("druid-server-32.0.1.jar");

    final Installer.Result result = installer.install(home);

    assertThat(result.exitCode).as("%s", result).isEqualTo(PRECONDITION);
    assertThat(result.stderr).contains("Druid in " + home.toRealPath() + " is 32.0.1")
                             .contains("pass --force to install anyway");
    assertUnchanged();
  }

  @Test
  void druidVersionMismatchIsOnlyAWarningWithForce() throws Exception
  {
    renameDruidServerJar("druid-server-32.0.1.jar");

    final Installer.Result result = installer.install(home, "--force");

    assertThat(result.exitCode).as("%s", result).isZero();
    assertThat(result.stderr).contains("warning: Druid in").contains("(--force)");
    assertThat(kafkaFolder(home).resolve(Bundle.mskJar())).exists();
  }

  @Test
  void readOnlyHomeIsRefusedAndNothingChanges() throws Exception
  {
    final List<String> command = new ArrayList<>();
    if ("root".equals(System.getProperty("user.name"))) {
      // root writes anywhere: run the installer as nobody, for whom the root-owned home is read-only.
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
      command.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
    } else {
      makeReadOnly(home);
    }
    command.add("bash");
    command.add(Installer.SCRIPT.toString());
    command.addAll(Installer.installArguments(home));

    final Installer.Result result = installer.with("TMPDIR", "/tmp").runCommand(command);

    assertThat(result.exitCode).as("%s", result).isEqualTo(PRECONDITION);
    assertThat(result.stderr).contains("cannot write to").contains("fix: run as the owner of the Druid home");
    assertUnchanged();
  }

  @Test
  void tooLittleFreeSpaceIsRefused() throws Exception
  {
    // df reporting 10 KiB free on the Druid home's filesystem (the bundle still has room to unpack elsewhere).
    final Path bin = temp.resolve("bin");
    PathShims.df(bin, "/extensions", 10);

    final Installer.Result result = installer.with("PATH", PathShims.path(bin)).install(home);

    assertThat(result.exitCode).as("%s", result).isEqualTo(PRECONDITION);
    assertThat(result.stderr).containsPattern("10 KiB free on the filesystem of .*/extensions, \\d+ KiB needed")
                             .contains("fix: free some space");
    assertUnchanged();
  }

  @Test
  void editLoadlistOfAMissingFileIsRefusedBeforeAnyChange() throws Exception
  {
    final Installer.Result result = installer.install(home, "--edit-loadlist", temp.resolve("nope").toString());

    assertThat(result.exitCode).as("%s", result).isEqualTo(PRECONDITION);
    assertThat(result.stderr).contains("--edit-loadlist: " + temp.resolve("nope") + " does not exist");
    assertUnchanged();
  }

  @Test
  void unknownOptionIsAUsageError() throws Exception
  {
    final Installer.Result result = installer.install(home, "--frobnicate");

    assertThat(result.exitCode).isEqualTo(USAGE);
    assertThat(result.stderr).contains("unknown option '--frobnicate'").contains("--help");
    assertUnchanged();
  }

  @Test
  void fromMavenWithoutARepositoryNamesTheFix() throws Exception
  {
    final Installer.Result result = installer.without("DRUID_MSK_MAVEN_REPO").run(
        "install", "--druid-home", home.toString(), "--from-maven", "0.1.0"
    );

    assertThat(result.exitCode).isEqualTo(USAGE);
    assertThat(result.stderr).contains("--from-maven needs a Maven repository URL")
                             .contains("pass --maven-repo URL (your repository or mirror) or set DRUID_MSK_MAVEN_REPO");
    assertUnchanged();
  }

  @Test
  void helpDocumentsEveryExitCode() throws Exception
  {
    final Installer.Result result = installer.run("--help");

    assertThat(result.exitCode).isZero();
    for (int code = 0; code <= 7; code++) {
      assertThat(result.stdout).containsPattern("(?m)^  " + code + "  \\S");
    }
  }

  private String[] installArguments(Path bundle)
  {
    return new String[]{"install", "--druid-home", home.toString(), "--bundle", bundle.toString()};
  }

  private void assertUnchanged()
  {
    assertThat(FolderSnapshot.of(home)).isEqualTo(before);
    assertThat(home.resolve(".druid-msk-install/backup")).doesNotExist();
  }

  private Path fakeJava(String banner) throws IOException
  {
    final Path java = temp.resolve("java-" + banner.hashCode());
    Files.writeString(java, "#!/usr/bin/env bash\necho '" + banner + "' >&2\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    return java;
  }

  private void renameDruidServerJar(String name) throws IOException
  {
    for (Path jar : DruidHomes.list(home.resolve("lib"))) {
      Files.move(jar, jar.resolveSibling(name));
    }
    before = FolderSnapshot.of(home);
  }

  private static void makeReadOnly(Path home) throws IOException
  {
    for (Path folder : List.of(home, home.resolve("extensions"), kafkaFolder(home))) {
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
    }
  }
}
