package dev.druidmsk.bootstrap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.druidmsk.bootstrap.DruidHomes.kafkaFolder;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two installs at once, with busybox's flock (no -w) or, without flock, the mkdir lock: the second waits for the
 * first, then finds nothing to do, or gives up after --lock-timeout naming the lock and how to find its holder.
 */
class ConcurrencyIT extends DruidHomeTest
{
  private static final int BUSY = 5;

  private final List<Installer.Running> running = new ArrayList<>();
  private Path resume;

  @BeforeEach
  void nameTheResumeFile()
  {
    resume = temp.resolve("resume");
  }

  @AfterEach
  void stopLeftoverRuns() throws InterruptedException
  {
    for (Installer.Running run : running) {
      run.process.destroyForcibly().waitFor();
    }
  }

  @Test
  void secondInstallWaitsForTheFirstAndThenChangesNothing() throws Exception
  {
    final Installer.Running first = pausedInstallHoldingTheLock();
    final Installer.Running second = start(installer, List.of());
    Thread.sleep(1500);
    assertThat(second.process.isAlive()).as("the second run waits for the lock").isTrue();

    Files.createFile(resume);
    final Installer.Result firstResult = first.await();
    final Installer.Result secondResult = second.await();

    assertThat(firstResult.exitCode).as("%s", firstResult).isZero();
    assertThat(secondResult.exitCode).as("%s", secondResult).isZero();
    assertThat(secondResult.stdout).contains("already installed, nothing changed");
    assertThat(kafkaFolder(home).resolve(Bundle.mskJar())).exists();
  }

  @Test
  void secondInstallGivesUpAfterTheLockTimeoutAndChangesNothing() throws Exception
  {
    final Installer.Running first = pausedInstallHoldingTheLock();
    final var before = FolderSnapshot.of(kafkaFolder(home));

    final Installer.Result second = start(installer, List.of("--lock-timeout", "1")).await();

    assertThat(second.exitCode).as("%s", second).isEqualTo(BUSY);
    assertThat(second.stderr)
        .contains("another druid-msk-install run holds " + home.resolve(".druid-msk-install/lock"))
        .contains("fuser " + home.resolve(".druid-msk-install/lock") + " names it")
        .contains("raise --lock-timeout");
    assertThat(FolderSnapshot.of(kafkaFolder(home))).isEqualTo(before);
    Files.createFile(resume);
    assertThat(first.await().exitCode).isZero();
  }

  @Test
  void withoutFlockTheSecondInstallStillWaitsForTheFirst() throws Exception
  {
    installer.with("PATH", pathWithoutFlock());
    final Installer.Running first = pausedInstallHoldingTheLock();
    final Installer.Running second = start(installer, List.of());
    Thread.sleep(2500);
    assertThat(second.process.isAlive()).as("the second run waits for the mkdir lock").isTrue();

    Files.createFile(resume);

    assertThat(first.await().exitCode).isZero();
    final Installer.Result secondResult = second.await();
    assertThat(secondResult.exitCode).as("%s", secondResult).isZero();
    assertThat(secondResult.stdout).contains("already installed, nothing changed");
  }

  @Test
  void withoutFlockALockLeftByAKilledRunIsTakenOver() throws Exception
  {
    installer.with("PATH", pathWithoutFlock());
    assertThat(installer.with(Installer.DIE_AT, "built").install(home).exitCode).isEqualTo(128 + 9);
    assertThat(home.resolve(".druid-msk-install/lock.d")).isDirectory();

    final Installer.Result next = installer.without(Installer.DIE_AT).install(home, "--lock-timeout", "5");

    assertThat(next.exitCode).as("%s", next).isZero();
    assertThat(kafkaFolder(home).resolve(Bundle.mskJar())).exists();
    assertThat(home.resolve(".druid-msk-install/lock.d")).doesNotExist();
  }

  /** A PATH with every command of this machine but flock, so the script falls back to its mkdir lock. */
  private String pathWithoutFlock() throws IOException
  {
    final Path bin = Files.createDirectories(temp.resolve("bin-without-flock"));
    for (String folder : System.getenv("PATH").split(":")) {
      final Path dir = Path.of(folder);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      for (Path command : DruidHomes.list(dir)) {
        final Path link = bin.resolve(command.getFileName());
        if (!"flock".equals(command.getFileName().toString()) && !Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
          Files.createSymbolicLink(link, command);
        }
      }
    }
    return bin.toString();
  }

  private Installer.Running pausedInstallHoldingTheLock() throws Exception
  {
    final Installer.Running first = start(
        installer.with(Installer.PAUSE_AT, "built").with(Installer.RESUME_FILE, resume.toString()),
        List.of()
    );
    installer.without(Installer.PAUSE_AT);
    final long deadline = System.nanoTime() + 60_000_000_000L;
    while (!first.stderrSoFar().contains("test-hook: paused at built")) {
      assertThat(first.process.isAlive()).as("first run alive: %s", first.stderrSoFar()).isTrue();
      assertThat(System.nanoTime()).as("first run reached the pause").isLessThan(deadline);
      Thread.sleep(50);
    }
    return first;
  }

  private Installer.Running start(Installer runner, List<String> extra) throws IOException
  {
    final Installer.Running run = runner.start(Installer.installArguments(home, extra.toArray(new String[0])));
    running.add(run);
    return run;
  }
}
