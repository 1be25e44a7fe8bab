package dev.druidmsk.bootstrap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static dev.druidmsk.bootstrap.DruidHomes.kafkaFolder;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGKILL at every named step of install and uninstall (the script kills itself through its test hook, so no
 * trap runs): the Kafka folder is fully old or fully new, status reports without touching anything, and the next
 * install or uninstall repairs what the crash left.
 */
class CrashSafetyIT
{
  private static final int KILLED = 128 + 9;
  private static final String RECORD = ".druid-msk-install.properties";

  /** What an uninterrupted install puts into the Kafka folder: one reference install for the whole class. */
  private static Map<String, String> installedContent;

  @TempDir
  Path temp;

  private Path home;
  private Installer installer;
  private Map<String, String> stock;

  @BeforeAll
  static void installReference(@TempDir Path referenceTemp) throws Exception
  {
    final Path reference = withForeignJar(DruidHomes.stock(referenceTemp.resolve("reference")));
    final Installer.Result referenceInstall = new Installer(referenceTemp).install(reference);
    assertThat(referenceInstall.exitCode).as("%s", referenceInstall).isZero();
    installedContent = content(kafkaFolder(reference));
  }

  @BeforeEach
  void layOutHome() throws Exception
  {
    home = withForeignJar(DruidHomes.stock(temp.resolve("druid")));
    installer = new Installer(temp);
    stock = FolderSnapshot.of(kafkaFolder(home));
  }

  /** A foreign aws-msk-iam-auth jar makes the backup step do real work. */
  private static Path withForeignJar(Path home) throws IOException
  {
    Files.writeString(kafkaFolder(home).resolve("aws-msk-iam-auth-2.3.6-all.jar"), "2.3.6");
    return home;
  }

  @ParameterizedTest
  @ValueSource(strings = {"staged", "locked", "backed-up", "built", "moved-old", "swapped", "cleaned"})
  void installKilledAtAnyStepLeavesTheFolderOldOrNew(String step) throws Exception
  {
    final Installer.Result killed = installer.with(Installer.DIE_AT, step).install(home);

    assertThat(killed.exitCode).as("killed at %s: %s", step, killed).isEqualTo(KILLED);
    if ("moved-old".equals(step)) {
      // Between the two renames of the swap the folder is away for an instant; the next run puts it back.
      assertThat(kafkaFolder(home)).doesNotExist();
    } else {
      assertOldOrNew(step);
    }
    assertStatusOnlyReports(step);
    final Installer.Result again = installer.without(Installer.DIE_AT).install(home);
    assertThat(again.exitCode).as("%s", again).isZero();
    assertThat(content(kafkaFolder(home))).isEqualTo(installedContent);
    assertNoLeftovers();
  }

  @ParameterizedTest
  @ValueSource(strings = {"locked", "built", "moved-old", "swapped", "cleaned"})
  void uninstallKilledAtAnyStepLeavesTheFolderOldOrNew(String step) throws Exception
  {
    final Installer.Result install = installer.install(home);
    assertThat(install.exitCode).as("%s", install).isZero();

    final Installer.Result killed = installer.with(Installer.DIE_AT, step)
                                             .run("uninstall", "--druid-home", home.toString());

    assertThat(killed.exitCode).as("killed at %s: %s", step, killed).isEqualTo(KILLED);
    if (!"moved-old".equals(step)) {
      assertOldOrNew(step);
    }
    assertStatusOnlyReports(step);
    final Installer.Result again = installer.without(Installer.DIE_AT)
                                            .run("uninstall", "--druid-home", home.toString());
    assertThat(again.exitCode).as("%s", again).isZero();
    assertThat(FolderSnapshot.of(kafkaFolder(home))).isEqualTo(stock);
    assertNoLeftovers();
  }

  /** status runs where Druid starts, possibly as another user: it names leftovers and never writes. */
  private void assertStatusOnlyReports(String step) throws Exception
  {
    final Map<String, String> before = FolderSnapshot.of(home);
    final List<String> workBefore = workEntries();

    final Installer.Result status = installer.without(Installer.DIE_AT).run("status", "--druid-home", home.toString());

    assertThat(status.exitCode).as("status after a kill at %s: %s", step, status).isIn(0, 6);
    assertThat(FolderSnapshot.of(home)).isEqualTo(before);
    assertThat(workEntries()).isEqualTo(workBefore);
    if (workBefore.stream().anyMatch(name -> name.startsWith("new.") || name.startsWith("old."))) {
      assertThat(status.stderr).contains("was left by an interrupted run").contains("install (or uninstall) to repair");
    }
  }

  private void assertNoLeftovers() throws IOException
  {
    assertThat(workEntries()).noneMatch(name -> name.startsWith("new.") || name.startsWith("old."));
  }

  private List<String> workEntries() throws IOException
  {
    final Path work = home.resolve(".druid-msk-install");
    if (!Files.isDirectory(work)) {
      return List.of();
    }
    return DruidHomes.list(work).stream().map(path -> path.getFileName().toString()).collect(Collectors.toList());
  }

  private void assertOldOrNew(String step) throws IOException
  {
    final Path kafka = kafkaFolder(home);
    final boolean old = FolderSnapshot.of(kafka).equals(stock);
    final boolean installed = content(kafka).equals(installedContent) && Files.exists(kafka.resolve(RECORD));
    assertThat(old || installed)
        .as("after a kill at %s the folder is fully old or fully new: %s", step, DruidHomes.list(kafka))
        .isTrue();
  }

  /** File names and digests, the install record by name only (it holds the install time). */
  private static Map<String, String> content(Path folder)
  {
    final Map<String, String> content = new TreeMap<>();
    FolderSnapshot.of(folder).forEach((name, description) -> content.put(
        name,
        RECORD.equals(name) ? "record" : description.substring(0, description.indexOf(' '))
    ));
    return content;
  }
}
