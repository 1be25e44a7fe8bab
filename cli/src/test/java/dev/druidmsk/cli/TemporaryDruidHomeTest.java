package dev.druidmsk.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The temporary Druid home validation lays out is removed afterwards. Isolated: it points java.io.tmpdir, a JVM-wide
 * setting, at a folder of its own while the other test classes run concurrently.
 */
@Isolated
class TemporaryDruidHomeTest
{
  @TempDir
  Path dir;

  @Test
  void theTemporaryDruidHomeIsRemovedAfterValidation() throws Exception
  {
    final Path tmp = Files.createDirectories(dir.resolve("tmp"));
    final String saved = System.getProperty("java.io.tmpdir");
    System.setProperty("java.io.tmpdir", tmp.toString());
    try {
      new Cli().run("spec", "validate", "--spec", Specs.write(dir, "spec.json", Specs.apiTelemetry()).toString());
    }
    finally {
      System.setProperty("java.io.tmpdir", saved);
    }
    try (var left = Files.list(tmp)) {
      assertThat(left.filter(path -> path.getFileName().toString().startsWith("druid-msk-home-"))).isEmpty();
    }
  }
}
