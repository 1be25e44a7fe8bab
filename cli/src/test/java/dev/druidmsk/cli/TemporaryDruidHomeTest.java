package dev.druidmsk.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The temporary Druid home validation lays out is removed afterwards. Isolated: it compares the JVM's temporary folder
 * before and after, so no other test may create or remove homes there meanwhile. (The JDK reads java.io.tmpdir once per
 * JVM, so pointing the property elsewhere would not move the home.)
 */
@Isolated
class TemporaryDruidHomeTest
{
  @TempDir
  Path dir;

  @Test
  void theTemporaryDruidHomeIsRemovedAfterValidation() throws Exception
  {
    final Set<Path> before = druidHomes();

    final Cli.Result result = new Cli().run(
        "spec", "validate", "--spec", Specs.write(dir, "spec.json", Specs.apiTelemetry()).toString()
    );

    assertThat(result.exitCode).as(result.err).isZero();
    assertThat(druidHomes()).isEqualTo(before);
  }

  private static Set<Path> druidHomes() throws IOException
  {
    try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return entries.filter(path -> path.getFileName().toString().startsWith("druid-msk-home-"))
                    .collect(Collectors.toSet());
    }
  }
}
