package dev.druidmsk.localmsk;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** bin/local-msk is shellcheck-clean. Without shellcheck the test fails: CI installs it, and so must a developer. */
class LauncherScriptTest
{
  private static final String SCRIPT = "src/main/dist/bin/local-msk";

  @Test
  void launcherIsShellcheckClean() throws Exception
  {
    final Process shellcheck;
    try {
      shellcheck = new ProcessBuilder("shellcheck", "--shell=bash", "--severity=style", SCRIPT)
          .redirectErrorStream(true)
          .start();
    }
    catch (IOException e) {
      fail("shellcheck is not installed, so " + SCRIPT + " cannot be checked: apt-get install shellcheck");
      return;
    }
    final String findings = new String(shellcheck.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(shellcheck.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(shellcheck.exitValue()).as("shellcheck findings:%n%s", findings).isZero();
  }
}
