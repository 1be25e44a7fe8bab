package dev.druidmsk.quickstart;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the quickstart's JVM runs with (target/quickstart.classpath, written by the build for ./quickstart). */
class QuickstartClasspathTest
{
  /** Without a backend, SLF4J prints its "NOP logger" notice to the user of the demo. */
  @Test
  void kafkaClientsLogThroughARealSlf4jBackend() throws Exception
  {
    final List<String> jars = Arrays.asList(
        Files.readString(Path.of("target", "quickstart.classpath")).strip().split(File.pathSeparator)
    );

    assertThat(jars).anyMatch(jar -> Path.of(jar).getFileName().toString().startsWith("slf4j-simple-"));
    assertThat(jars).anyMatch(jar -> Path.of(jar).getFileName().toString().startsWith("slf4j-api-"));
  }
}
