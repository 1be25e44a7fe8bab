package dev.druidmsk.cli.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.druidmsk.templates.validation.ValidationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Isolated: other test classes validating with homes of their own could otherwise evict this one's in between. */
@Isolated
class LoadedDruidHomesTest
{
  private static final Path STOCK = Path.of(System.getProperty(DruidHome.STOCK_HOME_PROPERTY));
  private static final String KAFKA = "extensions/" + DruidHome.KAFKA_EXTENSION;

  @TempDir
  Path home;

  @Test
  void aHomeIsLoadedOnceForManyValidations() throws Exception
  {
    linkStockHome();

    assertThat(LoadedDruidHomes.validator(home)).isSameAs(LoadedDruidHomes.validator(home));
  }

  @Test
  void anExtensionInstalledInPlaceBetweenTwoValidationsIsValidatedWith() throws Exception
  {
    linkStockHome();
    final JsonNode spec = apiTelemetry();
    assertThat(LoadedDruidHomes.validate(spec, home).ok()).as("without the extension").isFalse();

    try (Stream<Path> jars = Files.list(Path.of(System.getProperty(DruidHome.EXTENSION_DIR_PROPERTY)))) {
      for (Path jar : jars.toList()) {
        Files.createSymbolicLink(home.resolve(KAFKA).resolve(jar.getFileName().toString()), jar);
      }
    }

    final ValidationResult result = LoadedDruidHomes.validate(spec, home);
    assertThat(result.ok()).as("with the extension: %s", result.problems()).isTrue();
  }

  /** lib/ and every extension folder's jars linked from the build's stock home. */
  private void linkStockHome() throws IOException
  {
    Files.createSymbolicLink(home.resolve("lib"), STOCK.resolve("lib"));
    try (Stream<Path> folders = Files.list(STOCK.resolve("extensions"))) {
      for (Path folder : folders.toList()) {
        final Path target = Files.createDirectories(home.resolve("extensions").resolve(folder.getFileName().toString()));
        try (Stream<Path> jars = Files.list(folder)) {
          for (Path jar : jars.toList()) {
            Files.createSymbolicLink(target.resolve(jar.getFileName().toString()), jar);
          }
        }
      }
    }
  }

  private static JsonNode apiTelemetry() throws IOException
  {
    try (InputStream in = LoadedDruidHomesTest.class.getResourceAsStream("/dev/druidmsk/cli/api-telemetry.json")) {
      return new ObjectMapper().readTree(in);
    }
  }
}
