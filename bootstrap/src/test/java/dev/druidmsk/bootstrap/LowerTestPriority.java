package dev.druidmsk.bootstrap;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Lowers the scheduling priority of this test JVM (nice {@value #NICENESS}) before any test runs, and with it of every
 * installer and tool process the tests start: they inherit it. In the parallel build these tests run beside the
 * integration suites, whose clusters and fault windows are timed; at equal priority on two cores they slowed those
 * suites by minutes (docs/development.md). Without renice the tests run as they are, at normal priority.
 */
public final class LowerTestPriority implements LauncherSessionListener
{
  private static final int NICENESS = 10;

  @Override
  public void launcherSessionOpened(LauncherSession session)
  {
    // Linux keeps a nice value per thread: every thread of the JVM now, and threads they start inherit it.
    final List<String> command = new ArrayList<>(List.of("renice", "-n", String.valueOf(NICENESS), "-p"));
    try (Stream<Path> threads = Files.list(Path.of("/proc/self/task"))) {
      threads.map(thread -> thread.getFileName().toString()).forEach(command::add);
      final Process renice = new ProcessBuilder(command).redirectErrorStream(true).start();
      final String output = new String(renice.getInputStream().readAllBytes()).strip();
      if (!renice.waitFor(10, TimeUnit.SECONDS) || renice.exitValue() != 0) {
        System.out.println("[bootstrap] tests at normal priority: renice failed: " + output);
      }
    }
    catch (IOException e) {
      System.out.println("[bootstrap] tests at normal priority: " + e.getMessage());
    }
    catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
