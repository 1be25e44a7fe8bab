package dev.druidmsk.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark: wall time of a fresh install and of an idempotent rerun, printed (no timed assertion). Isolated: the
 * other installer tests run concurrently, and the figures are of the installer alone.
 */
@Isolated
class InstallTimingIT
{
  private static final int ROUNDS = 5;

  @TempDir
  Path temp;

  @Test
  void printsInstallAndRerunWallTimes() throws Exception
  {
    final Installer installer = new Installer(temp);
    long installNanos = 0;
    long rerunNanos = 0;
    for (int round = 0; round < ROUNDS; round++) {
      final Path home = DruidHomes.stock(temp.resolve("druid-" + round));
      final long start = System.nanoTime();
      assertThat(installer.install(home).exitCode).isZero();
      final long installed = System.nanoTime();
      assertThat(installer.install(home).stdout).contains("nothing changed");
      rerunNanos += System.nanoTime() - installed;
      installNanos += installed - start;
    }
    System.out.printf(
        "druid-msk-install wall time over %d rounds: install %d ms, idempotent rerun %d ms (mean)%n",
        ROUNDS,
        installNanos / ROUNDS / 1_000_000,
        rerunNanos / ROUNDS / 1_000_000
    );
  }
}
