package dev.druidmsk.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static dev.druidmsk.bootstrap.DruidHomes.kafkaFolder;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox is the official image's toolset (every installer test runs in it), and the installer's life cycle
 * works there as the non-root owner of the Druid home, as the image runs it (uid 1000, druid), as well as as root.
 */
class SandboxIT extends DruidHomeTest
{
  private static final int DRUID_UID = 1000;

  @Test
  void noGnuToolIsReachableOnlyBusyboxBashAndTheJdk() throws Exception
  {
    final Installer.Result result = installer.runCommand(List.of("bash", "-c", String.join(
        "\n",
        "set -u",
        "tar --help 2>&1 | head -n 1",
        "for tool in curl gpg openssl perl python3 coreutils; do",
        "  command -v \"$tool\" && echo \"REACHABLE $tool\"",
        "done",
        "for tool in " + String.join(" ", Sandbox.APPLETS) + "; do",
        "  printf '%s -> %s\\n' \"$tool\" \"$(readlink \"$(command -v \"$tool\")\")\"",
        "done",
        "true"
    )));

    assertThat(result.exitCode).as("%s", result).isZero();
    assertThat(result.stdout).startsWith("BusyBox v").doesNotContain("REACHABLE");
    assertThat(result.stdout.lines().filter(line -> line.contains(" -> ")))
        .hasSize(Sandbox.APPLETS.size())
        .allSatisfy(line -> assertThat(line).endsWith(" -> " + Sandbox.shared().busybox));
  }

  @Test
  void lifeCycleAsTheNonRootOwnerOfTheHome() throws Exception
  {
    final Path bundle = ownedByDruid();
    installer.asUser(DRUID_UID);
    final Map<String, String> stock = FolderSnapshot.of(kafkaFolder(home));

    final long start = System.nanoTime();
    final Installer.Result install = installer.run(installArguments(bundle));
    final long installed = System.nanoTime();
    final Installer.Result rerun = installer.run(installArguments(bundle));
    final long rerunDone = System.nanoTime();
    final Installer.Result status = installer.run("status", "--druid-home", home.toString());
    final Installer.Result uninstall = installer.run("uninstall", "--druid-home", home.toString());

    assertThat(install.exitCode).as("%s", install).isZero();
    assertThat(rerun.stdout).as("%s", rerun).contains("already installed, nothing changed");
    assertThat(status.exitCode).as("%s", status).isZero();
    assertThat(uninstall.exitCode).as("%s", uninstall).isZero();
    assertThat(FolderSnapshot.of(kafkaFolder(home))).isEqualTo(stock);
    assertThat(home.resolve(".druid-msk-install")).doesNotExist();
    System.out.printf("sandbox, uid %d: install %d ms, idempotent rerun %d ms%n",
                      DRUID_UID, (installed - start) / 1_000_000, (rerunDone - installed) / 1_000_000);
  }

  @Test
  void rootInstallIntoAHomeOwnedByDruidKeepsOwnerGroupAndModeOfTheSwappedFolder() throws Exception
  {
    ownedByDruid();
    Files.setPosixFilePermissions(kafkaFolder(home), PosixFilePermissions.fromString("rwxr-x---"));

    final Installer.Result install = installer.install(home);

    assertThat(install.exitCode).as("%s", install).isZero();
    assertThat(ownerGroupMode(kafkaFolder(home))).isEqualTo("1000:1000 750");
    for (String file : List.of(Bundle.mskJar(), Bundle.extensionJar(), ".druid-msk-install.properties")) {
      assertThat(ownerGroupMode(kafkaFolder(home).resolve(file))).as(file).isEqualTo("1000:1000 644");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"077", "027"})
  void installedFilesAreWorldReadableWhateverTheCallersUmask(String umask) throws Exception
  {
    final List<String> command = List.of(
        "bash", "-c", "umask " + umask + " && exec bash \"$@\"", "umask",
        Installer.SCRIPT.toString(), "install", "--druid-home", home.toString(), "--bundle", Bundle.TARBALL.toString()
    );

    final Installer.Result install = installer.runCommand(command);

    assertThat(install.exitCode).as("%s", install).isZero();
    assertThat(ownerGroupMode(kafkaFolder(home).resolve(".druid-msk-install.properties"))).endsWith(" 644");
    assertThat(ownerGroupMode(kafkaFolder(home))).endsWith(" 755");
  }

  /** Hands the home (and a copy of the bundle) to uid 1000, reachable through world-traversable parents. */
  private Path ownedByDruid() throws Exception
  {
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
    final Path bundle = Files.copy(Bundle.TARBALL, temp.resolve(Bundle.TARBALL.getFileName()));
    Sandbox.run("chown", "-R", DRUID_UID + ":" + DRUID_UID, home.toString(), bundle.toString());
    return bundle;
  }

  private String[] installArguments(Path bundle)
  {
    return new String[]{"install", "--druid-home", home.toString(), "--bundle", bundle.toString()};
  }

  private static String ownerGroupMode(Path path)
  {
    return Sandbox.run("stat", "-c", "%u:%g %a", path.toString()).trim();
  }
}
