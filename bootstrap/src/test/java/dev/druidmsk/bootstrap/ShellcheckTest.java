package dev.druidmsk.bootstrap;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bash script of bootstrap/ is shellcheck-clean. Without shellcheck the test fails rather than skips: an
 * unchecked script must not pass as a clean one (.ci/run installs it).
 */
class ShellcheckTest
{
  @Test
  void everyScriptIsShellcheckClean() throws Exception
  {
    assertThat(shellcheckIsInstalled())
        .as("shellcheck is not installed here, so the scripts cannot be checked: apt-get install shellcheck")
        .isTrue();
    final List<String> command = new ArrayList<>(List.of("shellcheck", "--shell=bash", "--severity=style"));
    final List<String> scripts = scripts();
    command.addAll(scripts);

    final Process shellcheck = new ProcessBuilder(command).redirectErrorStream(true).start();
    final String findings = new String(shellcheck.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(shellcheck.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(scripts).anyMatch(script -> script.endsWith("/druid-msk-install"));
    assertThat(shellcheck.exitValue()).as("shellcheck findings:%n%s", findings).isZero();
  }

  /** The installer and every *.sh file, by path. */
  private static List<String> scripts() throws Exception
  {
    try (Stream<Path> files = Files.walk(Installer.BOOTSTRAP_DIR)) {
      return files.filter(file -> !file.startsWith(Installer.BOOTSTRAP_DIR.resolve("target")))
                  .filter(file -> file.getFileName().toString().endsWith(".sh")
                                  || file.equals(Installer.SCRIPT))
                  .map(Path::toString)
                  .sorted()
                  .collect(Collectors.toList());
    }
  }

  private static boolean shellcheckIsInstalled()
  {
    try {
      return new ProcessBuilder("shellcheck", "--version").start().waitFor() == 0;
    }
    catch (Exception e) {
      return false;
    }
  }
}
